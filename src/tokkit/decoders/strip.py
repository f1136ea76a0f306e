"""Strip decoder: remove a given char from the start/end of each token (HF ``decoders/strip.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .base import (
    Decoder,
    _check_char,
    _check_count,
    _field,
    register,
)

__all__ = ["Strip"]


@register("Strip")
class Strip(Decoder):
    """Remove up to ``left`` copies of ``content`` from the start of each token, ``right`` from the end.

    Where HF panics (a token stripped away entirely with a larger ``right``),
    tokkit gives the empty token.
    """

    _fields = ("content", "start", "stop")

    def __init__(self, content: str = " ", left: int = 0, right: int = 0) -> None:
        self.content = _check_char(content, "content")
        self.start = _check_count(left, "left")
        self.stop = _check_count(right, "right")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Strip":
        return cls(
            _field(data, "content", _check_char), _field(data, "start", _check_count),
            _field(data, "stop", _check_count),
        )  # fmt: skip

    def decode_chain(self, tokens: list[str]) -> list[str]:
        out = []
        for token in tokens:
            head = len(token) - len(token.lstrip(self.content))
            tail = len(token) - len(token.rstrip(self.content))
            start = min(head, self.start)
            stop = len(token) - min(tail, self.stop)
            out.append(token[start:stop] if start < stop else "")
        return out
