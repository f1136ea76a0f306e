"""Split: cut on a user pattern (a literal str or a ``tokkit.Regex``) with a behavior.

HF compiles the pattern with Oniguruma (a str pattern is escaped first) and
walks its matches with the ``onig`` crate's iterator, which keeps empty
matches except one that starts where the previous match ended.  Python's
``finditer`` keeps that one too, so when a pattern matches empty tokkit walks
the matches itself with ``search``.

>>> Split(Regex("b*"), "merged_with_previous").pre_tokenize_str("abba")
[('abb', (0, 3)), ('a', (3, 4))]

What this module does not do: translate Oniguruma-only syntax (``tokkit.Regex``
compiles the pattern with the ``regex`` module).
"""

from __future__ import annotations

from typing import Any, Mapping, TypeAlias

import regex

from .._errors import ArgumentTypeError, ConfigurationError
from .._unicode.matching import onig_match_spans
from .._unicode.oniguruma import LimitedPattern, OnigPattern, Regex, pattern_from_json, pattern_to_json
from .._validation import check_bool, json_bool, json_field
from ..capabilities import CutsText, Pieces
from ..normalized import PreTokenizedString, SplitDelimiterBehavior, apply_behavior
from .._json.serde_repr import Newtype
from .base import PreTokenizer, behavior_getter, json_behavior, parse_behavior, register, split_with

__all__ = ["Split"]

Span = tuple[int, int]
#: A ``tokkit.Regex`` compiles to either (an OnigPattern picks a compiled pattern per text).
Compiled: TypeAlias = "regex.Pattern[str] | OnigPattern | LimitedPattern"
_LITERALS: dict[str, "regex.Pattern[str]"] = {}


def _compile(pattern: "str | Regex") -> Compiled:
    if isinstance(pattern, Regex):
        return pattern.compiled
    if not isinstance(pattern, str):
        raise ArgumentTypeError(f"Split pattern must be a str or tokkit.Regex, got {type(pattern).__name__}")
    compiled = _LITERALS.get(pattern)
    if compiled is None:
        # HF: SysRegex::new(&regex::escape(s)); "" is the empty regex (matches everywhere).
        compiled = _LITERALS[pattern] = regex.compile(regex.escape(pattern))
    return compiled


def split_spans(compiled: Compiled, text: str, behavior: SplitDelimiterBehavior, invert: bool) -> list[Span]:
    """The kept, non-empty spans of HF's ``normalized.split(pattern, behavior)``."""
    if not text:
        return []
    pieces: list[tuple[Span, bool]] = []
    previous = 0
    for start, end in onig_match_spans(compiled, text):
        if previous != start:
            pieces.append(((previous, start), invert))
        pieces.append(((start, end), not invert))
        previous = end
    if previous != len(text):
        pieces.append(((previous, len(text)), invert))
    return [(a, b) for (a, b), removed in apply_behavior(pieces, behavior) if not removed and a < b]


@register("Split")
class Split(PreTokenizer):
    """Split on ``pattern`` (a str matched literally, or a ``tokkit.Regex``) with a behavior.

    Args:
        pattern: what to split on.
        behavior: ``"removed"``, ``"isolated"``, ``"merged_with_previous"``,
            ``"merged_with_next"`` or ``"contiguous"``.
        invert: split on what does *not* match instead.

    >>> Split(",", "removed").pre_tokenize_str("one,two")
    [('one', (0, 3)), ('two', (4, 7))]
    """

    _fields = ("pattern", "behavior", "invert")

    def __init__(self, pattern: "str | Regex", behavior: "str | SplitDelimiterBehavior", invert: bool = False) -> None:
        try:
            self._compiled = _compile(pattern)
        except regex.error as exc:
            raise ConfigurationError(f"invalid Split pattern {pattern!r}: {exc}") from None
        self._pattern = pattern
        self._behavior = parse_behavior(behavior)
        self.invert = check_bool(invert, "invert")

    @property
    def pattern(self) -> "str | Regex":
        """Refused, as in HF: the pattern is shown by ``repr()`` and saved by ``to_str()``.

        >>> Split("-", "isolated").pattern
        Traceback (most recent call last):
        ...
        tokkit._errors.ConfigurationError: Cannot get pattern: it is shown by repr() and saved in to_str()
        """
        # HF refuses to get or set the pattern (its tests expect both errors).
        raise ConfigurationError("Cannot get pattern: it is shown by repr() and saved in to_str()")

    @pattern.setter
    def pattern(self, value: "str | Regex") -> None:
        raise ConfigurationError("Cannot set pattern, please instantiate a new Split instead")

    @property
    def behavior(self) -> str:
        """What is done with each match: ``"removed"``, ``"isolated"``, ``"merged_with_previous"``, ...

        >>> Split("-", "isolated").behavior
        'isolated'
        """
        return behavior_getter(self._behavior)

    @behavior.setter
    def behavior(self, value: "str | SplitDelimiterBehavior") -> None:
        self._behavior = parse_behavior(value)

    def _spans(self, text: str) -> list[Span]:
        return split_spans(self._compiled, text, self._behavior, self.invert)

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Split each word on the pattern, the matches kept as ``behavior`` says, in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('a-b')
        >>> Split("-", "isolated").pre_tokenize(pts); pts.get_splits()
        [('a', (0, 1), None), ('-', (1, 2), None), ('b', (2, 3), None)]
        """
        split_with(pretok, lambda ns: [ns.slice(a, b) for a, b in self._spans(ns.normalized)])

    def _pieces(self, text: str) -> Pieces:
        return [(text[a:b], (a, b)) for a, b in self._spans(text)]

    def _words(self, text: str) -> list[str]:
        return [text[a:b] for a, b in self._spans(text)]

    def _json_fields(self) -> dict[str, Any]:
        return {"pattern": pattern_to_json(self._pattern), "behavior": self._behavior.value, "invert": self.invert}

    def _repr_fields(self) -> list[tuple[str, Any]]:
        kind = "Regex" if isinstance(self._pattern, Regex) else "String"
        text = self._pattern.pattern if isinstance(self._pattern, Regex) else self._pattern
        return [("pattern", Newtype(kind, text)), ("behavior", self._behavior), ("invert", self.invert)]

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Split":
        pattern = json_field(data, "pattern", lambda value, _name: pattern_from_json(value))
        return cls(pattern, json_behavior(data, "behavior"), json_field(data, "invert", json_bool))

    def fast_path(self) -> CutsText:
        """What the encode fast path may assume: its words are substrings.

        >>> Split(" ", "removed").fast_path().pieces("hi  you")
        [('hi', (0, 2)), ('you', (4, 7))]
        """
        return CutsText(self._pieces)

