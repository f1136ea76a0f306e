"""``Regex``: a pattern that HF compiles with Oniguruma and tokkit with ``regex``.

Components that take a pattern (the Replace normalizer and decoder, the Split
pre-tokenizer) accept a plain ``str`` (matched literally, JSON
``{"String": s}``) or a ``Regex`` (JSON ``{"Regex": r}``).

>>> compile_pattern(Regex(r"\\s+")).findall("a  b")
['  ']
>>> pattern_to_json("a.b"), pattern_to_json(Regex("a.b"))
({'String': 'a.b'}, {'Regex': 'a.b'})
"""

from __future__ import annotations

from typing import Any, Union

import regex

from ._errors import ConfigurationError, SerializationError

__all__ = ["Regex", "compile_pattern", "pattern_to_json", "pattern_from_json", "PatternLike", "onig_match_spans"]


class Regex:
    """A regular expression pattern (HF ``tokenizers.Regex``).

    >>> Regex(r"\\d+").pattern
    '\\\\d+'
    """

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str) -> None:
        if not isinstance(pattern, str):
            raise ConfigurationError(f"Regex pattern must be a str, got {type(pattern).__name__}")
        try:
            # Oniguruma (Ruby syntax, as HF uses it): ^ and $ always match at line breaks.
            self._compiled = regex.compile(pattern, regex.MULTILINE)
        except regex.error as exc:
            raise ConfigurationError(f"invalid regular expression {pattern!r}: {exc}") from None
        self.pattern = pattern

    @property
    def compiled(self) -> "regex.Pattern[str]":
        return self._compiled

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Regex) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(("Regex", self.pattern))

    def __reduce__(self) -> Any:
        return (Regex, (self.pattern,))


PatternLike = Union[str, Regex]


def compile_pattern(pattern: PatternLike) -> "regex.Pattern[str] | str":
    """What ``find_matches`` takes: a compiled regex, or the literal string."""
    if isinstance(pattern, Regex):
        return pattern.compiled
    if isinstance(pattern, str):
        return pattern
    raise ConfigurationError(
        f"a pattern must be a str or tokkit.Regex, got {type(pattern).__name__}"
    )


def pattern_to_json(pattern: PatternLike) -> dict[str, str]:
    if isinstance(pattern, Regex):
        return {"Regex": pattern.pattern}
    return {"String": pattern}


def pattern_from_json(data: Any) -> PatternLike:
    """``{"String": s}`` -> ``s``; ``{"Regex": r}`` -> ``Regex(r)``."""
    if isinstance(data, dict) and len(data) == 1:
        (kind, value), = data.items()
        if isinstance(value, str):
            if kind == "String":
                return value
            if kind == "Regex":
                try:
                    return Regex(value)
                except ConfigurationError as exc:
                    raise SerializationError(str(exc)) from None
    raise SerializationError(
        f'a pattern must be {{"String": "..."}} or {{"Regex": "..."}}, got {data!r:.100}'
    )


def onig_match_spans(compiled: "regex.Pattern[str]", text: str) -> list[tuple[int, int]]:
    """Match spans in the order the ``onig`` crate's ``find_iter`` yields them (HF's regex loop).

    Empty matches are kept, except one right where the previous match ended.

    >>> onig_match_spans(regex.compile("b*"), "abba")
    [(0, 0), (1, 3), (4, 4)]
    """
    spans = []
    for match in compiled.finditer(text):
        start, end = match.span()
        if start == end:
            return _onig_spans_slow(compiled, text)
        spans.append((start, end))
    return spans


def _onig_spans_slow(compiled: "regex.Pattern[str]", text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    last_end = -1
    while position <= len(text):
        match = compiled.search(text, position)
        if match is None:
            break
        start, end = match.span()
        if start == end == last_end:
            # onig: no empty match right where the last match ended; retry one char on.
            position += 1
            continue
        spans.append((start, end))
        position = last_end = end
    return spans
