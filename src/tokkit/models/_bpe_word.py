"""The per-word core of BPE encoding (HF ``Word::merge_all``) and offset conversion.

HF pops ``(rank, position)`` from a heap, so the lowest-rank pair merges
first and, among equal ranks (the same pair), the leftmost.  Without dropout,
``merge_ranked`` finds that same pair with C-level ``min``/``index`` over a
list of pair ranks; with dropout, ``merge_all`` replays HF's heap so skipped
pairs come back exactly as in HF.

>>> merges = {(0, 1): (0, 2)}
>>> merge_ranked([0, 1, 0, 1], [1, 1, 1, 1], merges), merge_all([0, 1, 0, 1], [1, 1, 1, 1], merges, None)
(([2, 2], [2, 2]), ([2, 2], [2, 2]))
"""

from __future__ import annotations

import heapq
import random

from ..normalized import Token

__all__ = ["merge_ranked", "merge_all", "bytes_to_chars"]

Pair = tuple[int, int]
_NO_MERGE = 1 << 62  # rank of a pair that has no merge


def merge_ranked(ids: list[int], lens: list[int], merges: dict[Pair, tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Merge in place, lowest rank first, leftmost first (no dropout)."""
    get = merges.get
    ranks = []
    for pair in zip(ids, ids[1:]):
        m = get(pair)
        ranks.append(_NO_MERGE if m is None else m[0])
    while ranks:
        best = min(ranks)
        if best == _NO_MERGE:
            break
        i = ranks.index(best)
        new_id = get((ids[i], ids[i + 1]))[1]  # type: ignore[index]
        ids[i] = new_id
        lens[i] += lens[i + 1]
        del ids[i + 1], lens[i + 1], ranks[i]
        if i < len(ranks):  # pair (new, next)
            m = get((new_id, ids[i + 1]))
            ranks[i] = _NO_MERGE if m is None else m[0]
        if i:  # pair (prev, new)
            m = get((ids[i - 1], new_id))
            ranks[i - 1] = _NO_MERGE if m is None else m[0]
    return ids, lens


def merge_all(ids: list[int], lens: list[int], merges: dict[Pair, tuple[int, int]],
               dropout: float | None) -> tuple[list[int], list[int]]:
    """HF ``Word::merge_all``: pop (rank, position) from a heap, one merge at a time."""
    n = len(ids)
    ids, lens = ids[:], lens[:]
    nxt = list(range(1, n + 1))
    nxt[-1] = -1
    prv = list(range(-1, n - 1))
    heap = []
    for i in range(n - 1):
        m = merges.get((ids[i], ids[i + 1]))
        if m is not None:
            heap.append((m[0], i, m[1]))
    heapq.heapify(heap)
    skipped: list[tuple[int, int, int]] = []
    while heap:
        top = heapq.heappop(heap)
        if dropout is not None and random.random() < dropout:
            skipped.append(top)  # BPE-dropout: skip it for now, retry after the next merge
            continue
        for entry in skipped:
            heapq.heappush(heap, entry)
        skipped.clear()
        _, pos, new_id = top
        right = nxt[pos]
        if lens[pos] == 0 or right == -1:
            continue
        m = merges.get((ids[pos], ids[right]))
        if m is None or m[1] != new_id:
            continue  # stale entry
        ids[pos] = new_id
        lens[pos] += lens[right]
        lens[right] = 0
        after = nxt[right]
        nxt[pos] = after
        if after != -1:
            prv[after] = pos
        before = prv[pos]
        if before >= 0:
            m = merges.get((ids[before], new_id))
            if m is not None:
                heapq.heappush(heap, (m[0], before, m[1]))
        if after != -1:
            m = merges.get((new_id, ids[after]))
            if m is not None:
                heapq.heappush(heap, (m[0], pos, m[1]))
    kept = [i for i in range(n) if lens[i]]
    return [ids[i] for i in kept], [lens[i] for i in kept]


def bytes_to_chars(word: str, tokens: list[Token]) -> list[Token]:
    """Byte offsets -> char offsets, mapping each byte range to the chars it touches.

    A token's start byte gives its first char and its last byte its last char,
    which is exactly how HF maps byte offsets through the alignments, so
    dropped chars and ``<0xHH>`` pieces end up where HF puts them.
    """
    byte_to_char: list[int] = []
    for index, char in enumerate(word):
        byte_to_char.extend([index] * (1 if char < "\x80" else len(char.encode("utf-8"))))
    total, n = len(byte_to_char), len(word)
    out = []
    for token in tokens:
        start, end = token.offsets
        char_start = byte_to_char[start] if start < total else n
        char_end = byte_to_char[end - 1] + 1 if 0 < end <= total else (n if end > total else char_start)
        out.append(Token(token.id, token.value, (char_start, max(char_start, char_end))))
    return out
