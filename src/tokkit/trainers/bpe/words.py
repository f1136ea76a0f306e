"""The BPE trainer's starting point: the alphabet, the vocab, and each word as initial symbols.

Steps 2 and 3 of HF's ``BpeTrainer::do_train`` (see ``core``): the kept
alphabet (``compute_alphabet``), then every word as symbol ids (``word_ids``,
with the ``##x`` / ``x</w>`` variants created in first-met order) or, without
prefix and suffix, as a string of ``chr(id)`` (``word_strings``).

>>> vocab = Vocab()
>>> for char in compute_alphabet({"ab": 2, "b": 1}, [], None):
...     _ = vocab.add(char)
>>> word_ids(["ab", "b"], vocab, "##", None), vocab.id2w
([[0, 2], [1]], ['a', 'b', '##b'])
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Collection, Iterable, Iterator, Mapping, Optional

__all__ = ["Vocab", "compute_alphabet", "word_ids", "word_strings", "symbol_tables", "translate_words", "SymbolTables"]


def compute_alphabet(words: Mapping[str, int], initial_alphabet: Iterable[str], limit: Optional[int]) -> list[str]:
    """The kept alphabet, sorted by code point.

    >>> compute_alphabet({"ab": 2, "ac": 1}, [], 2)
    ['a', 'b']
    """
    counts: defaultdict[str, float] = defaultdict(int)  # int counts, plus inf for the initial alphabet
    for by_count in _count_groups(words.items()):
        for count, group in by_count.items():  # one C-level Counter per distinct count
            for char, occurrences in Counter("".join(group)).items():
                counts[char] += occurrences * count
    for char in initial_alphabet:
        counts[char] = math.inf
    kept = list(counts)
    to_remove = max(0, len(counts) - limit) if limit is not None else 0
    if to_remove:
        order = sorted(counts, key=lambda c: (counts[c], -ord(c)))
        removed = set(order[:to_remove])
        kept = [c for c in kept if c not in removed]
    return sorted(kept)


def _count_groups(items: Iterable[tuple[str, int]], size: int = 1 << 16) -> Iterator[dict[int, list[str]]]:
    """The words grouped by count, ``size`` words at a time (sums do not depend on the grouping)."""
    by_count: defaultdict[int, list[str]] = defaultdict(list)
    taken = 0
    for word, count in items:
        by_count[count].append(word)
        taken += 1
        if taken == size:
            yield by_count
            by_count, taken = defaultdict(list), 0
    yield by_count


class Vocab:
    """token <-> id, growing by appending, with each token's length in chars."""

    def __init__(self) -> None:
        self.w2id: dict[str, int] = {}
        self.id2w: list[str] = []
        self.length: list[int] = []

    def add(self, token: str, length: int = 1) -> int:
        token_id = self.w2id.get(token)
        if token_id is None:
            token_id = len(self.id2w)
            self.w2id[token] = token_id
            self.id2w.append(token)
            self.length.append(length)
        return token_id


class _Variants(dict[str, int]):
    """char -> id of one symbol role (first/middle/last/whole), created on first use."""

    def __init__(self, vocab: "Vocab", chars: dict[str, int], before: str, after: str) -> None:
        super().__init__()
        self.vocab, self.chars, self.before, self.after = vocab, chars, before, after

    def __missing__(self, char: str) -> int:
        if char not in self.chars:
            raise KeyError(char)  # outside the alphabet: the caller skips it
        token_id = self[char] = self.vocab.add(self.before + char + self.after)
        return token_id


