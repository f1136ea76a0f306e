"""The sharded BPE merger's pair counts: a dict for the live pairs, 4 bytes for each rare one.

A training on id-heavy text (random hashes, keys, logs) creates tens of millions of
pairs that occur once or twice and are never merged: as dict entries (a hash slot
and an int key object) they cost about 80 bytes each, gigabytes in all.
``PairCounts`` is a dict (``pair -> count``, missing pairs count 0) that, once it
holds more than ``freeze_at`` entries, moves the pairs counted below ``cold_below``
into sorted ``array('i')`` buckets, one per left id, 4 bytes a pair
(``b << 8 | count``).  Reading a pair that is not in the dict looks it up there
and moves it back into the dict (``__missing__``), so every read and every
``counts[pair] += change`` sees the exact count, as with a plain dict.

A pair whose ids were created after the last freeze cannot be in the buckets:
``add`` settles such pairs without a lookup (most created pairs are such).

>>> counts = PairCounts(cold_below=2, freeze_at=2)
>>> counts.add({1 << 21 | 2: 1, 3 << 21 | 4: 5, 1 << 21 | 5: 1})
>>> counts.freeze_if_large(id_bound=6); len(counts), counts.cold_pairs()
(1, 2)
>>> counts[1 << 21 | 2], counts[7], len(counts)
(1, 0, 2)
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import chain
from typing import Mapping, Optional

from .queue import LOW_LIMIT
from .strings import MASK, SHIFT

__all__ = ["PairCounts", "COLD_BELOW", "FREEZE_AT"]

#: Pairs counted below this move to the compact buckets (counts fit in the low 8 bits of an entry): the
#: merge queue's ``LOW_LIMIT``, so the pairs that can reach its heap stay in the dict.
COLD_BELOW = LOW_LIMIT

#: The dict is frozen when it holds more entries than this (and twice what it kept at the last freeze).
FREEZE_AT = 1 << 20

_COUNT_BITS = 8
_COUNT_MASK = (1 << _COUNT_BITS) - 1


class PairCounts(dict[int, int]):
    """``pair -> count`` (pairs are ``a << SHIFT | b``); pairs counted rarely kept compactly (module doc)."""

    def __init__(self, cold_below: Optional[int] = None, freeze_at: Optional[int] = None) -> None:
        super().__init__()
        cold_below = COLD_BELOW if cold_below is None else cold_below
        freeze_at = FREEZE_AT if freeze_at is None else freeze_at
        if not 0 < cold_below <= _COUNT_MASK + 1:
            raise ValueError(f"cold_below must be in 1..{_COUNT_MASK + 1}, got {cold_below}")
        self.cold_below, self.freeze_at = cold_below, freeze_at
        self._cold: dict[int, array[int]] = {}  # a -> sorted b << 8 | count (count 0: moved back to the dict)
        self._id_bound = 0  # every id in the buckets is below this

    def __missing__(self, pair: int) -> int:
        a, b = pair >> SHIFT, pair & MASK
        if a >= self._id_bound or b >= self._id_bound:
            return 0
        bucket = self._cold.get(a)
        if bucket is None:
            return 0
        low = b << _COUNT_BITS
        index = bisect_left(bucket, low)
        while index < len(bucket) and bucket[index] <= low | _COUNT_MASK:  # entries of b (dead ones count 0)
            count = bucket[index] & _COUNT_MASK
            if count:
                bucket[index] = low  # dead: the dict holds it from now on
                self[pair] = count
                return count
            index += 1
        return 0

    def add(self, changes: Mapping[int, int]) -> None:
        """``self[pair] += change`` for each item."""
        get, bound = self.get, self._id_bound
        for pair, change in changes.items():
            count = get(pair)
            if count is None:
                count = 0 if pair >> SHIFT >= bound or pair & MASK >= bound else self[pair]
            self[pair] = count + change

    def cold_pairs(self) -> int:
        """How many pairs the buckets hold (with a count above 0)."""
        return sum(1 for bucket in self._cold.values() for entry in bucket if entry & _COUNT_MASK)

    def freeze_if_large(self, id_bound: int) -> None:
        """Move the rarely counted pairs to the buckets if the dict grew past ``freeze_at``.

        ``id_bound``: every id used so far is below it.  Pairs counted 0 are dropped (a missing pair counts 0).
        """
        if len(self) <= self.freeze_at:
            return
        self._id_bound = max(self._id_bound, id_bound)
        cold_below = self.cold_below
        rare = [pair for pair, count in self.items() if 0 <= count < cold_below]
        rare.sort()
        pop, start = self.pop, 0
        while start < len(rare):
            a = rare[start] >> SHIFT
            stop = bisect_left(rare, (a + 1) << SHIFT, start)
            entries = [(pair & MASK) << _COUNT_BITS | count
                       for pair, count in zip(rare[start:stop], map(pop, rare[start:stop])) if count]
            if entries:
                old = self._cold.get(a)
                # dead entries (count 0) are dropped here; the new ones are sorted already
                self._cold[a] = array("i", sorted(chain(filter(_COUNT_MASK.__and__, old), entries)) if old else entries)
            start = stop
        del rare
        self.freeze_at = max(self.freeze_at, 2 * len(self))
