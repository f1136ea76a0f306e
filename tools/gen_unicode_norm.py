#!/usr/bin/env python
"""Regenerate ``src/tokkit/_unicode/normalization_data.py`` by probing the HF wheel.

HF ``tokenizers`` 0.23.3 normalizes with Unicode 9.0 tables
(``unicode-normalization-alignments``), classifies Mn / C* with ~8.0 tables
(``unicode_categories``) and lowercases with the Rust std tables of the
compiler that built the wheel.  Python 3.11's ``unicodedata`` is Unicode 14.0.
tokkit uses ``unicodedata`` and keeps, in the generated file, only the code
points where HF behaves differently (plus the ranges of assigned code points,
so that a Python with newer Unicode data can ignore the newer characters).

This script asks the installed wheel about **every** code point (surrogates
excluded), in large batches joined by a separator char, compares each answer
with what plain ``unicodedata`` predicts, writes the differences, then reloads
tokkit and checks its implementation against HF on every code point again.

Usage (from the repository root, in a Python environment with ``tokenizers==0.23.3`` installed)::

    python tools/gen_unicode_norm.py [--check]

``--check`` only verifies the current data file (no rewrite).  Runs in ~1 min.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import types
import unicodedata
from pathlib import Path
from typing import Callable, Iterable

import tokenizers
from tokenizers import normalizers as N

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "tokkit" / "_unicode" / "normalization_data.py"
EXPECTED_HF = "0.23.3"
BATCH = 1 << 16

ALL_CHARS = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]


# -- probing helpers -----------------------------------------------------------
def probe(fn: Callable[[str], str], chars: list[str], sep: str = "\x01") -> dict[str, str]:
    """``{c: fn(c)}`` for every char, computed in batches ``c1 sep c2 sep ...``.

    ``sep`` must be a starter that ``fn`` maps to itself and that never
    composes, reorders or merges with its neighbours.
    """
    out: dict[str, str] = {}
    todo = [c for c in chars if c != sep]
    for i in range(0, len(todo), BATCH):
        chunk = todo[i : i + BATCH]
        pieces = fn(sep.join(chunk)).split(sep)
        if len(pieces) != len(chunk):
            raise SystemExit(f"separator {sep!r} is not inert for {fn}")
        out.update(zip(chunk, pieces))
    if sep in chars:
        out[sep] = fn(sep)
    return out


def to_ranges(cps: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points -> inclusive ``(start, end)`` ranges."""
    ranges: list[list[int]] = []
    for cp in sorted(cps):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return [(a, b) for a, b in ranges]


def category_set(pred: Callable[[str], bool]) -> set[int]:
    return {ord(c) for c in ALL_CHARS if pred(c)}


# -- normalization forms -------------------------------------------------------
FORMS = {"NFD": N.NFD(), "NFKD": N.NFKD(), "NFC": N.NFC(), "NFKC": N.NFKC()}


def decomposition_overrides(form: str) -> tuple[dict[int, str], dict[str, str]]:
    hf = probe(FORMS[form].normalize_str, ALL_CHARS)
    diff = {ord(c): r for c, r in hf.items() if r != unicodedata.normalize(form, c)}
    return diff, hf


def ccc_overrides(nfd_stable: list[str]) -> dict[int, int]:
    """HF's canonical combining class where it differs from Python's.

    ``U+0345`` (ccc 240) before ``c`` is reordered iff 0 < ccc(c) < 240;
    ``c`` before ``U+0334`` (ccc 1) is reordered iff ccc(c) > 1.  CCC values
    are stable across Unicode versions, so HF's class is Python's or 0.
    """
    nfd = FORMS["NFD"].normalize_str
    chars = [c for c in nfd_stable if c != "\x01"]  # the separator is ASCII: ccc 0 everywhere
    high = probe(nfd, ["\u0345" + c for c in chars])
    low = probe(nfd, [c + "\u0334" for c in chars])
    diff: dict[int, int] = {}
    for c in chars:
        p = unicodedata.combining(c)
        moved_high = high["\u0345" + c] != "\u0345" + c
        moved_low = low[c + "\u0334"] != c + "\u0334"
        if (moved_high, moved_low) == (0 < p < 240, p > 1):
            continue
        if not moved_high and not moved_low:
            diff[ord(c)] = 0
        else:
            diff[ord(c)] = exact_ccc(c)
    return diff


