"""SpanRuns: the original span of every normalized char, kept as runs instead of a tuple per char.

A NormalizedString maps each normalized char to the span of original chars it
came from.  On real text that map is the identity almost everywhere: a 10 MB
text with a few changed chars has a few spans that are not ``(i, i + 1)``.
HF keeps a ``Vec<(usize, usize)>`` (16 bytes a char); a Python list of tuples
costs about 64 bytes a char, and slicing it per word copies it again.  So the
spans are kept as *runs*:

* an **identity run** is one int ``origin``: its char ``j`` has the span
  ``(origin + j, origin + j + 1)``;
* an **explicit run** is a list of spans, for the chars that are not so
  (expanded, composed, removed-next-to, inserted).

``bounds[k]`` is where run ``k`` starts in the normalized string
(``bounds[-1]`` is its length).  Runs are built with a ``RunsBuilder``, which
merges an identity run that continues the one before it, so a text that stayed
the identity is one run whatever was done to it.

>>> runs = SpanRuns.from_spans([(0, 1), (1, 2), (2, 4), (4, 5), (5, 6)])
>>> runs.bounds, runs.runs
([0, 2, 3, 5], [0, [(2, 4)], 4])
>>> runs.span(3), runs.convert(1, 4), runs.to_list() == [(0, 1), (1, 2), (2, 4), (4, 5), (5, 6)]
((4, 5), (1, 5), True)
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import compress, islice, repeat
from operator import add, and_, eq, itemgetter, not_, sub
from typing import Optional, Union

from .token import Offsets

__all__ = ["Alignment", "Run", "RunsBuilder", "SpanRuns"]

#: The original ``(start, end)`` of one normalized char.
Alignment = tuple[int, int]
#: An identity run's origin, or an explicit run's spans.
Run = Union[int, list[Alignment]]

_START, _END = itemgetter(0), itemgetter(1)
#: Identity stretches at least this long get their own run (shorter ones stay in explicit lists).
_LONG_STRETCH = 32


def _identity(origin: int, length: int) -> list[Alignment]:
    bounds = range(origin, origin + length + 1)
    return list(zip(bounds, islice(bounds, 1, None)))


class SpanRuns:
    """The spans of a normalized string's chars, as identity and explicit runs (see the module doc).

    >>> SpanRuns.identity(2, 3).to_list()
    [(0, 1), (0, 1), (0, 1), (1, 2), (2, 3)]
    """

    __slots__ = ("bounds", "runs")

    def __init__(self, bounds: list[int], runs: list[Run]) -> None:
        self.bounds = bounds
        self.runs = runs

    @classmethod
    def identity(cls, lead: int, length: int) -> "SpanRuns":
        """``lead`` chars spanning ``(0, 1)`` then the identity over ``length`` chars.

        That is NormalizedString's implicit form (a text, maybe with a prefix prepended).
        """
        builder = RunsBuilder()
        builder.add_explicit([(0, 1)] * lead)
        builder.add_identity(0, length)
        return builder.build()

    @classmethod
    def from_spans(cls, spans: list[Alignment]) -> "SpanRuns":
        builder = RunsBuilder()
        builder.add_spans(spans)
        return builder.build()

    def __len__(self) -> int:
        return self.bounds[-1]

    def __repr__(self) -> str:
        return f"SpanRuns(bounds={self.bounds!r}, runs={self.runs!r})"

    def span(self, index: int) -> Alignment:
        """The span of normalized char ``index`` (``0 <= index < len(self)``)."""
        k = bisect_right(self.bounds, index) - 1
        run = self.runs[k]
        if type(run) is int:
            first = run + index - self.bounds[k]
            return (first, first + 1)
        return run[index - self.bounds[k]]  # type: ignore[index]

    def convert(self, start: int, end: int) -> Offsets:
        """The original span of normalized chars ``[start, end)`` (``start < end``, in range)."""
        return (self.span(start)[0], self.span(end - 1)[1])

    def identity_origin(self, start: int, end: int) -> Optional[int]:
        """The origin of chars ``[start, end)`` if they lie in one identity run, else None."""
        k = bisect_right(self.bounds, start) - 1
        run = self.runs[k]
        if type(run) is int and end <= self.bounds[k + 1]:
            return run + start - self.bounds[k]
        return None

    def lead(self, original_length: int) -> Optional[int]:
        """``n`` if these runs are ``SpanRuns.identity(n, original_length)``, else None (an O(1) test)."""
        runs, bounds = self.runs, self.bounds
        if len(runs) == 1 and runs[0] == 0 and bounds[1] == original_length:
            return 0
        if (len(runs) == 2 and runs[1] == 0 and bounds[2] - bounds[1] == original_length
                and type(runs[0]) is list and runs[0].count((0, 1)) == len(runs[0])):
            return bounds[1]
        return None

    def section(self, start: int, end: int) -> list[Alignment]:
        """The spans of chars ``[start, end)`` as a list."""
        out: list[Alignment] = []
        bounds, runs = self.bounds, self.runs
        k = bisect_right(bounds, start) - 1
        while start < end:
            stop = min(bounds[k + 1], end)
            run, offset = runs[k], start - bounds[k]
            if type(run) is int:
                out += _identity(run + offset, stop - start)
            else:
                out += run[offset:offset + stop - start]  # type: ignore[index]
            start, k = stop, k + 1
        return out

    def to_list(self) -> list[Alignment]:
        return self.section(0, len(self))

    def slice(self, start: int, end: int, shift: int) -> "SpanRuns":
        """The runs of chars ``[start, end)``, every span moved ``shift`` chars left."""
        builder = RunsBuilder()
        builder.copy(self, start, end, shift)
        return builder.build()

    def many(self, starts: list[int], ends: list[int], shift: int = 0) -> list[Offsets]:
        """``convert`` of many spans at once, plus ``shift`` (each ``starts[i] < ends[i]``, in range).

        In whole-list steps: a long text's split may hold millions of tokens.

        >>> SpanRuns.from_spans([(0, 1), (1, 3), (3, 4)]).many([0, 1], [2, 3], 10)
        [(10, 13), (11, 14)]
        """
        bounds, runs = self.bounds, self.runs
        if len(runs) == 1 and type(runs[0]) is list:  # one list (every char expanded): a plain lookup
            found = runs[0].__getitem__
            begins, finals = map(_START, map(found, starts)), map(_END, map(found, map(sub, ends, repeat(1))))
            if shift:
                begins, finals = map(add, begins, repeat(shift)), map(add, finals, repeat(shift))
            return list(zip(begins, finals))
        # ``bisect_right(bounds, i)`` is 1 + the run of char i, so every per-run list starts with a dummy.
        # An identity run maps char i to ``i + run - bound``; an explicit run's spans are looked up in
        # ``flat`` (every explicit run, end to end) at ``i + flat_delta``.
        deltas, flat_deltas, explicit = [0], [0], [False]
        flat: list[Alignment] = []
        for run, bound in zip(runs, bounds):
            if type(run) is int:
                deltas.append(run - bound + shift)
                flat_deltas.append(0)
            else:
                deltas.append(0)
                flat_deltas.append(len(flat) - bound)
                flat += run  # type: ignore[arg-type]
            explicit.append(type(run) is not int)
        lasts_in = list(map(sub, ends, repeat(1)))
        first_runs = list(map(bisect_right, repeat(bounds), starts))
        last_runs = list(map(bisect_right, repeat(bounds), lasts_in))
        firsts = _resolve(starts, starts, first_runs, deltas, explicit, flat, flat_deltas, _START, shift)
        lasts = _resolve(ends, lasts_in, last_runs, deltas, explicit, flat, flat_deltas, _END, shift)
        return list(zip(firsts, lasts))


def _resolve(values: list[int], lookups: list[int], run_of: list[int], deltas: list[int], explicit: list[bool],
             flat: list[Alignment], flat_deltas: list[int], column: "itemgetter[int]", shift: int) -> list[int]:
    """``SpanRuns.many``'s one column: ``values`` through identity runs, ``lookups`` through explicit ones."""
    if not any(explicit):
        return list(map(add, values, map(deltas.__getitem__, run_of)))
    if all(explicit[1:]):  # every span is looked up (a byte-level CJK text: three chars per original char)
        where: "list[int] | range" = range(len(values))
        positions = list(map(add, lookups, map(flat_deltas.__getitem__, run_of)))
    else:
        where = list(compress(range(len(values)), map(explicit.__getitem__, run_of)))
        positions = list(map(add, map(lookups.__getitem__, where),
                             map(flat_deltas.__getitem__, map(run_of.__getitem__, where))))
    found = map(column, map(flat.__getitem__, positions))
    if shift:
        found = map(add, found, repeat(shift))
    if len(where) == len(values):
        return list(found)
    out = list(map(add, values, map(deltas.__getitem__, run_of)))
    for i, value in zip(where, found):
        out[i] = value
    return out


