"""Tokenizer: the pipeline normalizer -> pre-tokenizer -> model -> post-processor.

The public API is HF's ``tokenizers.Tokenizer`` (0.23.3), method for method.

>>> from tokkit import Tokenizer, models, pre_tokenizers
>>> tok = Tokenizer(models.WordLevel({"hello": 0, "world": 1, "[UNK]": 2}, unk_token="[UNK]"))
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> enc = tok.encode("hello big world")
>>> enc.tokens, enc.ids, enc.offsets
(['hello', '[UNK]', 'world'], [0, 2, 1], [(0, 5), (6, 9), (10, 15)])
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from ._encode import pipeline as _pipeline
from ._encode.fast import FastEncoder
from ._errors import ConfigurationError, InputTypeError, SerializationError, TrainingError
from ._json.serde_json import dumps
from ._serialization import parse_json, tokenizer_from_dict, tokenizer_to_dict
from ._support.files import atomic_write_text
from ._support.gc import gc_paused
from ._training import counting as _counting
from .added_tokens import AddedToken
from .added_vocabulary import AddedVocabulary
from .encoding import (
    Encoding,
    PaddingParams,
    TruncationParams,
    check_stride,
    effective_params,
    pad_encodings,
    truncate_encodings,
)

__all__ = ["Tokenizer", "InputTypeError"]

TextInput = str
PreTokenizedInput = Union[list[str], tuple[str, ...]]
EncodeInput = Union[TextInput, PreTokenizedInput, tuple[Any, Any], list[Any]]


def _as_added_tokens(tokens: Iterable[Union[str, AddedToken]], special: bool) -> list[AddedToken]:
    out = []
    for token in tokens:
        if isinstance(token, AddedToken):
            token = token.copy()
            if special:
                token.special = True
            out.append(token)
        elif isinstance(token, str):
            out.append(AddedToken(token, special=special, normalized=not special))
        else:
            raise InputTypeError(
                f"added tokens must be str or AddedToken, got {type(token).__name__}: {token!r:.60}"
            )
    return out


class Tokenizer:
    """A full tokenization pipeline around a model (HF ``tokenizers.Tokenizer``).

    Args:
        model: the model (``models.WordPiece()``, ``models.BPE()``, ...).
    """

    def __init__(self, model: Any) -> None:
        if model is None:
            raise ConfigurationError("Tokenizer needs a model, e.g. Tokenizer(models.WordPiece())")
        self._model = model
        self._normalizer: Any = None
        self.pre_tokenizer: Any = None
        self.post_processor: Any = None
        self.decoder: Any = None
        self._added_vocabulary = AddedVocabulary()
        self._truncation: Optional[TruncationParams] = None
        self._padding: Optional[PaddingParams] = None

    # -- components ---------------------------------------------------------------------
    @property
    def model(self) -> Any:
        return self._model

    @model.setter
    def model(self, model: Any) -> None:
        if model is None:
            raise ConfigurationError("the model cannot be None")
        self._model = model
        self._added_vocabulary.refresh(self._model, self._normalizer)

    @property
    def normalizer(self) -> Any:
        return self._normalizer

    @normalizer.setter
    def normalizer(self, normalizer: Any) -> None:
        # HF re-normalizes the added tokens when the normalizer changes.
        self._normalizer = normalizer
        self._added_vocabulary.refresh(self._model, normalizer)

    @property
    def encode_special_tokens(self) -> bool:
        return self._added_vocabulary.encode_special_tokens

    @encode_special_tokens.setter
    def encode_special_tokens(self, value: bool) -> None:
        self._added_vocabulary.encode_special_tokens = bool(value)

    # -- vocabulary ---------------------------------------------------------------------
    def get_vocab(self, with_added_tokens: bool = True) -> dict[str, int]:
        vocab = dict(self._model.get_vocab())
        if with_added_tokens:
            vocab.update(self._added_vocabulary.get_vocab())
        return vocab

    def get_vocab_size(self, with_added_tokens: bool = True) -> int:
        if with_added_tokens:
            return len(self.get_vocab(True))
        return self._model.get_vocab_size()

    def get_added_tokens_decoder(self) -> dict[int, AddedToken]:
        return self._added_vocabulary.get_added_tokens_decoder()

    def token_to_id(self, token: str) -> Optional[int]:
        return self._added_vocabulary.token_to_id(token, self._model)

    def id_to_token(self, id: int) -> Optional[str]:  # noqa: A002 - HF's argument name
        token = self._added_vocabulary.id_to_token(id)
        return token if token is not None else self._model.id_to_token(id)

    def add_tokens(self, tokens: Iterable[Union[str, AddedToken]]) -> int:
        """Add tokens to the vocabulary; a str becomes a normalized, non-special token."""
        if isinstance(tokens, (str, AddedToken)):
            raise InputTypeError("add_tokens takes a list of tokens, e.g. add_tokens(['<x>'])")
        return self._added_vocabulary.add_tokens(
            _as_added_tokens(tokens, special=False), self._model, self._normalizer
        )

    def add_special_tokens(self, tokens: Iterable[Union[str, AddedToken]]) -> int:
        """Add special tokens; they are never split and are skipped by ``decode`` by default."""
        if isinstance(tokens, (str, AddedToken)):
            raise InputTypeError("add_special_tokens takes a list, e.g. add_special_tokens(['[CLS]'])")
        return self._added_vocabulary.add_tokens(
            _as_added_tokens(tokens, special=True), self._model, self._normalizer
        )

    # -- truncation and padding --------------------------------------------------------
    def num_special_tokens_to_add(self, is_pair: bool) -> int:
        if self.post_processor is None:
            return 0
        return self.post_processor.num_special_tokens_to_add(is_pair)

    def enable_truncation(
        self, max_length: int, stride: int = 0, strategy: str = "longest_first", direction: str = "right"
    ) -> None:
        """Truncate every encoding to ``max_length`` tokens (special tokens included)."""
        params = TruncationParams(max_length=max_length, stride=stride, strategy=strategy, direction=direction)
        check_stride(params, self.num_special_tokens_to_add(False))
        self._truncation = params

    def no_truncation(self) -> None:
        self._truncation = None

    @property
    def truncation(self) -> Optional[dict[str, Any]]:
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
            strategy="BatchLongest" if length is None else int(length),
            direction=direction,
            pad_to_multiple_of=pad_to_multiple_of,
            pad_id=pad_id,
            pad_type_id=pad_type_id,
            pad_token=pad_token,
        )

    def no_padding(self) -> None:
        self._padding = None

    @property
    def padding(self) -> Optional[dict[str, Any]]:
        return None if self._padding is None else self._padding.as_dict()

    # -- encoding -------------------------------------------------------------------------
    def encode(
        self,
        sequence: EncodeInput,
        pair: Optional[EncodeInput] = None,
        is_pretokenized: bool = False,
        add_special_tokens: bool = True,
    ) -> Encoding:
        """Encode a sequence (and optionally its pair) into an Encoding.

        >>> from tokkit import Tokenizer, models
        >>> Tokenizer(models.WordLevel({"a": 0}, unk_token="a")).encode("a").ids
        [0]
        """
        return self._encode(sequence, pair, is_pretokenized, add_special_tokens, FastEncoder(self))

    def _encode(self, sequence: Any, pair: Any, is_pretokenized: bool, add_special_tokens: bool, fast: Any) -> Encoding:
        encoding = self._encode_one(sequence, 0, is_pretokenized, fast)
        pair_encoding = None if pair is None else self._encode_one(pair, 1, is_pretokenized, fast)
        return self.post_process(encoding, pair_encoding, add_special_tokens)

    def _encode_one(self, sequence: Any, type_id: int, is_pretokenized: bool, fast: Any) -> Encoding:
        if is_pretokenized:
            if not isinstance(sequence, (list, tuple)) or not all(isinstance(w, str) for w in sequence):
                raise InputTypeError(
                    "PreTokenizedInputSequence must be Union[List[str], Tuple[str]]: with "
                    "is_pretokenized=True pass a list of words"
                )
            parts = [
                _pipeline.encode_text(self, word, type_id, word_index=i, fast=fast)
                for i, word in enumerate(sequence)
            ]
            return Encoding.merge(parts, growing_offsets=False) if parts else Encoding()
        if not isinstance(sequence, str):
            raise InputTypeError(
                "TextInputSequence must be str: pass a string, or a list of words with is_pretokenized=True"
            )
        return _pipeline.encode_text(self, sequence, type_id, fast=fast)

    def post_process(
        self, encoding: Encoding, pair: Optional[Encoding] = None, add_special_tokens: bool = True
    ) -> Encoding:
        """Truncate, add special tokens (post-processor), then pad, as HF does."""
        if self._truncation is not None:
            added = self.num_special_tokens_to_add(pair is not None)
            params = effective_params(self._truncation, added, add_special_tokens)
            encoding, pair = truncate_encodings(encoding, pair, params)
        if self.post_processor is not None:
            final = self.post_processor.process(encoding, pair, add_special_tokens)
        else:
            from .processors import default_process

            final = default_process(encoding, pair, add_special_tokens)
        if self._padding is not None:
            pad_encodings([final], self._padding)
        return final

    def _split_batch_item(self, item: Any, is_pretokenized: bool) -> tuple[Any, Any]:
        if is_pretokenized:
            if isinstance(item, tuple) and len(item) == 2 and all(isinstance(x, (list, tuple)) for x in item):
                return item[0], item[1]
            if isinstance(item, list) and len(item) == 2 and all(isinstance(x, (list, tuple)) for x in item):
                return item[0], item[1]
            return item, None
        if isinstance(item, str):
            return item, None
        if isinstance(item, (tuple, list)) and len(item) == 2:
            return item[0], item[1]
        raise InputTypeError(
            "TextEncodeInput must be Union[TextInputSequence, Tuple[InputSequence, InputSequence]]: "
            f"got {type(item).__name__}"
        )

    def encode_batch(
        self, input: Sequence[EncodeInput], is_pretokenized: bool = False, add_special_tokens: bool = True  # noqa: A002
    ) -> list[Encoding]:
        """Encode many inputs (str, or (a, b) pairs); padding applies across the batch."""
        if isinstance(input, str):
            raise InputTypeError("encode_batch takes a list of inputs, not a single str")
        fast = FastEncoder(self)  # one word cache for the whole batch
        encodings = []
        with gc_paused():
            for item in input:
                first, second = self._split_batch_item(item, is_pretokenized)
                encodings.append(self._encode(first, second, is_pretokenized, add_special_tokens, fast))
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
        vocab = self._added_vocabulary
        tokens = []
        for token_id in ids:
            token = vocab.id_to_token(token_id)
            if token is None:
                token = self._model.id_to_token(token_id)
            if token is None or (skip_special_tokens and vocab.is_special_token(token)):
                continue
            tokens.append(token)
        if self.decoder is not None:
            return self.decoder.decode(tokens)
        return " ".join(tokens)

    def decode_batch(self, sequences: Sequence[Sequence[int]], skip_special_tokens: bool = True) -> list[str]:
        return [self.decode(ids, skip_special_tokens) for ids in sequences]

    # -- training -------------------------------------------------------------------------
    def train(self, files: Union[str, list[str]], trainer: Any = None) -> None:
        """Train the model on text files (lines keep their ``\\n``, as in HF)."""
        if isinstance(files, (str, os.PathLike)):
            files = [os.fspath(files)]
        for path in files:
            if not os.path.isfile(path):
                raise TrainingError(f"training file not found: {path!r}")

        def lines() -> Iterator[str]:
            for path in files:
                with open(path, encoding="utf-8", newline="") as handle:
                    yield from handle

        total = sum(os.path.getsize(p) for p in files)
        self._train(lines(), trainer, length=None, total_bytes=total)

    def train_from_iterator(self, iterator: Iterable[Any], trainer: Any = None, length: Optional[int] = None) -> None:
        """Train from an iterator of str, or of batches (lists) of str, or a ``datasets`` Dataset."""
        self._train(_counting.flatten_texts(iterator), trainer, length=length, total_bytes=None)

    def _train(self, texts: Iterable[str], trainer: Any, length: Optional[int], total_bytes: Optional[int]) -> None:
        if trainer is None:
            trainer = self._model.get_trainer()
        trainer.words = _counting.count_words(
            self, texts, show_progress=getattr(trainer, "show_progress", False), length=length
        )
        special_tokens = trainer.train(self._model)
        self.add_special_tokens(special_tokens)

    # -- serialization --------------------------------------------------------------------
    def to_str(self, pretty: bool = False) -> str:
        """The tokenizer.json text, byte-identical to what HF writes."""
        return dumps(tokenizer_to_dict(self), pretty=pretty)

    def save(self, path: str, pretty: bool = True) -> None:
        """Write tokenizer.json atomically (pretty-printed by default, like HF)."""
        atomic_write_text(path, self.to_str(pretty=pretty))

    @staticmethod
    def from_str(json: str) -> "Tokenizer":  # noqa: A002 - HF's argument name
        return tokenizer_from_dict(parse_json(json))

    @staticmethod
    def from_file(path: str) -> "Tokenizer":
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise SerializationError(f"cannot read tokenizer file {path!r}: {exc.strerror}") from None
        return tokenizer_from_dict(parse_json(data))

    @staticmethod
    def from_buffer(buffer: bytes) -> "Tokenizer":
        return tokenizer_from_dict(parse_json(bytes(buffer)))

    @staticmethod
    def from_pretrained(identifier: str, revision: str = "main", token: Optional[str] = None) -> "Tokenizer":
        """Download ``tokenizer.json`` of a model from the HF hub (needs network)."""
        from ._support.hub import download_tokenizer_json

        return Tokenizer.from_str(download_tokenizer_json(identifier, revision, token))

    def __getstate__(self) -> dict[str, str]:
        return {"json": self.to_str()}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.__dict__.update(Tokenizer.from_str(state["json"]).__dict__)

    def __repr__(self) -> str:
        return _tokenizer_repr(self)


def _rust_struct(name: str, data: dict[str, Any]) -> str:
    """``Name(key=value, ...)`` with JSON enums printed bare, as HF's Debug does."""
    from ._json.component import rust_repr

    def value(v: Any) -> str:
        if isinstance(v, dict) and len(v) == 1 and "Fixed" in v:
            return f"Fixed({v['Fixed']})"
        return v if isinstance(v, str) and v in ("Right", "Left", "LongestFirst", "OnlyFirst",
                                                "OnlySecond", "BatchLongest") else rust_repr(v)

    return f"{name}(" + ", ".join(f"{k}={value(v)}" for k, v in data.items()) + ")"


def _tokenizer_repr(tokenizer: Tokenizer) -> str:
    """HF's ``repr(Tokenizer)``: its JSON fields, Rust-Debug style."""
    from ._json.component import rust_repr

    added = ", ".join(
        "{" + ", ".join(f'"{k}":{rust_repr(v)}' for k, v in token.to_dict(i).items()) + "}"
        for i, token in tokenizer._added_vocabulary.ordered_tokens()
    )
    truncation, padding = tokenizer._truncation, tokenizer._padding
    parts = [
        'version="1.0"',
        "truncation=" + (_rust_struct("TruncationParams", truncation.to_json()) if truncation else "None"),
        "padding=" + (_rust_struct("PaddingParams", padding.to_json()) if padding else "None"),
        f"added_tokens=[{added}]",
        f"normalizer={tokenizer.normalizer!r}",
        f"pre_tokenizer={tokenizer.pre_tokenizer!r}",
        f"post_processor={tokenizer.post_processor!r}",
        f"decoder={tokenizer.decoder!r}",
        f"model={tokenizer.model!r}",
    ]
    return f"Tokenizer({', '.join(parts)})"