def word_ids(words: list[str], vocab: Vocab, prefix: Optional[str], suffix: Optional[str]) -> list[list[int]]:
    """Each word as symbol ids (HF ``tokenize_words``), in the given word order.

    New ``##x``/``x</w>`` variants get ids as they are first met: words in
    the given order, chars left to right.
    """
    chars = {c: i for c, i in vocab.w2id.items() if len(c) == 1}
    if prefix is None and suffix is None:
        out = []
        for word in words:
            try:
                out.append([chars[c] for c in word])
            except KeyError:  # a char outside the alphabet: skip it
                out.append([chars[c] for c in word if c in chars])
        return out
    pre, suf = prefix or "", suffix or ""
    roles = (_Variants(vocab, chars, "", ""), _Variants(vocab, chars, pre, ""),
             _Variants(vocab, chars, pre, suf), _Variants(vocab, chars, "", suf))
    first, middle, last, whole = roles
    out = []
    for word in words:
        try:
            if len(word) == 1:
                out.append([whole[word]])
            else:
                ids = [first[word[0]]]
                ids.extend([middle[c] for c in word[1:-1]])
                ids.append(last[word[-1]])
                out.append(ids)
        except KeyError:
            out.append(_skipping_ids(word, chars, roles))
    return out


class _Deleting(dict[int, Optional[str]]):
    """A ``str.translate`` table that deletes the chars it does not hold."""

    def __missing__(self, code: int) -> None:
        return None


def word_strings(words: Iterable[str], vocab: Vocab, prefix: Optional[str] = None) -> list[str]:
    """Each word as a string of ``chr(id)``; chars outside the vocab are skipped.

    With a ``prefix`` (and no suffix), a word's chars after the first are ``prefix + char``
    symbols, whose ids are created in the order ``word_ids`` creates them: first met in the
    words' tails (all but the first char), word after word.

    >>> vocab = Vocab()
    >>> for char in "abc":
    ...     _ = vocab.add(char)
    >>> [list(map(ord, s)) for s in word_strings(["cb", "ab", "ba"], vocab, "##")], vocab.id2w[3:]
    ([[2, 3], [0, 3], [1, 4]], ['##b', '##a'])
    """
    words = words if isinstance(words, Collection) else list(words)
    return translate_words(words, symbol_tables(words, vocab, prefix))


#: ``str.translate`` tables for a word's first char and for the others (the same table without a prefix).
SymbolTables = tuple[dict[int, Optional[str]], dict[int, Optional[str]]]


def symbol_tables(words: Iterable[str], vocab: Vocab, prefix: Optional[str]) -> SymbolTables:
    """The tables of ``word_strings``; with a prefix, adds the ``prefix + char`` tokens to the vocab."""
    chars = {c: i for c, i in vocab.w2id.items() if len(c) == 1}
    first = _Deleting((ord(c), chr(i)) for c, i in chars.items())
    if prefix is None:
        return first, first
    return first, _Deleting((ord(c), chr(i)) for c, i in _tail_ids(words, vocab, chars, prefix).items())


def translate_words(words: Iterable[str], tables: SymbolTables) -> list[str]:
    """The words as symbol strings (``symbol_tables``' tables)."""
    first, rest = tables
    if first is rest:
        return [word.translate(first) for word in words]
    return [word[:1].translate(first) + word[1:].translate(rest) for word in words]


def _tail_ids(words: Iterable[str], vocab: Vocab, chars: dict[str, int], prefix: str) -> dict[str, int]:
    """char -> id of ``prefix + char``, added to the vocab in first-met order over the words' tails."""
    ids: dict[str, int] = {}
    chunk: list[str] = []
    for word in words:
        chunk.append(word[1:])
        if len(chunk) == 1 << 14:
            _add_tails(chunk, vocab, chars, prefix, ids)
            if len(ids) == len(chars):  # every char has its id: the rest adds nothing
                return ids
            chunk = []
    _add_tails(chunk, vocab, chars, prefix, ids)
    return ids


def _add_tails(tails: list[str], vocab: Vocab, chars: dict[str, int], prefix: str, ids: dict[str, int]) -> None:
    for char in dict.fromkeys("".join(tails)):  # first occurrences, in order, at C speed
        if char in chars and char not in ids:
            ids[char] = vocab.add(prefix + char)


def _skipping_ids(word: str, chars: dict[str, int], roles: tuple[_Variants, ...]) -> list[int]:
    """Slow path for words with chars outside the alphabet (HF skips them)."""
    first, middle, last, whole = roles
    end = len(word) - 1
    ids = []
    for i, char in enumerate(word):
        if char in chars:
            role = (whole if i == end else first) if i == 0 else (last if i == end else middle)
            ids.append(role[char])
    return ids