def exact_ccc(c: str) -> int:
    """HF's ccc of ``c`` by comparing with a mark of every class (rare path)."""
    nfd = FORMS["NFD"].normalize_str
    marks: dict[int, str] = {}
    for m in ALL_CHARS:
        k = unicodedata.combining(m)
        if k and k not in marks and unicodedata.normalize("NFD", m) == m:
            marks[k] = m
    below = [k for k, m in sorted(marks.items()) if nfd(m + c) != m + c]
    return min(below) - 1 if below else 240


def python_compositions() -> dict[tuple[str, str], str]:
    """Python's primary composites: 2-char canonical decompositions that NFC keeps."""
    table = {}
    for c in ALL_CHARS:
        d = unicodedata.decomposition(c)
        if not d or d.startswith("<"):
            continue
        parts = [chr(int(x, 16)) for x in d.split()]
        if len(parts) == 2 and unicodedata.normalize("NFC", c) == c:
            table[(parts[0], parts[1])] = c
    return table


def composition_overrides() -> list[tuple[int, int]]:
    """Python composition pairs that HF does not compose (new after 9.0)."""
    pairs = python_compositions()
    keys = list(pairs)
    hf = probe(FORMS["NFC"].normalize_str, [a + b for a, b in keys])
    return sorted((ord(a), ord(b)) for (a, b) in keys if hf[a + b] != pairs[(a, b)])


# -- char classes ------------------------------------------------------------------
def lowercase_overrides() -> dict[int, str]:
    hf = probe(N.Lowercase().normalize_str, ALL_CHARS)
    return {ord(c): r for c, r in hf.items() if r != c.lower()}


def set_overrides(hf_set: set[int], py_set: set[int]) -> tuple[list, list]:
    """(ranges HF adds, ranges HF removes) relative to Python's set."""
    return to_ranges(hf_set - py_set), to_ranges(py_set - hf_set)


def mark_overrides() -> tuple[list, list]:
    hf = probe(N.StripAccents().normalize_str, ALL_CHARS)
    hf_marks = {ord(c) for c, r in hf.items() if r == ""}
    py_marks = category_set(lambda c: unicodedata.category(c)[0] == "M")
    return set_overrides(hf_marks, py_marks)


def bert_mn_overrides(nfd_stable: list[str]) -> tuple[list, list]:
    bert = N.BertNormalizer(clean_text=False, handle_chinese_chars=False, strip_accents=True, lowercase=False)
    hf = probe(bert.normalize_str, nfd_stable)
    hf_mn = {ord(c) for c, r in hf.items() if r == ""}
    py_mn = {ord(c) for c in nfd_stable if unicodedata.category(c) == "Mn"}
    return set_overrides(hf_mn, py_mn)


WHITESPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                 "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


OTHER = ("Cc", "Cf", "Co", "Cs")


def bert_clean_overrides() -> tuple[list, list]:
    """BertNormalizer clean_text: which chars HF removes.

    HF's ``is_other`` (``unicode_categories``) is Cc, Cf, Co and Cs: unassigned
    code points (Cn) are *kept*.  NUL and U+FFFD are removed too; ``\\t\\n\\r``
    are kept (mapped to a space).
    """
    bert = N.BertNormalizer(clean_text=True, handle_chinese_chars=False, strip_accents=False, lowercase=False)
    hf = probe(bert.normalize_str, ALL_CHARS, sep="a")
    for c, r in hf.items():
        expected_kept = " " if c in WHITESPACE else c
        if r not in ("", expected_kept):
            raise SystemExit(f"unexpected clean_text result for U+{ord(c):04X}: {r!r}")
    hf_removed = {ord(c) for c, r in hf.items() if r == ""}
    py_removed = category_set(
        lambda c: c in "\x00\ufffd" or (unicodedata.category(c) in OTHER and c not in "\t\n\r")
    )
    return set_overrides(hf_removed, py_removed)


