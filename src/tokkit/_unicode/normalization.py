"""Unicode data exactly as HF tokenizers 0.23.3 uses it.

HF normalizes with Unicode 9.0 tables (the ``unicode-normalization-alignments``
crate), classifies Mn / C* with ~8.0 tables (``unicode_categories``) and
lowercases with Rust's ``char::to_lowercase``.  tokkit takes everything from
Python's ``unicodedata`` (14.0 on Python 3.11) except the few code points
listed in the generated ``_unicode_norm_data`` (see ``tools/gen_unicode_norm.py``).
On a Python whose ``unicodedata`` is newer, code points assigned after the
generator's version are treated as unassigned (HF's tables are older still).

Plain strings go through C-level fast paths (``unicodedata.normalize``,
``str.lower``, compiled regexes) whenever the text holds none of those code
points; the slow path reproduces the crate's algorithm, including the
``(char, change)`` alignment stream that ``NormalizedString.transform`` eats.

>>> normalize_with_changes("NFC", "e\\u0301x")
[('é', -1), ('x', 0)]
>>> normalize_with_changes("NFD", "é")
[('e', 0), ('́', 1)]
>>> lowercase("ΟΔΟΣ"), strip_marks("é"), bert_clean_text("a\\x00\\tb")
('οδοσ', 'é', 'a b')

What this module does not do: alignments.  It only yields the change stream.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import compress, repeat
from typing import Iterable, Iterator

from . import normalization_data as _data
from . import WHITESPACE_CHARS

__all__ = [
    "is_normalized",
    "normalize",
    "normalize_with_changes",
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

Ranges = Iterable[tuple[int, int]]
_FORMS = ("NFD", "NFKD", "NFC", "NFKC")


# ==================== helpers =====================================================
class _CharSet:
    """A set of code points searched with compiled ``re`` classes, fast on big texts.

    ``re`` turns a class of BMP chars into a bitmap (one lookup per char), but
    tests astral ranges one by one (about 30x slower on a 26 MB text).  So the
    scan uses the BMP chars plus the *whole* astral block, and only astral
    candidates are checked against the exact set.

    >>> cs = _CharSet([(0x301, 0x301), (0x1F600, 0x1F600)]); cs.sub("", "e\u0301\U0001F600\U0001F601")
    'e\U0001f601'
    """

    def __init__(self, ranges: Ranges) -> None:
        ranges = list(ranges)
        bmp = [(a, min(b, 0xFFFF)) for a, b in ranges if a <= 0xFFFF]
        self.astral = [(max(a, 0x10000), b) for a, b in ranges if b > 0xFFFF]
        self._starts = [a for a, _ in self.astral]
        self.bmp = re.compile(_class_source(bmp))
        self.scan = re.compile(_class_source(bmp + [(0x10000, 0x10FFFF)])) if self.astral else self.bmp

    def _hit(self, match: "re.Match[str]") -> bool:
        cp = ord(match.group())
        if cp <= 0xFFFF:
            return True
        i = bisect_right(self._starts, cp) - 1
        return i >= 0 and cp <= self.astral[i][1]

    def search(self, text: str) -> bool:
        """Whether ``text`` holds a char of the set."""
        if not self.astral:
            return self.bmp.search(text) is not None
        return any(self._hit(m) for m in self.scan.finditer(text))

    def finditer(self, text: str) -> Iterator["re.Match[str]"]:
        """One match per char of the set, in order."""
        return (m for m in self.scan.finditer(text) if self._hit(m))

    def sub(self, repl: str, text: str) -> str:
        """Replace each char of the set by ``repl`` (an ``re`` template, ``\\g<0>`` = the char)."""
        if not self.astral or _ASTRAL.search(text) is None:
            return self.bmp.sub(repl, text)
        return self.scan.sub(lambda m: m.expand(repl) if self._hit(m) else m.group(), text)


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _class_source(ranges: Ranges) -> str:
    """``[...]`` for inclusive code point ranges; an empty set never matches."""
    parts = []
    for first, last in ranges:
        parts.append(re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
    return "[" + "".join(parts) + "]" if parts else "(?!)"


def _to_ranges(cps: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for cp in sorted(cps):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return [(a, b) for a, b in ranges]


def _expand(ranges: Ranges) -> set[int]:
    return {cp for first, last in ranges for cp in range(first, last + 1)}


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


# ==================== a Python with newer Unicode data ================================
# The overrides are relative to the generator's unicodedata.  A newer Python knows
# more characters; HF's tables do not, so those are treated as unassigned.
_SAME_DATA = unicodedata.unidata_version == _data.UNIDATA_VERSION
_ASSIGNED_STARTS = [first for first, _ in _data.ASSIGNED]


def _is_newer(cp: int) -> bool:
    """Whether ``cp`` is unassigned in the generator's Unicode version (never on that version)."""
    if _SAME_DATA:
        return False
    i = bisect_right(_ASSIGNED_STARTS, cp) - 1
    return i < 0 or cp > _data.ASSIGNED[i][1]


