"""The ``Token`` a model produces, and the offsets type shared by the whole pipeline.

>>> Token(3, "ab", (0, 2)).value
'ab'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Offsets", "Token", "TokenColumns", "unzip_tokens"]


Offsets = tuple[int, int]


class Token(NamedTuple):
    """One token produced by a model: id, string, offsets in its split (chars).

    >>> Token(3, "ab", (0, 2)).value
    'ab'
    """

    id: int
    value: str
    offsets: Offsets


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
