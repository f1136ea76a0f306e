"""Strip decoder: remove a given char from the start/end of each token (HF ``decoders/strip.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._validation import check_char, check_count, json_char, json_field, json_usize
from .base import Decoder, register

__all__ = ["Strip"]


@register("Strip")
class Strip(Decoder):
    """Remove up to ``left`` copies of ``content`` from the start of each token, ``right`` from the end.

    Where HF panics (a token stripped away entirely with a larger ``right``),
    tokkit gives the empty token.

    >>> Strip(" ", 1, 0).decode(["  a", " b", "c"])
    ' abc'
    """

    _fields = ("content", "start", "stop")

    def __init__(self, content: str = " ", left: int = 0, right: int = 0) -> None:
        self.content = check_char(content, "content")
        self.start = check_count(left, "left")
        self.stop = check_count(right, "right")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Strip":
        return cls(
            json_field(data, "content", json_char), json_field(data, "start", json_usize),
            json_field(data, "stop", json_usize),
        )  # fmt: skip

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Remove up to ``start`` leading and ``stop`` trailing ``content`` chars from each token.

        >>> Strip(" ", 1, 0).decode_chain(["  a", " b", "c"])
        [' a', 'b', 'c']
        """
        out = []
        for token in tokens:
            head = len(token) - len(token.lstrip(self.content))
            tail = len(token) - len(token.rstrip(self.content))
            start = min(head, self.start)
            stop = len(token) - min(tail, self.stop)
            out.append(token[start:stop] if start < stop else "")
        return out
