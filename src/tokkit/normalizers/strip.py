"""Strip and StripAccents (HF ``normalizers/strip.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._unicode import WHITESPACE
from .._unicode import categories as un
from .._validation import check_type, json_bool, json_field
from ..capabilities import NormalizerFastPath, OneToOne
from ..normalized import NormalizedString
from .base import Normalizer, register

__all__ = ["Strip", "StripAccents"]


@register("Strip")
class Strip(Normalizer):
    """Trim Unicode White_Space (Rust ``char::is_whitespace``) on the left and/or right.

    Args:
        left: strip the start (JSON ``strip_left``).
        right: strip the end (JSON ``strip_right``).

    >>> Strip(right=False).normalize_str(" \\u3000 hi ")
    'hi '
    >>> strip = Strip(right=False); strip.left, strip.right
    (True, False)
    """

    _fields = ("strip_left", "strip_right")

    def __init__(self, left: bool = True, right: bool = True) -> None:
        self.strip_left = check_type(left, bool, "left")
        self.strip_right = check_type(right, bool, "right")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Strip":
        return cls(json_field(data, "strip_left", json_bool), json_field(data, "strip_right", json_bool))

    # HF's Python attributes are ``left``/``right``; the JSON keys are ``strip_*``.
    left = property(lambda self: self.strip_left, lambda self, v: setattr(self, "strip_left", check_type(v, bool, "left")),
                    doc="Whether the start of the text is stripped (JSON ``strip_left``).")
    right = property(lambda self: self.strip_right, lambda self, v: setattr(self, "strip_right", check_type(v, bool, "right")),
                     doc="Whether the end of the text is stripped (JSON ``strip_right``).")

    def normalize(self, normalized: NormalizedString) -> None:
        """Strip whitespace at the start and/or end, in place.

        >>> from tokkit import NormalizedString
        >>> ns = NormalizedString("  hi  ")
        >>> Strip().normalize(ns); ns.normalized
        'hi'
        """
        normalized._lrstrip(self.strip_left, self.strip_right)

    def normalize_str(self, sequence: str) -> str:
        """The text without its leading and/or trailing whitespace.

        >>> Strip(left=False).normalize_str("  hi  ")
        '  hi'
        """
        check_type(sequence, str, "sequence")
        if self.strip_left and self.strip_right:
            return sequence.strip(WHITESPACE)
        if self.strip_left:
            return sequence.lstrip(WHITESPACE)
        return sequence.rstrip(WHITESPACE) if self.strip_right else sequence


@register("StripAccents")
class StripAccents(Normalizer):
    """Remove combining marks (M*, Unicode 9.0).  It does **not** decompose first.

    >>> StripAccents().normalize_str("é"), StripAccents().normalize_str("e\\u0301")
    ('é', 'e')
    """

    def normalize(self, normalized: NormalizedString) -> None:
        """Remove the combining marks in place (after NFD, that removes accents).

        >>> from tokkit import NormalizedString
        >>> ns = NormalizedString("e\\u0301t\\u00e9")
        >>> StripAccents().normalize(ns); ns.normalized
        'eté'
        """
        if un.has_combining_mark(normalized.normalized):
            normalized.filter(lambda c: not un.is_combining_mark(c))

    def normalize_str(self, sequence: str) -> str:
        """The text without its combining marks.

        >>> StripAccents().normalize_str("e\\u0301te\\u0301")
        'ete'
        """
        return un.strip_marks(check_type(sequence, str, "sequence"))

    def fast_path(self) -> NormalizerFastPath:
        """What the encode fast path may assume: ASCII text holds no combining mark.

        >>> StripAccents().fast_path().one_to_one
        <OneToOne.ASCII_TEXT: 1>
        """
        # ASCII holds no combining mark.
        return NormalizerFastPath(OneToOne.ASCII_TEXT, per_char=True)
