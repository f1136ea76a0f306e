"""The ``Model`` family base: vocabulary storage, JSON helpers, files, repr.

A model turns one pre-tokenized word into tokens.  Every model keeps its
vocabulary as two dicts (token -> id and id -> token), writes it in ascending
id order with holes skipped (HF's ``OrderedVocabIter``), and prints itself
like HF's ``repr``.

What this module does not do: tokenization itself (see ``bpe``, ``wordpiece``,
``wordlevel``) or legacy untyped JSON dispatch (see the package ``__init__``).
"""

from __future__ import annotations

import json
import os
import struct
from operator import attrgetter
from typing import Any, Callable, Mapping, Optional

from .._errors import ConfigurationError, SerializationError, TokkitError
from .._validation import describe
from .._json.component import Component
from .._json.registry import Registry
from .._json.serde_repr import Struct, serde_repr, serde_str
from .._unicode import WHITESPACE
from ..capabilities import ModelFastPath, declared_with
from ..normalized import Token
from ..trainers import Trainer

__all__ = [
    "MODELS", "Model", "cache_clearing", "check_vocab", "ordered_vocab", "reverse_vocab", "read_json_vocab",
    "read_lines", "rstrip_rust", "f32", "f32_json",
]  # fmt: skip

#: Registry of model classes by JSON ``"type"`` (``BPE``, ``WordPiece``, ...).
# HF: models/mod.rs (ModelWrapper): untyped JSON is tried as these variants, in this order; each
# variant's reader rejects a "type" other than its own, so a typed JSON never falls back.
MODELS: Registry["Model"] = Registry("model", untagged=("BPE", "WordPiece", "WordLevel", "Unigram"), untyped_only=True)

_U32 = 1 << 32
_STR = frozenset((str,))
_INT = frozenset((int,))


def check_vocab(vocab: Any, error: type[TokkitError], what: str = "vocab") -> dict[str, int]:
    """Validate a token -> id mapping like serde's ``HashMap<String, u32>``.

    The common case is checked by C-level passes (types, then min and max), so a
    50,000-token vocab costs about a millisecond; only a bad vocab is walked in
    Python, to name the bad entry (located at its token for a SerializationError).

    >>> check_vocab({"a": 0, "b": 2**32}, SerializationError)
    Traceback (most recent call last):
    ...
    tokkit._errors.SerializationError: b: expected a token id (u32, 0..=4294967295), got integer `4294967296`
    """
    if not isinstance(vocab, Mapping):
        raise error(f"{what} must be a dict of token -> id, got {type(vocab).__name__}")
    ids = vocab.values()
    if (set(map(type, vocab)) <= _STR and set(map(type, ids)) <= _INT
            and (not ids or (min(ids) >= 0 and max(ids) < _U32))):
        return dict(vocab)
    for token, token_id in vocab.items():
        if not isinstance(token, str):
            raise error(f"{what} keys must be str tokens, got {token!r}")
        if type(token_id) is not int or not 0 <= token_id < _U32:
            exc = error(f"expected a token id (u32, 0..=4294967295), got {describe(token_id)}"
                        if error is SerializationError else
                        f"{what} id of {token!r} must be an int in [0, 2**32), got {token_id!r}")
            raise exc.at(token) if isinstance(exc, SerializationError) else exc
    return dict(vocab)


def ordered_vocab(vocab_r: Mapping[int, str]) -> dict[str, int]:
    """The vocab as HF writes it: ascending ids, holes skipped."""
    return {vocab_r[i]: i for i in sorted(vocab_r)}


def reverse_vocab(vocab: Mapping[str, int]) -> dict[int, str]:
    """id -> token; when two tokens share an id the later one wins."""
    return {token_id: token for token, token_id in vocab.items()}