class RunsBuilder:
    """Builds SpanRuns left to right; an identity run that continues the last one is merged into it.

    >>> builder = RunsBuilder(); builder.add_identity(0, 2); builder.add_spans([(2, 3), (3, 4), (3, 4)])
    >>> builder.build().runs
    [0, 3]
    """

    __slots__ = ("bounds", "runs")

    def __init__(self) -> None:
        self.bounds: list[int] = [0]
        self.runs: list[Run] = []  # the explicit lists here are this builder's own (extended in place)

    def build(self) -> SpanRuns:
        return SpanRuns(self.bounds, self.runs)

    def last_span(self) -> Optional[Alignment]:
        """The span of the last char added, if any."""
        if not self.runs:
            return None
        run = self.runs[-1]
        if type(run) is int:
            last = run + self.bounds[-1] - self.bounds[-2] - 1
            return (last, last + 1)
        return run[-1]  # type: ignore[index]

    def add_identity(self, origin: int, length: int) -> None:
        if length <= 0:
            return
        runs, bounds = self.runs, self.bounds
        if self._continues(origin):
            bounds[-1] += length
            return
        runs.append(origin)
        bounds.append(bounds[-1] + length)

    def add_explicit(self, spans: list[Alignment]) -> None:
        """Add spans as they are (no identity stretch is looked for)."""
        if not spans:
            return
        runs, bounds = self.runs, self.bounds
        if runs and type(runs[-1]) is list:
            runs[-1] += spans
            bounds[-1] += len(spans)
            return
        runs.append(list(spans))
        bounds.append(bounds[-1] + len(spans))

    def add_spans(self, spans: list[Alignment]) -> None:
        """Add spans, turning their long stretches of ``(i, i + 1), (i + 1, i + 2)...`` into identity runs.

        A short stretch stays in an explicit list (a run per char would cost
        more than the tuples: a byte-level text maps each CJK char to three
        chars of one span), unless it continues the last identity run.
        """
        count = len(spans)
        if count <= 8:  # a few spans (a prefix, a replaced char): one look each
            for span in spans:
                if span[1] - span[0] == 1:
                    self.add_identity(span[0], 1)
                else:
                    self.add_explicit([span])
            return
        starts, ends = list(map(_START, spans)), list(map(_END, spans))
        unit = list(map(eq, map(sub, ends, starts), repeat(1)))
        follows = map(eq, map(sub, islice(starts, 1, None), starts), repeat(1))
        # Char i continues char i - 1's identity stretch: both unit spans, and i starts one later.
        continues = map(and_, map(and_, islice(unit, 1, None), unit), follows)
        cuts = [0, *compress(range(1, count), map(not_, continues)), count]
        pending = 0  # the first span not added yet
        for first, stop in zip(cuts, islice(cuts, 1, None)):
            if unit[first] and (stop - first >= _LONG_STRETCH or (first == 0 and self._continues(starts[0]))):
                self.add_explicit(spans[pending:first])
                self.add_identity(starts[first], stop - first)
                pending = stop
        self.add_explicit(spans[pending:])

    def _continues(self, origin: int) -> bool:
        """True if an identity run at ``origin`` would continue the last run."""
        runs, bounds = self.runs, self.bounds
        return bool(runs) and type(runs[-1]) is int and runs[-1] + bounds[-1] - bounds[-2] == origin

    def copy(self, source: SpanRuns, start: int, end: int, shift: int = 0) -> None:
        """Add the spans of ``source``'s chars ``[start, end)``, moved ``shift`` chars left."""
        bounds, runs = source.bounds, source.runs
        k = bisect_right(bounds, start) - 1
        while start < end:
            stop = min(bounds[k + 1], end)
            run, offset = runs[k], start - bounds[k]
            if type(run) is int:
                self.add_identity(run + offset - shift, stop - start)
            else:
                part = run[offset:offset + stop - start]  # type: ignore[index]
                self.add_explicit(part if not shift else [(a - shift, b - shift) for a, b in part])
            start, k = stop, k + 1
