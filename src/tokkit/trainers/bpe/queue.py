"""The BPE trainer's priority queue of merges: HF's lazy heap, with rare pairs kept flat.

Entries are ``(count, key, seq, positions)``, popped by count desc, then key asc,
then seq (the order they were pushed) — HF's ``Merge`` order (see ``core``).  On
corpora with many distinct words (ids, hashes) a training pushes millions of
pairs seen once or twice that will never be merged; a heap tuple, an int and
an array for each of them cost gigabytes.  So entries counted below
``low_limit`` are kept per count in flat arrays instead (8 bytes for an int
key, plus its positions; no seq: the push order is the array order), and moved into the heap only if the heap's best count falls
below that limit: they all count less than every heap entry until then, so the
pop order is exactly the one of a single heap.

>>> queue = MergeQueue(lambda: [], low_limit=2)
>>> queue.push(1, "ab", [0]); queue.push(5, "cd", [1]); queue.push(5, "bc", [2])
>>> [queue.pop()[1] for _ in range(3)]
['bc', 'cd', 'ab']
"""

from __future__ import annotations

import heapq
from array import array
from typing import Any, Callable, Generic, Hashable, Iterable, Mapping, Optional, TypeVar, Union

__all__ = ["MergeQueue", "Positions", "LOW_LIMIT"]

#: Entries counted below this are kept flat until the heap needs them.
LOW_LIMIT = 8

#: The words (indices) an entry lists.
Positions = Union["array[int]", list[int]]

K = TypeVar("K", bound=Hashable)


class _Flat(Generic[K]):
    """Entries of one count, in the order they were pushed: keys, and positions in flat arrays.

    No seq is stored: within one count the push order is the list order, and an entry
    moved to the heap never ties on count with one already there (see ``_lower_limit``).
    While every entry lists one position (the sliced merger's entries list their merge),
    entry ``i``'s position is ``positions[i]`` and no ends are kept.
    """

    __slots__ = ("keys", "ends", "positions")

    def __init__(self, positions: Positions, int_keys: bool) -> None:
        # int keys (the string mergers' pairs) in an int64 array: 8 bytes each, not a list slot and an int object
        self.keys: Any = array("q") if int_keys else []
        self.ends: Optional[array[int]] = None
        self.positions = positions

    def add(self, key: K, positions: Positions) -> None:
        ends = self.ends
        if ends is None and len(positions) != 1:
            ends = self.ends = array("q", range(1, len(self.keys) + 1))
        self.keys.append(key)
        self.positions.extend(positions)
        if ends is not None:
            ends.append(len(self.positions))

    def entries(self, count: int) -> list[tuple[int, K, int, Positions]]:
        """The entries as heap tuples; their seqs keep the push order, and are below every later push's."""
        positions = self.positions
        ends = range(1, len(self.keys) + 1) if self.ends is None else self.ends
        out, start = [], 0
        for seq, (key, end) in enumerate(zip(self.keys, ends)):
            out.append((-count, key, seq, positions[start:end]))
            start = end
        return out


