"""Parity-aware BPE: HF's ``ParityBpeTrainer::do_train`` (models/bpe/parity_trainer.rs), reproduced.

One corpus per language.  Before each merge one language is chosen: the one
whose text is longest in tokens (``"base"``), or the same choice routed
through a moving window so no language takes every merge (``"window"``); with
``ratio`` the score is the compression rate divided by the language's ratio.
The chosen language's most frequent pair (ties: the larger ``(str_a, str_b)``)
is merged in **every** language.  The first ``global_merges`` merges use the
pair counts summed over all languages.  Lengths come from the dev corpora when
given, else from the training corpora.

Where HF depends on hash order (the ids of ``##x`` / ``x</w>`` variants, a
``limit_alphabet`` tie), tokkit uses the order of ``trainers.bpe``: languages
in order, words sorted by code point.  Without prefix, suffix or tied
alphabet, vocab and merges are HF's.

What this module does not do: word counting, the model, progress display.
"""

from __future__ import annotations

import heapq
import math
import sys
from collections import Counter, deque
from typing import NamedTuple, Optional, Sequence, Union

from ..bpe.words import Vocab, compute_alphabet

__all__ = ["ParityOptions", "ParityResult", "train_parity_bpe", "merge_word"]

Pair = tuple[int, int]
#: A dev word: its ids as a string of ``chr(id)``, or as a tuple when ids may pass ``sys.maxunicode``.
DevKey = Union[str, tuple[int, ...]]


class ParityOptions(NamedTuple):
    """The trainer's settings, as ``train_parity_bpe`` reads them."""

    num_merges: int = 32000
    variant: str = "base"
    min_frequency: int = 0
    ratio: Optional[Sequence[float]] = None
    global_merges: int = 0
    window_size: int = 100
    alpha: float = 2.0
    total_symbols: bool = False
    special_tokens: Sequence[str] = ()
    limit_alphabet: Optional[int] = None
    initial_alphabet: Sequence[str] = ()
    prefix: Optional[str] = None
    suffix: Optional[str] = None
    max_token_length: Optional[int] = None


class ParityResult(NamedTuple):
    """The trained vocab (token -> id) and merges ``(id_a, id_b, new_id)`` by rank."""

    vocab: dict[str, int]
    merges: list[tuple[int, int, int]]


def merge_word(symbols: list[int], lengths: list[int], a: int, b: int, new_id: int,
               max_length: float) -> list[tuple[Pair, int]]:
    """HF's ``Word::merge`` in place: left to right, non-overlapping; returns the pair count changes.

    A new pair is only counted when its two symbols hold fewer than ``max_length`` chars.

    >>> symbols, lengths = [0, 1, 0, 1], [1, 1, 1, 1]
    >>> merge_word(symbols, lengths, 0, 1, 2, math.inf), symbols
    ([((1, 0), -1), ((2, 0), 1), ((2, 0), -1), ((2, 2), 1)], [2, 2])
    """
    changes: list[tuple[Pair, int]] = []
    i = 0
    while i < len(symbols):
        if symbols[i] == a and i + 1 < len(symbols) and symbols[i + 1] == b:
            new_length = lengths[i] + lengths[i + 1]
            if i > 0:
                changes.append(((symbols[i - 1], a), -1))
                if lengths[i - 1] + new_length < max_length:
                    changes.append(((symbols[i - 1], new_id), 1))
            symbols[i:i + 2] = [new_id]
            lengths[i:i + 2] = [new_length]
            if i < len(symbols) - 1:
                changes.append(((b, symbols[i + 1]), -1))
                if lengths[i + 1] + new_length < max_length:
                    changes.append(((new_id, symbols[i + 1]), 1))
        i += 1
    return changes


class _Larger:
    """A heap key ordering ``(str_a, str_b)`` backwards: ``heapq`` is a min-heap, HF's a max-heap."""

    __slots__ = ("key",)

    def __init__(self, key: tuple[str, str]) -> None:
        self.key = key

    def __lt__(self, other: "_Larger") -> bool:
        return self.key > other.key


