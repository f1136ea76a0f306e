"""The pairs ordered by likelihood score, kept exact while token counts move.

A pair's score is ``count(ab) / (count(a) * count(b))``.  A merge of ``(a, b)``
changes ``count(a)`` and ``count(b)``, which moves the score of *every* pair
holding ``a`` or ``b``: a common token such as ``##e`` is in thousands of pairs,
so re-scoring them all after each merge is what makes the textbook loop slow.

The score factors: each pair lives in the queue of one of its tokens, its
*home* (the more common one when the pair appeared), keyed by
``count(ab) / count(other)``; its score is that key divided by
``count(home)``, the same for the whole queue.  So when a token's count moves,
its own queue keeps its order and only its best entry is re-scored in the
global heap (one entry per home); the pairs whose *other* token is the one
that moved are pushed again, and those are few, because the other token is
the rarer one.  Entries carry a stamp, so that only a pair's latest entry
counts (older ones are skipped when they reach the top).

Entries are ordered by ``(-key as float, exact key, -count(ab), a, b)``:
division is correctly rounded, hence monotone, and two equal floats fall back
to the exact comparison (``Exact``), so the order is the exact one.

>>> pairs = {"\\x00\\x01": 2, "\\x01\\x02": 1}
>>> queue = ScoreQueue([4, 2, 1], pairs, ["a", "##b", "##c"], 1)
>>> queue.add_pairs(["\\x00\\x01", "\\x01\\x02"])
>>> queue.settle()
>>> [ord(c) for c in queue.best()]  # 1 / (2 * 1) beats 2 / (4 * 2)
[1, 2]
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from typing import Iterable, Optional

__all__ = ["Exact", "ScoreQueue"]

#: Rebuild the queues when they hold this many entries per live pair (the rest are stale).
_COMPACT_FACTOR = 4


class Exact:
    """The exact value ``num / den``, ordered *highest first*; compared only when two float keys tie."""

    __slots__ = ("num", "den")

    def __init__(self, num: int, den: int) -> None:
        self.num, self.den = num, den

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Exact) and self.num * other.den == other.num * self.den

    def __lt__(self, other: "Exact") -> bool:
        return self.num * other.den > other.num * self.den

    __hash__ = None  # type: ignore[assignment]


#: A home queue entry: (-count(ab)/count(other), exact, -count(ab), a, b, pair key, stamp).
#: A global entry: the same with the score, and the home token in place of the key.
Entry = tuple[float, Exact, int, str, str, str, int]
GlobalEntry = tuple[float, Exact, int, str, str, int, int]


class ScoreQueue:
    """Pair keys (2-char strings of ``chr(id)``) by score; reads the counts it is given, which the caller updates.

    The caller tells it what moved: ``add_pairs`` (new pairs), ``pairs_moved`` (their own counts),
    ``tokens_moved`` (token counts), ``forget`` (pairs no word holds), then ``settle`` before ``best``.
    """

    def __init__(self, token_counts: list[int], pair_counts: dict[str, int], id2w: list[str], threshold: int) -> None:
        self.token_counts, self.pair_counts, self.id2w, self.threshold = token_counts, pair_counts, id2w, threshold
        self.home: dict[str, int] = {}
        self.away: defaultdict[int, set[str]] = defaultdict(set)  # token -> the pairs where it is the other token
        self.queues: defaultdict[int, list[Entry]] = defaultdict(list)
        self.stamps: dict[str, int] = {}
        self.global_heap: list[GlobalEntry] = []
        self.home_stamps: dict[int, int] = {}
        self.next_stamp = 0
        self.entries = 0
        self.unsettled: set[int] = set()

    # -- telling the queue what moved -------------------------------------------
    def add_pairs(self, keys: Iterable[str]) -> None:
        """Place new pairs in the queue of their more common token, and push them."""
        token_counts, home, away = self.token_counts, self.home, self.away
        for key in keys:
            a, b = ord(key[0]), ord(key[1])
            if token_counts[b] > token_counts[a] or (token_counts[b] == token_counts[a] and b < a):
                a, b = b, a
            home[key] = a
            away[b].add(key)
            self.push(key)

    def pairs_moved(self, keys: Iterable[str]) -> None:
        """The counts of these (known) pairs moved."""
        for key in keys:
            self.push(key)

    def tokens_moved(self, tokens: Iterable[int]) -> None:
        """The counts of these tokens moved: their own queues keep their order; the pairs away re-scored."""
        for token in tokens:
            self.unsettled.add(token)
            for key in self.away.get(token, ()):
                self.push(key)

    def forget(self, key: str) -> None:
        """No word holds the pair any more."""
        home = self.home.pop(key)
        other = ord(key[1]) if ord(key[0]) == home else ord(key[0])
        self.away[other].discard(key)
        if self.stamps.pop(key, None) is not None:
            self.unsettled.add(home)

    def push(self, key: str) -> None:
        """Score ``key`` with the current counts in its home queue (or drop it when counted below the threshold)."""
        home = self.home[key]
        count = self.pair_counts.get(key, 0)
        self.unsettled.add(home)
        if count < self.threshold:
            self.stamps.pop(key, None)
            return
        a, b = ord(key[0]), ord(key[1])
        other_count = self.token_counts[b if a == home else a]
        self.next_stamp += 1
        self.stamps[key] = self.next_stamp
        self.entries += 1
        heapq.heappush(self.queues[home], (-count / other_count, Exact(count, other_count), -count, self.id2w[a],
                                           self.id2w[b], key, self.next_stamp))

    # -- ordering ---------------------------------------------------------------
    def settle(self) -> None:
        """Put the best entry of every queue that changed into the global heap."""
        for home in self.unsettled:
            self._settle_home(home)
        self.unsettled.clear()
        if self.entries > _COMPACT_FACTOR * len(self.stamps) + 4096:
            self._compact()

    def _settle_home(self, home: int) -> None:
        queue, stamps = self.queues.get(home), self.stamps
        while queue and stamps.get(queue[0][5]) != queue[0][6]:
            heapq.heappop(queue)
            self.entries -= 1
        if not queue:
            self.home_stamps.pop(home, None)
            return
        _, exact, neg_count, a, b, _, _ = queue[0]
        den = exact.den * self.token_counts[home]
        self.next_stamp += 1
        self.home_stamps[home] = self.next_stamp
        # One int division (correctly rounded, so monotone), not the queue's float divided again.
        heapq.heappush(self.global_heap, (-exact.num / den, Exact(exact.num, den), neg_count, a, b, home,
                                          self.next_stamp))

    def best(self) -> Optional[str]:
        """Pop the pair with the highest score (exact; ties: higher count(ab), then smaller (a, b)); None if none."""
        global_heap, home_stamps = self.global_heap, self.home_stamps
        while global_heap:
            entry = heapq.heappop(global_heap)
            home = entry[5]
            if home_stamps.get(home) != entry[6]:
                continue
            key = heapq.heappop(self.queues[home])[5]
            self.entries -= 1
            del self.stamps[key]
            del home_stamps[home]
            self.unsettled.add(home)
            return key
        return None

    def _compact(self) -> None:
        live = [key for key in self.stamps]
        self.queues.clear()
        self.global_heap, self.home_stamps, self.stamps, self.entries = [], {}, {}, 0
        for key in live:
            self.push(key)
        self.settle()
