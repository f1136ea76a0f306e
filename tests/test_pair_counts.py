"""The sharded BPE merger's compact structures behave as the plain ones they replace.

* ``PairCounts`` (rare pairs frozen into 4-byte buckets) reads and adds like a plain dict
  whose missing keys count 0, whatever is frozen when;
* the merge queue with int keys (kept in arrays, no seqs) pops like one heap;
* the sharded merge loop freezing pairs often gives the one-process result, with its workers
  started as fresh interpreters or forked.
"""

from __future__ import annotations

import heapq
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tokkit.trainers.bpe.pair_counts import PairCounts
from tokkit.trainers.bpe.queue import MergeQueue
from tokkit.trainers.bpe.strings import SHIFT

#: ("add", [(a, b, change)]) with ids below the current id bound, ("new_id",), ("freeze",), ("read", a, b)
OPERATION = st.one_of(
    st.tuples(st.just("add"), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(-3, 4)),
                                       max_size=12)),
    st.tuples(st.just("new_id")),
    st.tuples(st.just("freeze")),
    st.tuples(st.just("read"), st.integers(0, 40), st.integers(0, 40)),
)


@given(st.lists(OPERATION, max_size=60), st.integers(1, 256), st.integers(0, 6))
@settings(max_examples=300)
def test_pair_counts_is_a_dict(operations: list[Any], cold_below: int, freeze_at: int) -> None:
    counts = PairCounts(cold_below=cold_below, freeze_at=freeze_at)
    plain: Counter[int] = Counter()
    ids = 4  # every id used so far is below this (the vocab size, as the merger passes it)
    for operation in operations:
        if operation[0] == "add":
            # a pair only ever names ids that exist; a change makes its pair's count go no lower than 0
            changes: dict[int, int] = {}
            for a, b, change in operation[1]:
                pair = (a % ids) << SHIFT | b % ids
                changes[pair] = max(change, -(plain[pair] + changes.get(pair, 0)))
            counts.add(changes)
            plain.update(changes)
        elif operation[0] == "new_id":
            ids += 1
        elif operation[0] == "freeze":
            counts.freeze_if_large(ids)
        else:
            pair = (operation[1] % ids) << SHIFT | operation[2] % ids
            assert counts[pair] == plain[pair]
    for a in range(ids):
        for b in range(ids):
            assert counts[a << SHIFT | b] == plain[a << SHIFT | b]
    assert {pair: count for pair, count in counts.items() if count} == {p: c for p, c in plain.items() if c}


def test_pair_counts_freezes_the_rare_pairs_only() -> None:
    counts = PairCounts(cold_below=3, freeze_at=4)
    counts.add({1 << SHIFT | 2: 1, 1 << SHIFT | 3: 2, 2 << SHIFT | 1: 3, 3 << SHIFT | 3: 0, 2 << SHIFT | 2: 7})
    counts.freeze_if_large(4)
    assert dict(counts) == {2 << SHIFT | 1: 3, 2 << SHIFT | 2: 7} and counts.cold_pairs() == 2
    counts.add({1 << SHIFT | 3: 5, 4 << SHIFT | 1: 1})  # a frozen pair comes back; a new id is not looked up
    assert counts[1 << SHIFT | 3] == 7 and counts[4 << SHIFT | 1] == 1 and counts.cold_pairs() == 1
    with pytest.raises(ValueError, match="cold_below"):
        PairCounts(cold_below=0)


@given(st.lists(st.tuples(st.sampled_from(["push", "pop", "replace"]), st.integers(-2, 20), st.integers(0, 5)),
                max_size=80), st.integers(0, 16))
@settings(max_examples=300)
def test_merge_queue_with_int_keys_pops_like_one_heap(operations: list[tuple[str, int, int]], low_limit: int) -> None:
    queue: MergeQueue[int] = MergeQueue(list, low_limit=low_limit)
    heap: list[tuple[int, int, int, list[int]]] = []
    seq = 0
    for step, (operation, count, key) in enumerate(operations):
        if operation == "push":
            seq += 1
            positions = [step] * (1 if step < 20 else step % 3)  # one position each (as sliced), then any number
            queue.push_counted([key], {key: count}, lambda _: positions)
            if count > 0:  # push_counted leaves out pairs counted 0 or less
                heapq.heappush(heap, (-count, key, seq, positions))
            else:
                seq -= 1
        elif operation == "replace" and heap:
            seq += 1
            best = heap[0]
            top = queue.top()
            assert top is not None and top[:2] == (-best[0], best[1]) and list(top[2]) == best[3]
            queue.replace_top(count, best[1], best[3])
            heapq.heapreplace(heap, (-count, best[1], seq, best[3]))
        elif heap:
            best = heapq.heappop(heap)
            popped = queue.pop()
            assert popped[:2] == (-best[0], best[1]) and list(popped[2]) == best[3]
        assert len(queue) == len(heap)
    while heap:
        best = heapq.heappop(heap)
        popped = queue.pop()
        assert popped[:2] == (-best[0], best[1]) and list(popped[2]) == best[3]
    assert queue.top() is None


@pytest.mark.parametrize("cold_below, fresh", [(1, True), (2, False), (8, True), (8, False)])
def test_sharded_merging_with_frozen_pairs_is_the_one_process_result(monkeypatch: Any, cold_below: int,
                                                                     fresh: bool) -> None:
    from tokkit.trainers.bpe import core, pair_counts, shards

    words = [f"{i * 2654435761 % 999983:x}{'xyz'[i % 3]}" for i in range(3000)]
    counts = Counter({word: 1 + i % 3 for i, word in enumerate(words)})
    options: list[dict[str, Any]] = [{}, {"prefix": "##"}, {"min_frequency": 2}]
    expected = [core.train_bpe(counts, 900, **kwargs) for kwargs in options]
    monkeypatch.setattr(shards, "SHARD_MIN_WORDS", 0)
    monkeypatch.setattr(pair_counts, "FREEZE_AT", 50)
    monkeypatch.setattr(pair_counts, "COLD_BELOW", cold_below)
    monkeypatch.setattr(shards, "_FRESH", fresh)  # workers started as fresh interpreters, or forked
    monkeypatch.setenv("TOKKIT_NUM_PROC", "2")
    for kwargs, want in zip(options, expected):
        got = core.train_bpe(counts, 900, **kwargs)
        assert (got.vocab, got.merges) == (want.vocab, want.merges)