# -- writing -----------------------------------------------------------------------
HEADER = '''"""GENERATED by tools/gen_unicode_norm.py -- do not edit by hand.

Regenerate with ``python tools/gen_unicode_norm.py`` (needs tokenizers=={hf}).

Only the code points where HF tokenizers {hf} behaves differently from
Python's ``unicodedata`` {uni} are listed; everything else comes from
``unicodedata`` at run time.  ``ASSIGNED`` lists the code points that
``unicodedata`` {uni} knows, so that on a Python with newer data the later
characters are treated as unassigned, as HF's older tables do.  Ranges are
inclusive ``(first, last)`` pairs.
"""

# fmt: off
'''


def literal(value: object) -> str:
    """Python source for a table item: code points in hex, strings ASCII-escaped."""
    if isinstance(value, int):
        return f"0x{value:X}"
    if isinstance(value, str):
        return ascii(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(v) for v in value) + ")"
    raise TypeError(value)


def fmt(name: str, value: object, comment: str) -> str:
    """``NAME = {...}`` / ``NAME = [...]``, wrapped at 100 columns."""
    if isinstance(value, dict):
        # keys are code points (hex); int values (combining classes) stay decimal
        items = [f"{literal(k)}: {v if isinstance(v, int) else literal(v)}" for k, v in value.items()]
        open_, close = "{", "}"
    else:
        items = [literal(v) for v in value]  # type: ignore[attr-defined]
        open_, close = "[", "]"
    lines, line = [], "   "
    for item in items:
        if len(line) + len(item) + 2 > 100:
            lines.append(line.rstrip())
            line = "   "
        line += f" {item},"
    if items:
        lines.append(line.rstrip())
    body = open_ + ("\n" + "\n".join(lines) + "\n" if items else "") + close
    # an empty table has no items to infer a type from (mypy --strict): range lists are (first, last) pairs
    annotation = "" if items else (": list[tuple[int, int]]" if open_ == "[" else ": dict[int, object]")
    return f"# {comment}\n{name}{annotation} = {body}\n\n"


def write(tables: dict[str, tuple[object, str]]) -> None:
    text = HEADER.format(hf=tokenizers.__version__, uni=unicodedata.unidata_version)
    text += f'UNIDATA_VERSION = "{unicodedata.unidata_version}"\n'
    text += f'HF_VERSION = "{tokenizers.__version__}"\n\n'
    for name, (value, comment) in tables.items():
        text += fmt(name, value, comment)
    OUT.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def generate() -> None:
    t0 = time.time()
    nfd, hf_nfd = decomposition_overrides("NFD")
    nfkd, _ = decomposition_overrides("NFKD")
    nfd_stable = [c for c in ALL_CHARS if hf_nfd[c] == c]
    tables: dict[str, tuple[object, str]] = {
        "NFD_DECOMPOSITION": (nfd, "HF's full canonical decomposition (NFD of the char alone)"),
        "NFKD_DECOMPOSITION": (nfkd, "HF's full compatibility decomposition (NFKD of the char alone)"),
        "COMBINING_CLASS": (ccc_overrides(nfd_stable), "HF's canonical combining class"),
        "COMPOSITION_REMOVED": (composition_overrides(), "(first, second) pairs HF does not compose"),
        "LOWERCASE": (lowercase_overrides(), "Rust char::to_lowercase where it differs from str.lower"),
    }
    added, removed = mark_overrides()
    tables["MARK_ADDED"] = (added, "StripAccents: HF combining marks (9.0) that Python's M* lacks")
    tables["MARK_REMOVED"] = (removed, "StripAccents: Python M* chars HF keeps")
    added, removed = bert_mn_overrides(nfd_stable)
    tables["BERT_MN_ADDED"] = (added, "BertNormalizer strip_accents: HF Mn (~8.0) not Mn in Python")
    tables["BERT_MN_REMOVED"] = (removed, "BertNormalizer strip_accents: Python Mn chars HF keeps")
    added, removed = bert_clean_overrides()
    tables["BERT_CONTROL_ADDED"] = (added, "BertNormalizer clean_text: chars HF removes that are not Cc/Cf/Co in Python")
    tables["BERT_CONTROL_REMOVED"] = (removed, "BertNormalizer clean_text: Python Cc/Cf/Co chars HF keeps")
    assigned = to_ranges(category_set(lambda c: unicodedata.category(c) != "Cn"))
    tables["ASSIGNED"] = (assigned, "code points assigned in this unicodedata: on a Python with newer "
                          "data, later chars are treated as unassigned, as HF's old tables do")
    write(tables)
    print(f"wrote {OUT.relative_to(ROOT)} in {time.time() - t0:.1f}s")


