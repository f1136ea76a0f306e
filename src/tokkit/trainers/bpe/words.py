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
from typing import Iterable, Mapping, Optional

__all__ = ["Vocab", "compute_alphabet", "word_ids", "word_strings"]


def compute_alphabet(words: Mapping[str, int], initial_alphabet: Iterable[str], limit: Optional[int]) -> list[str]:
    """The kept alphabet, sorted by code point.

    >>> compute_alphabet({"ab": 2, "ac": 1}, [], 2)
    ['a', 'b']
    """
    counts: defaultdict[str, float] = defaultdict(int)  # int counts, plus inf for the initial alphabet
    by_count: dict[int, list[str]] = defaultdict(list)
    for word, count in words.items():
        by_count[count].append(word)
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


def word_strings(words: list[str], vocab: Vocab) -> list[str]:
    """Each word as a string of ``chr(id)`` (no prefix or suffix); chars outside the vocab are skipped."""
    table = _Deleting((ord(c), chr(i)) for c, i in vocab.w2id.items() if len(c) == 1)
    return [word.translate(table) for word in words]


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
