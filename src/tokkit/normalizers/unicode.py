"""The Unicode normalization forms NFD, NFKD, NFC, NFKC (Unicode 9.0 data, like HF), and Nmt (HF ``normalizers/unicode.rs``).

What this module does not do: the tables themselves (``tokkit._unicode.normalization``).
"""

from __future__ import annotations

import re

from .._errors import ConfigurationError
from .._unicode import normalization as un
from .._validation import check_type
from ..capabilities import NormalizerFastPath, OneToOne
from ..normalized import NormalizedString
from .base import Normalizer, register
from .lowercase import _map_same_length

__all__ = ["NFD", "NFKD", "NFC", "NFKC", "unicode_normalizer_from_str", "Nmt"]


class _UnicodeForm(Normalizer):
    _form = ""

    def normalize(self, normalized: NormalizedString) -> None:
        """Apply the Unicode normalization form in place, keeping each char's original span.

        >>> from tokkit import NormalizedString
        >>> ns = NormalizedString("é")
        >>> NFD().normalize(ns); len(ns.normalized), ns.original
        (2, 'é')
        """
        normalized._apply_form(self._form)

    def normalize_str(self, sequence: str) -> str:
        """The text in this normalization form.

        >>> NFC().normalize_str("e\\u0301") == "é"
        True
        """
        return un.normalize(self._form, check_type(sequence, str, "sequence"))

    def fast_path(self) -> NormalizerFastPath:
        """What the encode fast path may assume: ASCII text is left as it is.

        >>> NFKC().fast_path().one_to_one
        <OneToOne.ASCII_TEXT: 1>
        """
        # ASCII text is already in every normalization form.
        return NormalizerFastPath(OneToOne.ASCII_TEXT, per_char=True)


@register("NFD")
class NFD(_UnicodeForm):
    """Canonical decomposition (Unicode 9.0 data, like HF).

    >>> [hex(ord(c)) for c in NFD().normalize_str("é")]
    ['0x65', '0x301']
    """

    _form = "NFD"


@register("NFKD")
class NFKD(_UnicodeForm):
    """Compatibility decomposition.

    >>> NFKD().normalize_str("ﬁ")
    'fi'
    """

    _form = "NFKD"


@register("NFC")
class NFC(_UnicodeForm):
    """Canonical decomposition then composition; a composed char keeps the first char's span.

    >>> NFC().normalize_str("e\\u0301")
    'é'
    """

    _form = "NFC"


@register("NFKC")
class NFKC(_UnicodeForm):
    """Compatibility decomposition then canonical composition.

    >>> NFKC().normalize_str("①ｘ")
    '1x'
    """

    _form = "NFKC"


_UNICODE_FORMS = {"nfc": NFC, "nfd": NFD, "nfkc": NFKC, "nfkd": NFKD}


def unicode_normalizer_from_str(normalizer: str) -> Normalizer:
    """``"nfc"``/``"nfd"``/``"nfkc"``/``"nfkd"`` -> that normalizer (HF's helper).

    >>> unicode_normalizer_from_str("nfkc")
    NFKC()
    """
    if normalizer not in _UNICODE_FORMS:
        raise ConfigurationError(
            f"{normalizer!r} is not a known unicode normalizer; use one of {sorted(_UNICODE_FORMS)}"
        )
    return _UNICODE_FORMS[normalizer]()


_NMT_REMOVE = "".join(map(chr, [*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, 0x8F, 0x9F]))


_NMT_SPACE = "".join(map(chr, [0x09, 0x0A, 0x0C, 0x0D, 0x1680, *range(0x200B, 0x2010), 0x2028, 0x2029,
                               0x2581, 0xFEFF, 0xFFFD]))  # fmt: skip


_NMT_REMOVE_RE = re.compile(f"[{re.escape(_NMT_REMOVE)}]")


_NMT_SPACE_RE = re.compile(f"[{re.escape(_NMT_SPACE)}]")


@register("Nmt")
class Nmt(Normalizer):
    """SentencePiece's NMT cleanup: drop some controls, map odd spaces to ``' '``.

    >>> Nmt().normalize_str("a\x01b\u200bc\x0cd")
    'ab c d'
    """

    def normalize(self, normalized: NormalizedString) -> None:
        """Drop the control chars Nmt removes and map its spaces to " ", in place.

        >>> from tokkit import NormalizedString
        >>> ns = NormalizedString("a\\x01b\\x0cc")
        >>> Nmt().normalize(ns); ns.normalized
        'ab c'
        """
        if _NMT_REMOVE_RE.search(normalized.normalized):
            normalized.filter(lambda c: c not in _NMT_REMOVE)
        _map_same_length(normalized, _NMT_SPACE_RE.sub(" ", normalized.normalized))

    def normalize_str(self, sequence: str) -> str:
        """The text without Nmt's control chars, its spaces mapped to " ".

        >>> Nmt().normalize_str("a\\x01b\\x0cc")
        'ab c'
        """
        text = check_type(sequence, str, "sequence")
        if _NMT_REMOVE_RE.search(text):
            text = _NMT_REMOVE_RE.sub("", text)
        return _NMT_SPACE_RE.sub(" ", text)

    def fast_path(self) -> NormalizerFastPath:
        """What the encode fast path may assume: ASCII text without control chars is left as it is.

        >>> Nmt().fast_path().one_to_one
        <OneToOne.ASCII_WITHOUT_CONTROLS: 2>
        """
        # Only the ASCII controls it drops or maps to " " break the 1:1 mapping.
        return NormalizerFastPath(OneToOne.ASCII_WITHOUT_CONTROLS, per_char=True)
