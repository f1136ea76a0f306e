"""BPE merging for long words: one bucket of positions per merge rank, ranks taken lowest first.

HF merges the adjacent pair with the lowest ``(rank, position)`` next (a heap,
``Word::merge_all``).  Here the pending pairs are grouped by rank: the lowest
pending rank's positions are sorted and merged left to right, and the pairs a
merge creates go to their own rank's bucket.  While a rank is being merged no
pair of a lower rank can appear, unless a merge creates one: the merge table
knows which ranks can (``MergeTable.safe``) and only those check, stopping
their bucket to let the lower rank go first.  So the merges happen in HF's
exact order, with a heap of distinct ranks instead of one entry per pair.

The symbols live in one list of unit ids; a unit merged into its left
neighbour becomes ``-1``, so a symbol's extent is its unit and the ``-1``
units after it, and its neighbours are found by skipping ``-1`` units (tokens
are short).  Without link lists a long word's state is one list, which keeps it in
the CPU's caches: on a 1 MB word this runs twice as fast as the per-word heap
of ``word.merge_ranked`` with its link lists.

HF skips a popped pair whose *new id* differs from the one queued; this
compares the pair itself.  Both agree unless a merge's result equals one of its
own parts (``MergeTable.degenerate``): BPE uses ``merge_ranked`` for such tables.

>>> table = MergeTable({(0, 1): (0, 2), (2, 2): (1, 3)})
>>> merge_units([0, 1, 0, 1, 0], table)
([3, 0], [0, 4, 5])
"""

from __future__ import annotations

from heapq import heapify, heappop, heappush
from itertools import compress, count, islice, repeat
from operator import is_not
from typing import Mapping, Optional

__all__ = ["MergeTable", "merge_units"]

Pair = tuple[int, int]
_NONE: dict[int, int] = {}
_TOMBSTONE = -1
_EDGE = -2  # sentinel unit at both ends: stops the scans, forms no pair


class MergeTable:
    """A BPE merge table ``(id_a, id_b) -> (rank, new_id)`` laid out for ``merge_units``.

    Attributes:
        pairs: the table itself.
        size: one more than the highest rank.
        parts: ``rank -> (id_a, id_b, new_id)``, None for unused ranks.
        safe: ``rank -> True`` when every merge taking its new id as a part has a higher rank,
            so merging it never creates a pair that must go first.
        lefts, rights: ``rank -> {id: rank}`` of the merges ``(id, new_id)`` and ``(new_id, id)``.
        degenerate: some merge's new id equals one of its parts.

    >>> t = MergeTable({(0, 1): (0, 2), (2, 1): (1, 3)})
    >>> t.parts, t.safe, t.rights
    ([(0, 1, 2), (2, 1, 3)], [True, True], [{1: 1}, {}])
    """

    def __init__(self, pairs: Mapping[Pair, tuple[int, int]]) -> None:
        self.pairs = pairs
        self.size = 1 + max((rank for rank, _ in pairs.values()), default=-1)
        self.parts: list[Optional[tuple[int, int, int]]] = [None] * self.size
        by_left: dict[int, dict[int, int]] = {}
        by_right: dict[int, dict[int, int]] = {}
        first_use: dict[int, int] = {}
        self.degenerate = False
        for (a, b), (rank, new) in pairs.items():
            self.parts[rank] = (a, b, new)
            by_left.setdefault(a, {})[b] = rank
            by_right.setdefault(b, {})[a] = rank
            for part in (a, b):
                if rank < first_use.get(part, self.size):
                    first_use[part] = rank
            self.degenerate = self.degenerate or new in (a, b)
        news = [part[2] if part is not None else -1 for part in self.parts]
        self.safe = [first_use.get(new, self.size) > rank for rank, new in enumerate(news)]
        self.lefts = [by_right.get(new, _NONE) for new in news]
        self.rights = [by_left.get(new, _NONE) for new in news]
        self.spare: list[list[Optional[list[int]]]] = []  # emptied bucket lists, see merge_units


