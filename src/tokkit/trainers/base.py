"""The ``Trainer`` base: word counts, ``feed``, special tokens, state, repr, progress.

A trainer holds ``words`` (word -> count; the tokenizer fills it from the
normalized, pre-tokenized corpus) and its options.  ``train(model)`` replaces
the model's contents in place and returns the special tokens for the
tokenizer to add.  Pickle state and ``repr`` are HF's (``{"BpeTrainer": {...}}``).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any, Callable, ClassVar, Iterable, Optional

from .._errors import ConfigurationError
from ..added_tokens import AddedToken
from .._json.serde_repr import Struct, Unit, serde_repr, serde_str

__all__ = ["Trainer", "InitialAlphabetMixin", "to_special_tokens", "check_count", "ProgressStages"]

PROGRESS_FORMATS = {"indicatif": "Indicatif", "json": "JsonLines", "silent": "Silent"}


def to_special_tokens(tokens: Any) -> list[AddedToken]:
    """HF's conversion: a str becomes ``AddedToken(s, special=True)``; an AddedToken gets ``special=True``.

    HF mutates the AddedToken you pass; tokkit sets the flag on a copy.

    >>> to_special_tokens(["[UNK]"])
    [AddedToken("[UNK]", rstrip=False, lstrip=False, single_word=False, normalized=False, special=True)]
    """
    if isinstance(tokens, (str, AddedToken)) or not isinstance(tokens, (list, tuple)):
        raise ConfigurationError("special_tokens must be a List[Union[str, AddedToken]], e.g. [\"[UNK]\", \"[PAD]\"]")
    out = []
    for token in tokens:
        if isinstance(token, str):
            out.append(AddedToken(token, special=True))
        elif isinstance(token, AddedToken):
            copy = token.copy()
            copy.special = True
            out.append(copy)
        else:
            raise ConfigurationError(f"special_tokens must be a List[Union[str, AddedToken]], got {token!r}")
    return out


def to_alphabet(chars: Any) -> list[str]:
    """``initial_alphabet``: the first char of each string, unique, sorted by code point."""
    if isinstance(chars, str) or not isinstance(chars, (list, tuple, set, frozenset)):
        raise ConfigurationError("initial_alphabet must be a list of str, e.g. [\"a\", \"b\"]")
    for item in chars:
        if not isinstance(item, str):
            raise ConfigurationError(f"initial_alphabet must be a list of str, got {item!r}")
    # HF keeps a hash set (printed in hash order); tokkit keeps code point order.
    return sorted({item[0] for item in chars if item})


def check_count(value: Any, name: str, optional: bool = False) -> Optional[int]:
    """A non-negative int (Rust usize/u64), or None when ``optional``."""
    if value is None and optional:
        return None
    if type(value) is not int or value < 0:
        kind = "a non-negative int or None" if optional else "a non-negative int"
        raise ConfigurationError(f"{name} must be {kind}, got {value!r}")
    return value


def check_str(value: Any, name: str) -> Optional[str]:
    if value is not None and not isinstance(value, str):
        raise ConfigurationError(f"{name} must be a str or None, got {value!r}")
    return value


class _Stage:
    """One progress stage: a tqdm bar and/or HF's JSON lines on stderr."""

    def __init__(self, name: str, total: int, bar: bool, json_lines: bool) -> None:
        self.name, self.total, self.json_lines = name, total, json_lines
        self.position = 0
        self.bar = None
        if bar:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc=name, dynamic_ncols=True)
        self._emit(0, total)

    def _emit(self, current: int, total: int) -> None:
        if self.json_lines:
            print(json.dumps({"stage": self.name, "current": current, "total": total}), file=sys.stderr)

    def update(self, current: int) -> None:
        if self.bar is not None:
            self.bar.update(current - self.position)
        self.position = current
        self._emit(current, self.total)

    def finish(self, final: int) -> None:
        if self.bar is not None:
            self.bar.total = final
            self.bar.update(final - self.position)
            self.bar.close()
        self._emit(final, final)


