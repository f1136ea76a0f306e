"""Lowercase: Rust's per-char ``char::to_lowercase`` (HF ``normalizers/utils.rs``).

What this module does not do: Unicode tables (``tokkit._unicode.categories``).
"""

from __future__ import annotations

from .._unicode import categories as un
from .._validation import check_type
from ..capabilities import NormalizerFastPath, OneToOne
from ..normalized import NormalizedString
from .base import Normalizer, register

__all__ = ["Lowercase"]


@register("Lowercase")
class Lowercase(Normalizer):
    """Rust ``char::to_lowercase`` per char: full mappings, no final-sigma rule.

    >>> Lowercase().normalize_str("İΣ")
    'i̇σ'
    """

    def normalize(self, normalized: NormalizedString) -> None:
        """Lowercase in place (Unicode rules: a char may grow, as "İ" does), keeping each char's span.

        >>> from tokkit import NormalizedString
        >>> ns = NormalizedString("HeLLo")
        >>> Lowercase().normalize(ns); ns.normalized
        'hello'
        """
        _lowercase(normalized)

    def normalize_str(self, sequence: str) -> str:
        """The text lowercased as HF does (Rust's ``to_lowercase``).

        >>> Lowercase().normalize_str("HeLLo ΣΑ")
        'hello σα'
        """
        return un.lowercase(check_type(sequence, str, "sequence"))

    def fast_path(self) -> NormalizerFastPath:
        """What the encode fast path may assume: ASCII text is lowercased char for char.

        >>> Lowercase().fast_path().one_to_one, Lowercase().fast_path().per_char
        (<OneToOne.ASCII_TEXT: 1>, True)
        """
        # ASCII lowercases char for char; "İ" grows to two chars.
        return NormalizerFastPath(OneToOne.ASCII_TEXT, per_char=True)


def _map_same_length(normalized: NormalizedString, mapped: str) -> None:
    """Install a char-for-char mapping of the normalized text.

    HF does such maps with ``transform`` and a change of 0 per char, which
    leaves every alignment as it was; so only the text changes.
    """
    if len(mapped) != len(normalized.normalized):
        raise ValueError("_map_same_length needs a one-to-one mapping")
    normalized.normalized = mapped


def _lowercase(normalized: NormalizedString) -> None:
    lowered = un.lowercase(normalized.normalized)
    if len(lowered) == len(normalized.normalized):
        _map_same_length(normalized, lowered)  # every char mapped to exactly one char
    else:
        normalized.lowercase()  # some char grew (İ -> i̇): the per-char transform