class _Queue:
    """One language's (or the global) pair counts and lazy max-heap (HF's ``pop_best_pair``)."""

    def __init__(self, counts: dict[Pair, int], vocab: Vocab) -> None:
        self.counts = counts
        self.vocab = vocab
        self.heap = [self._entry(pair, count) for pair, count in counts.items() if count > 0]
        heapq.heapify(self.heap)

    def _entry(self, pair: Pair, count: int) -> tuple[int, _Larger, Pair]:
        names = self.vocab.id2w
        return (-count, _Larger((names[pair[0]], names[pair[1]])), pair)

    def push(self, pair: Pair) -> None:
        count = self.counts.get(pair, 0)
        if count > 0:
            heapq.heappush(self.heap, self._entry(pair, count))

    def pop_best(self) -> Optional[tuple[Pair, int]]:
        while self.heap:
            neg_count, key, pair = heapq.heappop(self.heap)
            current = self.counts.get(pair, 0)
            if current <= 0:
                continue
            if -neg_count != current:
                heapq.heappush(self.heap, (-current, key, pair))
                continue
            return pair, current
        return None


class _Language:
    """One language's training words as symbol lists, their counts, pair counts and positions."""

    def __init__(self, words: list[list[int]], counts: list[int], vocab: Vocab) -> None:
        self.words, self.counts = words, counts
        self.lengths = [[1] * len(word) for word in words]  # HF: every initial symbol has length 1
        pair_counts: dict[Pair, int] = {}
        self.where: dict[Pair, set[int]] = {}
        for index, word in enumerate(words):
            for pair in zip(word, word[1:]):
                pair_counts[pair] = pair_counts.get(pair, 0) + counts[index]
                self.where.setdefault(pair, set()).add(index)
        self.queue = _Queue(pair_counts, vocab)

    def total_length(self) -> int:
        return sum(len(word) * count for word, count in zip(self.words, self.counts))

    def apply(self, pair: Pair, new_id: int, max_length: float) -> tuple[int, list[Pair]]:
        """Merge ``pair`` in every word holding it; returns the length reduction and the changed pairs."""
        positions = self.where.pop(pair, None)
        if positions is None:
            return 0, []
        counts, pair_counts = self.counts, self.queue.counts
        reduction, changed = 0, []
        for index in positions:
            word = self.words[index]
            before = len(word)
            for change_pair, change in merge_word(word, self.lengths[index], pair[0], pair[1], new_id, max_length):
                pair_counts[change_pair] = pair_counts.get(change_pair, 0) + change * counts[index]
                if change > 0:
                    self.where.setdefault(change_pair, set()).add(index)
                changed.append(change_pair)
            reduction += (before - len(word)) * counts[index]
        pair_counts[pair] = 0
        for change_pair in changed:
            self.queue.push(change_pair)
        return reduction, changed


def _tokenize(words: dict[str, int], vocab: Vocab, prefix: Optional[str], suffix: Optional[str]
              ) -> tuple[list[list[int]], list[int]]:
    """HF's ``tokenize_words``: chars outside the alphabet are skipped; affix variants join the vocab."""
    out, counts = [], []
    for word in sorted(words):  # HF: hash order (it only matters for the ids of affix variants)
        symbols = []
        last = len(word) - 1
        for position, char in enumerate(word):
            if char not in vocab.w2id:
                continue
            token = (prefix if position and prefix else "") + char + (suffix if position == last and suffix else "")
            symbols.append(vocab.add(token))
        out.append(symbols)
        counts.append(words[word])
    return out, counts


def _dev_vocab(dev: list[dict[str, int]], vocab: Vocab, prefix: Optional[str], suffix: Optional[str],
               as_text: bool) -> dict[DevKey, list[int]]:
    """HF's dev vocabulary: id sequence -> per-language count; a word with an unknown symbol is left out.

    With ``as_text`` an id sequence is a string of ``chr(id)`` (every id to come fits in a char).
    """
    out: dict[DevKey, list[int]] = {}
    for language, words in enumerate(dev):
        for word in sorted(words):
            ids = []
            last = len(word) - 1
            for position, char in enumerate(word):
                token = (prefix if position and prefix else "") + char + (suffix if position == last and suffix else "")
                token_id = vocab.w2id.get(token) if char in vocab.w2id else None
                if token_id is None:
                    break
                ids.append(token_id)
            else:
                if ids:
                    key: DevKey = "".join(map(chr, ids)) if as_text else tuple(ids)
                    out.setdefault(key, [0] * len(dev))[language] += words[word]
    return out


