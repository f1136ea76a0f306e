"""Sets of code points searched with compiled ``re`` classes, and code point range arithmetic.

The normalization forms and the character tables test texts against sets of
code points (the chars Python may get wrong, combining marks, controls...);
``_CharSet`` makes each test one C-level regex scan.

>>> _to_ranges([0x41, 0x43, 0x42, 0x301]), _merge([(1, 5), (3, 9), (11, 12)])
([(65, 67), (769, 769)], [(1, 9), (11, 12)])
>>> _CharSet([(0x300, 0x36F)]).sub("", "e\\u0301\\u0300x")
'ex'

What this module does not do: any Unicode data; the sets come from ``tokkit._unicode.normalization``
and ``tokkit._unicode.categories``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable, Iterator

Ranges = Iterable[tuple[int, int]]


# ==================== helpers =====================================================
class _CharSet:
    """A set of code points searched with compiled ``re`` classes, fast on big texts.

    ``re`` turns a class of BMP chars into a bitmap (one lookup per char), but
    tests astral ranges one by one (about 30x slower on a 26 MB text).  So the
    scan uses the BMP chars plus the *whole* astral block, and only astral
    candidates are checked against the exact set.

    >>> cs = _CharSet([(0x301, 0x301), (0x1F600, 0x1F600)]); cs.sub("", "e\u0301\U0001F600\U0001F601")
    'e\U0001f601'
    """

    def __init__(self, ranges: Ranges) -> None:
        ranges = list(ranges)
        bmp = [(a, min(b, 0xFFFF)) for a, b in ranges if a <= 0xFFFF]
        self.astral = [(max(a, 0x10000), b) for a, b in ranges if b > 0xFFFF]
        self._starts = [a for a, _ in self.astral]
        self.bmp = re.compile(_class_source(bmp))
        self.scan = re.compile(_class_source(bmp + [(0x10000, 0x10FFFF)])) if self.astral else self.bmp

    def _hit(self, match: "re.Match[str]") -> bool:
        cp = ord(match.group())
        if cp <= 0xFFFF:
            return True
        i = bisect_right(self._starts, cp) - 1
        return i >= 0 and cp <= self.astral[i][1]

    def search(self, text: str) -> bool:
        """Whether ``text`` holds a char of the set."""
        if not self.astral:
            return self.bmp.search(text) is not None
        return any(self._hit(m) for m in self.scan.finditer(text))

    def finditer(self, text: str) -> Iterator["re.Match[str]"]:
        """One match per char of the set, in order."""
        return (m for m in self.scan.finditer(text) if self._hit(m))

    def sub(self, repl: str, text: str) -> str:
        """Replace each char of the set by ``repl`` (an ``re`` template, ``\\g<0>`` = the char)."""
        if not self.astral or _ASTRAL.search(text) is None:
            return self.bmp.sub(repl, text)
        return self.scan.sub(lambda m: m.expand(repl) if self._hit(m) else m.group(), text)


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _class_source(ranges: Ranges) -> str:
    """``[...]`` for inclusive code point ranges; an empty set never matches."""
    parts = []
    for first, last in ranges:
        parts.append(re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
    return "[" + "".join(parts) + "]" if parts else "(?!)"


def _to_ranges(cps: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for cp in sorted(cps):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return [(a, b) for a, b in ranges]


def _expand(ranges: Ranges) -> set[int]:
    return {cp for first, last in ranges for cp in range(first, last + 1)}


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return [(a, b) for a, b in merged]
