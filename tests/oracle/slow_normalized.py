"""A slow, obviously-correct NormalizedString: one span tuple per char, every edit a ``transform_range``.

The oracle for ``tokkit.normalized`` (span runs, one-pass edits, implicit
alignments).  Each edit is written the way HF writes it (HF:
tokenizer/normalizer.rs): ``prepend``, ``append``, ``replace`` (one
``transform_range`` per match, from the right), ``strip`` and ``filter`` are
all ``transform_range`` calls on a plain list.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

Span = tuple[int, int]


class SlowNormalized:
    def __init__(self, original: str, normalized: Optional[str] = None,
                 spans: Optional[list[Span]] = None, shift: int = 0) -> None:
        self.original = original
        self.normalized = original if normalized is None else normalized
        self.spans = [(i, i + 1) for i in range(len(original))] if spans is None else spans
        self.shift = shift

    def transform_range(self, start: int, end: int, dest: Iterable[tuple[str, int]], initial_offset: int = 0) -> None:
        chars, spans = [], []
        index = start + initial_offset
        for char, change in dest:
            if change > 0:
                spans.append(self.spans[index - 1] if index >= 1 else (0, 0))
            else:
                spans.append(self.spans[index])
                index += 1 - change
            chars.append(char)
        self.normalized = self.normalized[:start] + "".join(chars) + self.normalized[end:]
        self.spans = self.spans[:start] + spans + self.spans[end:]

    def prepend(self, s: str) -> None:
        if self.normalized and s:
            first = self.normalized[0]
            self.transform_range(0, 1, [(c, 1 if i else 0) for i, c in enumerate(s)] + [(first, 1)])

    def append(self, s: str) -> None:
        if not s:
            return
        n = len(self.normalized)
        if not n:
            self.transform_range(0, 0, [(c, 1) for c in s])
        else:
            self.transform_range(n - 1, n, [(self.normalized[-1], 0)] + [(c, 1) for c in s])

    def replace(self, pattern: str, content: str) -> None:
        """``pattern`` is a regular expression here (a literal goes through ``re.escape``)."""
        for match in reversed(list(re.finditer(pattern, self.normalized))):
            start, end = match.span()
            self.transform_range(start, end, [(c, 1) for c in content], end - start)

    def strip(self) -> None:
        text = self.normalized
        kept = text.strip()
        if not kept:
            self.normalized, self.spans = "", []
            return
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        self.transform_range(0, len(text), [(c, 0) for c in kept[:-1]] + [(kept[-1], -trail)], lead)

    def filter(self, keep: Callable[[str], bool]) -> None:
        kept = [i for i, c in enumerate(self.normalized) if keep(c)]
        if not kept:
            self.normalized, self.spans = "", []
            return
        nexts = kept[1:] + [len(self.normalized)]
        dest = [(self.normalized[i], -(after - i - 1)) for i, after in zip(kept, nexts)]
        self.transform_range(0, len(self.normalized), dest, kept[0])

    def map_chars(self, func: Callable[[str], str]) -> None:
        spans: list[Span] = []
        for span, char in zip(self.spans, self.normalized):
            spans += [span] * len(func(char))
        self.normalized = "".join(map(func, self.normalized))
        self.spans = spans

    def slice(self, start: int, end: int) -> "SlowNormalized":
        if start == end:
            return SlowNormalized("", "", [], self.shift + start)
        o_start, o_end = self.spans[start][0], self.spans[end - 1][1]
        return SlowNormalized(self.original[o_start:o_end], self.normalized[start:end],
                              [(a - o_start, b - o_start) for a, b in self.spans[start:end]], self.shift + o_start)

    def offsets_of(self, start: int, end: int) -> Span:
        """What an Encoding reports for normalized chars ``[start, end)`` (``start < end``, in range)."""
        return (self.spans[start][0] + self.shift, self.spans[end - 1][1] + self.shift)
