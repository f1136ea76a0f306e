"""Generate ``src/tokkit/_unicode/grapheme_data.py``: where ``regex``'s ``\\X`` and HF's graphemes differ.

HF's ``Precompiled`` normalizer walks extended grapheme clusters from the Rust
``unicode-segmentation`` crate (1.13.3 in tokenizers 0.23.3).  tokkit uses the
``regex`` module's ``\\X`` (the same UAX #29 rules) and corrects it where its
Unicode version differs.  Python's ``unicodedata`` has no
Grapheme_Cluster_Break property, so the wheel itself is probed:

* a charsmap mapping every single byte 0x01-0xFF to ``"#"`` makes HF emit one
  ``"#"`` per cluster of under 6 bytes and one per char of a longer cluster;
* probes ``a+c``, ``c+a`` (all code points) and ``c+U+0301``, ``U+0600+c``,
  ``CR+c``, ``c+ZWJ`` (BMP), separated by NUL, show every boundary HF can act
  on: Extend/ZWJ/SpacingMark, Prepend, Control/CR/LF membership of ``c``.

It writes HF's joiner and Prepend sets (the fast paths' char classes) and the
only difference from ``regex`` found so far: chars new in Unicode 17 that
``regex`` joins to the char before them (GCB Extend) and HF (Unicode 16:
unassigned) does not.  Any other kind of difference makes this script fail.

Usage: ``python tools/gen_grapheme.py [output path]`` (needs ``tokenizers``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex
import tokenizers
from tokenizers import normalizers

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from tokkit._unicode.charsmap_build import build_blob  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "tokkit" / "_unicode" / "grapheme_data.py"
CHARS = [chr(c) for c in range(1, 0x110000) if not 0xD800 <= c <= 0xDFFF]
_X = regex.compile(r"\X")


def probes() -> list[str]:
    """Every pair whose joining HF can show (both chars under 6 bytes together)."""
    out: list[str] = []
    for c in CHARS:
        out += ["a" + c, c + "a"]
        if ord(c) < 0x10000:
            out += [c + "\u0301", "\u0600" + c, "\r" + c, c + "\u200d"]
    return out


def hf_marks(hf: normalizers.Precompiled, chunk: list[str]) -> list[str]:
    return hf.normalize_str("\0" + "\0".join(chunk) + "\0").split("\0")[1:-1]


def regex_marks(chunk: list[str]) -> list[str]:
    """What HF would print for each probe if its clusters were ``regex``'s."""
    return ["".join("#" if len(c.encode()) < 6 else "#" * len(c) for c in _X.findall(probe)) for probe in chunk]


def measure() -> tuple[set[int], set[int], set[int]]:
    """HF's joiners (``a+c`` is one cluster), HF's Prepend chars (``c+a`` is one), and where regex differs.

    Fails on any difference other than regex joining a char HF does not.
    """
    hf = normalizers.Precompiled(build_blob({bytes((b,)): "#" for b in range(1, 256)}))
    all_probes = probes()
    joiners: set[int] = set()
    prepends: set[int] = set()
    not_joiners: set[int] = set()
    for i in range(0, len(all_probes), 200_000):
        chunk = all_probes[i : i + 200_000]
        for probe, got, predicted in zip(chunk, hf_marks(hf, chunk), regex_marks(chunk)):
            if len(probe) == 2 and got == "#":
                if probe[0] == "a":
                    joiners.add(ord(probe[1]))
                elif probe[1] == "a":
                    prepends.add(ord(probe[0]))
            if got == predicted:
                continue
            if probe[0] == "a" and len(probe) == 2 and (got, predicted) == ("##", "#"):
                not_joiners.add(ord(probe[1]))
            else:
                raise SystemExit(f"unexpected grapheme difference on {probe!r}: HF {got!r}, regex {predicted!r}")
    return joiners, prepends, not_joiners


def to_ranges(members: set[int]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for c in sorted(members):
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return [(a, b) for a, b in out]


def flat(ranges: list[tuple[int, int]]) -> str:
    lines, line = [], []
    for a, b in ranges:
        line.append(f"0x{a:X}, 0x{b:X},")
        if len(line) == 6:
            lines.append("    " + " ".join(line))
            line = []
    if line:
        lines.append("    " + " ".join(line))
    return "(\n" + "\n".join(lines) + "\n)"


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    joiners, prepends, not_joiners = measure()
    tables = {
        "JOINERS": ("Chars HF joins to any char before them but a control (GCB Extend, ZWJ, SpacingMark)", joiners),
        "PREPENDS": ("Chars HF joins to any char after them but a control (GCB Prepend)", prepends),
        "NOT_JOINERS": ("Chars regex joins to the char before them (GCB Extend) but HF does not", not_joiners),
    }
    body = ""
    for name, (comment, members) in tables.items():
        ranges = to_ranges(members)
        body += f"\n# {comment}:\n# {len(ranges)} inclusive (first, last) ranges, flattened.\n{name} = {flat(ranges)}\n"
    out.write_text(
        '"""Grapheme cluster data of HF tokenizers, and where ``regex`` ``\\\\X`` differs (generated; do not edit).\n\n'
        "Regenerate with ``python tools/gen_grapheme.py``; it probes the HF wheel on every code point.\n"
        '"""\n\n'
        f"HF_VERSION = {tokenizers.__version__!r}\n"
        f"REGEX_VERSION = {regex.__version__!r}\n" + body
    )
    print(f"wrote {out}: {len(joiners)} joiners, {len(prepends)} prepends, {len(not_joiners)} regex differences")


if __name__ == "__main__":
    main()
