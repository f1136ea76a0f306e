"""Generate ``src/tokkit/_unicode/grapheme_incb_data.py``: HF's sets for the UAX #29 rules over 3+ chars (GB9c, GB11).

GB9c keeps ``Consonant [Extend Linker]* Linker [Extend Linker]* x Consonant``
in one cluster (``क्त``).  The ``regex`` module's ``\\X`` applies it more
loosely (a linker joins the next consonant after any char: ``a्त`` is one
cluster there, two for HF), so tokkit applies HF's rule itself and needs HF's
three Indic_Conjunct_Break sets.  They are probed on the wheel with the same
``"#"`` charsmap as ``tools/gen_grapheme.py`` (one ``"#"`` per cluster under
6 bytes, one per char of a longer one), ``K`` = U+0915, ``V`` = U+094D:

* Linker ``c``: ``K c K U+0301`` is one cluster (4 marks) rather than ``K c | K U+0301``;
* Consonant ``c``: ``c V K U+0301`` is one cluster (4 marks);
* Extend ``c``: ``K V c K U+0301`` is one cluster (5 marks).

It also writes the chars HF's emoji rule (GB11, ``ExtPict Extend* ZWJ x ExtPict``)
takes as Extended_Pictographic and ``regex`` does not (assigned in Unicode 17,
still reserved pictographic for HF): ``c ZWJ © U+0301`` is one cluster (4 marks).

Usage: ``python tools/gen_grapheme_incb.py [output path]`` (needs ``tokenizers``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex
import tokenizers
from tokenizers import normalizers

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from tokkit._unicode.charsmap_build import build_blob  # noqa: E402
from tokkit._unicode.grapheme import JOINER_CHARS  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "tokkit" / "_unicode" / "grapheme_incb_data.py"
CHARS = [chr(c) for c in range(1, 0x110000) if not 0xD800 <= c <= 0xDFFF]
K, V, MARK = "\u0915", "\u094d", "\u0301"


def joined(hf: normalizers.Precompiled, probes: list[str], marks: int) -> set[int]:
    """The probes' distinguishing chars (index 0 or 1 or 2 per probe kind) where HF prints ``marks`` marks."""
    counts: list[int] = []
    for i in range(0, len(probes), 200_000):
        chunk = probes[i : i + 200_000]
        out = hf.normalize_str("\0" + "\0".join(chunk) + "\0").split("\0")[1:-1]
        assert len(out) == len(chunk)
        counts += [len(o) for o in out]
    return {i for i, n in enumerate(counts) if n == marks}


def measure() -> dict[str, set[int]]:
    hf = normalizers.Precompiled(build_blob({bytes((b,)): "#" for b in range(1, 256)}))
    joiners = sorted(JOINER_CHARS)
    bases = [c for c in CHARS if c not in JOINER_CHARS]
    linkers = joined(hf, [K + c + K + MARK for c in joiners], 4)
    consonants = joined(hf, [c + V + K + MARK for c in bases], 4)
    extends = joined(hf, [K + V + c + K + MARK for c in joiners], 5)
    pictographs = joined(hf, [c + "\u200d\u00a9" + MARK for c in bases], 4)
    is_pictograph = regex.compile(r"\p{Extended_Pictographic}").match
    return {
        "LINKERS": {ord(joiners[i]) for i in linkers},
        "CONSONANTS": {ord(bases[i]) for i in consonants},
        "EXTENDS": {ord(joiners[i]) for i in extends},
        "MORE_PICTOGRAPHS": {ord(bases[i]) for i in pictographs if not is_pictograph(bases[i])},
    }


def table(name: str, members: set[int]) -> str:
    ranges: list[list[int]] = []
    for c in sorted(members):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    items = [f"0x{a:X}, 0x{b:X}," for a, b in ranges]
    lines = ["    " + " ".join(items[i : i + 6]) for i in range(0, len(items), 6)]
    return f"# {len(ranges)} inclusive (first, last) ranges, flattened.\n{name} = (\n" + "\n".join(lines) + "\n)"


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    tables = measure()
    comments = {
        "LINKERS": "InCB=Linker for HF (viramas that join two consonants)",
        "CONSONANTS": "InCB=Consonant for HF",
        "EXTENDS": "InCB=Extend or Linker for HF (what may stand between the linker and the consonants)",
        "MORE_PICTOGRAPHS": f"Extended_Pictographic for HF but not for regex {regex.__version__}",
    }
    body = "".join(f"\n# {comments[name]}:\n" + table(name, members) + "\n" for name, members in tables.items())
    out.write_text(
        '"""HF tokenizers\' sets for the UAX #29 rules over 3+ chars: GB9c (Indic_Conjunct_Break), GB11 (generated; do not edit).\n\n'
        "Regenerate with ``python tools/gen_grapheme_incb.py``; it probes the HF wheel on every code point.\n"
        '"""\n\n'
        f"HF_VERSION = {tokenizers.__version__!r}\n" + body
    )
    print(f"wrote {out}: " + ", ".join(f"{len(v)} {k.lower()}" for k, v in tables.items()))


if __name__ == "__main__":
    main()
