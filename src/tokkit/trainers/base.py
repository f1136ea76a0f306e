"""The ``Trainer`` base: word counts, ``feed``, special tokens, state, repr, progress; what a trainable model offers.

A trainer holds ``words`` (word -> count; the tokenizer fills it from the
normalized, pre-tokenized corpus) and its options.  ``train(model)`` replaces
the model's contents in place and returns the special tokens for the
tokenizer to add.  Pickle state and ``repr`` are HF's (``{"BpeTrainer": {...}}``),
built from the fields a trainer declares in ``_fields``.

A trainer never imports the models: it checks the model it is given by what
the model can do (``BpeTrainable``, ``WordPieceTrainable``, ...) and installs
its result through that one method.

>>> class Vocab:
...     def set_trained_wordlevel(self, vocab): self.vocab = vocab
>>> isinstance(Vocab(), WordLevelTrainable), isinstance(Vocab(), BpeTrainable)
(True, False)
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from typing import Any, Callable, ClassVar, Iterable, Mapping, NamedTuple, Optional, Protocol, runtime_checkable

from .._errors import ArgumentTypeError
from .._validation import check_optional_str, unsigned
from .._json.serde_repr import Struct, Unit, serde_repr, serde_str
from ..added_tokens import AddedToken

__all__ = [
    "Trainer", "InitialAlphabetMixin", "PROGRESS_FORMATS", "PROGRESS_ARGUMENTS",
    "to_special_tokens", "to_alphabet", "warn_unknown_options", "warn_vocab_exceeded", "optional_unsigned",
    "optional_str",
    "BpeTrainable", "WordPieceTrainable", "WordLevelTrainable", "UnigramTrainable",
]  # fmt: skip

#: ``progress_format`` argument -> HF's serde variant name (the pickle state and repr).
PROGRESS_FORMATS = {"indicatif": "Indicatif", "json": "JsonLines", "silent": "Silent"}
#: HF's variant name -> ``progress_format`` argument.
PROGRESS_ARGUMENTS = {variant: argument for argument, variant in PROGRESS_FORMATS.items()}


# -- what a trainer needs from the model it trains ------------------------------------------
@runtime_checkable
class BpeTrainable(Protocol):
    """A model ``BpeTrainer`` can train (HF: models/bpe/trainer.rs, do_train fills a ``BPE``).

    >>> from tokkit import models
    >>> model = models.BPE(); isinstance(model, BpeTrainable)
    True
    >>> model.set_trained_bpe({"a": 0, "b": 1, "ab": 2}, [(0, 1, 2)], None, None); model.tokenize("ab")[0].value
    'ab'
    """

    def set_trained_bpe(self, vocab: dict[str, int], merges: list[tuple[int, int, int]],
                        continuing_subword_prefix: Optional[str], end_of_word_suffix: Optional[str]) -> None:
        """Replace vocab, merges (``(id_a, id_b, new_id)`` by rank) and prefix/suffix; keep the other options."""


@runtime_checkable
class WordPieceTrainable(Protocol):
    """A model ``WordPieceTrainer`` can train (HF: models/wordpiece/trainer.rs, train).

    >>> from tokkit import models
    >>> model = models.WordPiece(); isinstance(model, WordPieceTrainable)
    True
    >>> model.set_trained_wordpiece({"[UNK]": 0, "a": 1, "##b": 2}, None); model.tokenize("ab")[1].value
    '##b'
    """

    def set_trained_wordpiece(self, vocab: dict[str, int], continuing_subword_prefix: Optional[str]) -> None:
        """Replace the vocab and the prefix (``"##"`` when None); keep unk_token and max_input_chars_per_word."""


@runtime_checkable
class WordLevelTrainable(Protocol):
    """A model ``WordLevelTrainer`` can train (HF: models/wordlevel/trainer.rs, do_train).

    >>> from tokkit import models
    >>> model = models.WordLevel(unk_token="?"); isinstance(model, WordLevelTrainable)
    True
    >>> model.set_trained_wordlevel({"?": 0, "hi": 1}); model.get_vocab()
    {'?': 0, 'hi': 1}
    """

    def set_trained_wordlevel(self, vocab: dict[str, int]) -> None:
        """Replace the vocab; keep unk_token."""


@runtime_checkable
class UnigramTrainable(Protocol):
    """A model ``UnigramTrainer`` can train (HF: models/unigram/trainer.rs, do_train).

    >>> from tokkit import models
    >>> model = models.Unigram(); isinstance(model, UnigramTrainable)
    True
    >>> model.set_trained_unigram([("<unk>", 0.0), ("a", -1.0)], 0); model.get_vocab()
    {'<unk>': 0, 'a': 1}
    """

    def set_trained_unigram(self, pieces: list[tuple[str, float]], unk_id: Optional[int]) -> None:
        """Become ``Unigram(pieces, unk_id)``: byte_fallback off, no sampling (HF replaces the whole model)."""


# -- argument conversions -------------------------------------------------------------------
def to_special_tokens(tokens: Any) -> list[AddedToken]:
    """HF's conversion: a str becomes ``AddedToken(s, special=True)``; an AddedToken gets ``special=True``.

    HF mutates the AddedToken you pass; tokkit sets the flag on a copy.

    >>> to_special_tokens(["[UNK]"])
    [AddedToken("[UNK]", rstrip=False, lstrip=False, single_word=False, normalized=False, special=True)]
    """
    if isinstance(tokens, (str, AddedToken)) or not isinstance(tokens, (list, tuple)):
        raise ArgumentTypeError("special_tokens must be a List[Union[str, AddedToken]], e.g. [\"[UNK]\", \"[PAD]\"]")
    out = []
    for token in tokens:
        if isinstance(token, str):
            out.append(AddedToken(token, special=True))
        elif isinstance(token, AddedToken):
            copy = token.copy()
            copy.special = True
            out.append(copy)
        else:
            raise ArgumentTypeError(f"special_tokens must be a List[Union[str, AddedToken]], got {token!r}")
    return out


def to_alphabet(chars: Any) -> list[str]:
    """``initial_alphabet``: the first char of each string, unique, sorted by code point."""
    if isinstance(chars, str) or not isinstance(chars, (list, tuple, set, frozenset)):
        raise ArgumentTypeError("initial_alphabet must be a list of str, e.g. [\"a\", \"b\"]")
    for item in chars:
        if not isinstance(item, str):
            raise ArgumentTypeError(f"initial_alphabet must be a list of str, got {item!r}")
    # HF keeps a hash set (printed in hash order); tokkit keeps code point order.
    return sorted({item[0] for item in chars if item})


def optional_unsigned(value: Any, name: str) -> Optional[int]:
    """None, or an unsigned int as HF's ``Option<usize>`` setters take it.

    >>> optional_unsigned(None, "limit_alphabet"), optional_unsigned(3, "limit_alphabet")
    (None, 3)
    """
    return None if value is None else unsigned(value, name)


def optional_str(value: Any, name: str) -> Optional[str]:
    """None or a str; anything else is a ``TypeError`` (an ``ArgumentTypeError``), as in HF's setters."""
    return check_optional_str(value, name, ArgumentTypeError)


