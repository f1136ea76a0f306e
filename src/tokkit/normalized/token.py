"""The ``Token`` a model produces, and the offsets type shared by the whole pipeline.

>>> Token(3, "ab", (0, 2)).value
'ab'
"""

from __future__ import annotations

from itertools import compress, count, repeat
from operator import gt, itemgetter, sub
from typing import Iterable, NamedTuple

__all__ = ["Offsets", "Token", "TokenColumns", "unzip_tokens", "past_prefix"]

_START, _END = itemgetter(0), itemgetter(1)


Offsets = tuple[int, int]


class Token(NamedTuple):
    """One token produced by a model: id, string, offsets in its split (chars).

    >>> Token(3, "ab", (0, 2)).value
    'ab'
    """

    id: int
    value: str
    offsets: Offsets

    def as_tuple(self) -> tuple[int, str, Offsets]:
        """``(id, value, offsets)``, as HF's ``Token.as_tuple()``.

        >>> Token(3, "ab", (0, 2)).as_tuple()
        (3, 'ab', (0, 2))
        """
        return (self.id, self.value, self.offsets)


#: A word's tokens as three parallel lists: ids, token strings, offsets.
TokenColumns = tuple[list[int], list[str], list[Offsets]]


def unzip_tokens(tokens: list[Token]) -> TokenColumns:
    """Tokens as three parallel lists.

    >>> unzip_tokens([Token(1, "a", (0, 1)), Token(2, "b", (1, 2))])
    ([1, 2], ['a', 'b'], [(0, 1), (1, 2)])
    """
    if not tokens:
        return [], [], []
    ids, values, offsets = zip(*tokens)
    return list(ids), list(values), list(offsets)


def past_prefix(offsets: Iterable[Offsets], k: int) -> list[Offsets]:
    """Offsets in a text that starts with ``k`` prefix chars -> offsets in the text after them.

    The prefix chars take the span of the first real char (HF ``prepend``), so
    a token inside the prefix maps to ``(0, 1)``: ``(a, b)`` becomes
    ``(max(a - k, 0), max(b - k, 1))``.

    >>> past_prefix([(0, 1), (0, 3), (3, 5)], 1)
    [(0, 1), (0, 2), (2, 4)]
    """
    offsets = list(offsets)
    if len(offsets) < 32:  # a plain loop is faster on a few tokens
        return [(a - k if a > k else 0, b - k if b > k else 1) for a, b in offsets]
    starts = list(map(sub, map(_START, offsets), repeat(k)))
    ends = list(map(sub, map(_END, offsets), repeat(k)))
    # Whole-list steps (a text may have millions of tokens); only the few tokens that touch
    # the prefix are clamped one by one.
    if starts and min(starts) < 0:
        for i in compress(count(), map(gt, repeat(0), starts)):
            starts[i] = 0
    if ends and min(ends) < 1:
        for i in compress(count(), map(gt, repeat(1), ends)):
            ends[i] = 1
    return list(zip(starts, ends))
