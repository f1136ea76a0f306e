"""Sequence: chain decoders, each one's ``decode_chain`` feeding the next (HF ``decoders/sequence.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import ArgumentTypeError
from .._validation import json_field
from .base import DECODERS, Decoder, register

__all__ = ["Sequence"]


@register("Sequence")
class Sequence(Decoder):
    """Chain decoders: each one's ``decode_chain`` feeds the next.

    >>> from tokkit.decoders import Fuse, Replace, Strip
    >>> Sequence([Replace("▁", " "), Fuse(), Strip(" ", 1, 0)]).decode(["▁Hello", "▁world"])
    'Hello world'
    """

    _fields = ("decoders",)

    def __init__(self, decoders: list[Decoder]) -> None:
        if not isinstance(decoders, list):
            raise ArgumentTypeError(f"'{type(decoders).__name__}' object is not an instance of 'list'")
        for decoder in decoders:
            if not isinstance(decoder, Decoder):
                raise ArgumentTypeError(f"'{type(decoder).__name__}' object is not an instance of 'Decoder'")
        self.decoders = list(decoders)

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Sequence":
        return cls(DECODERS.build_each(json_field(data, "decoders"), "decoders"))

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Run each decoder's ``decode_chain`` on the output of the one before.

        >>> from tokkit.decoders import Fuse, Replace, Strip
        >>> Sequence([Replace("▁", " "), Fuse(), Strip(" ", 1, 0)]).decode_chain(["▁Hello", "▁world"])
        ['Hello world']
        """
        for decoder in self.decoders:
            tokens = decoder.decode_chain(tokens)
        return tokens
