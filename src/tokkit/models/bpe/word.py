"""The per-word core of BPE encoding (HF ``Word::merge_all``), the merge table and offset conversion.

HF pops ``(rank, position)`` from a heap over a linked list of symbols, so
the lowest-rank pair merges first and, among equal ranks (the same pair), the
leftmost.  ``merge_ranked`` (no dropout) and ``merge_all`` (dropout) both do
exactly that: O(n log n), so a whole line encoded as one word (phi-3, Llama
with byte_fallback) stays linear-ish instead of quadratic.

>>> merges = {(0, 1): (0, 2)}
>>> merge_ranked([0, 1, 0, 1], [1, 1, 1, 1], merges), merge_all([0, 1, 0, 1], [1, 1, 1, 1], merges, None)
(([2, 2], [2, 2]), ([2, 2], [2, 2]))
"""

from __future__ import annotations

import heapq
import random
import sys
from heapq import heapify, heappop, heappush
from itertools import islice, repeat
from operator import itemgetter
from typing import Iterable, Mapping

from ..._errors import TokkitError
from ...normalized import Token

__all__ = ["merge_ranked", "merge_scan", "merge_heap", "merge_all", "bytes_to_chars", "build_merges", "metaspace_closed"]

Pair = tuple[int, int]
_METASPACE = "\u2581"
_SCAN_MAX = 48  # symbols: up to this many, ``merge_scan`` (quadratic in C scans) beats the heap
_NO_MERGE = (sys.maxsize, -1)  # a pair without a merge: ranks above every real one


def _merge_result(a: str, b: str, prefix: str | None) -> str:
    """HF strips ``len(prefix)`` bytes from ``b`` *without checking* it starts with it."""
    if not prefix:
        return a + b
    if b.startswith(prefix):
        return a + b[len(prefix):]
    raw = b.encode("utf-8")
    cut = len(prefix.encode("utf-8"))
    if cut > len(raw):
        raise ValueError(f"merge ({a!r}, {b!r}): {b!r} is shorter than continuing_subword_prefix {prefix!r}")
    return a + raw[cut:].decode("utf-8", "replace")


def build_merges(
    vocab: Mapping[str, int], merges: Iterable[tuple[str, str]], prefix: str | None, error: type[TokkitError]
) -> dict[Pair, tuple[int, int]]:
    """pair ids -> (rank, new id); a pair listed twice keeps its **last** rank, like HF.

    Without a prefix, the ids are looked up by C-level passes; only a merge
    table with an unknown token is walked in Python, to name it.
    """
    merges = merges if isinstance(merges, list) else list(merges)
    if not prefix:
        firsts, seconds = list(map(itemgetter(0), merges)), list(map(itemgetter(1), merges))
        ids_a, ids_b = list(map(vocab.get, firsts)), list(map(vocab.get, seconds))
        ids_new = list(map(vocab.get, map(str.__add__, firsts, seconds)))
        if None not in ids_a and None not in ids_b and None not in ids_new:
            return dict(zip(zip(ids_a, ids_b), zip(range(len(merges)), ids_new)))  # type: ignore[arg-type]
    table: dict[Pair, tuple[int, int]] = {}
    for rank, (a, b) in enumerate(merges):
        if a not in vocab or b not in vocab:
            missing = a if a not in vocab else b
            raise error(f"Error while initializing BPE: Token `{missing}` out of vocabulary "
                        f"(merge {a!r} {b!r}); add it to the vocab or drop the merge")
        try:
            new = _merge_result(a, b, prefix)
        except ValueError as exc:
            raise error(str(exc)) from None
        if new not in vocab:
            raise error(f"Error while initializing BPE: Token `{new}` out of vocabulary "
                        f"(the result of merge {a!r} {b!r}); add it to the vocab or drop the merge")
        table[(vocab[a], vocab[b])] = (rank, vocab[new])
    return table


def metaspace_closed(vocab: Mapping[str, int], merges: dict[Pair, tuple[int, int]]) -> bool:
    """True if ``▁`` is a token and every merge whose right side starts with ``▁`` has an all-``▁`` left side.

    Then no merge joins a non-``▁`` char to a following ``▁``.
    """
    if _METASPACE not in vocab:
        return False
    vocab_r = {i: t for t, i in vocab.items()} if len(merges) else {}
    for a, b in merges:
        if vocab_r[b].startswith(_METASPACE) and vocab_r[a].strip(_METASPACE):
            return False
    return True