def warn_unknown_options(trainer: str, options: dict[str, Any]) -> None:
    """HF ignores unknown trainer keywords (it prints "Ignored unknown kwargs option"); tokkit also warns.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_unknown_options("BpeTrainer", {"vocab_sise": 100})
    >>> print(caught[0].message)  # doctest: +ELLIPSIS
    BpeTrainer ignores the unknown keyword argument 'vocab_sise' (as HF does); check its spelling...
    """
    for name in options:
        warnings.warn(f"{trainer} ignores the unknown keyword argument {name!r} (as HF does); check its spelling "
                      f"against help({trainer})", UserWarning, stacklevel=3)


def warn_vocab_exceeded(vocab_size: int, trained: int, kept: str, fix: str = ", or cap the alphabet with limit_alphabet"
                        ) -> None:
    """Warn that the trained vocabulary is larger than ``vocab_size`` (HF returns it silently).

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_vocab_exceeded(5, 14, "the 12 characters of the alphabet and 2 special tokens")
    >>> print(caught[0].message)  # doctest: +ELLIPSIS
    the trained vocabulary has 14 entries, more than vocab_size=5: ...
    """
    warnings.warn(
        f"the trained vocabulary has {trained} entries, more than vocab_size={vocab_size}: {kept} "
        f"are always kept (as in HF, which says nothing); raise vocab_size to at least {trained}{fix}",
        UserWarning, stacklevel=4)


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


class _Codec(NamedTuple):
    """How a field whose serde form differs from its attribute is written, read back and printed."""

    to_state: Callable[[Any], Any]
    from_state: Callable[[Any], Any]
    to_repr: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