class ProgressStages:
    """Factory of stages for ``show_progress`` and HF's ``progress_format``."""

    def __init__(self, show_progress: bool, progress_format: str = "Indicatif") -> None:
        self.bar = show_progress and progress_format == "Indicatif"
        self.json_lines = progress_format == "JsonLines"

    def __call__(self, name: str, total: int) -> _Stage:
        return _Stage(name, total, self.bar, self.json_lines)


class InitialAlphabetMixin:
    """The ``initial_alphabet`` attribute of the BPE and Unigram trainers (HF keeps one char per entry)."""

    _initial_alphabet: list[str]

    @property
    def initial_alphabet(self) -> list[str]:
        """The initial alphabet, one char per entry, sorted by code point."""
        return list(self._initial_alphabet)

    @initial_alphabet.setter
    def initial_alphabet(self, chars: Any) -> None:
        self._initial_alphabet = to_alphabet(chars)


class Trainer:
    """Base class of trainers.

    Attributes:
        words: word -> count, filled by ``feed`` (or directly by the tokenizer).

    >>> from tokkit.trainers import WordLevelTrainer
    >>> trainer = WordLevelTrainer(special_tokens=["<unk>"])
    >>> trainer.feed(["b a b"], str.split); trainer.words
    {'b': 2, 'a': 1}
    >>> trainer
    WordLevelTrainer(WordLevelTrainer(min_frequency=0, vocab_size=30000, show_progress=True, special_tokens=[AddedToken(content="<unk>", single_word=False, lstrip=False, rstrip=False, normalized=False, special=True)], words={"b":2, "a":1}))
    """

    @property
    def special_tokens(self) -> list[AddedToken]:
        """The special tokens (AddedToken, special=True)."""
        return [token.copy() for token in self._special_tokens]

    @special_tokens.setter
    def special_tokens(self, tokens: Any) -> None:
        self._special_tokens = to_special_tokens(list(tokens) if isinstance(tokens, tuple) else tokens)

    _name: ClassVar[str] = "Trainer"
    words: dict[str, int]

    def feed(self, iterator: Iterable[str], process: Callable[[str], list[str]]) -> None:
        """Count the words ``process(sequence)`` yields; **replaces** ``words`` (like HF)."""
        counts: Counter[str] = Counter()
        for sequence in iterator:
            counts.update(process(sequence))
        self.words = dict(counts)

    def train(self, model: Any) -> list[AddedToken]:
        """Train ``model`` in place; returns the special tokens to add to the tokenizer."""
        raise NotImplementedError

    # -- state and repr ----------------------------------------------------
    def _state(self) -> dict[str, Any]:
        """The trainer's serde fields, in HF's order."""
        raise NotImplementedError

    def _load_state(self, state: dict[str, Any]) -> None:
        raise NotImplementedError

    def __getstate__(self) -> bytes:
        return json.dumps({self._name: self._state()}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def __setstate__(self, state: Any) -> None:
        if isinstance(state, (bytes, bytearray)):
            state = json.loads(state.decode("utf-8"))
        self._load_state(state[self._name])

    def _repr_struct(self) -> Struct:
        return _as_struct(self._name, self._state())

    def __repr__(self) -> str:
        return f"{self._name}({serde_repr(self._repr_struct())})"

    def __str__(self) -> str:
        return f"{self._name}({serde_str(self._repr_struct())})"


def _as_struct(name: str, state: dict[str, Any]) -> Struct:
    """Turn a serde state dict into the value serde_pyo3 prints."""
    fields = []
    for key, value in state.items():
        if key == "special_tokens":
            value = [Struct("AddedToken", list(token.items())) for token in value]
        elif key == "progress_format":
            value = Unit(value)
        elif isinstance(value, dict) and key.endswith("_trainer"):
            value = _as_struct("BpeTrainer", value)
        fields.append((key, value))
    return Struct(name, fields)
