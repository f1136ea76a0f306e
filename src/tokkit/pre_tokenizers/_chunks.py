"""Pre-tokenizers that cut by position, not by pattern: UnicodeScripts and FixedLength.

Both compute cut points on the split's text; the aligned path slices the
NormalizedString there, the fast path slices the str.

What this module does not do: look at Unicode data itself (``_unicode_pretok``).
"""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import ConfigurationError
from .._unicode.char_classes import script_of
from ..normalized import PreTokenizedString
from ._base import ArgumentTypeError, Pieces, PreTokenizer, json_field, register, split_with

__all__ = ["UnicodeScripts", "FixedLength"]

_ANY = 0  # the script class that joins anything (' ' and unassigned code points)


def script_spans(text: str) -> list[tuple[int, int]]:
    """HF UnicodeScripts cut points: a new piece where the script changes.

    Any-script chars never cut and never reset the current script, and no cut
    is made at 0: text before the first real script is **dropped** (HF).

    >>> script_spans(" ab中")
    [(1, 3), (3, 4)]
    """
    cuts = []
    last = None
    for i, char in enumerate(text):
        script = script_of(char)
        if script != _ANY:
            if script != last:
                cuts.append(i)
            last = script
    if not cuts:
        return []
    cuts.append(len(text))
    return list(zip(cuts, cuts[1:]))


@register("UnicodeScripts")
class UnicodeScripts(PreTokenizer):
    """Split where the Unicode script changes (kana count as Han, ``' '`` joins anything).

    >>> UnicodeScripts().pre_tokenize_str(" Hi, 你好こんにちは123")
    [('Hi', (1, 3)), (', ', (3, 5)), ('你好こんにちは', (5, 12)), ('123', (12, 15))]
    """

    _fast_path = True

    _CUTS_ONLY = True

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        split_with(pretok, lambda ns: [ns.slice(a, b) for a, b in script_spans(ns.normalized)])

    def _pieces(self, text: str) -> Pieces:
        return [(text[a:b], (a, b)) for a, b in script_spans(text)]


@register("FixedLength")
class FixedLength(PreTokenizer):
    """Cut the text into chunks of ``length`` chars (the last one may be shorter).

    >>> FixedLength(length=3).pre_tokenize_str("Hello")
    [('Hel', (0, 3)), ('lo', (3, 5))]
    """

    _fast_path = True

    _CUTS_ONLY = True

    _fields = ("length",)

    def __init__(self, length: int = 5) -> None:
        self.length = length

    @property
    def length(self) -> int:
        return self._length

    @length.setter
    def length(self, value: int) -> None:
        if not isinstance(value, int):
            raise ArgumentTypeError(f"FixedLength length must be an int, got {type(value).__name__}")
        if value < 0:
            raise ConfigurationError(f"FixedLength length must be >= 0, got {value}")
        # HF accepts 0 here and only fails (a Rust panic) when text is split.
        self._length = int(value)

    def _spans(self, n: int) -> range:
        if n and not self._length:
            raise ConfigurationError("FixedLength(length=0) cannot split text: use a length of at least 1")
        return range(0, n, self._length or 1)

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        size = self._length
        split_with(pretok, lambda ns: [ns.slice(i, min(i + size, len(ns))) for i in self._spans(len(ns))])

    def _pieces(self, text: str) -> Pieces:
        size, n = self._length, len(text)
        return [(text[i : i + size], (i, min(i + size, n))) for i in self._spans(n)]

    def _words(self, text: str) -> list[str]:
        size = self._length
        return [text[i : i + size] for i in self._spans(len(text))]

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "FixedLength":
        return cls(json_field(data, "length", "usize", 5))