#: Fields whose pickle state is not the attribute itself (the others are stored as they are).
_CODECS: dict[str, _Codec] = {
    # HF serializes AddedToken structs; repr prints them as ``AddedToken(content=..., ...)``.
    "special_tokens": _Codec(lambda tokens: [token.__getstate__() for token in tokens],
                             lambda states: [AddedToken(**state) for state in states],
                             lambda states: [Struct("AddedToken", list(state.items())) for state in states]),
    # HF's ProgressFormat enum: the variant name, printed bare; an unknown one reads as indicatif.
    "progress_format": _Codec(PROGRESS_FORMATS.__getitem__, lambda name: PROGRESS_ARGUMENTS.get(name, "indicatif"),
                              Unit),
    "words": _Codec(dict, dict, _same),
}
_PLAIN = _Codec(_same, _same, _same)


class Trainer:
    """Base class of trainers.

    A subclass lists its serde fields in ``_fields`` (HF's order), each an
    attribute and (but ``words``) an ``__init__`` argument of the same name;
    state, pickling and repr follow from it.

    Attributes:
        words: word -> count, filled by ``feed`` (or directly by the tokenizer).

    >>> from tokkit.trainers import WordLevelTrainer
    >>> trainer = WordLevelTrainer(special_tokens=["<unk>"])
    >>> trainer.feed(["b a b"], str.split); trainer.words
    {'b': 2, 'a': 1}
    >>> trainer  # doctest: +ELLIPSIS
    WordLevelTrainer(WordLevelTrainer(..., special_tokens=[AddedToken(content="<unk>", ...)], words={"b":2, "a":1}))
    >>> from tokkit import models
    >>> model = models.WordLevel(unk_token="<unk>"); trainer.train(model); model.get_vocab()
    [AddedToken("<unk>", rstrip=False, lstrip=False, single_word=False, normalized=False, special=True)]
    {'<unk>': 0, 'b': 1, 'a': 2}
    """

    _name: ClassVar[str] = "Trainer"
    #: Attribute -> check(value, name) -> value: HF's setters convert (and refuse) like its constructor.
    _checks: ClassVar[dict[str, Callable[[Any, str], Any]]] = {}
    #: The serde fields, in HF's order (the keys of the pickle state and of the repr).
    _fields: ClassVar[tuple[str, ...]] = ()
    #: State values for fields a state may lack (serde defaults: fields HF added in later versions).
    _state_defaults: ClassVar[dict[str, Any]] = {"words": {}}

    words: Mapping[str, int]
    _special_tokens: list[AddedToken]

    def __setattr__(self, name: str, value: Any) -> None:
        check = type(self)._checks.get(name)
        object.__setattr__(self, name, value if check is None else check(value, name))

    @property
    def special_tokens(self) -> list[AddedToken]:
        """The special tokens (AddedToken, special=True)."""
        return [token.copy() for token in self._special_tokens]

    @special_tokens.setter
    def special_tokens(self, tokens: Any) -> None:
        self._special_tokens = to_special_tokens(list(tokens) if isinstance(tokens, tuple) else tokens)

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
        return {name: _CODECS.get(name, _PLAIN).to_state(getattr(self, name)) for name in self._fields}

    def _load_state(self, state: dict[str, Any]) -> None:
        """Rebuild from ``_state()``: the fields go through ``__init__`` (and its checks), then ``words``."""
        values = {}
        for name in self._fields:
            # A field missing from the state and without a default is a KeyError (serde rejects it).
            value = state[name] if name in state else self._state_defaults[name]
            values[name] = _CODECS.get(name, _PLAIN).from_state(value)
        words = values.pop("words", {})
        self.__init__(**values)  # type: ignore[misc]
        self.words = words

    def __getstate__(self) -> bytes:
        return json.dumps({self._name: self._state()}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def __setstate__(self, state: Any) -> None:
        if isinstance(state, (bytes, bytearray)):
            state = json.loads(state.decode("utf-8"))
        self._load_state(state[self._name])

    def _repr_struct(self) -> Struct:
        """The value serde_pyo3 prints: ``Name(field=value, ...)`` over the serde fields."""
        fields = [(name, _CODECS.get(name, _PLAIN).to_repr(value)) for name, value in self._state().items()]
        return Struct(self._name, fields)

    def __repr__(self) -> str:
        return f"{self._name}({serde_repr(self._repr_struct())})"

    def __str__(self) -> str:
        return f"{self._name}({serde_str(self._repr_struct())})"