def _merge_dev(dev_vocab: dict[DevKey, list[int]], pair: Pair, new_id: int, languages: int) -> list[int]:
    """HF's ``replace_pair_dev``: merge in the dev words; returns each language's length reduction.

    A merged word replaces (does not add to) an equal key, as HF's ``insert`` does.  Keys that are
    strings of ``chr(id)`` merge with ``str.replace``: the same leftmost, non-overlapping scan as HF's loop.
    """
    change = [0] * languages
    a, b = pair
    target = replacement = ""
    if dev_vocab and isinstance(next(iter(dev_vocab)), str):
        target, replacement = chr(a) + chr(b), chr(new_id)
        hits: list[DevKey] = [word for word in dev_vocab if target in word]
    else:
        hits = [word for word in dev_vocab if any(x == a and y == b for x, y in zip(word, word[1:]))]
    for old in hits:
        freq = dev_vocab.pop(old)
        new = old.replace(target, replacement) if isinstance(old, str) else _merge_ids(old, a, b, new_id)
        for language in range(languages):
            change[language] += (len(old) - len(new)) * freq[language]
        dev_vocab[new] = freq
    return change


def _merge_ids(old: tuple[int, ...], a: int, b: int, new_id: int) -> tuple[int, ...]:
    new: list[int] = []
    i = 0
    while i < len(old):
        if i + 1 < len(old) and old[i] == a and old[i + 1] == b:
            new.append(new_id)
            i += 2
        else:
            new.append(old[i])
            i += 1
    return tuple(new)


def _window_pick(values: Sequence[float], selected: "deque[int]", window: int, threshold: float) -> Optional[int]:
    """HF's moving window: the best value whose share of the last ``window`` picks is <= threshold.

    None where HF loops forever: every candidate left is -inf or NaN and index 0, its default, is
    already masked out (HF masks it again and again).
    """
    mask = [True] * len(values)
    while True:
        best, best_value = 0, -math.inf
        for index, value in enumerate(values):
            if mask[index] and value > best_value:
                best, best_value = index, value
        if not mask[best]:
            return None
        if selected.count(best) / window <= threshold:
            return best
        mask[best] = False
        if not any(mask):
            return best


def _divide(a: float, b: float) -> float:
    """IEEE division as in Rust: x / 0.0 is inf (or NaN for 0 / 0) instead of an error."""
    if b == 0:
        return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a)
    return a / b


class _Lengths:
    """What drives the choice of language: token lengths (dev or training), or ratio-adjusted rates."""

    def __init__(self, options: ParityOptions, languages: list[_Language], dev_vocab: dict[DevKey, list[int]],
                 has_dev: bool) -> None:
        self.ratio = list(options.ratio) if options.ratio is not None else None
        self.dev = has_dev and self.ratio is None
        if self.dev:
            self.lengths = [0] * len(languages)
            for word, freqs in dev_vocab.items():
                for language, freq in enumerate(freqs):
                    self.lengths[language] += len(word) * freq
        else:
            self.lengths = [language.total_length() for language in languages]
        self.initial = list(self.lengths)

    def scores(self, exhausted: set[int]) -> list[float]:
        """Per-language scores to maximize (ratio mode: minus the adjusted rate), exhausted ones at -inf."""
        if self.ratio is not None:
            values = [-_divide(_divide(float(i), float(c)), r) for i, c, r in zip(self.initial, self.lengths, self.ratio)]
        else:
            values = [float(length) for length in self.lengths]
        return [-math.inf if index in exhausted else value for index, value in enumerate(values)]

    def reduce(self, language: int, by: int) -> None:
        self.lengths[language] -= by


