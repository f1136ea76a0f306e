"""A slow, obviously-correct BPE trainer: the oracle for ``tokkit.trainers.bpe.core``.

It follows HF's algorithm literally (HF: models/bpe/trainer.rs, do_train), with no incremental bookkeeping:

* pair counts are **recounted from the words** at every step; HF never
  decrements a merged pair's own count, so ``count(pair) = occurrences now +
  occurrences merged away by that pair's own merges`` (the "ghost");
* the heap is a plain list of groups ``(count, pair, seq, words)`` scanned with
  ``min`` for the best one: count desc, then ``(id_a, id_b)`` asc, then oldest;
* a group with a stale count gets the current count (and a new seq) instead of
  being merged; a group that is merged only touches the words it lists.

Symbol ids of ``##x`` / ``x</w>`` variants follow tokkit's documented order
(first met when iterating the words sorted by code point, left to right).

Limit: ``count = occurrences + ghost`` holds when every occurrence of a pair
passes or fails the ``max_token_length`` check alike.  With an affix that can
collide with merge results (suffix ``"a"`` over words made of ``a``) and a
``max_token_length``, one pair can pass in one word and fail in another, HF's
counts become path-dependent, and this oracle does not model that.  Tests use
affixes made of chars absent from the words.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Iterable, Mapping, Optional


def _alphabet(words: Mapping[str, int], initial: Iterable[str], limit: Optional[int]) -> list[str]:
    counts: dict[str, float] = {}
    for word, count in words.items():
        for char in word:
            counts[char] = counts.get(char, 0) + count
    for char in initial:
        counts[char] = math.inf
    chars = list(counts)
    if limit is not None and len(chars) > limit:
        # documented tie rule: lowest count removed first, then highest code point
        removed = sorted(chars, key=lambda c: (counts[c], -ord(c)))[: len(chars) - limit]
        chars = [c for c in chars if c not in removed]
    return sorted(chars)


class SlowBpe:
    """State of one training run."""

    def __init__(self, words: Mapping[str, int], special_tokens: Iterable[str], limit_alphabet: Optional[int],
                 initial_alphabet: Iterable[str], prefix: Optional[str], suffix: Optional[str]) -> None:
        self.id2w: list[str] = []
        self.w2id: dict[str, int] = {}
        for token in special_tokens:
            self.add(token)
        for char in _alphabet(words, initial_alphabet, limit_alphabet):
            self.add(char)
        self.words: list[list[int]] = []  # symbol ids
        self.lens: list[list[int]] = []  # symbol lengths: chars merged into each symbol
        self.counts: list[int] = []
        for word in sorted(words):
            self.words.append(self.symbols(word, prefix, suffix))
            self.lens.append([1] * len(self.words[-1]))
            self.counts.append(words[word])
        self.prefix = prefix
        self.ghost: Counter = Counter()

    def add(self, token: str) -> int:
        if token not in self.w2id:
            self.w2id[token] = len(self.id2w)
            self.id2w.append(token)
        return self.w2id[token]

    def symbols(self, word: str, prefix: Optional[str], suffix: Optional[str]) -> list[int]:
        ids = []
        for i, char in enumerate(word):
            if char not in self.w2id:
                continue
            piece = char
            if i > 0 and prefix is not None:
                piece = prefix + piece
            if i == len(word) - 1 and suffix is not None:
                piece = piece + suffix
            ids.append(self.add(piece))
        return ids

    def windows(self) -> Counter:
        """Weighted count of every adjacent pair, recounted from scratch."""
        counts: Counter = Counter()
        for word, count in zip(self.words, self.counts):
            for pair in zip(word, word[1:]):
                counts[pair] += count
        return counts

    def count(self, pair: tuple[int, int], windows: Counter) -> int:
        return windows[pair] + self.ghost[pair]

    def merge(self, a: int, b: int, new: int, positions: Iterable[int], max_length: float) -> dict:
        """HF ``Word::merge`` in each listed word; returns pair -> words where it was created."""
        touched: dict = defaultdict(list)
        for index in dict.fromkeys(positions):
            word, lens, count = self.words[index], self.lens[index], self.counts[index]
            j = 0
            while j < len(word):
                if word[j] == a and j + 1 < len(word) and word[j + 1] == b:
                    new_len = lens[j] + lens[j + 1]
                    if j > 0 and lens[j - 1] + new_len < max_length:
                        touched[(word[j - 1], new)].append(index)
                    word[j:j + 2] = [new]
                    lens[j:j + 2] = [new_len]
                    self.ghost[(a, b)] += count
                    if j + 1 < len(word) and new_len + lens[j + 1] < max_length:
                        touched[(new, word[j + 1])].append(index)
                j += 1
        return touched


def slow_train_bpe(
    words: Mapping[str, int],
    vocab_size: int,
    min_frequency: int = 0,
    special_tokens: Iterable[str] = (),
    limit_alphabet: Optional[int] = None,
    initial_alphabet: Iterable[str] = (),
    prefix: Optional[str] = None,
    suffix: Optional[str] = None,
    max_token_length: Optional[int] = None,
) -> tuple[dict[str, int], list[tuple[int, int, int]]]:
    """Train; returns (vocab, merges as (id_a, id_b, new_id) in merge order)."""
    state = SlowBpe(words, special_tokens, limit_alphabet, initial_alphabet, prefix, suffix)
    max_length = math.inf if max_token_length is None else max_token_length
    windows = state.windows()
    seq = 0
    groups = []  # [count, pair, seq, word indexes]
    for pair, count in windows.items():
        if count > 0:
            seq += 1
            groups.append([count, pair, seq, [i for i, w in enumerate(state.words) if pair in zip(w, w[1:])]])
    merges = []
    while len(state.w2id) < vocab_size and groups:
        best = min(groups, key=lambda g: (-g[0], g[1], g[2]))
        current = state.count(best[1], windows)
        if best[0] != current:
            seq += 1
            best[0], best[2] = current, seq  # stale: re-queued with the current count
            continue
        if current < 1 or current < min_frequency:
            break
        groups.remove(best)
        a, b = best[1]
        part_b = state.id2w[b]
        if prefix and part_b.startswith(prefix):
            part_b = part_b[len(prefix):]
        new = state.add(state.id2w[a] + part_b)
        merges.append((a, b, new))
        touched = state.merge(a, b, new, best[3], max_length)
        windows = state.windows()
        for pair, positions in touched.items():
            if state.count(pair, windows) > 0:
                seq += 1
                groups.append([state.count(pair, windows), pair, seq, positions])
    return dict(state.w2id), merges
