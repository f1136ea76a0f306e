"""The BPE training algorithm: HF ``BpeTrainer::do_train``, reproduced exactly.

Steps (HF: models/bpe/trainer.rs, do_train):

1. Special tokens get the first ids (deduplicated, in order).
2. The alphabet: char counts weighted by word count; ``initial_alphabet``
   chars count as infinite.  ``limit_alphabet`` removes the lowest counts
   first; **ties remove the highest code point first** (HF leaves ties to an
   unstable sort).  Survivors get ids in code point order.
3. Words become id lists; chars outside the vocab are skipped.  With a
   ``continuing_subword_prefix`` or ``end_of_word_suffix`` the variants
   (``##x``, ``x</w>``) get ids **in the order they are first met when the
   words are iterated sorted by code point**, left to right in each word.
   HF uses hash order here, so its WordPiece ids vary from run to run; this
   order makes tokkit deterministic whatever the input order or hash seed.
4. Pair counts and, per pair, the words containing it; a heap of
   ``(count, pair, words)`` entries popped by count desc, then ``(id_a, id_b)``
   asc (equal entries: oldest first).
5. Merge loop, with HF's quirks kept on purpose: an entry whose count is
   stale is re-pushed with the current count; a popped entry merges **only
   the words it lists**; a merged pair's own count is never decremented;
   pairs created by a merge are only counted when their symbols hold
   ``< max_token_length`` chars together (initial pairs always are).

Counts are Python ints, so they never overflow (HF uses i32).  Words are
strings of ``chr(id)`` and pairs ints ``id_a << 21 | id_b`` (``strings``), so
that merging is ``str.find``/``str.replace`` at C speed and pairs order like
``(id_a, id_b)``; id lists remain for the one case that needs per-symbol
lengths (an affix with ``max_token_length``) and for ids past ``sys.maxunicode``.
With many distinct words the merging runs in parallel slices (``shards``),
the queue keeps rarely counted pairs flat (``queue``) and so do the sliced
merger's pair counts (``pair_counts``).

What this module does not do: word counting (the tokenizer fills
``trainer.words``, a ``CompactWords`` or any mapping), progress display (the
trainer passes ``on_stage``), the alphabet and the words' initial symbols
(steps 2 and 3: ``words``).
"""

from __future__ import annotations

import math
import sys
from contextlib import ExitStack
from array import array
from collections import defaultdict
from functools import partial
from typing import Any, Callable, Generic, Hashable, Iterable, Mapping, Optional, Protocol, TypeVar

from ..._support.gc import gc_paused
from ..._support.word_counts import CompactWords, Counts
from .pair_counts import PairCounts
from .queue import MergeQueue, Positions
from .shards import StringShards, shard_count
from .strings import MASK, SHIFT, count_pairs, merge_pair
from .words import Vocab, compute_alphabet, symbol_tables, word_ids, word_strings

__all__ = ["BpeResult", "train_bpe"]

#: Ids up to this one fit in a ``chr``: words are strings then (see ``_StringMerger``).
MAX_STRING_ID = sys.maxunicode

#: A pair key: a 2-char string (``_StringMerger``) or an ``(id_a, id_b)`` tuple (``_ListMerger``).
K = TypeVar("K", bound=Hashable)


class BpeResult:
    """The trained vocab (token -> id, ids 0..n-1) and merges as (id_a, id_b, new_id)."""

    def __init__(self, vocab: dict[str, int], id_to_token: list[str], merges: list[tuple[int, int, int]]) -> None:
        self.vocab = vocab
        self.id_to_token = id_to_token
        self.merges = merges


class _Merger(Generic[K]):
    """The merge loop state: pair counts, the words containing each pair, and the lazy heap.

    Subclasses hold the words and implement ``ids_of`` and ``apply``; pairs are keys of type ``K``.
    """

    def __init__(self, counts: Counts, vocab: Vocab, prefix: Optional[str],
                 max_token_length: Optional[int]) -> None:
        self.counts, self.vocab, self.prefix = counts, vocab, prefix
        self.max_length = math.inf if max_token_length is None else max_token_length
        self.pair_counts: dict[K, int] = defaultdict(int)
        # word indices as 4-byte ints (8 past 2**31 words): millions of words list a pair each
        self.new_positions = partial(array, "i" if len(counts) < 2**31 else "q")
        self.queue: MergeQueue[K] = MergeQueue(self.new_positions)

    def _push_all(self, where: Mapping[K, Positions]) -> None:
        self.queue.push_counted(where, self.pair_counts, where.__getitem__)

    def next_merge(self, min_frequency: int) -> Optional[tuple[int, int, Positions]]:
        """Pop the best up-to-date entry as ``(a, b, words)``; None when no pair is frequent enough."""
        top = self.queue.top_current(self.pair_counts)  # stale entries re-pushed on the way
        if top is None:
            return None
        count, key, positions = top
        if count < 1 or count < min_frequency:
            return None
        self.queue.drop_top()
        return (*self.ids_of(key), positions)

    def ids_of(self, key: K) -> tuple[int, int]:
        """The pair ``(a, b)`` a key stands for."""
        raise NotImplementedError

    def apply(self, a: int, b: int, new_id: int, positions: Iterable[int]) -> None:
        """Merge (a, b) in the listed words and push the pairs this created."""
        raise NotImplementedError

    def new_token(self, a: int, b: int) -> int:
        """Add ``a + b`` (prefix stripped from b when present) to the vocab."""
        vocab = self.vocab
        part_b = vocab.id2w[b]
        if self.prefix and part_b.startswith(self.prefix):
            part_b = part_b[len(self.prefix):]
        length = vocab.length[a] + vocab.length[b]
        new_id = vocab.add(vocab.id2w[a] + part_b, length)
        vocab.length[new_id] = length
        return new_id


