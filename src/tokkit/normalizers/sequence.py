"""Sequence: apply normalizers in order.

What this module does not do: flatten nested Sequences read from JSON (HF keeps them).
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Mapping

from .._errors import ArgumentTypeError, ConfigurationError
from .._json.component import note_change
from .._validation import check_type, json_field
from ..capabilities import NormalizerFastPath, OneToOne
from ..normalized import NormalizedString
from .base import NORMALIZERS, Normalizer, register

__all__ = ["Sequence"]


@register("Sequence")
class Sequence(Normalizer):
    """Apply normalizers in order.  Nested Sequences are flattened, as in HF's constructor.

    >>> from tokkit.normalizers import NFD, Lowercase, StripAccents
    >>> seq = Sequence([NFD(), Sequence([Lowercase(), StripAccents()])])
    >>> len(seq), seq[1], seq.normalize_str("ÀB")
    (3, Lowercase(), 'ab')
    """

    _fields = ("normalizers",)

    def __init__(self, normalizers: list[Normalizer]) -> None:
        if not isinstance(normalizers, list):
            raise ArgumentTypeError(f"'{type(normalizers).__name__}' object is not an instance of 'list'")
        flat: list[Normalizer] = []
        for item in normalizers:
            if not isinstance(item, Normalizer):
                raise ArgumentTypeError(f"'{type(item).__name__}' object is not an instance of 'Normalizer'")
            flat.extend(item.normalizers if type(item) is Sequence else [item])
        self.normalizers: list[Normalizer] = flat

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Sequence":
        seq = cls([])
        # JSON nesting is kept
        seq.normalizers = NORMALIZERS.build_each(json_field(data, "normalizers"), "normalizers")
        return seq

    def __len__(self) -> int:
        return len(self.normalizers)

    def __getitem__(self, index: int) -> Normalizer:
        return self.normalizers[_position(index, len(self.normalizers))]

    def __setitem__(self, index: int, value: Normalizer) -> None:
        # HF checks the value's kind before the index.
        if not isinstance(value, Normalizer):
            raise ArgumentTypeError(f"'{type(value).__name__}' object is not an instance of 'Normalizer'")
        if isinstance(value, Sequence):
            raise ConfigurationError("normalizer should not be a sequence")
        self.normalizers[_position(index, len(self.normalizers))] = value
        note_change()  # an item changed in place: encoders with caches start over

    def __delitem__(self, index: int) -> None:
        raise NotImplementedError("can't delete item: build a new Sequence without it")

    def normalize(self, normalized: NormalizedString) -> None:
        """Run each normalizer in order on the same string, in place.

        >>> from tokkit import NormalizedString
        >>> from tokkit.normalizers import Lowercase, NFD, StripAccents
        >>> ns = NormalizedString("ÀB")
        >>> Sequence([NFD(), Lowercase(), StripAccents()]).normalize(ns); ns.normalized
        'ab'
        """
        for normalizer in self.normalizers:
            normalizer.normalize(normalized)

    def normalize_str(self, sequence: str) -> str:
        """The text after each normalizer in order.

        >>> from tokkit.normalizers import Lowercase, Prepend
        >>> Sequence([Lowercase(), Prepend("_")]).normalize_str("AB")
        '_ab'
        """
        text = check_type(sequence, str, "sequence")
        for normalizer in self.normalizers:
            text = normalizer.normalize_str(text)
        return text

    def fast_path(self) -> NormalizerFastPath:
        """The children's guarantees, chained; a leading identity-tested child (Precompiled) stays a head.

        >>> from tokkit.normalizers import NFC, Lowercase, Strip
        >>> [Sequence(children).fast_path().one_to_one for children in ([NFC(), Lowercase()], [Strip(), Lowercase()])]
        [<OneToOne.ASCII_TEXT: 1>, <OneToOne.NEVER: 3>]
        """
        parts = [child.trusted_fast_path() for child in self.normalizers]
        if parts and parts[0].identity_on is not None:
            rest = self.normalizers[1:]
            chained = NormalizerFastPath.chain(parts[1:])
            head, tail = parts[0].rest, Sequence(rest).normalize_str if rest else None
            if head is not None and chained.one_to_one != OneToOne.ANY_TEXT:
                return NormalizerFastPath.chain(parts)  # the tail's input checks would miss the head's new chars
            return NormalizerFastPath(
                chained.one_to_one, chained.prefix, chained.new_chars, False,
                identity_on=parts[0].identity_on, rest=_then(head, tail),
            )
        return NormalizerFastPath.chain(parts)


def _position(index: Any, length: int) -> int:
    """HF's item index: an int (a slice or str is a ``TypeError``); negatives count from the end (tokkit extra)."""
    position = operator.index(index)
    if position < 0:
        position += length
    if not 0 <= position < length:
        raise IndexError(f"Index not found: {index} (the Sequence has {length})")
    return position


def _then(first: "Callable[[str], str] | None", second: "Callable[[str], str] | None") -> "Callable[[str], str] | None":
    if first is None or second is None:
        return first or second
    return lambda text: second(first(text))
