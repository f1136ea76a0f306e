"""Span runs against one tuple per char: NormalizedString's compact alignments give the oracle's spans.

``tests/oracle/slow_normalized.py`` keeps a plain list of spans and does every
edit with ``transform_range``, as HF does; tokkit keeps runs
(``normalized/span_runs.py``), edits in one pass and slices words without
copying spans.  Every edit chain must leave the same text, the same spans
and the same offsets for any token span.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokkit
from tokkit._unicode.oniguruma import compile_pattern
from tests.oracle.slow_normalized import SlowNormalized
from tokkit.normalized import NormalizedString
from tokkit.normalized.span_runs import RunsBuilder, SpanRuns

SPANS = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 4)).map(lambda p: (p[0], p[0] + p[1])), max_size=40)


@given(spans=SPANS)
def test_runs_keep_every_span(spans: list[tuple[int, int]]) -> None:
    runs = SpanRuns.from_spans(spans)
    assert runs.to_list() == spans
    assert [runs.span(i) for i in range(len(spans))] == spans
    assert all(type(run) is int or run for run in runs.runs)  # no empty explicit run
    for k in range(1, len(runs.runs)):  # identity runs that continue each other are merged
        before, run = runs.runs[k - 1], runs.runs[k]
        if type(before) is int and type(run) is int:
            assert before + runs.bounds[k] - runs.bounds[k - 1] != run


@given(spans=SPANS, data=st.data())
def test_slices_sections_and_many(spans: list[tuple[int, int]], data: Any) -> None:
    runs = SpanRuns.from_spans(spans)
    n = len(spans)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    shift = data.draw(st.integers(0, 3))
    assert runs.section(start, end) == spans[start:end]
    assert runs.slice(start, end, shift).to_list() == [(a - shift, b - shift) for a, b in spans[start:end]]
    if start < end:
        assert runs.convert(start, end) == (spans[start][0], spans[end - 1][1])
        origin = runs.identity_origin(start, end)
        is_identity = spans[start:end] == [(spans[start][0] + i, spans[start][0] + i + 1) for i in range(end - start)]
        assert origin is None or (is_identity and origin == spans[start][0])
    pairs = data.draw(st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(1, 5)), max_size=30)) if n else []
    starts = [a for a, _ in pairs]
    ends = [min(a + length, n) for a, length in pairs]
    assert runs.many(starts, ends, 7) == [(spans[a][0] + 7, spans[b - 1][1] + 7) for a, b in zip(starts, ends)]


def test_builder_merges_and_owns_its_lists() -> None:
    source = SpanRuns.from_spans([(0, 2), (2, 3), (3, 4), (4, 6)])
    builder = RunsBuilder()
    builder.copy(source, 0, 4)
    builder.add_explicit([(9, 9)])
    assert source.to_list() == [(0, 2), (2, 3), (3, 4), (4, 6)]  # extending the copy left the source alone
    assert builder.build().to_list() == [(0, 2), (2, 3), (3, 4), (4, 6), (9, 9)]
    assert SpanRuns.identity(0, 5).runs == [0] and SpanRuns.from_spans([(i, i + 1) for i in range(50)]).runs == [0]


# -- NormalizedString against the oracle -----------------------------------------------
EDITS = st.lists(st.one_of(
    st.tuples(st.just("prepend"), st.sampled_from(["▁", "__"])),
    st.tuples(st.just("append"), st.sampled_from(["!", "<>"])),
    st.tuples(st.just("replace"), st.sampled_from([(" ", "▁"), ("a", "xy"), ("ab", "c"), ("b", ""), ("  +", " ")])),
    st.tuples(st.just("map_chars"), st.sampled_from(["double_a", "upper"])),
    st.tuples(st.just("filter"), st.sampled_from(["no_b", "no_space"])),
    st.tuples(st.just("strip"), st.none()),
    st.tuples(st.just("slice"), st.tuples(st.integers(0, 6), st.integers(1, 60))),
), max_size=6)

MAPS = {"double_a": lambda c: "aa" if c == "a" else c, "upper": str.upper}
KEEPS = {"no_b": lambda c: c != "b", "no_space": lambda c: c != " "}


def _edit(ns: NormalizedString, slow: SlowNormalized, name: str, argument: Any) -> tuple[Any, Any]:
    if name == "slice":
        start = min(argument[0], len(ns.normalized) - 1)
        end = min(start + argument[1], len(ns.normalized))
        piece = ns.slice(start, end)
        assert piece is not None
        return piece, slow.slice(start, end)
    if name == "replace":
        ns.replace(argument[0] if argument[0] != "  +" else compile_pattern(tokkit.Regex("  +")), argument[1])
        slow.replace(argument[0] if argument[0] == "  +" else re.escape(argument[0]), argument[1])
    elif name in ("prepend", "append"):
        getattr(ns, name)(argument)
        getattr(slow, name)(argument)
    elif name == "map_chars":
        ns.map_chars(MAPS[argument])
        slow.map_chars(MAPS[argument])
    elif name == "filter":
        ns.filter(KEEPS[argument])
        slow.filter(KEEPS[argument])
    else:
        ns.strip()
        slow.strip()
    return ns, slow


@given(text=st.text(st.sampled_from("ab  é"), min_size=1, max_size=50), edits=EDITS, data=st.data())
def test_edit_chains_give_the_oracle_spans(text: str, edits: list, data: Any) -> None:
    ns, slow = NormalizedString(text), SlowNormalized(text)
    for name, argument in edits:
        if not ns.normalized:
            break
        ns, slow = _edit(ns, slow, name, argument)
        assert (ns.normalized, ns.alignments, ns.original, ns.original_shift) == (
            slow.normalized, slow.spans, slow.original, slow.shift), (name, argument)
    n = len(ns.normalized)
    if not n:
        return
    spans = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 4)), max_size=20))
    spans = [(a, min(a + length, n)) for a, length in spans]
    expected = [slow.offsets_of(a, b) for a, b in spans]
    assert [ns.offsets_of(a, b) for a, b in spans] == expected
    assert ns.offsets_of_all(spans * 40) == expected * 40  # whole-list steps


@pytest.mark.parametrize("spots", [
    [(1, 2, [("x", 0)])],
    [(0, 1, [("x", 0), ("y", 1)]), (3, 5, [("z", -1)])],
    [(2, 2, [("+", 1)]), (2, 4, [("q", 0)]), (6, 7, [])],
])
def test_transform_ranges_is_transform_range_from_the_right(spots: list) -> None:
    for shape in ("plain", "prepended", "listed"):
        ns, slow = NormalizedString("abcdefg"), SlowNormalized("abcdefg")
        if shape == "prepended":
            ns.prepend("_")
            slow.prepend("_")
        elif shape == "listed":
            ns.replace("d", "dd")
            slow.replace("d", "dd")
        ns.transform_ranges(spots)
        for start, end, dest in reversed(spots):
            slow.transform_range(start, end, dest)
        assert (ns.normalized, ns.alignments) == (slow.normalized, slow.spans)


def test_a_word_of_a_long_edited_text_keeps_the_implicit_form() -> None:
    # What keeps a 10 MB text cheap: one run after a few changes, and words sliced from it hold no list.
    ns = NormalizedString("ab cd " * 1000)
    ns.transform_range(3, 4, [("C", 0), ("c", 1)])
    assert ns._alignments is not None and ns._alignments.runs == [0, 3]  # "abc" then "c" "c" from (3, 4), on
    word = ns.slice(5995, 5997)  # after the insert, normalized char i came from original char i - 1
    assert word is not None and word._alignments is None and word.offsets_of(0, 2) == (5994, 5996)
