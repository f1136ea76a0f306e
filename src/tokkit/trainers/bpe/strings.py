"""Words as strings of ``chr(id)``: HF's pair counting and ``Word::merge`` on a list of them.

Pure functions over ``(words, counts)``, so the same code serves the one-process
merger (``core``) and each shard of the forked one (``shards``): they add pair
count changes into ``pair_counts`` and return, per pair they created, the
indices of the words holding it (HF's ``where``).

``str.find`` / ``str.replace`` scan left to right for non-overlapping matches,
exactly like HF's ``Word::merge``, at C speed.  A pair is one int,
``id_a << SHIFT | id_b`` (ids are chars, so they fit in 21 bits): it orders like
``(id_a, id_b)`` and costs 32 bytes where a 2-char string costs 80 — a training
on millions of distinct words counts millions of pairs.

>>> from collections import defaultdict
>>> counts, words = defaultdict(int), ["abab", "ba"]
>>> named = lambda keys: sorted(chr(k >> SHIFT) + chr(k & MASK) for k in keys)
>>> named(count_pairs(words, [1, 2], counts, list)), sorted(counts.values())
(['ab', 'ba'], [2, 3])
>>> named(merge_pair(words, [1, 2], [1] * 100, float("inf"), ord("a"), ord("b"), ord("c"), [0, 0], counts))
['ca', 'cc']
>>> words
['cc', 'ba']
"""

from __future__ import annotations

from collections import defaultdict
from operator import add
from typing import Callable, Iterable, MutableMapping, Sequence

from .queue import Positions

__all__ = ["count_pairs", "merge_pair", "SHIFT", "MASK"]

#: A pair ``(a, b)`` is ``a << SHIFT | b``.
SHIFT = 21
MASK = (1 << SHIFT) - 1


def count_pairs(words: Sequence[str], counts: Sequence[int], pair_counts: MutableMapping[int, int],
                new_positions: Callable[[], Positions]) -> dict[int, Positions]:
    """Add every pair's count (weighted by its word's) to ``pair_counts``; where each pair occurs."""
    # 2-char strings at C speed first, then one int per distinct pair; a pair's count is the sum of
    # its words' counts, once per occurrence (its positions list a word per occurrence), summed at C speed
    where: defaultdict[str, Positions] = defaultdict(new_positions)
    for index, word in enumerate(words):
        if len(word) > 1:
            for key in map(add, word[:-1], word[1:]):
                where[key].append(index)
    out = {}
    count_of = counts.__getitem__
    for key, positions in where.items():
        pair = ord(key[0]) << SHIFT | ord(key[1])
        pair_counts[pair] = pair_counts.get(pair, 0) + sum(map(count_of, positions))
        out[pair] = positions
    return out


def merge_pair(words: list[str], counts: Sequence[int], length: Sequence[int], max_length: float, a: int, b: int,
               new_id: int, positions: Iterable[int], pair_counts: MutableMapping[int, int]) -> dict[int, Positions]:
    """Merge (a, b) into ``new_id`` in the listed words; the pairs this created and their words.

    HF's quirks kept: the merged pair's own count is not decremented; a created
    pair is only counted when its symbols hold ``< max_length`` chars together.
    """
    pair, new = chr(a) + chr(b), chr(new_id)
    if new_id in (a, b):  # HF's word sets hold a word once; re-merging could find the pair again
        positions = dict.fromkeys(positions)
    # plain lists while merging (cheaper to make and fill); the queue stores them compactly
    where: defaultdict[int, Positions] = defaultdict(list)
    if max_length != float("inf"):
        _merge_checked(words, counts, length, max_length, a, b, new_id, positions, pair_counts, where)
        return where
    # The words each neighbour char occurs in, per side; the count changes are summed per neighbour
    # at the end (``_settle``): no update of the big pair_counts per occurrence.
    left: defaultdict[str, list[int]] = defaultdict(list)  # prev char -> word indices (pairs (prev, new))
    right: defaultdict[str, list[int]] = defaultdict(list)  # next char -> word indices (pairs (new, next))
    for index in positions:
        word = words[index]
        j = word.find(pair)
        if j < 0:
            continue
        end, last = len(word) - 2, -1
        while j >= 0:
            if j:
                left[new if j == last else word[j - 1]].append(index)  # right after a merge: the new symbol
            if j < end:
                right[word[j + 2]].append(index)
            last = j + 2
            j = word.find(pair, last)
        words[index] = word.replace(pair, new)
    _settle(left, counts, pair_counts, where, a, new_id, True)
    _settle(right, counts, pair_counts, where, b, new_id, False)
    return where


def _settle(neighbours: dict[str, list[int]], counts: Sequence[int], pair_counts: MutableMapping[int, int],
            where: defaultdict[int, Positions], old: int, new_id: int, before: bool) -> None:
    """Move each neighbour's occurrences from its pair with ``old`` to its pair with ``new_id``.

    A word listed twice under one neighbour holds that pair twice: its count is added twice, as HF does.
    """
    get = counts.__getitem__
    for char, indices in neighbours.items():
        total = get(indices[0]) if len(indices) == 1 else sum(map(get, indices))
        other = ord(char)
        if before:
            pair_counts[other << SHIFT | old] -= total
            key = other << SHIFT | new_id
        else:
            pair_counts[old << SHIFT | other] -= total
            key = new_id << SHIFT | other
        pair_counts[key] += total
        if key in where:  # (new, new) is created on both sides
            where[key].extend(indices)
        else:
            where[key] = indices


def _merge_checked(words: list[str], counts: Sequence[int], length: Sequence[int], max_length: float, a: int,
                   b: int, new_id: int, positions: Iterable[int], pair_counts: MutableMapping[int, int],
                   where: defaultdict[int, Positions]) -> None:
    """``merge_pair``'s loop when created pairs must hold fewer than ``max_length`` chars."""
    pair, new, new_len = chr(a) + chr(b), chr(new_id), length[new_id]
    for index in positions:
        word = words[index]
        j = word.find(pair)
        if j < 0:
            continue
        count, end, last = counts[index], len(word) - 2, -1
        while j >= 0:
            if j:
                prev = new_id if j == last else ord(word[j - 1])
                pair_counts[prev << SHIFT | a] -= count
                if length[prev] + new_len < max_length:
                    key = prev << SHIFT | new_id
                    pair_counts[key] += count
                    where[key].append(index)
            if j < end:
                nxt = ord(word[j + 2])
                pair_counts[b << SHIFT | nxt] -= count
                if new_len + length[nxt] < max_length:
                    key = new_id << SHIFT | nxt
                    pair_counts[key] += count
                    where[key].append(index)
            last = j + 2
            j = word.find(pair, last)
        words[index] = word.replace(pair, new)
