"""The training words as Unigram needs them: non-empty, sorted by code point, with counts, no list of them.

A list of ``(word, count)`` tuples costs ~120 bytes a word in the trainer (28 MB for
english-nltk's 232,000 words) and is sent whole to other processes; ``SortedWords``
reads the words from a ``CompactWords`` (the counting's own result, or one made from
a dict) whenever they are walked, and pickles as its buffer and two arrays.
"""

from __future__ import annotations

import pickle
from typing import Iterator, Mapping, Optional

from ..._support.word_counts import CompactWords

__all__ = ["SortedWords", "PackedPieces"]


class SortedWords:
    """The non-empty words of ``counts`` in code-point order (HF: hash order; no result depends on it).

    >>> words = SortedWords({"b": 2, "": 5, "a": 1})
    >>> len(words), list(words.items()), list(words.items(1, 2)), words.n_chars()
    (2, [('a', 1), ('b', 2)], [('b', 2)], 2)
    """

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.compact = CompactWords.from_counts(counts)
        self.skip = 1 if len(self.compact) and not self.compact.encoded(0) else 0  # "" sorts first

    def __len__(self) -> int:
        return len(self.compact) - self.skip

    def items(self, lo: int = 0, hi: Optional[int] = None) -> Iterator[tuple[str, int]]:
        """``(word, count)`` for words ``lo`` to ``hi - 1``."""
        hi = len(self) if hi is None else hi
        skip, compact = self.skip, self.compact
        return zip(compact.between(lo + skip, hi + skip), compact.counts[lo + skip:hi + skip])

    def n_chars(self) -> int:
        """The chars of all words."""
        return sum(map(len, self.compact))


class PackedPieces:
    """The seed pieces (``"<UNK>"`` first) as one pickled bytes object, unpacked only where the strings are used.

    english-nltk's 400,000 seeds take ~6 MB so, instead of ~37 MB as str objects: the trainer
    needs their strings only at the end (each worker builds its own prefix table from them).

    >>> packed = PackedPieces.pack(["<UNK>", "ab", "b"]); len(packed), packed.unpack()
    (3, ['<UNK>', 'ab', 'b'])
    """

    def __init__(self, data: bytes, size: int) -> None:
        self.data = data
        self._size = size

    @classmethod
    def pack(cls, pieces: list[str]) -> "PackedPieces":
        """Pickle ``pieces``."""
        return cls(pickle.dumps(pieces, protocol=pickle.HIGHEST_PROTOCOL), len(pieces))

    def __len__(self) -> int:
        return self._size

    def unpack(self) -> list[str]:
        """The pieces as a list of str."""
        pieces: list[str] = pickle.loads(self.data)
        return pieces
