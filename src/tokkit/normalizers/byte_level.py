"""ByteLevel normalizer: each UTF-8 byte as its GPT-2 char (HF ``normalizers/byte_level.rs``).

What this module does not do: the byte map itself (``tokkit._unicode.bytes_to_unicode``).
"""

from __future__ import annotations

from itertools import repeat

from .._unicode import bytes_to_unicode
from .._validation import check_type
from ..capabilities import NormalizerFastPath, OneToOne
from ..normalized import NormalizedString
from .base import Normalizer, register
from .lowercase import _map_same_length

__all__ = ["ByteLevel"]


_BYTE_CHARS = bytes_to_unicode()


# latin-1 decoding turns each UTF-8 byte into the char of the same number; translate maps it.
_LATIN1_TO_BYTE_CHAR = str.maketrans({chr(b): c for b, c in _BYTE_CHARS.items()})


@register("ByteLevel")
class ByteLevel(Normalizer):
    """Replace each UTF-8 byte by its GPT-2 char (``' '`` -> ``Ġ``); extra byte-chars share the char's span.

    >>> ByteLevel().normalize_str("hé y")
    'hÃ©Ġy'
    """

    def normalize(self, normalized: NormalizedString) -> None:
        """Replace each char by the byte-chars of its UTF-8 bytes, in place; they share the char's span.

        >>> from tokkit import NormalizedString
        >>> ns = NormalizedString("hé")
        >>> ByteLevel().normalize(ns); ns.normalized
        'hÃ©'
        """
        text = normalized.normalized
        mapped = self.normalize_str(text)
        if len(mapped) == len(text):  # ASCII: one byte-char per char
            _map_same_length(normalized, mapped)
            return
        changes: list[int] = []
        for c in text:  # the first byte-char of a char replaces it, the others are inserts
            changes.append(0)
            changes.extend(repeat(1, _utf8_len(c) - 1))
        normalized.transform(zip(mapped, changes))

    def normalize_str(self, sequence: str) -> str:
        """The text as byte-chars (GPT-2's byte-to-unicode map of its UTF-8 bytes).

        >>> ByteLevel().normalize_str("hé y")
        'hÃ©Ġy'
        """
        raw = check_type(sequence, str, "sequence").encode("utf-8").decode("latin-1")
        return raw.translate(_LATIN1_TO_BYTE_CHAR)

    def fast_path(self) -> NormalizerFastPath:
        """What the encode fast path may assume: an ASCII char is one byte-char.

        >>> ByteLevel().fast_path().one_to_one
        <OneToOne.ASCII_TEXT: 1>
        """
        # An ASCII char is one byte, hence one byte-char; "\n" becomes "Ċ", not whitespace.
        return NormalizerFastPath(OneToOne.ASCII_TEXT)


def _utf8_len(c: str) -> int:
    cp = ord(c)
    return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
