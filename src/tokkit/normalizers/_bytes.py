"""ByteLevel (GPT-2 byte chars) and Nmt (SentencePiece's NMT cleanup) normalizers.

What this module does not do: the byte map itself (``tokkit._unicode.bytes_to_unicode``).
"""

from __future__ import annotations

import re
from itertools import repeat

from .._unicode import bytes_to_unicode
from ..normalized import NormalizedString
from ._base import Normalizer, _check, register
from ._chars import _map_same_length

__all__ = ["ByteLevel", "Nmt"]

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
        raw = _check(sequence, str, "sequence").encode("utf-8").decode("latin-1")
        return raw.translate(_LATIN1_TO_BYTE_CHAR)


def _utf8_len(c: str) -> int:
    cp = ord(c)
    return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4


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
        if _NMT_REMOVE_RE.search(normalized.normalized):
            normalized.filter(lambda c: c not in _NMT_REMOVE)
        _map_same_length(normalized, _NMT_SPACE_RE.sub(" ", normalized.normalized))

    def normalize_str(self, sequence: str) -> str:
        text = _check(sequence, str, "sequence")
        if _NMT_REMOVE_RE.search(text):
            text = _NMT_REMOVE_RE.sub("", text)
        return _NMT_SPACE_RE.sub(" ", text)