def merge_units(ids: list[int], table: MergeTable) -> tuple[list[int], list[int]]:
    """Merge ``ids`` (unit ids) in HF's order; returns the symbols' ids and start units, plus ``len(ids)``.

    Linear in the units, plus a sort of each rank's positions (C speed).

    >>> merge_units([5, 6], MergeTable({}))
    ([5, 6], [0, 1, 2])
    """
    n = len(ids)
    units = [_EDGE]
    units += ids
    units.append(_EDGE)
    # One bucket per rank, all None again at the end: reused (a short word then costs no
    # table-sized list); list.pop and append are atomic, so threads never share one.
    spare = table.spare
    buckets: list[Optional[list[int]]] = spare.pop() if spare else [None] * table.size
    pending = _initial_buckets(ids, table.pairs, buckets)
    heapify(pending)
    while pending:
        rank = heappop(pending)
        bucket = buckets[rank]
        buckets[rank] = None
        assert bucket is not None
        bucket.sort()
        if table.safe[rank]:
            _merge_safe(units, bucket, rank, table, buckets, pending)
        else:
            _merge_checked(units, bucket, rank, table, buckets, pending)
    spare.append(buckets)
    del units[0]
    units.pop()
    starts = list(compress(range(n), map(_TOMBSTONE.__ne__, units)))
    symbols = list(map(units.__getitem__, starts))
    starts.append(n)
    return symbols, starts


def _initial_buckets(ids: list[int], pairs: Mapping[Pair, tuple[int, int]],
                     buckets: list[Optional[list[int]]]) -> list[int]:
    """Put each adjacent pair's position (1-based, after the edge) into its rank's bucket; the ranks found."""
    found = list(map(pairs.get, zip(ids, islice(ids, 1, None))))
    present = []
    for position, entry in zip(compress(count(1), map(is_not, found, repeat(None))), filter(None, found)):
        rank = entry[0]
        bucket = buckets[rank]
        if bucket is None:
            buckets[rank] = [position]
            present.append(rank)
        else:
            bucket.append(position)
    return present


def _merge_safe(units: list[int], bucket: list[int], rank: int, table: MergeTable,
                buckets: list[Optional[list[int]]], pending: list[int]) -> None:
    """Merge every live ``(a, b)`` of the bucket, left to right; new pairs all have higher ranks."""
    a, b, new = table.parts[rank]  # type: ignore[misc]
    lefts, rights = table.lefts[rank], table.rights[rank]
    left_rank, right_rank, push = lefts.get, rights.get, heappush
    # The hottest loop of a long word: -1 is _TOMBSTONE, written as a constant.
    for pos in bucket:
        if units[pos] != a:
            continue
        right = pos + 1
        while units[right] == -1:
            right += 1
        if units[right] != b:
            continue
        units[pos] = new
        units[right] = -1
        if lefts:  # some merge takes the new symbol as its right part
            left = pos - 1
            while units[left] == -1:
                left -= 1
            found = left_rank(units[left])
            if found is not None:
                queued = buckets[found]
                if queued is None:
                    buckets[found] = [left]
                    push(pending, found)
                else:
                    queued.append(left)
        if rights:
            after = right + 1
            while units[after] == -1:
                after += 1
            found = right_rank(units[after])
            if found is not None:
                queued = buckets[found]
                if queued is None:
                    buckets[found] = [pos]
                    push(pending, found)
                else:
                    queued.append(pos)


def _merge_checked(units: list[int], bucket: list[int], rank: int, table: MergeTable,
                   buckets: list[Optional[list[int]]], pending: list[int]) -> None:
    """``_merge_safe`` for a rank whose merges may create a pair of lower or equal rank.

    Such a pair goes before the rest of this bucket (HF's heap order), so the
    rest goes back to the bucket and the rank back to the pending ones.
    """
    a, b, new = table.parts[rank]  # type: ignore[misc]
    left_rank, right_rank = table.lefts[rank].get, table.rights[rank].get
    for index, pos in enumerate(bucket):
        if units[pos] != a:
            continue
        right = pos + 1
        while units[right] == _TOMBSTONE:
            right += 1
        if units[right] != b:
            continue
        units[pos] = new
        units[right] = _TOMBSTONE
        left = pos - 1
        while units[left] == _TOMBSTONE:
            left -= 1
        after = right + 1
        while units[after] == _TOMBSTONE:
            after += 1
        first = rank + 1
        for found, at in ((left_rank(units[left]), left), (right_rank(units[after]), pos)):
            if found is not None:
                queued = buckets[found]
                if queued is None:
                    buckets[found] = [at]
                    heappush(pending, found)
                else:
                    queued.append(at)
                first = min(first, found)
        if first <= rank:
            rest = bucket[index + 1:]
            if rest:
                queued = buckets[rank]
                if queued is None:
                    buckets[rank] = rest
                    heappush(pending, rank)
                else:
                    queued.extend(rest)
            return
