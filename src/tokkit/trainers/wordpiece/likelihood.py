"""Likelihood WordPiece training: merge the pair whose parts occur together far more often than apart.

At each step every adjacent pair ``(a, b)`` of the current splits (counts
weighted by word frequency) scores ``count(ab) / (count(a) * count(b))``,
compared exactly.  The best pair has the highest score; ties go to the higher
``count(ab)``, then to the smaller ``(a, b)`` in code-point order.  Pairs
counted below ``min_frequency``, or whose merged token would be longer than
``max_token_length`` chars (a leading prefix not counted), are not merged.
Merging ``a`` with ``b`` gives ``a`` + ``b`` without its prefix, in one pass
left to right over every word; a merged string already in the vocab takes no
new id.  Training stops at ``vocab_size`` tokens or when no pair is left.

The textbook loop recounts everything per step; this one keeps pair counts,
token counts and, per pair, the words holding it (``where``), and touches
only the words that hold the merged pair.  The pairs whose own counts moved
are scored again at once; the pairs whose *tokens'* counts moved are scored
again lazily, when they could be the best (``queue.ScoreQueue``).

>>> vocab = train_likelihood({"ab": 2, "b": 1, "cd": 1}, vocab_size=10)
>>> [token for token, _ in sorted(vocab.items(), key=lambda item: item[1])]
['##b', '##d', 'a', 'b', 'c', 'cd', 'ab']
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from operator import add
from typing import Callable, Iterable, Mapping, Optional

from ..._errors import TrainingError
from ..._support.gc import gc_paused
from ..bpe.core import Stage
from ..bpe.words import Vocab
from .queue import ScoreQueue
from .symbols import initial_vocab, token_length, word_symbols

__all__ = ["train_likelihood"]


class _LikelihoodMerger:
    """Words as strings of ``chr(id)``, pairs as 2-char strings, counts kept up to date merge by merge."""

    def __init__(self, symbols: list[str], counts: list[int], vocab: Vocab, prefix: str, min_frequency: int,
                 max_token_length: Optional[int]) -> None:
        self.words, self.counts, self.vocab, self.prefix = symbols, counts, vocab, prefix
        self.max_length = max_token_length
        self.token_counts = _token_counts(symbols, counts, len(vocab.id2w))
        self.pair_counts: defaultdict[str, int] = defaultdict(int)
        self.where: defaultdict[str, list[int]] = defaultdict(list)
        for index, word in enumerate(symbols):
            count = counts[index]
            for key in map(add, word[:-1], word[1:]):
                self.pair_counts[key] += count
                self.where[key].append(index)
        self.queue = ScoreQueue(self.token_counts, self.pair_counts, vocab.id2w, max(1, min_frequency))
        self.queue.add_pairs([key for key in self.pair_counts if self._allowed(key)])
        self.queue.settle()

    def _allowed(self, key: str) -> bool:
        """Whether merging ``key`` keeps within ``max_token_length``."""
        return self.max_length is None or token_length(self._merged(key), self.prefix) <= self.max_length

    def _merged(self, key: str) -> str:
        id2w, prefix = self.vocab.id2w, self.prefix
        part_b = id2w[ord(key[1])]
        if prefix and part_b.startswith(prefix):
            part_b = part_b[len(prefix):]
        return id2w[ord(key[0])] + part_b

    def next_merge(self) -> Optional[str]:
        """The best pair (its key); None when no pair is left."""
        return self.queue.best()

    # -- one merge -------------------------------------------------------------
    def merge(self, key: str) -> None:
        """Merge the pair ``key`` everywhere; tell the queue which counts moved."""
        new_id = self.vocab.add(self._merged(key))
        if new_id > sys.maxunicode:
            raise TrainingError(f"likelihood WordPiece training supports at most {sys.maxunicode + 1} tokens; "
                                "lower vocab_size")
        if new_id == len(self.token_counts):
            self.token_counts.append(0)
        touched, merged = self._apply(key, chr(new_id), dict.fromkeys(self.where.pop(key, ())))
        a, b = ord(key[0]), ord(key[1])
        token_counts, pair_counts, queue = self.token_counts, self.pair_counts, self.queue
        token_counts[a] -= merged
        token_counts[b] -= merged
        token_counts[new_id] += merged
        pair_counts[key] -= merged
        touched.add(key)
        known, new = [], []
        for pair in touched:
            registered = pair in queue.home
            if pair_counts[pair] == 0:
                del pair_counts[pair]
                self.where.pop(pair, None)
                if registered:
                    queue.forget(pair)
            elif registered:
                known.append(pair)
            elif self._allowed(pair):
                new.append(pair)
        queue.pairs_moved(known)
        queue.tokens_moved({a, b, new_id})
        queue.add_pairs(new)
        queue.settle()

    def _apply(self, key: str, new: str, positions: Iterable[int]) -> tuple[set[str], int]:
        """Merge in the listed words, one pass each; the pairs whose counts moved, and the occurrences merged."""
        words, counts, pair_counts, where = self.words, self.counts, self.pair_counts, self.where
        char_a, char_b = key[0], key[1]
        touched: set[str] = set()
        merged = 0
        for index in positions:
            word = words[index]
            j = word.find(key)
            if j < 0:
                continue
            count, end, last = counts[index], len(word) - 2, -1
            while j >= 0:
                merged += count
                if j:
                    prev = new if j == last else word[j - 1]  # right after a merge: the new symbol
                    lost = prev + char_a
                    pair_counts[lost] -= count
                    made = prev + new
                    pair_counts[made] += count
                    where[made].append(index)
                    touched.add(lost)
                    touched.add(made)
                if j < end:
                    nxt = word[j + 2]
                    lost = char_b + nxt
                    pair_counts[lost] -= count
                    made = new + nxt
                    pair_counts[made] += count
                    where[made].append(index)
                    touched.add(lost)
                    touched.add(made)
                last = j + 2
                j = word.find(key, last)
            words[index] = word.replace(key, new)
        return touched, merged


def _token_counts(symbols: list[str], counts: list[int], size: int) -> list[int]:
    """Weighted occurrences of every token id in the words."""
    totals = [0] * size
    by_count: dict[int, list[str]] = defaultdict(list)
    for word, count in zip(symbols, counts):
        by_count[count].append(word)
    for count, group in by_count.items():  # one C-level Counter per distinct count
        for symbol, occurrences in Counter("".join(group)).items():
            totals[ord(symbol)] += occurrences * count
    return totals


class _Quiet:
    """A progress stage that shows nothing."""

    def update(self, current: int) -> None:
        pass

    def finish(self, final: int) -> None:
        pass


def _silent(name: str, total: int) -> Stage:
    return _Quiet()


def train_likelihood(words: Mapping[str, int], vocab_size: int, min_frequency: int = 0,
                     special_tokens: Iterable[str] = (), limit_alphabet: Optional[int] = None,
                     initial_alphabet: Iterable[str] = (), prefix: Optional[str] = "##",
                     max_token_length: Optional[int] = None,
                     on_stage: Optional[Callable[[str, int], Stage]] = None) -> dict[str, int]:
    """Train likelihood WordPiece on word counts; the vocab (token -> id).

    ``on_stage(name, total)`` starts a progress stage, as for ``train_bpe``.
    """
    stage = on_stage or _silent
    with gc_paused():
        progress = stage("Tokenize words", len(words))
        prefix = prefix or ""
        vocab, kept = initial_vocab(words, special_tokens, prefix, initial_alphabet, limit_alphabet)
        if len(vocab.id2w) > sys.maxunicode + 1:
            raise TrainingError(f"likelihood WordPiece training supports at most {sys.maxunicode + 1} tokens")
        # Every choice is by exact score and a total order on (a, b): the word order cannot change the result.
        merger = _LikelihoodMerger(word_symbols(words, vocab, prefix, kept), list(words.values()), vocab,
                                   prefix, min_frequency, max_token_length)
        progress.finish(len(words))
        progress = stage("Compute merges", vocab_size)
        while len(vocab.w2id) < vocab_size:
            key = merger.next_merge()
            if key is None:
                break
            merger.merge(key)
            progress.update(len(vocab.w2id))
        progress.finish(len(vocab.w2id))
        return vocab.w2id
