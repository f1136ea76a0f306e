"""Fuse: join all tokens into one (HF ``decoders/fuse.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .base import Decoder, register

__all__ = ["Fuse"]


@register("Fuse")
class Fuse(Decoder):
    """Join all tokens into one.

    >>> Fuse().decode(["Hel", "lo", " you"])
    'Hello you'
    """

    def __init__(self) -> None:
        pass

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Fuse":
        return cls()

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Join all the tokens into one.

        >>> Fuse().decode_chain(["Hel", "lo", " you"])
        ['Hello you']
        """
        return ["".join(tokens)]
