"""A slow, obviously-correct BPE merge: the oracle for ``tokkit.models.bpe.buckets`` and ``word``.

HF's rule (hf-behaviour.md section 7.1), read literally with no bookkeeping:
look at every adjacent pair of the current symbols, merge the one with the
lowest rank (the leftmost among equal ranks), repeat until no pair is in the
table.  Quadratic; for small inputs only.
"""

from __future__ import annotations

from typing import Mapping

Pair = tuple[int, int]


def slow_merge(ids: list[int], lens: list[int], merges: Mapping[Pair, tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The merged symbols of ``ids`` and their lengths (``lens`` summed over each merge)."""
    ids, lens = list(ids), list(lens)
    while True:
        best = None
        for position in range(len(ids) - 1):
            found = merges.get((ids[position], ids[position + 1]))
            if found is not None and (best is None or found[0] < best[0]):
                best = (found[0], position, found[1])
        if best is None:
            return ids, lens
        _, position, new = best
        ids[position:position + 2] = [new]
        lens[position:position + 2] = [lens[position] + lens[position + 1]]
