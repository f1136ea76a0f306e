"""What ``lookups`` and ``ops`` need of an Encoding: its parallel lists, and copying them.

A structural type (``typing.Protocol``), so those plain functions do not
import the class they serve; ``Encoding`` has all of it.

>>> from tokkit.encoding import Encoding
>>> isinstance(Encoding(ids=[1]), Columns)
True
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Protocol, Self, TypeVar, runtime_checkable

from .._errors import ConfigurationError

from ..normalized import Offsets

__all__ = ["Columns", "Offsets", "RowSource", "filled"]


C = TypeVar("C", bound="Columns")
T = TypeVar("T")


@runtime_checkable
class Columns(Protocol):
    """The parallel lists of an Encoding, its overflowing encodings and its sequence ranges."""

    _ids: list[int]
    _type_ids: list[int]
    _tokens: list[str]
    _words: list[Optional[int]]
    _offsets: list[Offsets]
    _special_tokens_mask: list[int]
    _attention_mask: list[int]
    _overflowing: list[Self]
    _sequence_ranges: dict[int, tuple[int, int]]

    def _copy(self: C) -> C: ...

    def _slice(self: C, start: int, stop: int) -> C: ...

    def _assign(self: C, other: C) -> None: ...


class RowSource(Protocol):
    """Where the rows of a batch keep their fields until read (``BatchColumns``, ``LayoutColumns``, ``LayoutRows``)."""

    def __len__(self) -> int: ...

    def field(self, name: str, row: int) -> Any: ...


def filled(values: Iterable[T], n: int, default: T, name: str) -> list[T]:
    """``values`` as a list of length ``n``; empty means ``n`` defaults."""
    items = list(values)
    if not items and n:
        return [default] * n
    if len(items) != n:
        raise ConfigurationError(f"Encoding: {name} has {len(items)} items but ids has {n}; give one per id")
    return items

