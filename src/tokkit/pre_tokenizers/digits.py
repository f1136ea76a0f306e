"""Digits: split numeric chars from the rest (HF ``pre_tokenizers/digits.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._unicode.char_classes import NUMERIC, CharTable
from .._validation import check_bool, json_bool, json_field
from ..capabilities import CutsText
from ..normalized import PreTokenizedString
from ._class_split import B, _ClassSplitter, _split_on_class
from .base import register

__all__ = ["Digits"]


@register("Digits")
class Digits(_ClassSplitter):
    """Split numeric chars (Rust ``char::is_numeric``: ``²`` and ``½`` are, ``五`` is not) from the rest.

    Args:
        individual_digits: one piece per numeric char instead of one per run.

    >>> Digits().pre_tokenize_str("a123b"), Digits(True).pre_tokenize_str("12")
    ([('a', (0, 1)), ('123', (1, 4)), ('b', (4, 5))], [('1', (0, 1)), ('2', (1, 2))])
    """

    _fields = ("individual_digits",)

    def __init__(self, individual_digits: bool = False) -> None:
        self.individual_digits = check_bool(individual_digits, "individual_digits")

    def _behavior(self) -> B:
        return B.ISOLATED if self.individual_digits else B.CONTIGUOUS

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Split digits from the rest (each digit alone with ``individual_digits``), in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('ab123c')
        >>> Digits().pre_tokenize(pts); pts.get_splits()
        [('ab', (0, 2), None), ('123', (2, 5), None), ('c', (5, 6), None)]
        """
        _split_on_class(pretok, NUMERIC, self._behavior())

    def _class_spec(self) -> tuple[CharTable, B]:
        return NUMERIC, self._behavior()

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Digits":
        return cls(json_field(data, "individual_digits", json_bool))

    def fast_path(self) -> CutsText:
        """What the encode fast path may assume: its words are substrings.

        >>> Digits().fast_path().pieces("ab12c")
        [('ab', (0, 2)), ('12', (2, 4)), ('c', (4, 5))]
        """
        return CutsText(self._pieces)
