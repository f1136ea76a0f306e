"""The PreTokenizer family base: registry, the two paths, custom wrappers, JSON helpers.

Every pre-tokenizer has two ways to run, which must agree (the tests check it):

* ``pre_tokenize(pts)`` — the aligned path, in place on a PreTokenizedString,
  built like HF's Rust code (``pts.split`` with a pattern and a behavior);
* ``pre_tokenize_str(s)`` / ``split_words(s)`` — the fast path on plain
  strings: built-in pre-tokenizers that only cut text into substrings
  implement ``_pieces`` (one compiled regex where possible), and the two that
  rewrite text (ByteLevel, Metaspace) implement ``_transform``.

What this module does not do: any splitting itself.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar, Mapping

from .._errors import ArgumentTypeError, ConfigurationError
from .._json.component import Component, CustomWrapper
from .._json.registry import Registry
from .._json.serde_repr import Newtype, serde_repr, serde_str
from .._validation import MISSING, check_str, json_choice, json_field
from ..capabilities import CutsText, Pieces, PreTokenizerFastPath, declared_with
from ..normalized import NormalizedString, PreTokenizedString, SplitDelimiterBehavior

__all__ = ["PRE_TOKENIZERS", "register", "PreTokenizer", "from_dict"]


#: Per class: whether its fast path only cuts text (see ``PreTokenizer._is_substring``).
_CUTS_TEXT: dict[type, bool] = {}

PRE_TOKENIZERS: Registry["PreTokenizer"] = Registry("pre_tokenizer")
register = PRE_TOKENIZERS.register


class PreTokenizer(Component):
    """Base class of pre-tokenizers: implement ``pre_tokenize(pts)`` (in place).

    >>> from tokkit.pre_tokenizers import Whitespace
    >>> Whitespace().pre_tokenize_str("Hi, you!")
    [('Hi', (0, 2)), (',', (2, 3)), ('you', (4, 7)), ('!', (7, 8))]
    """

    _registry: ClassVar[Registry["PreTokenizer"]] = PRE_TOKENIZERS

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Split every not-yet-tokenized split of ``pretok`` in place.

        >>> from tokkit import PreTokenizedString
        >>> from tokkit.pre_tokenizers import Whitespace
        >>> pts = PreTokenizedString("Hi, you!")
        >>> Whitespace().pre_tokenize(pts); pts.get_splits()
        [('Hi', (0, 2), None), (',', (2, 3), None), ('you', (4, 7), None), ('!', (7, 8), None)]
        """
        raise NotImplementedError(f"{type(self).__name__} must implement pre_tokenize(pretok)")

    # -- fast path protocol ------------------------------------------------
    def fast_path(self) -> PreTokenizerFastPath:
        """What this pre-tokenizer guarantees on plain strings (see ``tokkit.capabilities``): nothing here.

        A class that declares one also promises that its own fast methods (``_pieces``,
        ``_words``, ``_transform``) give exactly what its ``pre_tokenize`` gives.

        >>> from tokkit.pre_tokenizers import Whitespace
        >>> PreTokenizer.fast_path(Whitespace()), Whitespace().fast_path().pieces("hi there")
        (None, [('hi', (0, 2)), ('there', (3, 8))])
        """
        return None

    def trusted_fast_path(self) -> PreTokenizerFastPath:
        """``fast_path()``, if the class declaring it also defines ``pre_tokenize``; else None.

        >>> from tokkit.pre_tokenizers import Whitespace
        >>> class Custom(Whitespace):
        ...     def pre_tokenize(self, pretok):
        ...         pass
        >>> Whitespace().trusted_fast_path() is not None, Custom().trusted_fast_path()
        (True, None)
        """
        return self.fast_path() if self._trusted() else None

    def _trusted(self) -> bool:
        """True if the class that defines ``pre_tokenize`` (or a subclass of it) declared ``fast_path``.

        A subclass that overrides ``pre_tokenize`` without declaring its own
        ``fast_path`` takes the aligned path: it never silently gets its parent's.
        """
        return declared_with(self, "fast_path", "pre_tokenize")  # worked out once per class

    def _is_substring(self) -> bool:
        """True if ``_pieces`` may replace ``pre_tokenize``: it declares that it only cuts (``CutsText``).

        Whether a pre-tokenizer only cuts is a property of its class, so it is asked once per class
        (this runs on every ``pre_tokenize_str`` call; ``Sequence`` overrides it).
        """
        cls = type(self)
        found = _CUTS_TEXT.get(cls)
        if found is None:
            found = _CUTS_TEXT[cls] = isinstance(self.trusted_fast_path(), CutsText)
        return found

    def _pieces(self, text: str) -> Pieces:
        """Substrings of ``text`` with offsets in ``text`` (substring pre-tokenizers only)."""
        raise NotImplementedError

    def _words(self, text: str) -> list[str]:
        return [word for word, _ in self._pieces(text)]

    def _transform(self, pieces: Pieces) -> Pieces | None:
        """Fast path over identity pieces (each str equals its original span), or None.

        Empty pieces may come in (the initial split of ``""``); like HF, a
        pre-tokenizer that splits drops them.
        """
        return None

    # -- public string API ---------------------------------------------------
    def pre_tokenize_str(self, sequence: str) -> Pieces:
        """Pre-tokenize a plain string: ``[(piece, (start, end))]`` in char offsets.

        >>> from tokkit.pre_tokenizers import Whitespace
        >>> Whitespace().pre_tokenize_str("Hi, you!")
        [('Hi', (0, 2)), (',', (2, 3)), ('you', (4, 7)), ('!', (7, 8))]
        """
        check_str(sequence, "sequence")
        if self._is_substring():
            return self._pieces(sequence)
        fast = self._transform([(sequence, (0, len(sequence)))])
        if fast is not None:
            return fast
        return self._aligned_str(sequence)

    def pieces_function(self) -> Callable[[str], Pieces]:
        """``pre_tokenize_str`` resolved once, for loops over many texts (no per-call planning).

        The result is only valid while this pre-tokenizer is not modified.

        >>> from tokkit.pre_tokenizers import Whitespace
        >>> Whitespace().pieces_function()("Hi you")
        [('Hi', (0, 2)), ('you', (3, 6))]
        """
        return self._pieces if self._is_substring() else self.pre_tokenize_str

    def split_words(self, text: str) -> list[str]:
        """Just the piece strings of ``pre_tokenize_str(text)`` (fastest; used by training).

        >>> from tokkit.pre_tokenizers import BertPreTokenizer
        >>> BertPreTokenizer().split_words("Hi, you!")
        ['Hi', ',', 'you', '!']
        """
        check_str(text, "text")
        if self._is_substring():
            return self._words(text)
        return [word for word, _ in self.pre_tokenize_str(text)]

    def _aligned_str(self, sequence: str) -> Pieces:
        pretok = PreTokenizedString(sequence)
        self.pre_tokenize(pretok)
        return pretok.pieces()

    # -- construction ----------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "PreTokenizer":
        """Build a pre-tokenizer from its JSON object (the family registry's rule).

        >>> PreTokenizer.from_dict({"type": "Digits", "individual_digits": True}).pre_tokenize_str("a12")
        [('a', (0, 1)), ('1', (1, 2)), ('2', (2, 3))]
        """
        return cls._registry.build(data)

    @classmethod
    def custom(cls, pretok: Any) -> "PreTokenizer":
        """Wrap a user object with a ``pre_tokenize(pts)`` method (like HF ``PreTokenizer.custom``).

        It works in a tokenizer but cannot be saved; to save one, subclass
        ``PreTokenizer`` and decorate it with ``tokkit.pre_tokenizers.register("Name")``.

        >>> class Halves:
        ...     def pre_tokenize(self, pts):
        ...         pts.split(lambda i, ns: [ns[: len(ns) // 2], ns[len(ns) // 2 :]])
        >>> PreTokenizer.custom(Halves()).pre_tokenize_str("abcd")
        [('ab', (0, 2)), ('cd', (2, 4))]
        """
        if not callable(getattr(pretok, "pre_tokenize", None)):
            raise ConfigurationError("PreTokenizer.custom needs an object with a pre_tokenize(pretok) method")
        return CustomPreTokenizer(pretok)

    # -- repr: HF's serde_pyo3 prints strings raw between double quotes ----------
    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={_repr_value(value)}" for name, value in self._repr_fields())
        return f"{type(self).__name__}({inner})"

    def __str__(self) -> str:
        """HF's ``str``: the repr with serde_pyo3's cuts (5 items then ``...``, strings to 100 bytes)."""
        inner = ", ".join(f"{name}={_repr_value(value, short=True)}" for name, value in self._repr_fields())
        return f"{type(self).__name__}({inner})"