def _newer_ranges() -> list[tuple[int, int]]:
    """The code points :func:`_is_newer` is true for, as ranges (none on the same version)."""
    if _SAME_DATA:
        return []
    out, prev = [], 0
    for first, last in _data.ASSIGNED:
        if first > prev:
            out.append((prev, first - 1))
        prev = last + 1
    return out + ([(prev, 0x10FFFF)] if prev <= 0x10FFFF else [])


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return [(a, b) for a, b in merged]


# ==================== decomposition, combining classes, composition ================
S_BASE, L_BASE, V_BASE, T_BASE = 0xAC00, 0x1100, 0x1161, 0x11A7
L_COUNT, V_COUNT, T_COUNT = 19, 21, 28
N_COUNT = V_COUNT * T_COUNT
S_COUNT = L_COUNT * N_COUNT


def _ccc(c: str) -> int:
    cp = ord(c)
    if cp in _data.COMBINING_CLASS:
        return _data.COMBINING_CLASS[cp]
    return 0 if _is_newer(cp) else unicodedata.combining(c)


def _raw_decomposition(c: str, compat: bool) -> str:
    """The crate's fully decomposed form: recursive, **not** reordered."""
    cp = ord(c)
    if cp < 0x80:
        return c
    if S_BASE <= cp < S_BASE + S_COUNT:
        index = cp - S_BASE
        out = chr(L_BASE + index // N_COUNT) + chr(V_BASE + (index % N_COUNT) // T_COUNT)
        return out + chr(T_BASE + index % T_COUNT) if index % T_COUNT else out
    if compat and cp in _data.NFKD_DECOMPOSITION:
        return _data.NFKD_DECOMPOSITION[cp]
    if cp in _data.NFD_DECOMPOSITION:
        return _data.NFD_DECOMPOSITION[cp]
    if _is_newer(cp):
        return c
    mapping = unicodedata.decomposition(c)
    if not mapping or (mapping.startswith("<") and not compat):
        return c
    codes = mapping.split()[1:] if mapping.startswith("<") else mapping.split()
    return "".join(_raw_decomposition(chr(int(code, 16)), compat) for code in codes)


_DECOMPOSITIONS: tuple[dict, dict] = ({}, {})  # canonical, compatibility caches


def _decomposition(c: str, compat: bool) -> tuple[tuple[str, int, int], ...]:
    """``(char, ccc, change)`` per char of ``c``'s decomposition: first 0, rest +1."""
    cache = _DECOMPOSITIONS[compat]
    items = cache.get(c)
    if items is None:
        raw = _raw_decomposition(c, compat)
        items = cache[c] = tuple((d, _ccc(d), 1 if i else 0) for i, d in enumerate(raw))
    return items


class _Tables:
    """Composition table and the per-form "Python may differ" char classes (lazy)."""

    def __init__(self) -> None:
        removed = set(_data.COMPOSITION_REMOVED)
        unsafe = {form: set() for form in _FORMS}  # type: dict[str, set[int]]
        for form in _FORMS:
            unsafe[form] |= set(_data.COMBINING_CLASS) | set(_data.NFD_DECOMPOSITION)
            if form in ("NFKD", "NFKC"):
                unsafe[form] |= set(_data.NFKD_DECOMPOSITION)
            if form in ("NFC", "NFKC"):
                unsafe[form] |= {cp for pair in removed for cp in pair}
        self.compose: dict[tuple[str, str], str] = {}
        decomposable: list[tuple[int, list[int], bool]] = []
        mappings = list(map(unicodedata.decomposition, map(chr, range(0x110000))))
        for cp in compress(range(0x110000), mappings):  # only the chars that decompose
            if _is_newer(cp):
                continue
            mapping = mappings[cp]
            compat = mapping.startswith("<")
            codes = [int(x, 16) for x in (mapping.split()[1:] if compat else mapping.split())]
            decomposable.append((cp, codes, compat))
            if not compat and len(codes) == 2 and (codes[0], codes[1]) not in removed:
                if unicodedata.normalize("NFC", chr(cp)) == chr(cp):  # not excluded
                    self.compose[(chr(codes[0]), chr(codes[1]))] = chr(cp)
        self.unsafe = {form: self._close(cps, decomposable, form) for form, cps in unsafe.items()}

    @staticmethod
    def _close(cps: set[int], decomposable: list, form: str) -> _CharSet:
        """Add every char whose decomposition reaches an unsafe char; compile the class."""
        uses_compat = form in ("NFKD", "NFKC")
        changed = True
        while changed:
            changed = False
            for cp, codes, compat in decomposable:
                if cp not in cps and (uses_compat or not compat) and not cps.isdisjoint(codes):
                    cps.add(cp)
                    changed = True
        return _CharSet(_merge(_to_ranges(cps) + _newer_ranges()))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables()


def _compose(a: str, b: str) -> str | None:
    """The crate's ``compose``: Hangul arithmetic, then the composition table."""
    ca, cb = ord(a), ord(b)
    if L_BASE <= ca < L_BASE + L_COUNT and V_BASE <= cb < V_BASE + V_COUNT:
        return chr(S_BASE + ((ca - L_BASE) * V_COUNT + cb - V_BASE) * T_COUNT)
    if S_BASE <= ca < S_BASE + S_COUNT and T_BASE < cb < T_BASE + T_COUNT and (ca - S_BASE) % T_COUNT == 0:
        return chr(ca + cb - T_BASE)
    return _tables().compose.get((a, b))


_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def _decompose_stream(text: str, compat: bool) -> list[tuple[str, int, int]]:
    """Decompose and canonically reorder; ``(char, ccc, change)`` items.

    As in the crate, the change flags travel with their chars when a block of
    non-starters is (stably) sorted by combining class.  ASCII runs are
    starters that never decompose: they pass through in one C-level step.
    """
    cache = _DECOMPOSITIONS[compat]
    out: list[tuple[str, int, int]] = []
    block: list[tuple[str, int, int]] = []
    for run in _RUNS.findall(text):
        if run[0] < "\x80":
            _flush(block, out)
            out.extend(zip(run[:-1], repeat(0), repeat(0)))
            block = [(run[-1], 0, 0)]  # marks may still follow the last one
            continue
        for c in run:
            for item in cache.get(c) or _decomposition(c, compat):
                if item[1] == 0 and block:
                    _flush(block, out)
                    block = [item]
                else:
                    block.append(item)
    _flush(block, out)
    return out


def _by_ccc(item: tuple[str, int, int]) -> int:
    return item[1]


def _flush(block: list[tuple[str, int, int]], out: list[tuple[str, int, int]]) -> None:
    # A starter has class 0, so the stable sort keeps it in front of its marks.
    if len(block) > 2 or (len(block) == 2 and block[0][1]):
        block.sort(key=_by_ccc)
    out.extend(block)


def _compose_stream(stream: list[tuple[str, int, int]]) -> list[tuple[str, int]]:
    """The crate's ``Recompositions`` state machine, over a decomposed stream.

    A composed char gets ``k + change - 1`` (so it keeps the first char's
    alignment and deletes the mark's); blocked marks are emitted after their
    starter, in order.
    """
    out: list[tuple[str, int]] = []
    blocked: list[tuple[str, int]] = []
    composee: tuple[str, int] | None = None
    last_ccc: int | None = None
    for ch, ch_class, change in stream:
        if composee is None:
            if ch_class != 0:
                out.append((ch, change))
            else:
                composee = (ch, change)
            continue
        if last_ccc is not None and last_ccc >= ch_class:  # ch is blocked from composee
            if ch_class == 0:
                out.append(composee)
                out.extend(blocked)
                blocked.clear()
                composee, last_ccc = (ch, change), None
            else:
                blocked.append((ch, change))
                last_ccc = ch_class
            continue
        composed = _compose(composee[0], ch)
        if composed is not None:
            composee = (composed, composee[1] + change - 1)
        elif last_ccc is None and ch_class == 0:
            out.append(composee)
            composee = (ch, change)
        else:
            blocked.append((ch, change))
            last_ccc = ch_class
    if composee is not None:
        out.append(composee)
    out.extend(blocked)
    return out


def normalize_with_changes(form: str, text: str) -> list[tuple[str, int]]:
    """``(char, change)`` pairs of HF's normalization of ``text`` (see ``transform``)."""
    if text.isascii():
        return [(c, 0) for c in text]
    stream = _decompose_stream(text, form in ("NFKD", "NFKC"))
    if form in ("NFC", "NFKC"):
        return _compose_stream(stream)
    return [(ch, change) for ch, _, change in stream]


def _needs_slow_path(form: str, text: str) -> bool:
    return _tables().unsafe[form].search(text)


def normalize(form: str, text: str) -> str:
    """HF's ``form`` normalization of ``text`` as a plain string (fast).

    >>> normalize("NFKC", "ﬁ①")
    'fi1'
    """
    if text.isascii():
        return text
    if not _needs_slow_path(form, text):
        return unicodedata.normalize(form, text)
    return "".join(ch for ch, _ in normalize_with_changes(form, text))


def is_normalized(form: str, text: str) -> bool:
    """Whether HF's ``form`` would leave ``text`` unchanged (cheap check)."""
    if text.isascii():
        return True
    if not _needs_slow_path(form, text):
        return unicodedata.is_normalized(form, text)
    return normalize(form, text) == text


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
