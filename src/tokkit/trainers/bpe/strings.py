"""Words as strings of ``chr(id)``: HF's pair counting and ``Word::merge`` on a list of them.

Pure functions over ``(words, counts)``, so the same code serves the one-process
merger (``core``) and each shard of the forked one (``shards``): they add pair
count changes into ``pair_counts`` and return, per pair they created, the
indices of the words holding it (HF's ``where``).

``str.find`` / ``str.replace`` scan left to right for non-overlapping matches,
exactly like HF's ``Word::merge``, at C speed; pairs are 2-char strings, which
order like ``(id_a, id_b)``.

>>> from collections import defaultdict
>>> counts, words = defaultdict(int), ["abab", "ba"]
>>> dict(count_pairs(words, [1, 2], counts, list))
{'ab': [0, 0], 'ba': [0, 1]}
>>> dict(counts)
{'ab': 2, 'ba': 3}
>>> dict(merge_pair(words, [1, 2], [1] * 100, float("inf"), ord("a"), ord("b"), ord("c"), [0, 0], counts))
{'ca': [0], 'cc': [0]}
>>> words, dict(counts)
(['cc', 'ba'], {'ab': 2, 'ba': 2, 'ca': 0, 'cc': 1})
"""

from __future__ import annotations

from collections import defaultdict
from operator import add
from typing import Callable, Iterable, MutableMapping, Sequence

from .queue import Positions

__all__ = ["count_pairs", "merge_pair"]


def count_pairs(words: Sequence[str], counts: Sequence[int], pair_counts: MutableMapping[str, int],
                new_positions: Callable[[], Positions]) -> dict[str, Positions]:
    """Add every pair's count (weighted by its word's) to ``pair_counts``; where each pair occurs."""
    where: defaultdict[str, Positions] = defaultdict(new_positions)
    for index, word in enumerate(words):
        if len(word) > 1:
            count = counts[index]
            for key in map(add, word[:-1], word[1:]):
                pair_counts[key] += count
                where[key].append(index)
    return where


def merge_pair(words: list[str], counts: Sequence[int], length: Sequence[int], max_length: float, a: int, b: int,
               new_id: int, positions: Iterable[int], pair_counts: MutableMapping[str, int]) -> dict[str, Positions]:
    """Merge (a, b) into ``new_id`` in the listed words; the pairs this created and their words.

    HF's quirks kept: the merged pair's own count is not decremented; a created
    pair is only counted when its symbols hold ``< max_length`` chars together.
    """
    char_a, char_b, new = chr(a), chr(b), chr(new_id)
    pair, new_len = char_a + char_b, length[new_id]
    if new_id in (a, b):  # HF's word sets hold a word once; re-merging could find the pair again
        positions = dict.fromkeys(positions)
    # plain lists while merging (cheaper to make and fill); the queue stores them compactly
    where: defaultdict[str, Positions] = defaultdict(list)
    if max_length != float("inf"):
        _merge_checked(words, counts, length, max_length, pair, new, new_len, positions, pair_counts, where)
        return where
    for index in positions:
        word = words[index]
        j = word.find(pair)
        if j < 0:
            continue
        count, end, last = counts[index], len(word) - 2, -1
        while j >= 0:
            if j:
                prev = new if j == last else word[j - 1]  # right after a merge: the new symbol
                pair_counts[prev + char_a] -= count
                key = prev + new
                pair_counts[key] += count
                where[key].append(index)
            if j < end:
                nxt = word[j + 2]
                pair_counts[char_b + nxt] -= count
                key = new + nxt
                pair_counts[key] += count
                where[key].append(index)
            last = j + 2
            j = word.find(pair, last)
        words[index] = word.replace(pair, new)
    return where


def _merge_checked(words: list[str], counts: Sequence[int], length: Sequence[int], max_length: float, pair: str,
                   new: str, new_len: int, positions: Iterable[int], pair_counts: MutableMapping[str, int],
                   where: defaultdict[str, Positions]) -> None:
    """``merge_pair``'s loop when created pairs must hold fewer than ``max_length`` chars."""
    char_a, char_b = pair[0], pair[1]
    for index in positions:
        word = words[index]
        j = word.find(pair)
        if j < 0:
            continue
        count, end, last = counts[index], len(word) - 2, -1
        while j >= 0:
            if j:
                prev = new if j == last else word[j - 1]
                pair_counts[prev + char_a] -= count
                if length[ord(prev)] + new_len < max_length:
                    key = prev + new
                    pair_counts[key] += count
                    where[key].append(index)
            if j < end:
                nxt = word[j + 2]
                pair_counts[char_b + nxt] -= count
                if new_len + length[ord(nxt)] < max_length:
                    key = new + nxt
                    pair_counts[key] += count
                    where[key].append(index)
            last = j + 2
            j = word.find(pair, last)
        words[index] = word.replace(pair, new)