# CustomWrapper hashes by identity, over Component's ``__hash__ = None``: mypy cannot accept a
# subclass making an unhashable base hashable again.
class CustomPreTokenizer(CustomWrapper, PreTokenizer):  # type: ignore[misc]
    """A user object with ``pre_tokenize(pts)``, wrapped by ``PreTokenizer.custom``."""

    _family = "PreTokenizer"

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        self.call_inner("pre_tokenize", pretok)


def from_dict(data: Mapping[str, Any]) -> PreTokenizer:
    """Build a pre-tokenizer from its JSON object (``PreTokenizer.from_dict``).

    >>> from_dict({"type": "Digits", "individual_digits": True})
    Digits(individual_digits=True)
    """
    return PreTokenizer.from_dict(data)


class RawRepr(str):
    """A repr fragment printed as is (``always``, ``String("a")``)."""


def _repr_value(value: Any, short: bool = False) -> str:
    """One field value as HF's serde_pyo3 repr writes it (strings unescaped in quotes); ``short``: as ``str``."""
    if isinstance(value, RawRepr):
        return str(value)
    if isinstance(value, Newtype):
        return serde_str(value) if short else serde_repr(value)
    if isinstance(value, SplitDelimiterBehavior):
        return value.value
    if isinstance(value, str):
        return serde_str(value) if short else f'"{value}"'
    if isinstance(value, list):
        items = [_repr_value(v, short) for v in (value[:5] if short else value)]
        return "[" + ", ".join(items + (["..."] if short and len(value) > 5 else [])) + "]"
    return str(value) if short else repr(value)


