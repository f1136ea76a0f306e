"""Lowercase, combining marks, and BERT's controls, accents and CJK chars, as HF tokenizers 0.23.3 sees them.

HF classifies M* with Unicode 9.0 tables (StripAccents), Mn and C* with ~8.0
tables (``unicode_categories``, BertNormalizer) and lowercases with Rust's
``char::to_lowercase``.  tokkit takes Python's ``unicodedata`` and
``str.lower``, with the overrides listed in the generated ``normalization_data``;
code points newer than the generator's Unicode version count as unassigned
(``tokkit._unicode.normalization``).  Plain strings go through compiled regexes.

>>> lowercase("ΟΔΟΣ"), strip_marks("é"), bert_clean_text("a\\x00\\tb")
('οδοσ', 'é', 'a b')
>>> is_combining_mark("\\u0301"), pad_chinese_chars("a中b")
(True, 'a 中 b')

What this module does not do: the normalization forms (``tokkit._unicode.normalization``),
which ``bert_strip_accents`` calls for its NFD step.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from . import WHITESPACE_CHARS
from . import normalization_data as _data
from .code_point_sets import Ranges, _CharSet, _expand, _to_ranges
from .normalization import _is_newer, _newer_ranges, normalize

__all__ = [
    "lowercase_char",
    "lowercase",
    "is_combining_mark",
    "strip_marks",
    "is_bert_control",
    "is_bert_nonspacing",
    "bert_clean_text",
    "bert_strip_accents",
    "is_chinese_char",
    "pad_chinese_chars",
    "has_combining_mark",
    "has_bert_control",
    "bert_map_whitespace",
    "chinese_char_positions",
    "has_bert_nonspacing",
    "has_chinese_char",
]


# ==================== Python's general categories, with HF's overrides ==================
_CATEGORIES = ("Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Zl Zp Cc Cf Cs Co Cn").split()


@lru_cache(maxsize=1)
def _category_codes() -> bytes:
    """Python's general category of every code point, one byte each (built once, ~0.1 s)."""
    index = {name: i for i, name in enumerate(_CATEGORIES)}
    return bytes(map(index.__getitem__, map(unicodedata.category, map(chr, range(0x110000)))))


def _category_ranges(categories: Iterable[str], added: Ranges = (), removed: Ranges = ()) -> list[tuple[int, int]]:
    """Ranges of the code points in Python's ``categories``, with HF's overrides applied."""
    wanted = set(categories)
    flags = bytearray(_category_codes().translate(bytes(name in wanted for name in _CATEGORIES).ljust(256, b"\0")))
    for first, last in [*removed, *_newer_ranges()]:
        flags[first : last + 1] = bytes(last - first + 1)
    for first, last in added:
        flags[first : last + 1] = b"\x01" * (last - first + 1)
    return [(m.start(), m.end() - 1) for m in re.finditer(b"\x01+", flags)]


# ==================== lowercase ===================================================
_LOWER_SPECIAL = _CharSet(_to_ranges([*_data.LOWERCASE, 0x3A3]))


def lowercase_char(c: str) -> str:
    """Rust ``char::to_lowercase`` (no final-sigma context).

    >>> lowercase_char("İ"), lowercase_char("Σ")
    ('i̇', 'σ')
    """
    mapped = _data.LOWERCASE.get(ord(c))
    return c.lower() if mapped is None else mapped


def lowercase(text: str) -> str:
    """Lowercase char by char, as HF: ``str.lower`` minus its final-sigma rule."""
    if text.isascii() or not _LOWER_SPECIAL.search(text):
        return text.lower()
    # Lowercase the runs between special chars with str.lower, map the specials one by one.
    out, last = [], 0
    for match in _LOWER_SPECIAL.finditer(text):
        out.append(text[last : match.start()].lower())
        out.append(lowercase_char(match.group()))
        last = match.end()
    out.append(text[last:].lower())
    return "".join(out)


# ==================== StripAccents: combining marks (Unicode 9.0 M*) ================
@lru_cache(maxsize=1)
def _marks() -> tuple[frozenset[str], _CharSet]:
    ranges = _category_ranges(("Mn", "Mc", "Me"), _data.MARK_ADDED, _data.MARK_REMOVED)
    return frozenset(map(chr, _expand(ranges))), _CharSet(ranges)


