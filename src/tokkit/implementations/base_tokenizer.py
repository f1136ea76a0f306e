"""BaseTokenizer: HF's ``implementations.BaseTokenizer``, a thin wrapper that delegates to a Tokenizer.

The ready-made tokenizers (BertWordPieceTokenizer, ByteLevelBPETokenizer...)
subclass it: each builds a :class:`~tokkit.Tokenizer` from its recipe and keeps
the recipe's arguments in ``parameters`` for ``repr``.  Every method forwards
to the wrapped tokenizer, with HF's argument names and defaults.

>>> from tokkit import Tokenizer, models
>>> tokenizer = BaseTokenizer(Tokenizer(models.WordLevel({"hi": 0, "[UNK]": 1}, unk_token="[UNK]")))
>>> tokenizer.encode("hi").tokens, tokenizer
(['hi'], Tokenizer(vocabulary_size=2, ))
"""

from __future__ import annotations

import asyncio
from typing import Any, Optional, Sequence, Union, cast

from .. import models
from .._errors import ConfigurationError
from ..added_tokens import AddedToken
from ..encoding import Encoding
from ..protocols import Decoder, Model, Normalizer, PostProcessor, PreTokenizer
from .._encode.inputs import EncodeInput
from ..tokenizer import Tokenizer

__all__ = ["BaseTokenizer", "NoNormalizerError", "Offsets"]

Offsets = tuple[int, int]


class NoNormalizerError(ConfigurationError, AttributeError):
    """``normalize`` on a tokenizer without a normalizer (HF fails with an AttributeError on None)."""


