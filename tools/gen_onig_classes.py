"""Generate ``src/tokkit/_unicode/oniguruma_data.py`` by probing the HF wheel's Oniguruma.

User patterns (``tokkit.Regex`` in Split, Replace) are compiled by HF with
Oniguruma 6.9.x, whose Unicode tables (and a few definitions: ``\\h`` is a hex
digit, ``[[:digit:]]`` is Unicode ``Nd``, ``[[:punct:]]`` is ``P`` plus ``S``)
differ from the ``regex`` module's.  For every class a user is likely to write,
this measures the exact set Oniguruma matches on every code point through
``Split(Regex(cls), "removed")`` and stores it when it differs from the
``regex`` builtin tokkit compiles it to (the "builtin" column below).

Usage: ``python tools/gen_onig_classes.py [output path]`` (needs ``tokenizers``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex
import tokenizers
from tokenizers import Regex
from tokenizers import pre_tokenizers as pt

OUT = Path(__file__).resolve().parents[1] / "src" / "tokkit" / "_unicode" / "oniguruma_data.py"
CODEPOINTS = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
TEXT = "".join(chr(c) for c in CODEPOINTS)

_CATEGORIES = ("L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So "
               "Z Zs Zl Zp C Cc Cf Cn Co").split()
_SCRIPTS = ("Han Hiragana Katakana Hangul Latin Cyrillic Greek Arabic Hebrew Thai Devanagari "
            "Common Inherited").split()

#: key -> (Oniguruma class as HF users write it, ``regex`` bracket body tokkit compiles it to)
CLASSES: dict[str, tuple[str, str]] = {
    **{cat: (rf"\p{{{cat}}}", rf"\p{{{cat}}}") for cat in _CATEGORIES},
    **{name.lower(): (rf"\p{{{name}}}", rf"\p{{{name}}}") for name in _SCRIPTS},
    "word": (r"\w", r"\w"),
    # Oniguruma quirk: inside brackets \w (and [[:word:]]) lacks the six No chars ²³¹¼½¾ that \w has.
    "bracketword": (r"[\w]", r"\w"),
    "digit": (r"\d", r"\d"),
    "space": (r"\s", r"\s"),
    "alpha": ("[[:alpha:]]", r"\p{Alphabetic}"),
    "alnum": ("[[:alnum:]]", r"\p{Alphabetic}\p{Nd}"),
    "punct": ("[[:punct:]]", r"\p{P}\p{S}"),
    "upper": ("[[:upper:]]", r"\p{Uppercase}"),
    "lower": ("[[:lower:]]", r"\p{Lowercase}"),
    "graph": ("[[:graph:]]", "[:graph:]"),
    "print": ("[[:print:]]", "[:print:]"),
    "emoji": (r"\p{Emoji}", r"\p{Emoji}"),
}


def onig_set(body: str) -> set[int]:
    kept = pt.Split(Regex(body), "removed").pre_tokenize_str(TEXT)
    unmatched = bytearray(len(CODEPOINTS))
    for _, (start, end) in kept:
        unmatched[start:end] = b"\x01" * (end - start)
    return {CODEPOINTS[i] for i, flag in enumerate(unmatched) if not flag}


def builtin_set(body: str) -> set[int]:
    return {ord(m.group()) for m in regex.finditer(f"[{body}]", TEXT)}


def to_ranges(members: set[int]) -> str:
    """Sorted code points -> ``"first-last,..."`` in hex (a single char is just ``first``)."""
    out: list[list[int]] = []
    for c in sorted(members):
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return ",".join(f"{a:X}" if a == b else f"{a:X}-{b:X}" for a, b in out)


def main(path: Path) -> None:
    lines = [
        '"""Oniguruma character classes of HF tokenizers {} (generated; do not edit).'.format(tokenizers.__version__),
        "",
        "Regenerate with ``python tools/gen_onig_classes.py``.  Only the classes whose",
        "Oniguruma set differs from the ``regex`` builtin (second item) are stored; the",
        "first item is the exact set as ``first-last`` hex ranges.  Surrogates are absent.",
        '"""',
        "",
        f"HF_VERSION = {tokenizers.__version__!r}",
        f"REGEX_VERSION = {regex.__version__!r}",
        "",
        "CLASSES = {",
    ]
    for key, (onig, builtin) in CLASSES.items():
        exact, approx = onig_set(onig), builtin_set(builtin)
        ascii_diff = {c for c in exact ^ approx if c < 0x80}
        assert not ascii_diff, (key, ascii_diff)
        if exact == approx:
            continue
        print(f"{key}: {len(exact - approx)} onig-only, {len(approx - exact)} regex-only", file=sys.stderr)
        lines.append(f"    {key!r}: ({to_ranges(exact)!r}, {builtin!r}),")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