# -- verification ----------------------------------------------------------------
def _load_unicode_norm() -> tuple[types.ModuleType, types.ModuleType]:
    """Import ``tokkit._unicode.normalization`` and ``.categories`` (fresh) without running ``tokkit/__init__``."""
    package = types.ModuleType("tokkit")
    package.__path__ = [str(ROOT / "src" / "tokkit")]  # type: ignore[attr-defined]
    for name in [n for n in sys.modules if n == "tokkit" or n.startswith("tokkit.")]:
        del sys.modules[name]
    sys.modules["tokkit"] = package
    norm = importlib.import_module("tokkit._unicode.normalization")
    return norm, importlib.import_module("tokkit._unicode.categories")


def verify() -> int:
    """Compare tokkit with HF on every code point; returns the number of mismatches."""
    un, cats = _load_unicode_norm()
    bad = 0

    def compare(label: str, hf: dict[str, str], ours: Callable[[str], str]) -> None:
        nonlocal bad
        wrong = [c for c, r in hf.items() if ours(c) != r]
        bad += len(wrong)
        shown = ", ".join(f"U+{ord(c):04X}" for c in wrong[:8])
        print(f"  {label:<28} {len(wrong):>6} mismatches {shown}")

    decomposed = {}
    for form, norm in FORMS.items():
        hf = probe(norm.normalize_str, ALL_CHARS)
        compare(form + " per char", hf, lambda c, f=form: un.normalize(f, c))
        compare(form + " per char (aligned)", hf,
                lambda c, f=form: "".join(ch for ch, _ in un.normalize_with_changes(f, c)))
        if form in ("NFD", "NFKD"):
            decomposed[form] = sorted({r for r in hf.values() if len(r) > 1})
    for form, source in (("NFC", "NFD"), ("NFKC", "NFKD")):
        hf = probe(FORMS[form].normalize_str, decomposed[source])
        compare(f"{form} of {source} strings", hf, lambda s, f=form: un.normalize(f, s))
    pairs = [a + b for a, b in python_compositions()]
    hf = probe(FORMS["NFC"].normalize_str, pairs)
    compare("NFC composition pairs", hf, lambda s: un.normalize("NFC", s))
    compare("lowercase", probe(N.Lowercase().normalize_str, ALL_CHARS), cats.lowercase_char)
    compare("StripAccents", probe(N.StripAccents().normalize_str, ALL_CHARS), cats.strip_marks)
    bert = N.BertNormalizer(clean_text=True, handle_chinese_chars=False, strip_accents=False, lowercase=False)
    compare("Bert clean_text", probe(bert.normalize_str, ALL_CHARS, sep="a"), cats.bert_clean_text)
    bert = N.BertNormalizer(clean_text=False, handle_chinese_chars=False, strip_accents=True, lowercase=False)
    compare("Bert strip_accents", probe(bert.normalize_str, ALL_CHARS), cats.bert_strip_accents)
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only verify the current data file")
    args = parser.parse_args()
    if tokenizers.__version__ != EXPECTED_HF:
        raise SystemExit(f"tokenizers=={EXPECTED_HF} is the reference; found {tokenizers.__version__}")
    if not args.check:
        generate()
    bad = verify()
    print("OK" if bad == 0 else f"FAILED: {bad} mismatches")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