# -- argument and JSON checking ---------------------------------------------------
# Python spellings HF's constructors and setters accept (JSON uses the enum values).
_PY_BEHAVIORS = {member.name.lower(): member for member in SplitDelimiterBehavior}


def parse_behavior(value: Any) -> SplitDelimiterBehavior:
    """A constructor/setter behavior: ``"merged_with_next"`` or a SplitDelimiterBehavior."""
    if isinstance(value, SplitDelimiterBehavior):
        return value
    if isinstance(value, str) and value in _PY_BEHAVIORS:
        return _PY_BEHAVIORS[value]
    if not isinstance(value, str):
        raise ArgumentTypeError(f"behavior must be a str, got {type(value).__name__}")
    raise ConfigurationError(
        f"unknown split behavior {value!r}; expected one of: removed, isolated, "
        "merged_with_previous, merged_with_next, contiguous"
    )


def behavior_getter(behavior: SplitDelimiterBehavior) -> str:
    """What HF's ``behavior`` getter returns: the variant name lowercased (``mergedwithnext``)."""
    return behavior.value.lower()


_JSON_BEHAVIORS = tuple(member.value for member in SplitDelimiterBehavior)


def json_behavior(data: Mapping[str, Any], key: str, default: Any = MISSING) -> SplitDelimiterBehavior:
    """A ``SplitDelimiterBehavior`` field (``"Isolated"``, ...), ``default`` when missing."""
    value = json_field(data, key, lambda value, _name: json_choice(value, _JSON_BEHAVIORS), default)
    return value if isinstance(value, SplitDelimiterBehavior) else SplitDelimiterBehavior(value)


def split_with(pretok: PreTokenizedString, func: Callable[[NormalizedString], Any]) -> None:
    """``pretok.split`` with a function of the NormalizedString only (returning what ``pretok.split`` takes)."""
    pretok.split(lambda _i, normalized: func(normalized))
