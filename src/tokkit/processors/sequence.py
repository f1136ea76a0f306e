"""Sequence: run post-processors in order (HF ``processors/sequence.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import ArgumentTypeError
from .._validation import json_field, unsigned
from ..encoding import Encoding
from .base import PROCESSORS, PostProcessor, register

__all__ = ["Sequence"]


@register("Sequence")
class Sequence(PostProcessor):
    """Run several post-processors in order; nested Sequences are flattened (HF).

    >>> from tokkit.processors import ByteLevel
    >>> len(Sequence([ByteLevel(), Sequence([ByteLevel(), ByteLevel()])]).processors)
    3
    """

    _fields = ("processors",)

    def __init__(self, processors: list[PostProcessor]) -> None:
        if not isinstance(processors, list):
            raise ArgumentTypeError(f"'{type(processors).__name__}' object is not an instance of 'list'")
        flat: list[PostProcessor] = []
        for proc in processors:
            if isinstance(proc, Sequence):
                flat.extend(proc.processors)
            elif isinstance(proc, PostProcessor):
                flat.append(proc)
            else:
                raise ArgumentTypeError(f"'{type(proc).__name__}' object is not an instance of 'PostProcessor'")
        self.processors: list[PostProcessor] = flat

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Sequence":
        obj = cls.__new__(cls)
        # JSON nesting is kept
        obj.processors = PROCESSORS.build_each(json_field(data, "processors"), "processors")
        return obj

    def __getitem__(self, index: int) -> PostProcessor:
        index = unsigned(index, "index")
        if index >= len(self.processors):
            raise IndexError("Index not found")
        return self.processors[index]

    def __setitem__(self, index: int, value: PostProcessor) -> None:
        """Replace one processor (HF: a non-PostProcessor is a TypeError, an index past the end IndexError)."""
        index = unsigned(index, "index")
        if not isinstance(value, PostProcessor):
            raise ArgumentTypeError(f"'{type(value).__name__}' object is not an instance of 'PostProcessor'")
        if index >= len(self.processors):
            raise IndexError("Index not found")
        self.processors[index] = value

    def added_tokens(self, is_pair: bool) -> int:
        return sum(p.added_tokens(is_pair) for p in self.processors)

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        for proc in self.processors:
            encodings = proc.process_encodings(encodings, add_special_tokens)
        return encodings
