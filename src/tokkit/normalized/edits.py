"""The pure cores of NormalizedString's edits: text and span runs in, text and span runs out.

Each function reads the spans exactly as HF's ``transform_range`` reads its
alignments (HF ``tokenizer/normalizer.rs``), but builds the new spans as runs
(``span_runs``), so the untouched stretches of a huge text are never one
tuple per char.

>>> text, runs = transform_ranges("abc", SpanRuns.identity(0, 3), [(1, 2, [("x", 0), ("y", 1)])])
>>> text, runs.to_list()
('axyc', [(0, 1), (1, 2), (1, 2), (2, 3)])
"""

from __future__ import annotations

from itertools import chain, compress, repeat
from operator import ne
from typing import Callable, Iterable, Optional, Sequence

from .span_runs import Alignment, RunsBuilder, SpanRuns
from .token import Offsets

__all__ = ["Change", "expanded", "filter_changes", "replaced", "transform_ranges", "transformed"]

#: One ``transform_range`` of many: the range of normalized chars and what replaces it.
Change = tuple[int, int, Iterable[tuple[str, int]]]


def transformed(runs: SpanRuns, start: int, end: int, dest: Iterable[tuple[str, int]],
                initial_offset: int) -> tuple[str, list[Alignment]]:
    """The chars of ``dest`` and their spans, read from ``runs`` as HF's ``transform_range`` reads them.

    ``(char, 0)`` takes the next old char's span; ``(char, -n)`` too, then skips
    ``n`` old chars; ``(char, 1)`` is new and takes the span of the old char
    before the current one, or ``(0, 0)`` at the very start.
    """
    low = start - 1 if start else 0  # an insert at ``start`` takes the span of the char before it
    old = runs.section(low, end)
    chars: list[str] = []
    spans: list[Alignment] = []
    index = start + initial_offset - low  # the next old char, counted from ``low``
    for char, change in dest:
        if change > 0:
            spans.append(old[index - 1] if index >= 1 else (0, 0))
        else:
            spans.append(old[index])
            index += 1 - change if change < 0 else 1
        chars.append(char)
    return "".join(chars), spans


def transform_ranges(text: str, runs: SpanRuns, changes: Sequence[Change],
                     initial_offset: int = 0) -> tuple[str, SpanRuns]:
    """Apply each ``(start, end, dest)`` (sorted, apart), as ``transform_range`` one by one from the right."""
    builder = RunsBuilder()
    pieces: list[str] = []
    position = 0
    for start, end, dest in changes:
        builder.copy(runs, position, start)
        pieces.append(text[position:start])
        chars, spans = transformed(runs, start, end, dest, initial_offset)
        builder.add_spans(spans)
        pieces.append(chars)
        position = end
    builder.copy(runs, position, len(text))
    pieces.append(text[position:])
    return "".join(pieces), builder.build()


def replaced(text: str, runs: SpanRuns, matches: Iterable[tuple[Offsets, bool]],
             content: str) -> Optional[tuple[str, SpanRuns]]:
    """``text`` with every match replaced by ``content``; None if nothing matched.

    The new chars take the span of the last char of the match (for an empty
    match: of the char before it, or ``(0, 0)`` at the start): what HF's
    ``transform_range`` per match gives, in one pass.
    """
    pieces: list[str] = []
    builder = RunsBuilder()
    position = 0
    for (start, end), is_match in matches:
        if not is_match:
            continue
        pieces.append(text[position:start])
        builder.copy(runs, position, start)
        anchor = runs.span(end - 1) if end > start else builder.last_span() or (0, 0)
        pieces.append(content)
        builder.add_spans([anchor] * len(content))
        position = end
    if not pieces:
        return None
    pieces.append(text[position:])
    builder.copy(runs, position, len(text))
    return "".join(pieces), builder.build()


def expanded(runs: SpanRuns, lengths: list[int]) -> SpanRuns:
    """Each char's span repeated ``lengths[i]`` times (``map_chars``: a char mapped to several chars).

    >>> expanded(SpanRuns.identity(0, 3), [1, 2, 1]).to_list()
    [(0, 1), (1, 2), (1, 2), (2, 3)]
    """
    changed = list(compress(range(len(lengths)), map(ne, lengths, repeat(1))))
    builder = RunsBuilder()
    if len(changed) * 32 > len(lengths):  # most chars change (a byte-level CJK text): one list, no runs to find
        builder.add_explicit(list(chain.from_iterable(map(repeat, runs.to_list(), lengths))))
        return builder.build()
    position = 0
    for index in changed:
        builder.copy(runs, position, index)
        builder.add_spans([runs.span(index)] * lengths[index])
        position = index + 1
    builder.copy(runs, position, len(runs))
    return builder.build()


def filter_changes(text: str, keep: Callable[[str], bool]) -> tuple[list[tuple[str, int]], int]:
    """HF ``filter``'s changes: each kept char deletes the removed ones after it.

    Returns the changes and how many chars are removed before the first kept one.

    >>> filter_changes("xaxxb", lambda c: c != "x")
    ([('a', -2), ('b', 0)], 1)
    """
    dest: list[tuple[str, int]] = []
    removed = removed_start = 0
    last: Optional[str] = None
    for char in text:
        if keep(char):
            if last is not None:
                dest.append((last, -removed))
            else:
                removed_start = removed
            last, removed = char, 0
        else:
            removed += 1
    if last is not None:
        dest.append((last, -removed))
    return dest, removed_start
