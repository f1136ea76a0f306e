"""Sequence: chain decoders, each one's ``decode_chain`` feeding the next (HF ``decoders/sequence.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import ArgumentTypeError, SerializationError
from .base import Decoder, register

__all__ = ["Sequence"]


@register("Sequence")
class Sequence(Decoder):
    """Chain decoders: each one's ``decode_chain`` feeds the next."""

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
        items = data.get("decoders")
        if not isinstance(items, list):
            raise SerializationError(f"Sequence decoder needs a \"decoders\" array, got {items!r:.60}")
        return cls([Decoder.from_dict(item) for item in items])

    def decode_chain(self, tokens: list[str]) -> list[str]:
        for decoder in self.decoders:
            tokens = decoder.decode_chain(tokens)
        return tokens
