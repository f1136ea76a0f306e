"""FixedLength: cut the text into chunks of a fixed number of chars (HF ``pre_tokenizers/fixed_length.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import ArgumentTypeError, ConfigurationError
from .._validation import json_field, json_usize
from ..capabilities import CutsText, Pieces
from ..normalized import PreTokenizedString
from .base import PreTokenizer, register, split_with

__all__ = ["FixedLength"]


@register("FixedLength")
class FixedLength(PreTokenizer):
    """Cut the text into chunks of ``length`` chars (the last one may be shorter).

    >>> FixedLength(length=3).pre_tokenize_str("Hello")
    [('Hel', (0, 3)), ('lo', (3, 5))]
    """

    _fields = ("length",)

    def __init__(self, length: int = 5) -> None:
        self.length = length

    @property
    def length(self) -> int:
        """The number of chars of each piece (the last one may be shorter).

        >>> FixedLength(3).length
        3
        """
        return self._length

    @length.setter
    def length(self, value: int) -> None:
        if not isinstance(value, int):
            raise ArgumentTypeError(f"FixedLength length must be an int, got {type(value).__name__}")
        if value < 0:
            raise ConfigurationError(f"FixedLength length must be >= 0, got {value}")
        # HF accepts 0 here and only fails (a Rust panic) when text is split.
        self._length = int(value)

    def _spans(self, n: int) -> range:
        if n and not self._length:
            raise ConfigurationError("FixedLength(length=0) cannot split text: use a length of at least 1")
        return range(0, n, self._length or 1)

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Cut each word into pieces of ``length`` chars, in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('abcde')
        >>> FixedLength(2).pre_tokenize(pts); pts.get_splits()
        [('ab', (0, 2), None), ('cd', (2, 4), None), ('e', (4, 5), None)]
        """
        size = self._length
        split_with(pretok, lambda ns: [ns.slice(i, min(i + size, len(ns))) for i in self._spans(len(ns))])

    def _pieces(self, text: str) -> Pieces:
        size, n = self._length, len(text)
        return [(text[i : i + size], (i, min(i + size, n))) for i in self._spans(n)]

    def _words(self, text: str) -> list[str]:
        size = self._length
        return [text[i : i + size] for i in self._spans(len(text))]

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "FixedLength":
        return cls(json_field(data, "length", json_usize, 5))

    def fast_path(self) -> CutsText:
        """What the encode fast path may assume: its words are substrings.

        >>> FixedLength(2).fast_path().pieces("abcde")
        [('ab', (0, 2)), ('cd', (2, 4)), ('e', (4, 5))]
        """
        return CutsText(self._pieces)
