"""BertNormalizer: BERT's text cleaning, CJK padding, accent stripping and lowercasing.

What this module does not do: the Unicode category tables (``tokkit._unicode.categories``).
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import Any, Mapping, Optional

from .._unicode import categories as un
from .._validation import check_type, json_bool, json_field, json_optional
from ..capabilities import NormalizerFastPath, OneToOne
from ..normalized import NormalizedString
from .base import Normalizer, register
from .lowercase import _lowercase, _map_same_length

__all__ = ["BertNormalizer"]


@register("BertNormalizer")
class BertNormalizer(Normalizer):
    """BERT's cleaning, in HF's order: clean text, pad CJK, strip accents, lowercase.

    Args:
        clean_text: drop NUL, U+FFFD and Cc/Cf/Co chars (not ``\\t\\n\\r``), then map
            every whitespace char to ``' '``.
        handle_chinese_chars: put a space on each side of CJK ideographs.
        strip_accents: NFD then drop Mn chars; ``None`` means "same as ``lowercase``".
        lowercase: per-char lowercase.

    >>> BertNormalizer(lowercase=False).normalize_str("Héllo\\x00")
    'Héllo'
    """

    _fields = ("clean_text", "handle_chinese_chars", "strip_accents", "lowercase")

    def __init__(
        self,
        clean_text: bool = True,
        handle_chinese_chars: bool = True,
        strip_accents: Optional[bool] = None,
        lowercase: bool = True,
    ) -> None:
        self.clean_text = check_type(clean_text, bool, "clean_text")
        self.handle_chinese_chars = check_type(handle_chinese_chars, bool, "handle_chinese_chars")
        if strip_accents is not None:
            check_type(strip_accents, bool, "strip_accents")
        self.strip_accents = strip_accents
        self.lowercase = check_type(lowercase, bool, "lowercase")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "BertNormalizer":
        return cls(
            json_field(data, "clean_text", json_bool), json_field(data, "handle_chinese_chars", json_bool),
            json_field(data, "strip_accents", json_optional(json_bool), None), json_field(data, "lowercase", json_bool),
        )  # fmt: skip

    def _strips_accents(self) -> bool:
        return self.lowercase if self.strip_accents is None else self.strip_accents

    def normalize(self, normalized: NormalizedString) -> None:
        """Clean the text, space out Chinese chars, strip accents and lowercase, as configured, in place.

        >>> from tokkit import NormalizedString
        >>> ns = NormalizedString("Héllo\\t中")
        >>> BertNormalizer().normalize(ns); ns.normalized
        'hello  中 '
        """
        if self.clean_text:
            if un.has_bert_control(normalized.normalized):
                normalized.filter(lambda c: not un.is_bert_control(c))
            _map_same_length(normalized, un.bert_map_whitespace(normalized.normalized))
        if self.handle_chinese_chars and un.has_chinese_char(normalized.normalized):
            normalized.transform(_pad_chinese_changes(normalized.normalized))
        if self._strips_accents() and not normalized.normalized.isascii():
            normalized.nfd()
            if un.has_bert_nonspacing(normalized.normalized):
                normalized.filter(lambda c: not un.is_bert_nonspacing(c))
        if self.lowercase:
            _lowercase(normalized)

    def normalize_str(self, sequence: str) -> str:
        """The text as ``normalize`` leaves it.

        >>> BertNormalizer(lowercase=False).normalize_str("Héllo\\t中")
        'Héllo  中 '
        """
        text = check_type(sequence, str, "sequence")
        if self.clean_text:
            text = _ascii_clean(text) if text.isascii() else un.bert_clean_text(text)
        if self.handle_chinese_chars and not text.isascii():
            text = un.pad_chinese_chars(text)
        if self._strips_accents():
            text = un.bert_strip_accents(text)
        return un.lowercase(text) if self.lowercase else text

    def fast_path(self) -> NormalizerFastPath:
        """What the encode fast path may assume: ASCII text without control chars keeps its length.

        >>> BertNormalizer().fast_path().one_to_one
        <OneToOne.ASCII_WITHOUT_CONTROLS: 2>
        """
        # ASCII text only changes where clean_text drops or maps a control char.
        one_to_one = OneToOne.ASCII_WITHOUT_CONTROLS if self.clean_text else OneToOne.ASCII_TEXT
        return NormalizerFastPath(one_to_one, per_char=True)


def _pad_chinese_changes(text: str) -> list[tuple[str, int]]:
    """``(' ', 0), (c, +1), (' ', +1)`` per CJK char, so all three share its span."""
    dest: list[tuple[str, int]] = []
    last = 0
    for i in un.chinese_char_positions(text):
        dest.extend(zip(text[last:i], repeat(0)))
        dest += [(" ", 0), (text[i], 1), (" ", 1)]
        last = i + 1
    dest.extend(zip(text[last:], repeat(0)))
    return dest


# clean_text on ASCII: C0 controls and DEL vanish (\\x0b, \\x0c and \\x1c-\\x1f too: they are
# Cc), \\t \\n \\r become spaces.  Two regex passes beat str.translate (dict lookups).
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ASCII_SPACE = re.compile(r"[\t\n\r]")


def _ascii_clean(text: str) -> str:
    if _ASCII_CONTROL.search(text):
        text = _ASCII_CONTROL.sub("", text)
    return _ASCII_SPACE.sub(" ", text)
