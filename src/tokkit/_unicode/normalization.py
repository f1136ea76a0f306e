"""The Unicode normalization forms NFD, NFKD, NFC and NFKC exactly as HF tokenizers 0.23.3 applies them.

HF normalizes with Unicode 9.0 tables (the ``unicode-normalization-alignments``
crate).  tokkit takes everything from Python's ``unicodedata`` (14.0 on Python
3.11) except the few code points listed in the generated ``normalization_data``
(see ``tools/gen_unicode_norm.py``).  On a Python whose ``unicodedata`` is
newer, code points assigned after the generator's version are treated as
unassigned (HF's tables are older still); ``_is_newer`` and ``_newer_ranges``
say which, here and in ``tokkit._unicode.categories``.

Plain strings go through C-level fast paths (``unicodedata.normalize``)
whenever the text holds none of those code points; the slow path reproduces
the crate's algorithm, including the ``(char, change)`` alignment stream that
``NormalizedString.transform`` eats.

>>> normalize_with_changes("NFC", "e\\u0301x")
[('é', -1), ('x', 0)]
>>> normalize_with_changes("NFD", "é")
[('e', 0), ('́', 1)]
>>> normalize("NFKC", "ﬁ①"), is_normalized("NFC", "e\\u0301")
('fi1', False)

What this module does not do: alignments (it only yields the change stream);
case mapping and character categories (``tokkit._unicode.categories``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import compress, repeat

from . import normalization_data as _data
from .code_point_sets import _CharSet, _merge, _to_ranges

__all__ = ["is_normalized", "normalize", "normalize_with_changes"]

_FORMS = ("NFD", "NFKD", "NFC", "NFKC")


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


_Decomposed = tuple[tuple[str, int, int], ...]
_DECOMPOSITIONS: tuple[dict[str, _Decomposed], dict[str, _Decomposed]] = ({}, {})  # canonical, compatibility caches


def _decomposition(c: str, compat: bool) -> _Decomposed:
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
    def _close(cps: set[int], decomposable: list[tuple[int, list[int], bool]], form: str) -> _CharSet:
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
        # _needs_slow_path looked ``form`` up in the per-form tables (a KeyError otherwise): one of _FORMS.
        return unicodedata.normalize(form, text)  # type: ignore[arg-type]
    return "".join(ch for ch, _ in normalize_with_changes(form, text))


def is_normalized(form: str, text: str) -> bool:
    """Whether HF's ``form`` would leave ``text`` unchanged (cheap check)."""
    if text.isascii():
        return True
    if not _needs_slow_path(form, text):
        # _needs_slow_path looked ``form`` up in the per-form tables (a KeyError otherwise): one of _FORMS.
        return unicodedata.is_normalized(form, text)  # type: ignore[arg-type]
    return normalize(form, text) == text
