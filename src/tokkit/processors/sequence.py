"""Sequence: run post-processors in order (HF ``processors/sequence.rs``)."""

from __future__ import annotations

import operator
from typing import Any, Mapping

from .._errors import ArgumentTypeError, ConfigurationError
from .._validation import json_field
from ..encoding import Encoding
from .base import PROCESSORS, PostProcessor, register

__all__ = ["Sequence"]


@register("Sequence")
class Sequence(PostProcessor):
    """Run several post-processors in order; nested Sequences are flattened (HF).

    >>> from tokkit.processors import ByteLevel
    >>> seq = Sequence([ByteLevel(), Sequence([ByteLevel(), ByteLevel()])])
    >>> seq[0] = ByteLevel(trim_offsets=False)
    >>> len(seq.processors), seq[0].trim_offsets
    (3, False)
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
        return self.processors[_position(index, len(self.processors))]

    def __setitem__(self, index: int, value: PostProcessor) -> None:
        # HF checks the value's kind before the index.
        if not isinstance(value, PostProcessor):
            raise ArgumentTypeError(f"'{type(value).__name__}' object is not an instance of 'PostProcessor'")
        if isinstance(value, Sequence):
            raise ConfigurationError("processor should not be a sequence")
        self.processors[_position(index, len(self.processors))] = value

    def __delitem__(self, index: int) -> None:
        raise NotImplementedError("can't delete item: build a new Sequence without it")

    def added_tokens(self, is_pair: bool) -> int:
        """The special tokens all the processors add together.

        >>> from tokkit.processors import BertProcessing, ByteLevel
        >>> Sequence([ByteLevel(), BertProcessing(("[SEP]", 1), ("[CLS]", 0))]).added_tokens(False)
        2
        """
        return sum(p.added_tokens(is_pair) for p in self.processors)

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        """Run each processor in order on what the one before returned.

        >>> from tokkit.processors import BertProcessing, ByteLevel
        >>> seq = Sequence([ByteLevel(trim_offsets=True), BertProcessing(("[SEP]", 1), ("[CLS]", 0))])
        >>> enc = Encoding(ids=[5, 6], tokens=["ĠHi", "Ġyou"], offsets=[(0, 3), (3, 7)])
        >>> [(e.tokens, e.offsets) for e in seq.process_encodings([enc], True)]
        [(['[CLS]', 'ĠHi', 'Ġyou', '[SEP]'], [(0, 0), (0, 3), (4, 7), (0, 0)])]
        """
        for proc in self.processors:
            encodings = proc.process_encodings(encodings, add_special_tokens)
        return encodings


def _position(index: Any, length: int) -> int:
    """HF's item index: an int (a slice or str is a ``TypeError``); negatives count from the end (tokkit extra)."""
    position = operator.index(index)
    if position < 0:
        position += length
    if not 0 <= position < length:
        raise IndexError(f"Index not found: {index} (the Sequence has {length})")
    return position
