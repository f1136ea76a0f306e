"""The Unicode normalization forms NFD, NFKD, NFC, NFKC (Unicode 9.0 data, like HF).

What this module does not do: the tables themselves (``tokkit._unicode.normalization``).
"""

from __future__ import annotations

from .._unicode import normalization as un
from .._errors import ConfigurationError
from ..normalized import NormalizedString
from ._base import Normalizer, _check, register

__all__ = ["NFD", "NFKD", "NFC", "NFKC", "unicode_normalizer_from_str"]


class _UnicodeForm(Normalizer):
    _form = ""

    def normalize(self, normalized: NormalizedString) -> None:
        normalized._apply_form(self._form)

    def normalize_str(self, sequence: str) -> str:
        return un.normalize(self._form, _check(sequence, str, "sequence"))


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