class _StringMerger(_Merger[int]):
    """Words as strings of ``chr(id)``, pairs as 2-char strings (they order like ``(id_a, id_b)``).

    ``str.find`` / ``str.replace`` scan left to right for non-overlapping
    matches, exactly like HF's ``Word::merge``, at C speed.  Lengths are per
    token, which is exact without an affix or without ``max_token_length``.
    """

    def __init__(self, words: list[str], *args: Any) -> None:
        super().__init__(*args)
        self.words = words
        self._push_all(count_pairs(words, self.counts, self.pair_counts, self.new_positions))

    @staticmethod
    def ids_of(key: int) -> tuple[int, int]:
        return key >> SHIFT, key & MASK

    def apply(self, a: int, b: int, new_id: int, positions: Iterable[int]) -> None:
        """Merge (a, b) in the listed words and push the pairs this created."""
        self._push_all(merge_pair(self.words, self.counts, self.vocab.length, self.max_length, a, b, new_id,
                                  positions, self.pair_counts))


class _ShardedMerger(_Merger[int]):
    """``_StringMerger`` with the words in slices merged in parallel (``shards``); an entry lists ``[merge]``."""

    def __init__(self, shards: StringShards, *args: Any) -> None:
        super().__init__(*args)
        self.shards, self.merges = shards, 0
        self.pair_counts = self.counted = PairCounts()  # millions of rare pairs: kept compactly
        self._push_keys(shards.start(self.counted), [-1])

    ids_of = staticmethod(_StringMerger.ids_of)

    def _push_keys(self, keys: Iterable[int], entry: list[int]) -> None:
        self.queue.push_counted(keys, self.pair_counts, lambda key: entry)

    def apply(self, a: int, b: int, new_id: int, positions: Iterable[int]) -> None:
        """Merge (a, b) in every slice, in the words the popped entry lists there."""
        self.merges += 1
        (entry,) = positions
        keys = self.shards.apply(a, b, new_id, self.vocab.length[new_id], entry, self.merges, self.counted)
        self._push_keys(keys, [self.merges])
        self.counted.freeze_if_large(len(self.vocab.id2w))


class _ListMerger(_Merger[tuple[int, int]]):
    """Words as id lists with per-symbol lengths: exact in every case, and for any id.

    HF measures ``max_token_length`` on each *symbol* (chars merged into it),
    not on the token string.  With a prefix or suffix one string can be both
    an initial symbol (``"##x"``, 1 char) and a merge result (several chars).
    Used then, and when ids do not fit in ``chr``.
    """

    def __init__(self, words: list[list[int]], *args: Any) -> None:
        super().__init__(*args)
        self.words = words
        self.lens = [[1] * len(word) for word in words]
        pair_counts = self.pair_counts
        where: dict[tuple[int, int], list[int]] = defaultdict(list)
        for index, ids in enumerate(words):
            count = self.counts[index]
            for key in zip(ids, ids[1:]):
                pair_counts[key] += count
                where[key].append(index)
        self._push_all(where)

    @staticmethod
    def ids_of(key: tuple[int, int]) -> tuple[int, int]:
        return key

    def apply(self, a: int, b: int, new_id: int, positions: Iterable[int]) -> None:
        words, counts, pair_counts, max_length = self.words, self.counts, self.pair_counts, self.max_length
        where: dict[tuple[int, int], list[int]] = defaultdict(list)
        for index in dict.fromkeys(positions):
            word, lens, count = words[index], self.lens[index], counts[index]
            j = 0
            while j < len(word) - 1:
                if word[j] == a and word[j + 1] == b:
                    new_len = lens[j] + lens[j + 1]
                    if j:
                        prev = word[j - 1]
                        pair_counts[prev, a] -= count
                        if lens[j - 1] + new_len < max_length:
                            pair_counts[prev, new_id] += count
                            where[prev, new_id].append(index)
                    word[j], lens[j] = new_id, new_len
                    del word[j + 1], lens[j + 1]
                    if j + 1 < len(word):
                        nxt = word[j + 1]
                        pair_counts[b, nxt] -= count
                        if new_len + lens[j + 1] < max_length:
                            pair_counts[new_id, nxt] += count
                            where[new_id, nxt].append(index)
                j += 1
        self._push_all(where)


