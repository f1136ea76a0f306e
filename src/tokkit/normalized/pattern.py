"""Patterns and delimiter behaviours: how a NormalizedString is cut (HF ``tokenizer/pattern.rs``).

A pattern is a single char, a predicate on chars, a compiled regex, or an
``Invert`` of one; ``find_matches`` cuts a text into alternating (span, is
match) pieces and ``apply_behavior`` turns them into splits.

>>> find_matches("-", "a-b")
[((0, 1), False), ((1, 2), True), ((2, 3), False)]
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, Callable, Union

import regex

from .._errors import ConfigurationError
from .._unicode.matching import onig_match_spans
from .token import Offsets

if TYPE_CHECKING:
    from .._unicode.oniguruma import LimitedPattern, OnigPattern

__all__ = ["SplitDelimiterBehavior", "Pattern", "Invert", "find_matches", "apply_behavior"]


class SplitDelimiterBehavior(str, enum.Enum):
    """What to do with the delimiter when splitting (HF's names).

    >>> SplitDelimiterBehavior.parse("merged_with_next").value
    'MergedWithNext'
    """

    REMOVED = "Removed"
    ISOLATED = "Isolated"
    MERGED_WITH_PREVIOUS = "MergedWithPrevious"
    MERGED_WITH_NEXT = "MergedWithNext"
    CONTIGUOUS = "Contiguous"

    @classmethod
    def parse(cls, value: "str | SplitDelimiterBehavior") -> "SplitDelimiterBehavior":
        """Accept the Python spelling (``"merged_with_next"``) or the JSON one.

        >>> SplitDelimiterBehavior.parse("merged_with_next"), SplitDelimiterBehavior.parse("MergedWithNext")
        (<SplitDelimiterBehavior.MERGED_WITH_NEXT: 'MergedWithNext'>, <SplitDelimiterBehavior.MERGED_WITH_NEXT: 'MergedWithNext'>)
        """
        if isinstance(value, SplitDelimiterBehavior):
            return value
        if isinstance(value, str):
            for member in cls:
                if value == member.value or value.lower() == member.name.lower():
                    return member
        choices = ", ".join(m.name.lower() for m in cls)
        raise ConfigurationError(f"unknown split behavior {value!r}; use one of: {choices}")

    def __str__(self) -> str:
        return self.value


# A pattern: a single char, a predicate on chars, or a compiled regex (a tokkit.Regex's
# ``compiled``: possibly an OnigPattern).  A plain str pattern (several chars) is escaped
# into a regex, as HF does.
Pattern = Union[str, Callable[[str], bool], "regex.Pattern[str]", "OnigPattern", "LimitedPattern", "Invert"]


class Invert:
    """A pattern whose matches and non-matches are swapped (HF ``Invert``).

    >>> from tokkit import NormalizedString, Regex
    >>> [piece.normalized for piece in NormalizedString("ab12cd").split(Invert(Regex(r"\\d+").compiled), "removed")]
    ['12']
    """

    def __init__(self, pattern: Pattern) -> None:
        self.pattern = pattern


_ESCAPED_CACHE: dict[str, "regex.Pattern[str]"] = {}


def _string_pattern(text: str) -> "regex.Pattern[str]":
    compiled = _ESCAPED_CACHE.get(text)
    if compiled is None:
        compiled = regex.compile(regex.escape(text))
        _ESCAPED_CACHE[text] = compiled
    return compiled


def find_matches(pattern: Pattern, inside: str) -> list[tuple[Offsets, bool]]:
    """Cut ``inside`` into alternating (span, is_match) pieces, like HF's Pattern.

    >>> find_matches("-", "a-b")
    [((0, 1), False), ((1, 2), True), ((2, 3), False)]
    """
    if isinstance(pattern, Invert):
        return [(span, not is_match) for span, is_match in find_matches(pattern.pattern, inside)]
    if not inside:
        return [((0, 0), False)]
    if isinstance(pattern, str):
        if len(pattern) == 1:
            return _literal_char_matches(pattern, inside)
        if not pattern:
            # HF: an empty string pattern matches nothing.
            return [((0, len(inside)), False)]
        pattern = _string_pattern(pattern)
    if callable(pattern) and not hasattr(pattern, "finditer"):
        return _char_matches(pattern, inside)
    return _regex_matches(pattern, inside)


def _char_matches(predicate: Callable[[str], bool], inside: str) -> list[tuple[Offsets, bool]]:
    """Each char for which ``predicate`` holds is its own match."""
    pieces: list[tuple[Offsets, bool]] = []
    last = 0
    for i, c in enumerate(inside):
        if predicate(c):
            if last < i:
                pieces.append(((last, i), False))
            pieces.append(((i, i + 1), True))
            last = i + 1
    if last < len(inside):
        pieces.append(((last, len(inside)), False))
    return pieces


def _literal_char_matches(char: str, inside: str) -> list[tuple[Offsets, bool]]:
    """``_char_matches`` for one literal char: ``str.find`` jumps between the matches."""
    pieces: list[tuple[Offsets, bool]] = []
    last = 0
    position = inside.find(char)
    while position >= 0:
        if last < position:
            pieces.append(((last, position), False))
        pieces.append(((position, position + 1), True))
        last = position + 1
        position = inside.find(char, last)
    if last < len(inside):
        pieces.append(((last, len(inside)), False))
    return pieces


def _regex_matches(pattern: Any, inside: str) -> list[tuple[Offsets, bool]]:
    pieces: list[tuple[Offsets, bool]] = []
    prev = 0
    for start, end in onig_match_spans(pattern, inside):
        if prev != start:
            pieces.append(((prev, start), False))
        pieces.append(((start, end), True))
        prev = end
    if prev != len(inside):
        pieces.append(((prev, len(inside)), False))
    return pieces


def apply_behavior(
    matches: list[tuple[Offsets, bool]], behavior: SplitDelimiterBehavior
) -> list[tuple[Offsets, bool]]:
    """Turn (span, is_match) pieces into (span, remove) splits (HF ``split``).

    >>> pieces = find_matches("-", "ab-c")
    >>> apply_behavior(pieces, SplitDelimiterBehavior.MERGED_WITH_PREVIOUS)
    [((0, 3), False), ((3, 4), False)]
    >>> apply_behavior(pieces, SplitDelimiterBehavior.REMOVED)
    [((0, 2), False), ((2, 3), True), ((3, 4), False)]
    """
    B = SplitDelimiterBehavior
    if behavior is B.REMOVED:
        return matches
    if behavior is B.ISOLATED:
        return [(span, False) for span, _ in matches]
    out: list[list[int]] = []  # mutable [start, end] spans
    previous_match = False
    if behavior is B.CONTIGUOUS:
        for (start, end), is_match in matches:
            if is_match == previous_match and out:
                out[-1][1] = end
            else:
                out.append([start, end])
            previous_match = is_match
    elif behavior is B.MERGED_WITH_PREVIOUS:
        for (start, end), is_match in matches:
            if is_match and not previous_match and out:
                out[-1][1] = end
            else:
                out.append([start, end])
            previous_match = is_match
    else:  # MERGED_WITH_NEXT: the same walk, from the right
        for (start, end), is_match in reversed(matches):
            if is_match and not previous_match and out:
                out[-1][0] = start
            else:
                out.append([start, end])
            previous_match = is_match
        out.reverse()
    return [((s, e), False) for s, e in out]
