"""The ``Token`` a model produces, and the offsets type shared by the whole pipeline.

>>> Token(3, "ab", (0, 2)).value
'ab'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Offsets", "Token"]


Offsets = tuple[int, int]


class Token(NamedTuple):
    """One token produced by a model: id, string, offsets in its split (chars).

    >>> Token(3, "ab", (0, 2)).value
    'ab'
    """

    id: int
    value: str
    offsets: Offsets
