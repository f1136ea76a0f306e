"""Leftmost-longest literal matching for added tokens, cheap to grow one token at a time.

HF finds added tokens with Aho-Corasick automata (``LeftmostLongest``) that it
rebuilds on every ``add_tokens`` call, which is cheap in Rust.  Here a regex
alternation of the escaped literals, longest first, finds at the leftmost
position the longest literal: the same matches.  Compiling an alternation is
not cheap, so literals live in *levels* like a binary counter: a new batch is a
level of its own, merged (and recompiled) with the previous level while that
one is not larger.  Growing to n literals one by one compiles O(n log n)
literals in all, and a scan consults O(log n) levels.

>>> matcher = AddedMatcher()
>>> matcher.add("ab", 1); matcher.add("abc", 2); matcher.add("b", 3)
>>> list(matcher.find_iter("abcab b"))
[(0, 3, 2), (3, 5, 1), (6, 7, 3)]
"""

from __future__ import annotations

import threading
from typing import Iterable, Iterator, Optional

import regex

__all__ = ["AddedMatcher"]

Match = tuple[int, int, int]  # start, end, token id


class AddedMatcher:
    """Literals and their ids; equal literals keep the smallest id.

    An empty literal (a normalized token whose normalized form is empty) matches
    everywhere, as in the ``aho-corasick`` crate: at every position not already
    ending a match, and at every byte inside a multi-byte char, where HF then
    panics ("AddedVocabulary bad split"); those positions come out with id -1.
    """

    __slots__ = ("ids", "empty_id", "_levels", "_pending", "_lock")

    def __init__(self, patterns: Iterable[tuple[str, int]] = ()) -> None:
        self.ids: dict[str, int] = {}
        self.empty_id: Optional[int] = None
        self._levels: list[tuple[list[str], "regex.Pattern[str]"]] = []
        self._pending: list[str] = []
        # Encodes may scan from several threads while one of them compiles the pending literals.
        self._lock = threading.Lock()
        for text, token_id in patterns:
            self.add(text, token_id)

    def add(self, text: str, token_id: int) -> None:
        """Add a literal (HF iterates a hash map here, so which id wins for equal literals
        varies from run to run in HF; tokkit keeps the smallest)."""
        if not text:
            if self.empty_id is None or token_id < self.empty_id:
                self.empty_id = token_id
        elif text in self.ids:
            self.ids[text] = min(self.ids[text], token_id)
        else:
            self.ids[text] = token_id
            with self._lock:
                self._pending.append(text)

    def _compiled(self) -> list["regex.Pattern[str]"]:
        if self._pending:
            with self._lock:
                if self._pending:
                    # Readers see the old levels with the pending list, or the new ones without it.
                    self._levels = _merged(self._levels, self._pending)
                    self._pending = []
        return [compiled for _, compiled in self._levels]

    def __getstate__(self) -> tuple[dict[str, int], Optional[int], list[str]]:
        return self.ids, self.empty_id, [text for level, _ in self._levels for text in level] + self._pending

    def __setstate__(self, state: tuple[dict[str, int], Optional[int], list[str]]) -> None:
        self.ids, self.empty_id, self._pending = state
        self._levels, self._lock = [], threading.Lock()

    def search(self, text: str) -> bool:
        """Whether any literal occurs in ``text``."""
        if self.empty_id is not None:
            return True
        if self._pending:
            self._compiled()
        for _, compiled in self._levels:  # called twice per encoded text: no list, no generator
            if compiled.search(text) is not None:
                return True
        return False

    def find_iter(self, text: str, with_empty: bool = True) -> Iterable[Match]:
        """Non-overlapping leftmost-longest matches, left to right."""
        if self.empty_id is not None and with_empty:
            return self._find_with_empty(text)
        levels = self._compiled()
        if not levels:
            return ()
        ids = self.ids
        if len(levels) == 1:
            return ((m.start(), m.end(), ids[m.group()]) for m in levels[0].finditer(text))
        return self._find_across(levels, text)

    def _find_across(self, levels: list["regex.Pattern[str]"], text: str) -> Iterator[Match]:
        ids, pos = self.ids, 0
        upcoming: list[Optional[regex.Match[str]]] = [compiled.search(text) for compiled in levels]
        while True:
            best = None
            for i, m in enumerate(upcoming):
                if m is not None and m.start() < pos:
                    m = upcoming[i] = levels[i].search(text, pos)
                if m is not None and (best is None or (m.start(), -m.end()) < (best.start(), -best.end())):
                    best = m
            if best is None:
                return
            yield best.start(), best.end(), ids[best.group()]
            pos = best.end()

    def _longest_at(self, text: str, pos: int) -> "Optional[regex.Match[str]]":
        best = None
        for compiled in self._compiled():
            m = compiled.match(text, pos)
            if m is not None and (best is None or m.end() > best.end()):
                best = m
        return best

    def _find_with_empty(self, text: str) -> Iterator[Match]:
        ids, empty_id = self.ids, self.empty_id
        assert empty_id is not None
        pos, last_end = 0, -1
        while pos <= len(text):
            m = self._longest_at(text, pos)
            if m is not None:
                yield pos, m.end(), ids[m.group()]
                pos = last_end = m.end()
                continue
            if pos != last_end:  # the crate skips an empty match right after a match
                yield pos, pos, empty_id
                last_end = pos
            if pos < len(text) and ord(text[pos]) > 0x7F:
                yield pos, pos, -1  # the next byte is inside this char
            pos += 1


def _merged(levels: list[tuple[list[str], "regex.Pattern[str]"]], pending: list[str]
            ) -> list[tuple[list[str], "regex.Pattern[str]"]]:
    """``levels`` with ``pending`` as a new last level, merged into the levels not larger than it."""
    levels, level = list(levels), list(pending)
    while levels and len(levels[-1][0]) <= len(level):
        level = levels.pop()[0] + level
    ordered = sorted(level, key=len, reverse=True)
    return levels + [(level, regex.compile("|".join(regex.escape(p) for p in ordered)))]
