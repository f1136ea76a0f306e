"""Seed pieces of Unigram training: chars plus frequent right-branching substrings.

HF concatenates every DISTINCT word followed by ``"\\0"`` and enumerates the
internal nodes of the suffix tree of that string (esaxx's LCP intervals): a
substring is a node when it occurs at least twice and is followed by at least
two different chars.  Its frequency is its number of occurrences in that flat
string -- NOT weighted by word counts.  Only nodes of 2 to ``max_piece_length``
chars without ``"\\0"`` are kept, scored ``freq * len``
(HF: models/unigram/trainer.rs, make_seed_sentence_pieces).

tokkit finds the same nodes without a full suffix array: only the first
``max_piece_length + 1`` chars of each suffix can matter, so it sorts those
truncated suffixes (distinct ones, with multiplicities), gets the LCP of
neighbours from the XOR of their UTF-32 encodings read as big ints (C-level
``int.bit_length``), and walks the LCP intervals with a stack.  Suffixes with
fewer than two chars before the word's ``"\\0"`` are left out: they can only
belong to nodes of depth <= 1, which are dropped anyway.

Not done here: the E/M steps (``em``).

>>> [(piece, round(score, 4)) for piece, score in seed_pieces([("abab", 1), ("abc", 2)], 16, 1_000_000)]
[('b', -1.3863), ('a', -1.3863), ('c', -2.0794), ('ab', -0.9808)]
"""

from __future__ import annotations

import math
from collections import Counter
from operator import xor
from typing import Iterable

__all__ = ["seed_pieces", "char_counts", "substring_nodes", "to_log_prob"]


def char_counts(words: Iterable[tuple[str, int]]) -> Counter[str]:
    """Chars weighted by word count, ``"\\0"`` excluded (HF's ``all_chars``).

    >>> sorted(char_counts([("aab", 2), ("b", 1)]).items())
    [('a', 4), ('b', 3)]
    """
    by_count: dict[int, list[str]] = {}
    for word, count in words:
        by_count.setdefault(count, []).append(word)
    counts: Counter[str] = Counter()
    # One C-level Counter per distinct count value instead of a Python loop per char.
    for count, group in by_count.items():
        for char, k in Counter("".join(group)).items():
            counts[char] += k * count
    counts.pop("\0", None)
    return counts


def _suffix_keys(words: list[str], width: int) -> Counter[str]:
    """The first ``width`` chars of each suffix of ``word + "\\0"`` having >= 2 chars before the end."""
    keys = [s[i:i + width] for s in (w + "\0" for w in words) for i in range(len(s) - 2)]
    return Counter(keys)


#: Keys turned into big ints at a time: each is ~100 bytes, so all at once would double the seeds' peak.
_LCP_CHUNK = 65536


def _neighbour_lcps(keys: list[str], width: int) -> list[int]:
    """LCP (in chars, capped at ``width``) of each key with the one before it; ``lcps[0] = 0``."""
    pad = "\0" * width
    bits = width * 32
    lcps = [0]
    previous = None
    for lo in range(0, len(keys), _LCP_CHUNK):
        # Code points compare like the big-endian UTF-32 ints of the \0-padded keys; the
        # highest differing bit of the XOR gives the first differing char.
        ints = [int.from_bytes((key + pad[len(key):]).encode("utf-32-be"), "big") for key in keys[lo:lo + _LCP_CHUNK]]
        if previous is not None:
            ints.insert(0, previous)
        lcps.extend((bits - n) >> 5 for n in map(int.bit_length, map(xor, ints[1:], ints)))
        previous = ints[-1]
    return lcps


def substring_nodes(words: list[str], max_piece_length: int) -> list[tuple[int, str]]:
    """``(freq * len, substring)`` for every suffix-tree node of 2..max_piece_length chars without \\0.

    ``words`` are the distinct words (each occurs once in HF's flat string).

    >>> sorted(substring_nodes(["abab", "abc"], 16))
    [(6, 'ab')]
    """
    width = max_piece_length + 1
    counted = _suffix_keys([w for w in words if w], width)
    keys = sorted(counted)
    if len(keys) < 2:
        return []
    lcps = _neighbour_lcps(keys, width)
    starts = [0]
    total = 0
    for key in keys:  # prefix sums of multiplicities: occurrences in an interval
        total += counted[key]
        starts.append(total)
    return _lcp_intervals(keys, lcps, starts, max_piece_length)


def _lcp_intervals(keys: list[str], lcps: list[int], starts: list[int], max_len: int) -> list[tuple[int, str]]:
    """Walk the LCP intervals with a stack; report those of depth 2..max_len whose prefix has no \\0."""
    nodes: list[tuple[int, str]] = []
    stack_depth = [0]
    stack_left = [0]
    lcps.append(0)  # closes every open interval at the end
    for i in range(1, len(lcps)):
        depth = lcps[i]
        left = i - 1
        while depth < stack_depth[-1]:
            top = stack_depth.pop()
            left = stack_left.pop()
            if top <= max_len and top >= 2:
                prefix = keys[left][:top]
                if "\0" not in prefix:
                    nodes.append(((starts[i] - starts[left]) * top, prefix))
        if depth > stack_depth[-1]:
            stack_depth.append(depth)
            stack_left.append(left)
    lcps.pop()
    return nodes


def to_log_prob(scores: list[float]) -> list[float]:
    """``ln(s) - ln(sum)`` for each score (HF's ``to_log_prob``).

    >>> [round(x, 3) for x in to_log_prob([1.0, 2.0])]
    [-1.099, -0.405]
    """
    logsum = math.log(sum(scores))
    return [math.log(s) - logsum for s in scores]


def seed_pieces(words: list[tuple[str, int]], max_piece_length: int, seed_size: int) -> list[tuple[str, float]]:
    """HF's ``make_seed_sentence_pieces``: chars by (count, char) desc, then nodes by (score, chars) desc.

    Substrings are added until there are ``seed_size`` seeds (at least one is added, like HF,
    whose check follows the push).  Scores are then normalized with ``to_log_prob``.
    """
    words = [(w, c) for w, c in words if w]
    chars = sorted(((count, char) for char, count in char_counts(words).items()), reverse=True)
    seeds = [(char, float(count)) for count, char in chars]
    nodes = substring_nodes([w for w, _ in words], max_piece_length)
    wanted = max(seed_size - len(seeds), 1)
    nodes.sort(reverse=True)
    seeds.extend((piece, float(score)) for score, piece in nodes[:wanted])
    if not seeds:
        return []
    logs = to_log_prob([score for _, score in seeds])
    return [(piece, log) for (piece, _), log in zip(seeds, logs)]