class BaseTokenizer:
    """A Tokenizer behind HF's ``BaseTokenizer`` interface.

    Args:
        tokenizer: the tokenizer every method delegates to.
        parameters: the recipe's arguments, shown by ``repr``.

    >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
    >>> t.encode("hi").ids, t.get_vocab_size()
    ([1], 2)

    The components are the wrapped tokenizer's (read and set through it):

    >>> import asyncio, os, tempfile
    >>> from tokkit import decoders, normalizers, pre_tokenizers, processors
    >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1, "[SEP]": 2}, unk_token="[UNK]")))
    >>> t.normalizer = normalizers.Lowercase(); t.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> t.post_processor = processors.TemplateProcessing(single="$A [SEP]", special_tokens=[("[SEP]", 2)])
    >>> t.decoder = decoders.WordPiece()
    >>> [type(c).__name__ for c in (t.model, t.normalizer, t.pre_tokenizer, t.post_processor, t.decoder)]
    ['WordLevel', 'Lowercase', 'Whitespace', 'TemplateProcessing', 'WordPiece']
    >>> t.normalize("Hi You"), t.post_process(t.encode("hi", add_special_tokens=False)).tokens
    ('hi you', ['hi', '[SEP]'])
    >>> t.enable_padding(length=4); t.enable_truncation(3); t.padding["length"], t.truncation["max_length"]
    (4, 3)
    >>> t.no_padding(); t.no_truncation(); t.padding, t.truncation
    (None, None)
    >>> async def main():
    ...     batch = await t.async_encode_batch(["hi you"])
    ...     fast = await t.async_encode_batch_fast(["you hi"])
    ...     return [e.ids for e in batch + fast], await t.async_decode_batch([[1, 1, 2]])
    >>> asyncio.run(main())
    ([[1, 0, 2], [0, 1, 2]], ['hi hi [SEP]'])
    >>> folder = tempfile.mkdtemp(); t.save(os.path.join(folder, "tokenizer.json"))
    >>> [os.path.basename(path) for path in t.save_model(folder, prefix="wl")], sorted(os.listdir(folder))
    (['wl-vocab.json'], ['tokenizer.json', 'wl-vocab.json'])
    """

    def __init__(self, tokenizer: Tokenizer, parameters: Optional[dict[str, Any]] = None) -> None:
        self._tokenizer = tokenizer
        self._parameters = parameters if parameters is not None else {}

    def __repr__(self) -> str:
        # HF's format: str() of each parameter (an AddedToken shows as its content, None as None).
        shown = ", ".join(f"{key}={value}" for key, value in self._parameters.items())
        return f"Tokenizer(vocabulary_size={self._tokenizer.get_vocab_size()}, {shown})"

    # -- vocabulary ---------------------------------------------------------------------
    def num_special_tokens_to_add(self, is_pair: bool) -> int:
        """How many special tokens the post-processor adds to a single sequence or a pair.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.num_special_tokens_to_add(is_pair=True)
        0
        """
        return self._tokenizer.num_special_tokens_to_add(is_pair)

    def get_vocab(self, with_added_tokens: bool = True) -> dict[str, int]:
        """The vocabulary (token -> id), with the added tokens unless ``with_added_tokens=False``.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.get_vocab()
        {'[UNK]': 0, 'hi': 1}
        """
        return self._tokenizer.get_vocab(with_added_tokens=with_added_tokens)

    def get_added_tokens_decoder(self) -> dict[int, AddedToken]:
        """The added tokens by id.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.add_special_tokens(["[SEP]"])
        1
        >>> t.get_added_tokens_decoder()
        {2: AddedToken("[SEP]", rstrip=False, lstrip=False, single_word=False, normalized=False, special=True)}
        """
        return self._tokenizer.get_added_tokens_decoder()

    def get_vocab_size(self, with_added_tokens: bool = True) -> int:
        """The size of the vocabulary, with the added tokens unless ``with_added_tokens=False``.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.add_tokens(["new"]), t.get_vocab_size(), t.get_vocab_size(with_added_tokens=False)
        (1, 3, 2)
        """
        return self._tokenizer.get_vocab_size(with_added_tokens=with_added_tokens)

    def add_tokens(self, tokens: Sequence[Union[str, AddedToken]]) -> int:
        """Add tokens to the vocabulary; returns how many were new.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.add_tokens(["new", "hi"]), t.encode("new").ids
        (2, [2])
        """
        return self._tokenizer.add_tokens(tokens)

    def add_special_tokens(self, special_tokens: Sequence[Union[str, AddedToken]]) -> int:
        """Add special tokens (never split, skipped by ``decode``); returns how many were new.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.add_special_tokens(["[SEP]"]), t.get_added_tokens_decoder()[2].special
        (1, True)
        """
        return self._tokenizer.add_special_tokens(special_tokens)

    def token_to_id(self, token: str) -> Optional[int]:
        """The id of ``token``, or None.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.token_to_id("hi"), t.token_to_id("nope")
        (1, None)
        """
        return self._tokenizer.token_to_id(token)

    def id_to_token(self, id: int) -> Optional[str]:  # noqa: A002 - HF's argument name
        """The token of ``id``, or None.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.id_to_token(1), t.id_to_token(7)
        ('hi', None)
        """
        return self._tokenizer.id_to_token(id)

    # -- padding and truncation -----------------------------------------------------------
    def enable_padding(
        self,
        direction: str = "right",
        pad_to_multiple_of: Optional[int] = None,
        pad_id: int = 0,
        pad_type_id: int = 0,
        pad_token: str = "[PAD]",
        length: Optional[int] = None,
    ) -> None:
        """Pad every encoding (to ``length``, or to the longest of a batch), as ``Tokenizer.enable_padding``.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.enable_padding(length=3)
        >>> e = t.encode("hi")
        >>> e.ids, e.attention_mask
        ([1, 0, 0], [1, 0, 0])
        """
        self._tokenizer.enable_padding(direction=direction, pad_to_multiple_of=pad_to_multiple_of, pad_id=pad_id,
                                       pad_type_id=pad_type_id, pad_token=pad_token, length=length)

    def no_padding(self) -> None:
        """Disable padding."""
        self._tokenizer.no_padding()

    @property
    def padding(self) -> Optional[dict[str, Any]]:
        """The padding parameters, or None when padding is off."""
        return self._tokenizer.padding

    def enable_truncation(self, max_length: int, stride: int = 0, strategy: str = "longest_first") -> None:
        """Truncate every encoding to ``max_length``, as ``Tokenizer.enable_truncation``.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.add_tokens(["a", "b"])
        2
        >>> t.enable_truncation(max_length=2)
        >>> t.encode("abhi").tokens
        ['a', 'b']
        """
        self._tokenizer.enable_truncation(max_length, stride=stride, strategy=strategy)

    def no_truncation(self) -> None:
        """Disable truncation."""
        self._tokenizer.no_truncation()

    @property
    def truncation(self) -> Optional[dict[str, Any]]:
        """The truncation parameters, or None when truncation is off."""
        return self._tokenizer.truncation

    # -- encoding and decoding ------------------------------------------------------------
    def normalize(self, sequence: str) -> str:
        """``sequence`` after the tokenizer's normalizer."""
        normalizer = self._tokenizer.normalizer
        if normalizer is None:
            raise NoNormalizerError("normalize: this tokenizer has no normalizer; set one with "
                                    "`tokenizer.normalizer = ...` first")
        return normalizer.normalize_str(sequence)

    def encode(self, sequence: Any, pair: Any = None, is_pretokenized: bool = False,
               add_special_tokens: bool = True) -> Encoding:
        """Encode a sequence (str, or a list of words with ``is_pretokenized``) and an optional pair.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> e = t.encode("hi", "yo")
        >>> e.tokens, e.type_ids
        (['hi', '[UNK]'], [0, 1])
        """
        if sequence is None:
            raise ConfigurationError("encode: `sequence` can't be `None`")
        return self._tokenizer.encode(sequence, pair, is_pretokenized, add_special_tokens)

    def encode_batch(self, inputs: Sequence[EncodeInput], is_pretokenized: bool = False,
                     add_special_tokens: bool = True) -> list[Encoding]:
        """Encode many inputs (sequences, or ``(sequence, pair)`` tuples).

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> [e.ids for e in t.encode_batch(["hi", "yo"])]
        [[1], [0]]
        """
        if inputs is None:
            raise ConfigurationError("encode_batch: `inputs` can't be `None`")
        return self._tokenizer.encode_batch(inputs, is_pretokenized, add_special_tokens)

    async def async_encode_batch(self, inputs: Sequence[EncodeInput], is_pretokenized: bool = False,
                                 add_special_tokens: bool = True) -> list[Encoding]:
        """``encode_batch`` as a coroutine (run in a worker thread)."""
        if inputs is None:
            raise ConfigurationError("async_encode_batch: `inputs` can't be `None`")
        encodings = await self._delegate("async_encode_batch", "encode_batch", inputs, is_pretokenized,
                                         add_special_tokens)
        return cast("list[Encoding]", encodings)

    async def async_encode_batch_fast(self, inputs: Sequence[EncodeInput], is_pretokenized: bool = False,
                                      add_special_tokens: bool = True) -> list[Encoding]:
        """``encode_batch_fast`` as a coroutine (run in a worker thread)."""
        if inputs is None:
            raise ConfigurationError("async_encode_batch_fast: `inputs` can't be `None`")
        encodings = await self._delegate("async_encode_batch_fast", "encode_batch_fast", inputs,
                                         is_pretokenized, add_special_tokens)
        return cast("list[Encoding]", encodings)

    def decode(self, ids: Sequence[int], skip_special_tokens: bool = True) -> str:
        """The text of ``ids`` (special tokens left out unless ``skip_special_tokens=False``).

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.add_special_tokens(["[SEP]"])
        1
        >>> t.decode([1, 2, 1]), t.decode([1, 2, 1], skip_special_tokens=False)
        ('hi hi', 'hi [SEP] hi')
        """
        if ids is None:
            raise ConfigurationError("None input is not valid. Should be a list of integers.")
        return self._tokenizer.decode(ids, skip_special_tokens=skip_special_tokens)

    def decode_batch(self, sequences: Sequence[Sequence[int]], skip_special_tokens: bool = True) -> list[str]:
        """``decode`` for each list of ids.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.decode_batch([[1], [1, 0]])
        ['hi', 'hi [UNK]']
        """
        if sequences is None:
            raise ConfigurationError("None input is not valid. Should be list of list of integers.")
        return self._tokenizer.decode_batch(sequences, skip_special_tokens=skip_special_tokens)

    async def async_decode_batch(self, sequences: Sequence[Sequence[int]],
                                 skip_special_tokens: bool = True) -> list[str]:
        """``decode_batch`` as a coroutine (run in a worker thread)."""
        if sequences is None:
            raise ConfigurationError("async_decode_batch: `sequences` can't be `None`")
        texts = await self._delegate("async_decode_batch", "decode_batch", sequences, skip_special_tokens)
        return cast("list[str]", texts)

    async def _delegate(self, async_name: str, sync_name: str, *args: Any) -> Any:
        """The tokenizer's own coroutine when it has one, else its blocking method in a thread."""
        method = getattr(self._tokenizer, async_name, None)
        if method is not None:
            return await method(*args)
        return await asyncio.to_thread(getattr(self._tokenizer, sync_name), *args)

    def post_process(self, encoding: Encoding, pair: Optional[Encoding] = None,
                     add_special_tokens: bool = True) -> Encoding:
        """Truncate, add the special tokens, then pad, as ``Tokenizer.post_process``."""
        return self._tokenizer.post_process(encoding, pair, add_special_tokens)

    # -- saving ---------------------------------------------------------------------------
    def save_model(self, directory: str, prefix: Optional[str] = None) -> list[str]:
        """Save the model's files (vocab, merges) in ``directory``; returns their paths."""
        return cast(models.Model, self._tokenizer.model).save(directory, prefix=prefix)

    def save(self, path: str, pretty: bool = True) -> None:
        """Save the whole tokenizer as a tokenizer.json at ``path``."""
        self._tokenizer.save(path, pretty)

    def to_str(self, pretty: bool = False) -> str:
        """The tokenizer.json text.

        >>> t = BaseTokenizer(Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")))
        >>> t.to_str()[:40]
        '{"version":"1.0","truncation":null,"padd'
        """
        return self._tokenizer.to_str(pretty)

    # -- components -----------------------------------------------------------------------
    @property
    def model(self) -> Model:
        """The tokenizer's model."""
        return self._tokenizer.model

    @model.setter
    def model(self, model: Model) -> None:
        self._tokenizer.model = model

    @property
    def normalizer(self) -> Optional[Normalizer]:
        """The tokenizer's normalizer."""
        return self._tokenizer.normalizer

    @normalizer.setter
    def normalizer(self, normalizer: Optional[Normalizer]) -> None:
        self._tokenizer.normalizer = normalizer

    @property
    def pre_tokenizer(self) -> Optional[PreTokenizer]:
        """The tokenizer's pre-tokenizer."""
        return self._tokenizer.pre_tokenizer

    @pre_tokenizer.setter
    def pre_tokenizer(self, pre_tokenizer: Optional[PreTokenizer]) -> None:
        self._tokenizer.pre_tokenizer = pre_tokenizer

    @property
    def post_processor(self) -> Optional[PostProcessor]:
        """The tokenizer's post-processor."""
        return self._tokenizer.post_processor

    @post_processor.setter
    def post_processor(self, post_processor: Optional[PostProcessor]) -> None:
        self._tokenizer.post_processor = post_processor

    @property
    def decoder(self) -> Optional[Decoder]:
        """The tokenizer's decoder."""
        return self._tokenizer.decoder

    @decoder.setter
    def decoder(self, decoder: Optional[Decoder]) -> None:
        self._tokenizer.decoder = decoder