def _open_text(path: str, what: str) -> str:
    try:
        with open(os.fspath(path), encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise SerializationError(f"cannot read {what} file {os.fspath(path)!r}: {exc}") from exc


def read_json_vocab(path: str) -> dict[str, int]:
    """Read a ``vocab.json`` like HF: non-number values are skipped silently."""
    try:
        data = json.loads(_open_text(path, "vocab"))
    except json.JSONDecodeError as exc:
        raise SerializationError(f"vocab file {os.fspath(path)!r} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise SerializationError(f"Bad vocabulary json file {os.fspath(path)!r}: expected a JSON object")
    vocab = {}
    for token, token_id in data.items():
        if isinstance(token_id, bool) or not isinstance(token_id, (int, float)):
            continue  # HF ignores entries whose value is not a number
        if isinstance(token_id, float) or token_id < 0:
            raise SerializationError(f"Bad vocabulary json file: id of {token!r} is {token_id!r}")
        vocab[token] = token_id % _U32  # HF casts u64 -> u32
    return vocab


def read_lines(path: str, what: str) -> list[str]:
    """Lines of a text file split like Rust's ``BufRead::lines`` (``\\n`` or ``\\r\\n``)."""
    text = _open_text(path, what)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def rstrip_rust(text: str) -> str:
    """Rust ``str::trim_end``: strips Unicode White_Space only."""
    return text.rstrip(WHITESPACE)


def f32(value: float) -> float:
    """Round to the nearest ``f32`` (HF stores dropout as f32)."""
    rounded: float = struct.unpack("<f", struct.pack("<f", value))[0]
    return rounded


def f32_json(value: float) -> float:
    """The float whose repr is the shortest f32 repr, as serde writes an f32."""
    for digits in range(1, 10):
        candidate = float(f"{value:.{digits}g}")
        if f32(candidate) == value:
            return candidate
    return value


def cache_clearing(private: str, doc: str, convert: Optional[Callable[[Any], Any]] = None) -> property:
    """A model option stored in ``private`` whose every set clears the model's cached tokenizations.

    The getter is C-level (``attrgetter``); hot paths read ``private`` directly anyway.

    >>> class Toy(Model):
    ...     _cleared = 0
    ...     def _clear_cache(self): self._cleared += 1
    ...     size = cache_clearing("_size", "A size.", int)
    >>> toy = Toy(); toy.size = "3"; toy.size, toy._cleared
    (3, 1)
    """
    if convert is None:
        def set_(model: "Model", value: Any) -> None:
            setattr(model, private, value)
            model._clear_cache()  # cached tokens were computed with the old value
    else:
        def set_(model: "Model", value: Any) -> None:
            setattr(model, private, convert(value))
            model._clear_cache()
    return property(attrgetter(private), set_, doc=doc)


class Model(Component):
    """Base class of all models: maps one word to a list of :class:`Token`.

    Token offsets are in **characters** of the word given to ``tokenize``
    (HF's Rust models report bytes; tokkit's pipeline works in chars).

    >>> from tokkit.models import Model
    >>> model = Model.from_dict({"type": "WordLevel", "vocab": {"é": 0, "<unk>": 1}, "unk_token": "<unk>"})
    >>> model.tokenize("é"), model.id_to_token(1), model.get_vocab_size()
    ([Token(id=0, value='é', offsets=(0, 1))], '<unk>', 2)
    """

    _registry = MODELS
    _vocab: dict[str, int]
    _vocab_r: dict[int, str]

    def _set_vocab(self, vocab: dict[str, int]) -> None:
        self._vocab = vocab
        self._vocab_r = reverse_vocab(vocab)
        self._clear_cache()

    def _clear_cache(self) -> None:
        """Forget cached tokenizations (after any change of the model)."""

    # -- the Model API ---------------------------------------------------
    def tokenize(self, sequence: str) -> list[Token]:
        """Tokenize one word.  The returned list may be cached: do not mutate it.

        >>> from tokkit.models import WordPiece
        >>> [(t.id, t.value, t.offsets) for t in WordPiece({"un": 0, "##able": 1, "[UNK]": 2}).tokenize("unable")]
        [(0, 'un', (0, 2)), (1, '##able', (2, 6))]
        """
        raise NotImplementedError

    def token_to_id(self, tokens: str) -> int | None:  # HF's argument name, though it is one token
        """The id of the token ``tokens`` in the vocabulary, or None.

        >>> from tokkit.models import WordLevel
        >>> WordLevel({"a": 0, "b": 1}, unk_token="a").token_to_id("b")
        1
        """
        return self._vocab.get(tokens)

    def id_to_token(self, id: int) -> str | None:  # noqa: A002 - HF's argument name
        """The token with id ``id``, or None.

        >>> from tokkit.models import WordLevel
        >>> WordLevel({"a": 0, "b": 1}, unk_token="a").id_to_token(1)
        'b'
        """
        return self._vocab_r.get(id)

    def get_vocab(self) -> dict[str, int]:
        """A copy of the vocabulary (token -> id).

        >>> from tokkit.models import WordLevel
        >>> WordLevel({"a": 0, "b": 1}, unk_token="a").get_vocab()
        {'a': 0, 'b': 1}
        """
        return dict(self._vocab)

    def get_vocab_size(self) -> int:
        """Number of tokens in the vocabulary (HF: ``vocab.len()``).

        >>> from tokkit.models import WordLevel
        >>> WordLevel({"a": 0, "b": 1}, unk_token="a").get_vocab_size()
        2
        """
        return len(self._vocab)

    def get_trainer(self) -> Trainer:
        """A trainer with default settings for this kind of model.

        >>> from tokkit.models import BPE
        >>> type(BPE().get_trainer()).__name__
        'BpeTrainer'
        """
        raise NotImplementedError

    def fast_path(self) -> ModelFastPath:
        """What this model guarantees to the encode fast path (see ``tokkit.capabilities``): nothing here.

        >>> from tokkit.models import WordLevel
        >>> Model.fast_path(WordLevel()), WordLevel().fast_path()
        (ModelFastPath(deterministic=False, segments=None), ModelFastPath(deterministic=True, segments=None))
        """
        return ModelFastPath()

    def trusted_fast_path(self) -> ModelFastPath:
        """``fast_path()``, if the class declaring it also defines ``tokenize``.

        >>> from tokkit.models import WordLevel
        >>> class Shouting(WordLevel):
        ...     def tokenize(self, sequence):
        ...         return super().tokenize(sequence.lower())
        >>> WordLevel().trusted_fast_path().deterministic, Shouting().trusted_fast_path().deterministic
        (True, False)
        """
        return self.fast_path() if declared_with(self, "fast_path", "tokenize") else ModelFastPath()

    def save(self, folder: str, prefix: str | None = None, name: str | None = None) -> list[str]:
        """Write the model's files into ``folder``; returns their paths.

        >>> import os, tempfile
        >>> from tokkit.models import WordLevel
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     print([os.path.basename(p) for p in WordLevel({"a": 0}, unk_token="a").save(folder, "my")])
        ['my-vocab.json']
        """
        folder = os.fspath(folder)
        if not os.path.isdir(folder):
            raise ConfigurationError(f"cannot save model: folder {folder!r} does not exist; create it first")
        prefix = prefix if prefix is not None else name  # HF's deprecated `name` argument
        return [str(path) for path in self._save_files(folder, prefix)]

    def _save_files(self, folder: str, prefix: str | None) -> list[str]:
        raise NotImplementedError

    @staticmethod
    def _file_name(folder: str, prefix: str | None, base: str) -> str:
        return os.path.join(folder, f"{prefix}-{base}" if prefix is not None else base)

    # -- repr ------------------------------------------------------------
    def _repr_struct(self) -> Struct:
        fields = [(key, value) for key, value in self.to_dict().items() if key != "type"]
        return Struct(type(self).__name__, fields)

    def __repr__(self) -> str:
        return serde_repr(self._repr_struct())

    def __str__(self) -> str:
        return serde_str(self._repr_struct())
