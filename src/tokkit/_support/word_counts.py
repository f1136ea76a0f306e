"""Word counts stored compactly: one UTF-8 buffer, flat arrays of ends and counts.

Training on text whose distinct words grow with its size (ids, hashes, code)
holds millions of words.  A ``dict`` spends a hash slot, a ``str`` object and
an ``int`` per word (about 150 bytes for a 20-char word); ``CompactWords``
spends the word's UTF-8 bytes plus 16 bytes.  It is a read-only
``Mapping[str, int]`` whose keys are sorted by code point (UTF-8 byte order
is code point order), so lookups are binary searches and the trainers, which
iterate the words sorted anyway, need no ``sorted()`` copy.

Counts live in an ``array('Q')``; a count that does not fit (``>= 2**64``)
or a negative one makes the counts a plain list of Python ints instead, so a
count never overflows or wraps.

>>> words = CompactWords.from_counts({"b": 2, "a": 1, "ab": 2**70})
>>> list(words.items())
[('a', 1), ('ab', 1180591620717411303424), ('b', 2)]
>>> words["b"], "c" in words, len(words)
(2, False, 3)
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import accumulate
from typing import Any, Iterable, Iterator, Mapping, Sequence, Union, overload

__all__ = ["CompactWords", "Counts", "count_array"]

#: How str words become bytes: surrogates (possible in train_from_iterator's str) keep their code point order.
_ENCODING, _ERRORS = "utf-8", "surrogatepass"

Counts = Union["array[int]", list[int]]


def count_array(counts: Iterable[int]) -> Counts:
    """Counts as an ``array('Q')``, or a list of Python ints when one does not fit (never wraps).

    >>> count_array([1, 2]), count_array([1, 2**64])
    (array('Q', [1, 2]), [1, 18446744073709551616])
    """
    values = counts if isinstance(counts, list) else list(counts)
    try:
        return array("Q", values)
    except OverflowError:  # >= 2**64 or negative: keep the exact ints
        return values


class _Keys(Sequence[bytes]):
    """The encoded words as a sequence, for ``bisect``."""

    def __init__(self, words: "CompactWords") -> None:
        self._words = words

    def __len__(self) -> int:
        return len(self._words)

    @overload
    def __getitem__(self, index: int) -> bytes: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[bytes]: ...

    def __getitem__(self, index: "int | slice") -> "bytes | Sequence[bytes]":
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._words.encoded(index)


class CompactWords(Mapping[str, int]):
    """A read-only word -> count mapping, keys sorted by code point, in one buffer and two arrays."""

    __slots__ = ("_buffer", "_ends", "_counts")

    def __init__(self, buffer: bytes, ends: "array[int]", counts: Counts) -> None:
        """``buffer``: the sorted, distinct words' UTF-8 joined; ``ends[i]``: where word ``i`` ends."""
        self._buffer, self._ends, self._counts = buffer, ends, counts

    @classmethod
    def from_sorted(cls, words: Sequence[str], counts: Iterable[int]) -> "CompactWords":
        """From distinct words already sorted by code point, and their counts in the same order."""
        text = "".join(words)
        if text.isascii():  # one byte per char: no per-word encoding
            return cls(text.encode("ascii"), array("Q", accumulate(map(len, words))), count_array(counts))
        del text
        encoded = [word.encode(_ENCODING, _ERRORS) for word in words]
        ends = array("Q", accumulate(map(len, encoded)))
        return cls(b"".join(encoded), ends, count_array(counts))

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> "CompactWords":
        """From any word -> count mapping."""
        if isinstance(counts, CompactWords):
            return counts
        ordered = sorted(counts)
        return cls.from_sorted(ordered, map(counts.__getitem__, ordered))

    # -- the Mapping ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._ends)

    def encoded(self, index: int) -> bytes:
        """Word ``index`` (in sorted order) as UTF-8."""
        ends = self._ends
        return self._buffer[ends[index - 1] if index else 0:ends[index]]

    def _find(self, word: object) -> int:
        if not isinstance(word, str):
            return -1
        key = word.encode(_ENCODING, _ERRORS)
        index = bisect_left(_Keys(self), key)
        return index if index < len(self) and self.encoded(index) == key else -1

    def __getitem__(self, word: str) -> int:
        index = self._find(word)
        if index < 0:
            raise KeyError(word)
        return self._counts[index]

    def __contains__(self, word: object) -> bool:
        return self._find(word) >= 0

    def __iter__(self) -> Iterator[str]:
        return self.between(0, len(self))

    def between(self, start: int, stop: int) -> Iterator[str]:
        """The words ``start`` to ``stop - 1``, in sorted order.

        >>> list(CompactWords.from_counts({"c": 1, "a": 1, "b": 1}).between(1, 3))
        ['b', 'c']
        """
        buffer, ends = self._buffer, self._ends
        begin = ends[start - 1] if start else 0
        for end in ends[start:stop]:
            yield buffer[begin:end].decode(_ENCODING, _ERRORS)
            begin = end

    def slice_parts(self, start: int, stop: int) -> tuple[memoryview, "array[int]", Counts]:
        """Words ``start`` to ``stop - 1`` as ``CompactWords`` arguments: their buffer (not copied), ends, counts.

        >>> words = CompactWords.from_counts({"a": 1, "bc": 2, "d": 3})
        >>> buffer, ends, counts = words.slice_parts(1, 3)
        >>> dict(CompactWords(bytes(buffer), ends, counts))
        {'bc': 2, 'd': 3}
        """
        ends = self._ends
        begin = ends[start - 1] if start else 0
        end = ends[stop - 1] if stop > start else begin
        shifted = array("Q", map((-begin).__add__, ends[start:stop])) if begin else ends[start:stop]
        return memoryview(self._buffer)[begin:end], shifted, self._counts[start:stop]

    def items(self) -> "Any":
        """``(word, count)`` pairs in sorted word order."""
        return zip(self, self._counts)

    def values(self) -> "Any":
        """The counts in sorted word order."""
        return iter(self._counts)

    @property
    def counts(self) -> Counts:
        """The counts, in sorted word order (an ``array('Q')`` or, for huge counts, a list)."""
        return self._counts

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CompactWords):
            return (self._buffer, self._ends, list(self._counts)) == (other._buffer, other._ends, list(other._counts))
        if isinstance(other, Mapping):
            return len(self) == len(other) and dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-like, as dict

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (CompactWords, (self._buffer, self._ends, self._counts))