def merge_ranked(ids: list[int], lens: list[int], merges: dict[Pair, tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Merge lowest rank first, leftmost first (no dropout); may mutate ``ids`` and ``lens``.

    Short words (most words) take ``merge_scan``; longer ones ``merge_heap``.
    """
    if len(ids) <= _SCAN_MAX:
        return merge_scan(ids, lens, merges)
    return merge_heap(ids, lens, merges)


def merge_heap(ids: list[int], lens: list[int], merges: dict[Pair, tuple[int, int]]) -> tuple[list[int], list[int]]:
    """HF's heap (``merge_ranked`` for long words); mutates ``lens`` and returns new lists.

    A symbol merged into its left neighbour gets length 0 (HF's tombstone);
    ``nxt``/``prv`` link the live symbols.
    """
    get = merges.get
    n = len(ids)
    nxt = list(range(1, n + 1))
    nxt[-1] = -1
    prv = list(range(-1, n - 1))
    heap = []
    for i, pair in enumerate(zip(ids, ids[1:])):
        m = get(pair)
        if m is not None:
            heap.append((m[0], i, m[1]))
    heapify(heap)
    pop, push = heappop, heappush
    while heap:
        _, pos, new_id = pop(heap)
        right = nxt[pos]
        if right < 0 or not lens[pos]:
            continue
        m = get((ids[pos], ids[right]))
        if m is None or m[1] != new_id:
            continue  # stale entry: HF compares the new id only
        ids[pos] = new_id
        lens[pos] += lens[right]
        lens[right] = 0
        after = nxt[right]
        nxt[pos] = after
        if after >= 0:
            prv[after] = pos
            m = get((new_id, ids[after]))
            if m is not None:
                push(heap, (m[0], pos, m[1]))
        before = prv[pos]
        if before >= 0:
            m = get((ids[before], new_id))
            if m is not None:
                push(heap, (m[0], before, m[1]))
    return [i for i, length in zip(ids, lens) if length], [length for length in lens if length]


def merge_scan(ids: list[int], lens: list[int], merges: dict[Pair, tuple[int, int]]) -> tuple[list[int], list[int]]:
    """``merge_ranked`` without a heap, for short words: mutates and returns ``ids`` and ``lens``.

    ``ranks[k]`` is the ``(rank, new id)`` of the pair at ``k``; each step merges
    the leftmost lowest one (``min`` and ``index`` are C scans).  This is HF's heap
    order: a rank names one pair, and a merge never makes a new pair of its own
    rank (the merged symbol is longer than either side), so the lowest rank
    present is always the next one popped, leftmost first; and an HF heap entry
    that passes its staleness test (same new id at the same position) covers the
    same chars, hence is the same pair.

    >>> merges = {(0, 1): (0, 2), (2, 2): (1, 3)}
    >>> merge_scan([0, 1, 0, 1, 0], [1, 1, 1, 1, 1], merges)
    ([3, 0], [4, 1])
    """
    get, none = merges.get, _NO_MERGE
    ranks = list(map(get, zip(ids, islice(ids, 1, None)), repeat(none)))
    while ranks:
        best = min(ranks)
        if best is none:
            break
        i = ranks.index(best)
        new_id = ids[i] = best[1]
        lens[i] += lens[i + 1]
        del ids[i + 1], lens[i + 1], ranks[i]
        if i < len(ranks):  # the pair after it: (new, next)
            ranks[i] = get((new_id, ids[i + 1]), none)
        if i:  # the pair before it: (previous, new)
            ranks[i - 1] = get((ids[i - 1], new_id), none)
    return ids, lens


def merge_all(ids: list[int], lens: list[int], merges: dict[Pair, tuple[int, int]],
               dropout: float | None) -> tuple[list[int], list[int]]:
    """HF ``Word::merge_all`` with BPE-dropout: each popped merge is skipped with probability ``dropout``.

    HF draws from a thread-local RNG that cannot be seeded; tokkit draws from
    Python's module-level ``random``, so ``random.seed(n)`` makes dropout
    reproducible.  Skipped entries go back in after the next real merge.
    """
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