class MergeQueue(Generic[K]):
    """HF's merge queue: ``push``, ``top``, ``replace_top``, ``pop``; see the module doc."""

    def __init__(self, new_positions: Callable[[], Positions], low_limit: int = LOW_LIMIT) -> None:
        self.heap: list[tuple[int, K, int, Positions]] = []
        self.low: dict[int, _Flat[K]] = {}
        self.low_limit = low_limit
        self.seq = 0
        self._new_positions = new_positions

    def push(self, count: int, key: K, positions: Positions) -> None:
        """Add an entry (the newest: it pops after equal older ones)."""
        self.seq += 1
        if count < self.low_limit and self.low_limit:  # limit 0: everything in the heap
            self._store_low(count, key, positions)
        else:
            heapq.heappush(self.heap, (-count, key, self.seq, positions))

    def push_counted(self, keys: Iterable[K], pair_counts: Mapping[K, int],
                     positions_of: Callable[[K], Positions]) -> None:
        """``push(pair_counts[key], key, positions_of(key))`` for each key counted above 0, in one loop.

        The hot path of a training with millions of rare pairs: no call per pair but the lookups.
        """
        heap, low, low_limit, seq = self.heap, self.low, self.low_limit, self.seq
        for key in keys:
            count = pair_counts[key]
            if count > 0:
                seq += 1
                if count < low_limit:
                    flat = low.get(count)
                    if flat is None:
                        flat = low[count] = _Flat(self._new_positions(), isinstance(key, int))
                    flat.add(key, positions_of(key))
                else:
                    heapq.heappush(heap, (-count, key, seq, self._compact(positions_of(key))))
        self.seq = seq

    def _compact(self, positions: Positions) -> Positions:
        """A list of word indices as an array (4 bytes each, not 8): heap entries can hold millions."""
        if isinstance(positions, list) and len(positions) > 1:
            packed = self._new_positions()
            packed.extend(positions)
            return packed
        return positions

    def _store_low(self, count: int, key: K, positions: Positions) -> None:
        flat = self.low.get(count)
        if flat is None:
            flat = self.low[count] = _Flat(self._new_positions(), isinstance(key, int))
        flat.add(key, positions)

    def top(self) -> Optional[tuple[int, K, Positions]]:
        """The best entry as ``(count, key, positions)``, left in the queue; None when empty."""
        heap = self.heap
        while self.low_limit and (not heap or -heap[0][0] < self.low_limit):
            self._lower_limit()
        if not heap:
            return None
        neg_count, key, _, positions = heap[0]
        return -neg_count, key, positions

    def top_current(self, current: Mapping[K, int]) -> Optional[tuple[int, K, Positions]]:
        """The best entry whose count is still ``current[key]``, left in the queue; None when empty.

        A stale entry on top is re-pushed with its current count first (HF's lazy heap): ``top`` and
        ``replace_top`` in one loop, the merge loop's hot path.

        >>> queue = MergeQueue(list, low_limit=0)
        >>> queue.push(5, "ab", [0]); queue.push(4, "cd", [1])
        >>> queue.top_current({"ab": 3, "cd": 4})
        (4, 'cd', [1])
        """
        heap = self.heap
        while True:
            if self.low_limit and (not heap or -heap[0][0] < self.low_limit):
                self._lower_limit()
                continue
            if not heap:
                return None
            neg_count, key, _, positions = heap[0]
            count = current[key]
            if count == -neg_count:
                return count, key, positions
            self.replace_top(count, key, positions)

    def drop_top(self) -> None:
        """Remove the entry ``top_current`` just returned."""
        heapq.heappop(self.heap)

    def replace_top(self, count: int, key: K, positions: Positions) -> None:
        """Pop the best entry and push ``(count, key, positions)`` as a new one (HF's stale re-push)."""
        self.seq += 1
        if count < self.low_limit and self.low_limit:  # limit 0: everything in the heap
            heapq.heappop(self.heap)
            self._store_low(count, key, positions)
        else:
            heapq.heapreplace(self.heap, (-count, key, self.seq, positions))

    def pop(self) -> tuple[int, K, Positions]:
        """Remove and return the best entry (IndexError when empty)."""
        if self.top() is None:
            raise IndexError("pop from an empty MergeQueue")
        neg_count, key, _, positions = heapq.heappop(self.heap)
        return -neg_count, key, positions

    def _lower_limit(self) -> None:
        """Halve the limit, moving the flat entries it no longer covers into the heap.

        Every heap entry counts at least the old limit, every moved one less: no tie on count
        between them, so the moved entries' seqs only need to keep their own push order.
        """
        limit = self.low_limit // 2
        moved: list[Any] = []
        for count in [c for c in self.low if c >= limit or not limit]:
            moved.extend(self.low.pop(count).entries(count))
        self.low_limit = limit
        if moved:
            self.heap.extend(moved)
            heapq.heapify(self.heap)

    def __len__(self) -> int:
        return len(self.heap) + sum(len(flat.keys) for flat in self.low.values())
