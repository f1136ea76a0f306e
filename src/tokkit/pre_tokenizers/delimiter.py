"""CharDelimiterSplit: split on one char and remove it (HF ``pre_tokenizers/delimiter.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._validation import check_char, json_char, json_field
from ..capabilities import CutsText
from ..normalized import PreTokenizedString
from ._class_split import REMOVED, B, _ClassSplitter
from .base import register, split_with

__all__ = ["CharDelimiterSplit"]


@register("CharDelimiterSplit")
class CharDelimiterSplit(_ClassSplitter):
    """Split on one delimiter char and remove it (like ``str.split(delimiter)``, empty pieces dropped).

    >>> CharDelimiterSplit("x").pre_tokenize_str("helloxxthere")
    [('hello', (0, 5)), ('there', (7, 12))]
    """

    _fields = ("delimiter",)

    def __init__(self, delimiter: str) -> None:
        self.delimiter = delimiter

    @property
    def delimiter(self) -> str:
        """The char to split on (removed from the words).

        >>> CharDelimiterSplit("-").delimiter
        '-'
        """
        return self._delimiter

    @delimiter.setter
    def delimiter(self, value: str) -> None:
        self._delimiter = check_char(value, "CharDelimiterSplit delimiter")

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Split on the delimiter, which is removed, in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('a-b-c')
        >>> CharDelimiterSplit("-").pre_tokenize(pts); pts.get_splits()
        [('a', (0, 1), None), ('b', (2, 3), None), ('c', (4, 5), None)]
        """
        split_with(pretok, lambda ns: ns.split(self._delimiter, REMOVED))

    def _class_spec(self) -> tuple[str, B]:
        return self._delimiter, REMOVED

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "CharDelimiterSplit":
        return cls(json_field(data, "delimiter", json_char))

    def fast_path(self) -> CutsText:
        """What the encode fast path may assume: its words are substrings.

        >>> CharDelimiterSplit("-").fast_path().pieces("a-b")
        [('a', (0, 1)), ('b', (2, 3))]
        """
        return CutsText(self._pieces)
