"""Prepend: put a string in front of non-empty text (HF ``normalizers/prepend.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._validation import check_type, json_field, json_str
from ..capabilities import NormalizerFastPath, OneToOne
from ..normalized import NormalizedString
from .base import Normalizer, register

__all__ = ["Prepend"]


@register("Prepend")
class Prepend(Normalizer):
    """Put ``prepend`` in front of non-empty text; it takes the first char's span.

    >>> Prepend().normalize_str("hi"), Prepend().normalize_str("")
    ('▁hi', '')
    """

    _fields = ("prepend",)

    def __init__(self, prepend: str = "▁") -> None:
        self.prepend = check_type(prepend, str, "prepend")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Prepend":
        return cls(json_field(data, "prepend", json_str))

    def normalize(self, normalized: NormalizedString) -> None:
        """Put the prefix before a non-empty text, in place; it takes the span of the first char.

        >>> from tokkit import NormalizedString
        >>> ns = NormalizedString("hi")
        >>> Prepend("_").normalize(ns); ns.normalized
        '_hi'
        """
        normalized.prepend(self.prepend)

    def normalize_str(self, sequence: str) -> str:
        """The text with the prefix before it (an empty text stays empty).

        >>> Prepend("_").normalize_str("hi"), Prepend("_").normalize_str("")
        ('_hi', '')
        """
        return self.prepend + sequence if check_type(sequence, str, "sequence") else sequence

    def fast_path(self) -> NormalizerFastPath:
        """What the encode fast path may assume: the text after the prefix is unchanged.

        >>> Prepend("▁").fast_path().prefix
        '▁'
        """
        # The prefix chars take the first char's span (HF: normalizers/prepend.rs, NormalizedString::prepend).
        return NormalizerFastPath(OneToOne.ANY_TEXT, prefix=self.prepend, new_chars=self.prepend)