class Stage(Protocol):
    """A progress stage, as ``on_stage(name, total)`` returns it."""

    def update(self, current: int) -> None: ...

    def finish(self, final: int) -> None: ...


class _SilentStage:
    def update(self, current: int) -> None:
        pass

    def finish(self, final: int) -> None:
        pass


def _silent_stage(name: str, total: int) -> _SilentStage:
    return _SilentStage()


def train_bpe(
    words: Mapping[str, int],
    vocab_size: int,
    min_frequency: int = 0,
    special_tokens: Iterable[str] = (),
    limit_alphabet: Optional[int] = None,
    initial_alphabet: Iterable[str] = (),
    prefix: Optional[str] = None,
    suffix: Optional[str] = None,
    max_token_length: Optional[int] = None,
    on_stage: Optional[Callable[[str, int], Stage]] = None,
) -> BpeResult:
    """Train BPE on word counts.

    ``on_stage(name, total)`` starts a progress stage (HF's names: "Tokenize
    words", "Count pairs", "Compute merges") and returns an object with
    ``update(current)`` and ``finish(final)``.

    >>> result = train_bpe({"ba": 1, "ab": 1}, vocab_size=3)
    >>> [(result.id_to_token[a], result.id_to_token[b]) for a, b, _ in result.merges]
    [('a', 'b')]
    """
    with gc_paused():
        return _train(words, vocab_size, min_frequency, special_tokens, limit_alphabet, initial_alphabet,
                      prefix, suffix, max_token_length, on_stage or _silent_stage)


def _merger(words: CompactWords, vocab: Vocab, vocab_size: int, prefix: Optional[str], suffix: Optional[str],
            max_token_length: Optional[int], stage: Callable[[str, int], Stage], on_exit: ExitStack) -> "_Merger[Any]":
    """Steps 3 and 4: the words as initial symbols and their pair counts, in the merger that fits."""
    progress = stage("Tokenize words", len(words))
    string_ids = max(vocab_size, len(vocab.id2w)) <= MAX_STRING_ID + 1
    exact_lengths = max_token_length is not None and (prefix is not None or suffix is not None)
    counts = words.counts
    max_length = math.inf if max_token_length is None else max_token_length
    if string_ids and not exact_lengths and suffix is None and (shards := shard_count(len(words))) > 1:
        parts = StringShards(words, symbol_tables(words, vocab, prefix), vocab.length, max_length, shards)
        on_exit.callback(parts.close)
        progress.finish(len(words))
        progress = stage("Count pairs", len(words))
        merger: _Merger[Any] = _ShardedMerger(parts, counts, vocab, prefix, max_token_length)
        progress.finish(len(words))
        return merger
    if string_ids and not exact_lengths and suffix is None:
        symbols: list[Any] = word_strings(words, vocab, prefix)
    else:
        symbols = word_ids(list(words), vocab, prefix, suffix)
    progress.finish(len(words))
    progress = stage("Count pairs", len(words))
    if string_ids and not exact_lengths:
        if symbols and not isinstance(symbols[0], str):
            symbols = ["".join(map(chr, ids)) for ids in symbols]
        merger = _StringMerger(symbols, counts, vocab, prefix, max_token_length)
    else:
        merger = _ListMerger(symbols, counts, vocab, prefix, max_token_length)
    progress.finish(len(words))
    return merger


def _train(words: Mapping[str, int], vocab_size: int, min_frequency: int, special_tokens: Iterable[str],
           limit_alphabet: Optional[int], initial_alphabet: Iterable[str], prefix: Optional[str],
           suffix: Optional[str], max_token_length: Optional[int], stage: Callable[[str, int], Stage]) -> BpeResult:
    words = CompactWords.from_counts(words)  # sorted by code point, compact; no copy when it already is
    vocab = Vocab()
    for token in special_tokens:
        vocab.add(token)
    for char in compute_alphabet(words, initial_alphabet, limit_alphabet):
        vocab.add(char)
    with ExitStack() as on_exit:
        merger = _merger(words, vocab, vocab_size, prefix, suffix, max_token_length, stage, on_exit)
        return _merge_loop(merger, vocab, vocab_size, min_frequency, stage)


def _merge_loop(merger: "_Merger[Any]", vocab: Vocab, vocab_size: int, min_frequency: int,
                stage: Callable[[str, int], Stage]) -> BpeResult:
    progress = stage("Compute merges", vocab_size)
    merges: list[tuple[int, int, int]] = []
    while len(vocab.w2id) < vocab_size:
        popped = merger.next_merge(min_frequency)
        if popped is None:
            break
        a, b, positions = popped
        new_id = merger.new_token(a, b)
        merges.append((a, b, new_id))
        merger.apply(a, b, new_id, positions)
        progress.update(len(merges))
    progress.finish(len(merges))
    return BpeResult(vocab.w2id, vocab.id2w, merges)
