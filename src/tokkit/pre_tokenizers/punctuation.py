"""Punctuation: split on each punctuation char with a behavior (HF ``pre_tokenizers/punctuation.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._unicode.char_classes import PUNCTUATION, CharTable
from ..capabilities import CutsText
from ..normalized import PreTokenizedString, SplitDelimiterBehavior
from ._class_split import B, _ClassSplitter, _split_on_class
from .base import (
    behavior_getter,
    json_behavior,
    parse_behavior,
    register,
)

__all__ = ["Punctuation"]


@register("Punctuation")
class Punctuation(_ClassSplitter):
    """Split on each punctuation char (ASCII punctuation or Unicode P*), with a behavior.

    Args:
        behavior: ``"removed"``, ``"isolated"`` (default), ``"merged_with_previous"``,
            ``"merged_with_next"`` or ``"contiguous"``.

    >>> Punctuation("contiguous").pre_tokenize_str("Hi!! you")
    [('Hi', (0, 2)), ('!!', (2, 4)), (' you', (4, 8))]
    """

    _fields = ("behavior",)

    def __init__(self, behavior: "str | SplitDelimiterBehavior" = "isolated") -> None:
        self._behavior = parse_behavior(behavior)

    @property
    def behavior(self) -> str:
        """How punctuation chars are kept: ``"isolated"`` (default), ``"removed"``, ``"merged_with_previous"``, ...

        >>> Punctuation().behavior
        'isolated'
        """
        return behavior_getter(self._behavior)

    @behavior.setter
    def behavior(self, value: "str | SplitDelimiterBehavior") -> None:
        self._behavior = parse_behavior(value)

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Split around each punctuation char, kept as ``behavior`` says, in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('Hi, you!')
        >>> Punctuation().pre_tokenize(pts); pts.get_splits()
        [('Hi', (0, 2), None), (',', (2, 3), None), (' you', (3, 7), None), ('!', (7, 8), None)]
        """
        _split_on_class(pretok, PUNCTUATION, self._behavior)

    def _class_spec(self) -> tuple[CharTable, B]:
        return PUNCTUATION, self._behavior

    def _json_fields(self) -> dict[str, Any]:
        return {"behavior": self._behavior.value}

    def _repr_fields(self) -> list[tuple[str, Any]]:
        return [("behavior", self._behavior)]

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Punctuation":
        return cls(json_behavior(data, "behavior", B.ISOLATED))

    def fast_path(self) -> CutsText:
        """What the encode fast path may assume: its words are substrings.

        >>> Punctuation().fast_path().pieces("hi!")
        [('hi', (0, 2)), ('!', (2, 3))]
        """
        return CutsText(self._pieces)
