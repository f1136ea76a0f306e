"""The ``Tokenizer`` class (its training and awaitable methods are the ``training`` and ``asynchronous`` mixins)."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional, Sequence, Union, cast

from .. import decoders, models, normalizers, pre_tokenizers, processors
from .._encode.decoding import decode_ids, decode_many
from .._encode.batch import encode_batch
from .._encode.fast import FastEncoder, fast_encoder
from .._encode.inputs import EncodeInput, InputSequence
from .._encode.pipeline import encode_sequence, encode_text, split_batch_item
from .._encode.post_process import post_process, single_layout
from .._errors import InputTypeError, SerializationError
from .._json.document import VERSION, component_json, parse_json, read_document, read_sections, write_document
from .._json.serde_json import dumps
from .._json.serde_repr import tokenizer_repr
from .._support.files import atomic_write_text
from .._support.gc import gc_paused
from .._encode.components import ComponentSlot, check_component
from .._validation import unsigned
from ..added_tokens import AddedToken, read_added_tokens
from ..added_vocabulary import AddedVocabulary, as_added_tokens
from ..encoding import Encoding, PaddingParams, TruncationParams, check_stride, pad_encodings
from ..protocols import Decoder, Model, Normalizer, PostProcessor, PreTokenizer
from .asynchronous import AsyncMethods
from .seeing import SeeingMethods
from .training import TrainingMethods

__all__ = ["Tokenizer", "InputTypeError"]


class Tokenizer(AsyncMethods, TrainingMethods, SeeingMethods):
    """A full tokenization pipeline around a model (HF ``tokenizers.Tokenizer``).

    Args:
        model: the model (``models.WordPiece()``, ``models.BPE()``, ...).

    >>> from tokkit import models, normalizers, processors
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]"))
    >>> tok.add_special_tokens(["[SEP]"])
    1
    >>> tok.get_vocab(), tok.get_vocab(with_added_tokens=False)
    ({'[UNK]': 0, 'hi': 1, '[SEP]': 2}, {'[UNK]': 0, 'hi': 1})
    >>> tok.token_to_id("[SEP]"), tok.token_to_id("nope"), tok.id_to_token(1), tok.id_to_token(9)
    (2, None, 'hi', None)
    >>> tok.post_processor = processors.BertProcessing(("[SEP]", 2), ("[UNK]", 0))
    >>> tok.num_special_tokens_to_add(is_pair=False), tok.num_special_tokens_to_add(is_pair=True)
    (2, 3)
    >>> tok.enable_padding(length=4); tok.padding["length"], tok.encode("hi").attention_mask
    (4, [1, 1, 1, 0])
    >>> tok.decode_batch([[1, 2], [1]]), tok.decode_batch([[1, 2]], skip_special_tokens=False)
    (['hi', 'hi'], ['hi [SEP]'])
    >>> tok.no_padding(); tok.add_tokens(["yo"]), tok.get_vocab_size(), tok.get_added_tokens_decoder()[3].content
    (1, 4, 'yo')
    >>> tok.normalizer = normalizers.Lowercase(); [e.ids for e in tok.encode_batch(["HIyo", "yo"])]
    [[0, 1, 3, 2], [0, 3, 2]]
    >>> tok.enable_truncation(3); plain = tok.encode("hiyo", add_special_tokens=False)
    >>> tok.truncation["max_length"], tok.post_process(plain).tokens, tok.decode(tok.encode_batch_fast(["hiyo"])[0].ids)
    (3, ['[UNK]', 'hi', '[SEP]'], '[UNK] hi')
    >>> tok.no_truncation(); tok.encode_special_tokens = True; tok.encode("[SEP]hi").tokens, tok.model.token_to_id("hi")
    (['[UNK]', '[UNK]', '[SEP]'], 1)
    >>> import os, tempfile; p = os.path.join(tempfile.mkdtemp(), "tok.json"); tok.save(p); t = tok.to_str()
    >>> {x.to_str() for x in (Tokenizer.from_str(t), Tokenizer.from_file(p), Tokenizer.from_buffer(t.encode()))} == {t}
    True
    """

    def __init__(self, model: Model) -> None:
        self._model: Model = cast(Model, check_component(model, models.Model, "Tokenizer(model)", False))
        self._normalizer: Optional[Normalizer] = None
        self.pre_tokenizer = self.post_processor = self.decoder = None
        self._added_vocabulary = AddedVocabulary()
        self._truncation: Optional[TruncationParams] = None
        self._padding: Optional[PaddingParams] = None

    # -- components: each setter takes its family's components only, as HF's (a TypeError else) --
    @property
    def model(self) -> Model:
        """The model (WordLevel, BPE, ...); setting it re-checks the added tokens against its vocabulary."""
        return self._model

    @model.setter
    def model(self, model: Model) -> None:
        self._model = cast(Model, check_component(model, models.Model, "model", False))
        self._added_vocabulary.refresh(self._model, self._normalizer)

    @property
    def normalizer(self) -> Optional[Normalizer]:
        """The normalizer, or None; setting it re-normalizes the added tokens, as HF does."""
        return self._normalizer

    @normalizer.setter
    def normalizer(self, normalizer: Optional[Normalizer]) -> None:
        # HF re-normalizes the added tokens when the normalizer changes.
        checked = check_component(normalizer, normalizers.Normalizer, "normalizer")
        self._added_vocabulary.refresh(self._model, checked)  # the added tokens first, then the normalizer
        self._normalizer = checked

    pre_tokenizer = ComponentSlot[PreTokenizer](pre_tokenizers.PreTokenizer, "pre_tokenizer")
    post_processor = ComponentSlot[PostProcessor](processors.PostProcessor, "post_processor")
    decoder = ComponentSlot[Decoder](decoders.Decoder, "decoder")

    @property
    def encode_special_tokens(self) -> bool:
        """If True, special tokens in the text are encoded as plain text instead of matched."""
        return self._added_vocabulary.encode_special_tokens

    @encode_special_tokens.setter
    def encode_special_tokens(self, value: bool) -> None:
        self._added_vocabulary.encode_special_tokens = bool(value)

    # -- vocabulary ---------------------------------------------------------------------
    def get_vocab(self, with_added_tokens: bool = True) -> dict[str, int]:
        """The vocabulary (token -> id), added tokens included unless ``with_added_tokens=False``."""
        vocab = dict(self._model.get_vocab())
        if with_added_tokens:
            vocab.update(self._added_vocabulary.get_vocab())
        return vocab

    def get_vocab_size(self, with_added_tokens: bool = True) -> int:
        """The size of ``get_vocab(with_added_tokens)``."""
        if with_added_tokens:
            return len(self.get_vocab(True))
        return self._model.get_vocab_size()

    def get_added_tokens_decoder(self) -> dict[int, AddedToken]:
        """The added tokens, by id."""
        return self._added_vocabulary.get_added_tokens_decoder()

    def token_to_id(self, token: str) -> Optional[int]:
        """The id of a token (added tokens first), or None."""
        return self._added_vocabulary.token_to_id(token, self._model)

    def id_to_token(self, id: int) -> Optional[str]:  # noqa: A002 - HF's argument name
        """The token of an id, or None."""
        token = self._added_vocabulary.id_to_token(id)
        return token if token is not None else self._model.id_to_token(id)

    def add_tokens(self, tokens: Iterable[Union[str, AddedToken]]) -> int:
        """Add tokens to the vocabulary; a str becomes a normalized, non-special token."""
        if isinstance(tokens, (str, AddedToken)):
            raise InputTypeError("add_tokens takes a list of tokens, e.g. add_tokens(['<x>'])")
        return self._added_vocabulary.add_tokens(
            as_added_tokens(tokens, special=False), self._model, self._normalizer
        )

    def add_special_tokens(self, tokens: Iterable[Union[str, AddedToken]]) -> int:
        """Add special tokens; they are never split and are skipped by ``decode`` by default."""
        if isinstance(tokens, (str, AddedToken)):
            raise InputTypeError("add_special_tokens takes a list, e.g. add_special_tokens(['[CLS]'])")
        tokens = list(tokens)
        for token in tokens:  # HF marks the caller's AddedToken objects special (their normalized default follows)
            if isinstance(token, AddedToken):
                token.special = True
        return self._added_vocabulary.add_tokens(
            as_added_tokens(tokens, special=True), self._model, self._normalizer
        )

    # -- truncation and padding --------------------------------------------------------
    def num_special_tokens_to_add(self, is_pair: bool) -> int:
        """How many special tokens the post-processor adds to a single sequence or a pair."""
        post_processor = self.post_processor  # read once: another thread may replace it meanwhile
        return 0 if post_processor is None else post_processor.num_special_tokens_to_add(is_pair)

    def enable_truncation(
        self, max_length: int, stride: int = 0, strategy: str = "longest_first", direction: str = "right"
    ) -> None:
        """Truncate every encoding to ``max_length`` tokens (special tokens included)."""
        params = TruncationParams(max_length=max_length, stride=stride, strategy=strategy, direction=direction)
        check_stride(params, self.num_special_tokens_to_add(False))
        self._truncation = params

    def no_truncation(self) -> None:
        """Stop truncating."""
        self._truncation = None

    @property
    def truncation(self) -> Optional[dict[str, Any]]:
        """The truncation settings as a dict, or None."""
        return None if self._truncation is None else self._truncation.as_dict()

    def enable_padding(
        self,
        direction: str = "right",
        pad_id: int = 0,
        pad_type_id: int = 0,
        pad_token: str = "[PAD]",
        length: Optional[int] = None,
        pad_to_multiple_of: Optional[int] = None,
    ) -> None:
        """Pad every batch to its longest encoding, or to ``length``. Replaces all previous settings."""
        self._padding = PaddingParams(
            strategy="BatchLongest" if length is None else unsigned(length, "length"),  # HF: usize
            direction=direction,
            pad_to_multiple_of=pad_to_multiple_of,
            pad_id=pad_id,
            pad_type_id=pad_type_id,
            pad_token=pad_token,
        )

    def no_padding(self) -> None:
        """Stop padding."""
        self._padding = None

    @property
    def padding(self) -> Optional[dict[str, Any]]:
        """The padding settings as a dict, or None."""
        return None if self._padding is None else self._padding.as_dict()

    # -- encoding -------------------------------------------------------------------------
    def encode(
        self,
        sequence: InputSequence,
        pair: Optional[InputSequence] = None,
        is_pretokenized: bool = False,
        add_special_tokens: bool = True,
    ) -> Encoding:
        """Encode a sequence (and optionally its pair) into an Encoding.

        >>> from tokkit import Tokenizer, models
        >>> Tokenizer(models.WordLevel({"a": 0}, unk_token="a")).encode("a").ids
        [0]
        """
        return self._encode(sequence, pair, is_pretokenized, add_special_tokens, fast_encoder(self))

    def _encode(self, sequence: Any, pair: Any, is_pretokenized: bool, add_special_tokens: bool,
                fast: FastEncoder) -> Encoding:
        encoding = encode_sequence(self, sequence, 0, is_pretokenized, fast)
        pair_encoding = None if pair is None else encode_sequence(self, pair, 1, is_pretokenized, fast)
        return self._post_process(encoding, pair_encoding, add_special_tokens, owned=True)

    def post_process(
        self, encoding: Encoding, pair: Optional[Encoding] = None, add_special_tokens: bool = True
    ) -> Encoding:
        """Truncate, add special tokens (post-processor), then pad, as HF does."""
        return self._post_process(encoding, pair, add_special_tokens, owned=False)

    def _post_process(self, encoding: Encoding, pair: Optional[Encoding], add_special_tokens: bool,
                      owned: bool) -> Encoding:
        return post_process(encoding, pair, add_special_tokens, self.post_processor, self._truncation,
                            self._padding, owned)

    def encode_batch(
        self, input: Sequence[EncodeInput], is_pretokenized: bool = False, add_special_tokens: bool = True,  # noqa: A002
        *, num_proc: Optional[int] = None,
    ) -> list[Encoding]:
        """Encode many inputs (str, or (a, b) pairs); padding applies across the batch.

        tokkit only: a big batch is split among ``num_proc`` processes (default: ``TOKKIT_NUM_PROC``,
        else one per CPU) with the same results (``tokkit._encode.batch``).
        """
        if isinstance(input, str):
            raise InputTypeError("encode_batch takes a list of inputs, not a single str")
        fast = fast_encoder(self)  # one word cache for every call while the components stay the same

        def encode_item(item: Any) -> Encoding:
            return self._encode(*split_batch_item(item, is_pretokenized), is_pretokenized, add_special_tokens, fast)
        # Single texts whose post-processing is fixed become rows laid out when read (``LayoutColumns``).
        layout = None if is_pretokenized else single_layout(self.post_processor, add_special_tokens,
                                                            self._truncation, self._padding)
        plain = None if layout is None else (lambda text: encode_text(self, text, 0, fast=fast), layout)
        encodings = encode_batch(self, input if isinstance(input, (list, tuple)) else list(input), encode_item, num_proc,
                                 plain)
        if self._padding is not None:
            pad_encodings(encodings, self._padding)
        return encodings

    def encode_batch_fast(
        self, input: Sequence[EncodeInput], is_pretokenized: bool = False, add_special_tokens: bool = True  # noqa: A002
    ) -> list[Encoding]:
        """Like ``encode_batch``; HF drops offsets here, tokkit keeps them (see README)."""
        return self.encode_batch(input, is_pretokenized, add_special_tokens)

    # -- decoding -------------------------------------------------------------------------
    def decode(self, ids: Sequence[int], skip_special_tokens: bool = True) -> str:
        """Turn ids back into text (unknown ids are skipped, as in HF)."""
        return decode_ids(self, self.decoder, ids, skip_special_tokens)

    def decode_batch(self, sequences: Sequence[Sequence[int]], skip_special_tokens: bool = True) -> list[str]:
        """Decode several id lists (``decode`` on each)."""
        return decode_many(self, self.decoder, sequences, skip_special_tokens)

    # -- serialization --------------------------------------------------------------------
    def _document(self) -> dict[str, Any]:
        """This tokenizer as HF's tokenizer.json object."""
        return write_document({
            "version": VERSION,
            "truncation": self._truncation.to_json() if self._truncation else None,
            "padding": self._padding.to_json() if self._padding else None,
            "added_tokens": [token.to_dict(i) for i, token in self._added_vocabulary.ordered_tokens()],
            "normalizer": component_json(self.normalizer, "normalizer"),
            "pre_tokenizer": component_json(self.pre_tokenizer, "pre_tokenizer"),
            "post_processor": component_json(self.post_processor, "processor"),
            "decoder": component_json(self.decoder, "decoder"),
            "model": component_json(self.model, "model"),
        })

    @staticmethod
    def _load(text: "str | bytes") -> "Tokenizer":
        """Parse and build while the cyclic GC waits: loading makes only acyclic data (a tuple per
        JSON key, freed at once; vocab dicts; merge tables) and the collections it would trigger
        rescan the big temporary lists each time (a third of gpt2's load)."""
        with gc_paused():
            return Tokenizer._from_document(parse_json(text))

    @staticmethod
    def _from_document(data: Any) -> "Tokenizer":
        """Build a Tokenizer from a parsed tokenizer.json (each section through its family's registry)."""
        parts = read_sections(read_document(data), _SECTION_READERS)
        tokenizer = Tokenizer(parts["model"])
        tokenizer.normalizer = parts.get("normalizer")
        tokenizer.pre_tokenizer = parts.get("pre_tokenizer")
        tokenizer.post_processor = parts.get("post_processor")
        tokenizer.decoder = parts.get("decoder")
        tokenizer._truncation = parts.get("truncation")
        tokenizer._padding = parts.get("padding")
        added = parts.get("added_tokens") or []
        tokenizer._added_vocabulary.add_tokens(added, tokenizer.model, tokenizer.normalizer)
        return tokenizer

    def to_str(self, pretty: bool = False) -> str:
        """The tokenizer.json text, byte-identical to what HF writes."""
        return dumps(self._document(), pretty=pretty)

    def save(self, path: str, pretty: bool = True) -> None:
        """Write tokenizer.json atomically (pretty-printed by default, like HF)."""
        atomic_write_text(path, self.to_str(pretty=pretty))

    @staticmethod
    def from_str(json: str) -> "Tokenizer":  # noqa: A002 - HF's argument name
        """Build a Tokenizer from tokenizer.json text."""
        return Tokenizer._load(json)

    @staticmethod
    def from_file(path: str) -> "Tokenizer":
        """Load a tokenizer.json file."""
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise SerializationError(f"cannot read tokenizer file {path!r}: {exc.strerror}") from None
        return Tokenizer._load(data)

    @staticmethod
    def from_buffer(buffer: bytes) -> "Tokenizer":
        """Build a Tokenizer from the bytes of a tokenizer.json."""
        return Tokenizer._load(bytes(buffer))

    @staticmethod
    def from_pretrained(identifier: str, revision: str = "main", token: Optional[str] = None) -> "Tokenizer":
        """Download ``tokenizer.json`` of a model from the HF hub (needs network)."""
        from .._support.hub import download_tokenizer_json  # here: urllib costs every import of tokkit ~15 ms

        return Tokenizer.from_str(download_tokenizer_json(identifier, revision, token))

    def __getstate__(self) -> dict[str, str]:
        return {"json": self.to_str()}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.__dict__.update(Tokenizer.from_str(state["json"]).__dict__)

    def __repr__(self) -> str:
        return self._repr(short=False)

    def __str__(self) -> str:
        """HF's ``str``: the ``repr`` with serde_pyo3's ellipsis rule (at most 5 items per list or map)."""
        return self._repr(short=True)

    def _repr(self, short: bool) -> str:
        added = [token.to_dict(i) for i, token in self._added_vocabulary.ordered_tokens()]
        components = [("normalizer", self.normalizer), ("pre_tokenizer", self.pre_tokenizer),
                      ("post_processor", self.post_processor), ("decoder", self.decoder), ("model", self.model)]
        return tokenizer_repr(added, self._truncation.to_json() if self._truncation else None,
                              self._padding.to_json() if self._padding else None, components, short)


#: How each tokenizer.json section is read (HF's ``TokenizerVisitor``, tokenizer/serialization.rs).
_SECTION_READERS: dict[str, Callable[[Any], Any]] = {
    "model": models.Model.from_dict,
    "normalizer": normalizers.Normalizer.from_dict,
    "pre_tokenizer": pre_tokenizers.PreTokenizer.from_dict,
    "post_processor": processors.PostProcessor.from_dict,
    "decoder": decoders.Decoder.from_dict,
    "truncation": TruncationParams.from_json,
    "padding": PaddingParams.from_json,
    "added_tokens": read_added_tokens,
}