def _pick(options: ParityOptions, lengths: _Lengths, exhausted: set[int], selected: "deque[int]",
          threshold: float) -> Optional[int]:
    """HF's ``select_next_language`` after the global phase; None where HF never returns.

    With ``ratio``, a language with no text has the rate 0 / 0 (NaN), which never wins: once only
    such languages are left, HF picks an exhausted one again and again and never finishes.
    """
    scores = lengths.scores(exhausted)
    if all(math.isnan(scores[index]) for index in range(len(scores)) if index not in exhausted):
        return None
    if options.variant == "base":
        best, best_value = 0, -math.inf
        for index, value in enumerate(scores):
            # HF: the strict comparison keeps the first of equal scores; NaN never wins.
            if index not in exhausted and value > best_value:
                best, best_value = index, value
        return best
    picked = _window_pick(scores, selected, options.window_size, threshold)
    if picked is not None:
        selected.append(picked)
        if len(selected) > options.window_size:
            selected.popleft()
    return picked


def train_parity_bpe(train: list[dict[str, int]], dev: list[dict[str, int]], options: ParityOptions) -> ParityResult:
    """The whole algorithm on per-language word counts (``dev`` may be empty).

    >>> result = train_parity_bpe([{"ab": 3}, {"cd": 1}], [], ParityOptions(num_merges=2))
    >>> result.vocab, result.merges
    ({'a': 0, 'b': 1, 'c': 2, 'd': 3, 'ab': 4, 'cd': 5}, [(0, 1, 4), (2, 3, 5)])
    """
    vocab = Vocab()
    for token in options.special_tokens:
        vocab.add(token)
    everything: Counter[str] = Counter()
    for words in [*train, *dev]:
        everything.update(words)
    for char in compute_alphabet(everything, options.initial_alphabet, options.limit_alphabet):
        vocab.add(char)
    languages = []
    for words in train:
        symbols, counts = _tokenize(words, vocab, options.prefix, options.suffix)
        languages.append(_Language(symbols, counts, vocab))
    glob: Optional[_Queue] = None
    if options.global_merges > 0:
        summed: dict[Pair, int] = {}
        for language in languages:
            for pair, count in language.queue.counts.items():
                if count > 0:
                    summed[pair] = summed.get(pair, 0) + count
        glob = _Queue(summed, vocab)
    as_text = len(vocab.id2w) + options.num_merges <= sys.maxunicode + 1
    dev_vocab = _dev_vocab(dev, vocab, options.prefix, options.suffix, as_text) if dev else {}
    lengths = _Lengths(options, languages, dev_vocab, bool(dev))
    num_merges = max(0, options.num_merges - len(vocab.id2w)) if options.total_symbols else options.num_merges
    max_length = math.inf if options.max_token_length is None else options.max_token_length
    threshold = options.alpha / len(train)
    merges: list[tuple[int, int, int]] = []
    exhausted: set[int] = set()
    selected: deque[int] = deque()
    while len(merges) < num_merges and len(exhausted) < len(languages):
        chosen = -1 if glob is not None and len(merges) < options.global_merges else _pick(
            options, lengths, exhausted, selected, threshold)
        if chosen is None:
            break  # HF never returns here (see _pick); tokkit stops with the merges made
        best = (glob if chosen < 0 else languages[chosen].queue).pop_best()  # type: ignore[union-attr]
        if best is None or best[1] < options.min_frequency:
            if chosen < 0:
                break  # HF: the global phase found no pair at all
            exhausted.add(chosen)
            continue
        (a, b), _ = best
        part_b = vocab.id2w[b]
        if options.prefix and part_b.startswith(options.prefix):
            part_b = part_b[len(options.prefix):]
        new_id = vocab.add(vocab.id2w[a] + part_b)
        merges.append((a, b, new_id))
        changed: set[Pair] = {(a, b)}
        for index, language in enumerate(languages):
            reduction, pairs = language.apply((a, b), new_id, max_length)
            changed.update(pairs)
            if not lengths.dev:
                lengths.reduce(index, reduction)
        if glob is not None:
            for pair in changed:
                glob.counts[pair] = max(0, sum(language.queue.counts.get(pair, 0) for language in languages))
                glob.push(pair)
        if lengths.dev:
            for index, reduction in enumerate(_merge_dev(dev_vocab, (a, b), new_id, len(languages))):
                lengths.reduce(index, reduction)
    return ParityResult(dict(vocab.w2id), merges)