def is_combining_mark(c: str) -> bool:
    """HF StripAccents' ``is_combining_mark`` (general category M*, Unicode 9.0)."""
    return c in _marks()[0]


def has_combining_mark(text: str) -> bool:
    return not text.isascii() and _marks()[1].search(text)


def strip_marks(text: str) -> str:
    """Remove every combining mark (no decomposition first, like HF)."""
    if text.isascii():
        return text
    return _marks()[1].sub("", text)


# ==================== BertNormalizer ===============================================
_BERT_OTHER = ("Cc", "Cf", "Co", "Cs")  # HF's is_other: unassigned (Cn) chars are kept


@lru_cache(maxsize=1)
def _bert_control_class() -> _CharSet:
    removed = [(ord(c), ord(c)) for c in "\t\n\r"] + list(_data.BERT_CONTROL_REMOVED)
    added = [(0, 0), (0xFFFD, 0xFFFD)] + list(_data.BERT_CONTROL_ADDED)
    return _CharSet(_category_ranges(_BERT_OTHER, added, removed))


_BERT_CONTROL_ADDED = frozenset(_expand(_data.BERT_CONTROL_ADDED))
_BERT_CONTROL_REMOVED = frozenset(_expand(_data.BERT_CONTROL_REMOVED))
# ' ' maps to itself: leaving it out of the class spares millions of no-op replacements.
_BERT_WHITESPACE = _CharSet(_to_ranges(ord(c) for c in WHITESPACE_CHARS - {" "}))


def is_bert_control(c: str) -> bool:
    """Whether BertNormalizer's clean_text removes ``c`` (NUL, U+FFFD, Cc/Cf/Co)."""
    cp = ord(c)
    if cp in _BERT_CONTROL_ADDED:
        return True
    if cp in _BERT_CONTROL_REMOVED or c in "\t\n\r":
        return False
    return cp == 0 or cp == 0xFFFD or (unicodedata.category(c) in _BERT_OTHER and not _is_newer(cp))


def has_bert_control(text: str) -> bool:
    """Whether clean_text would drop a char of ``text``."""
    return _bert_control_class().search(text)


def bert_map_whitespace(text: str) -> str:
    """clean_text's second step: every whitespace char becomes ``' '`` (same length)."""
    return _BERT_WHITESPACE.sub(" ", text)


def bert_clean_text(text: str) -> str:
    """Drop control chars, then map every whitespace char to ``' '`` (plain string)."""
    return _BERT_WHITESPACE.sub(" ", _bert_control_class().sub("", text))


@lru_cache(maxsize=1)
def _bert_nonspacing() -> tuple[frozenset[str], _CharSet]:
    ranges = _category_ranges(("Mn",), _data.BERT_MN_ADDED, _data.BERT_MN_REMOVED)
    return frozenset(map(chr, _expand(ranges))), _CharSet(ranges)


def is_bert_nonspacing(c: str) -> bool:
    """HF's ``is_mark_nonspacing`` (category Mn, ~Unicode 8.0)."""
    return c in _bert_nonspacing()[0]


def has_bert_nonspacing(text: str) -> bool:
    return not text.isascii() and _bert_nonspacing()[1].search(text)


def bert_strip_accents(text: str) -> str:
    """NFD, then drop Mn chars (BertNormalizer's strip_accents step)."""
    if text.isascii():
        return text
    return _bert_nonspacing()[1].sub("", normalize("NFD", text))


_CJK_RANGES = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B920, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),
)  # fmt: skip
_CJK = _CharSet(sorted(_CJK_RANGES))


def is_chinese_char(c: str) -> bool:
    """BERT's "Chinese character" ranges (CJK ideographs, not kana or hangul)."""
    return _CJK.search(c)


def has_chinese_char(text: str) -> bool:
    return not text.isascii() and _CJK.search(text)


def chinese_char_positions(text: str) -> list[int]:
    """Indexes of the CJK ideographs in ``text``."""
    return [m.start() for m in _CJK.finditer(text)]


def pad_chinese_chars(text: str) -> str:
    """Put a space on each side of every CJK ideograph (plain string)."""
    return _CJK.sub(r" \g<0> ", text)
