"""Generate ``src/tokkit/_unicode/char_classes_data.py`` by probing the HF wheel.

HF's pre-tokenizers classify characters with tables of different Unicode
versions (Rust ``regex`` ``\\w``, Rust ``char::is_numeric``, the old
``unicode_categories`` punctuation table, Oniguruma's ``\\p{L}``/``\\p{N}``/
``\\s``, and HF's own ``scripts.rs``).  Python's ``unicodedata`` and the
``regex`` module carry other versions, so tokkit ships the exact sets, measured
here on every code point through the public ``tokenizers`` API:

* ``\\w`` (and Rust regex ``\\s``): ``Whitespace`` on ``"a" + c + " "``;
* ``is_numeric``: ``Digits(individual_digits=True)`` on ``"a".join(chars)``;
* punctuation: ``Punctuation()`` the same way;
* Oniguruma classes: ``Split(Regex(r"\\p{L}"), "removed")`` over all chars;
* scripts: ``UnicodeScripts`` runs over all chars, classes joined pairwise.

Usage: ``python tools/gen_unicode_pretok.py [output path]`` (needs ``tokenizers``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import tokenizers
from tokenizers import Regex
from tokenizers import pre_tokenizers as pt

OUT = Path(__file__).resolve().parents[1] / "src" / "tokkit" / "_unicode" / "char_classes_data.py"
CODEPOINTS = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
CHARS = [chr(c) for c in CODEPOINTS]


def to_ranges(members: set[int]) -> list[tuple[int, int]]:
    """Sorted code points -> inclusive ``(first, last)`` ranges."""
    out: list[list[int]] = []
    for c in sorted(members):
        if out and out[-1][1] == c - 1:
            out[-1][1] = c
        else:
            out.append([c, c])
    return [(a, b) for a, b in out]


def isolated_singles(pre_tokenizer: pt.PreTokenizer) -> set[int]:
    """Chars that ``pre_tokenizer`` isolates between ``a`` separators."""
    text = "a" + "a".join(CHARS) + "a"
    return {ord(s) for s, _ in pre_tokenizer.pre_tokenize_str(text) if len(s) == 1 and s != "a"}


def onig_class(body: str) -> set[int]:
    """Code points matched by the Oniguruma class ``body`` (as HF's Split compiles it)."""
    text = "".join(CHARS)
    kept = pt.Split(Regex(body), "removed").pre_tokenize_str(text)
    unmatched = bytearray(len(CHARS))
    for _, (start, end) in kept:
        unmatched[start:end] = b"\x01" * (end - start)
    return {CODEPOINTS[i] for i, flag in enumerate(unmatched) if not flag}


def rust_word_and_space() -> tuple[set[int], set[int]]:
    """Rust regex ``\\w`` and ``\\s`` through ``Whitespace`` (``\\w+|[^\\w\\s]+``)."""
    text = "".join("a" + c + " " for c in CHARS)
    ends = {start: end for _, (start, end) in pt.Whitespace().pre_tokenize_str(text)}
    word: set[int] = set()
    space: set[int] = set()
    for k, c in enumerate(CODEPOINTS):
        end = ends.get(3 * k)
        if end == 3 * k + 2:
            word.add(c)
        elif end == 3 * k + 1 and (3 * k + 1) not in ends:
            space.add(c)
    return word, space


def script_any() -> set[int]:
    """Chars of script Any: they never start a new script run on either side."""
    probe = pt.UnicodeScripts()
    latin_first = probe.pre_tokenize_str("".join("a" + c + "中" for c in CHARS))
    han_first = probe.pre_tokenize_str("".join("中" + c + "a" for c in CHARS))
    joined_after_a = {s[1] for s, _ in latin_first if len(s) == 2 and s[0] == "a"}
    joined_after_han = {s[1] for s, _ in han_first if len(s) == 2 and s[0] == "中"}
    return {ord(c) for c in joined_after_a & joined_after_han}


def script_classes(any_chars: set[int]) -> dict[int, int]:
    """Code point -> script class id (1..n) for every non-Any char."""
    probe = pt.UnicodeScripts()
    scripted = [c for c in CODEPOINTS if c not in any_chars]
    runs = probe.pre_tokenize_str("".join(chr(c) for c in scripted))
    representatives: list[str] = []
    classes: dict[int, int] = {}
    for text, _ in runs:
        rep = text[0]
        for class_id, other in enumerate(representatives, 1):
            if len(probe.pre_tokenize_str(other + rep)) == 1:
                break
        else:
            representatives.append(rep)
            class_id = len(representatives)
        for c in text:
            classes[ord(c)] = class_id
    return classes


def script_table(any_chars: set[int]) -> list[tuple[int, int]]:
    """``(first code point, class id)`` boundaries covering 0..0x10FFFF; 0 is Any."""
    classes = script_classes(any_chars)
    table: list[tuple[int, int]] = []
    for c in range(0x110000):
        class_id = classes.get(c, 0)
        if not table or table[-1][1] != class_id:
            table.append((c, class_id))
    return table


def format_ranges(name: str, comment: str, ranges: list[tuple[int, int]]) -> str:
    flat = [f"0x{v:X}" for pair in ranges for v in pair]
    lines = [f"# {comment}: {len(ranges)} inclusive (first, last) ranges, flattened.", f"{name} = ("]
    for i in range(0, len(flat), 12):
        lines.append("    " + ", ".join(flat[i : i + 12]) + ",")
    lines.append(")")
    return "\n".join(lines)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    word, space = rust_word_and_space()
    onig_space = onig_class(r"\s")
    if space != onig_space:
        raise SystemExit("Rust regex \\s and Oniguruma \\s differ: tokkit assumes one whitespace set")
    any_chars = script_any()
    tables = [
        ("WORD", "Rust regex \\w (Whitespace, added-token single_word)", to_ranges(word)),
        ("SPACE", "Rust regex \\s == Oniguruma \\s (White_Space)", to_ranges(space)),
        ("NUMERIC", "Rust char::is_numeric (Digits)", to_ranges(isolated_singles(pt.Digits(True)))),
        ("PUNCTUATION", "HF punctuation: ASCII punct or unicode_categories P*", to_ranges(isolated_singles(pt.Punctuation()))),
        ("ONIG_LETTER", "Oniguruma \\p{L} (GPT-2 ByteLevel regex)", to_ranges(onig_class(r"\p{L}"))),
        ("ONIG_NUMBER", "Oniguruma \\p{N} (GPT-2 ByteLevel regex)", to_ranges(onig_class(r"\p{N}"))),
    ]
    scripts = script_table(any_chars)
    parts = [
        f'"""Unicode tables of HF tokenizers {tokenizers.__version__} pre-tokenizers (generated; do not edit).',
        "",
        "Regenerate with ``python tools/gen_unicode_pretok.py``; it probes the HF wheel on every",
        "code point.  Surrogates are absent (HF cannot receive them).",
        '"""',
        "",
        f"HF_VERSION = {tokenizers.__version__!r}",
        "",
    ]
    parts += [format_ranges(name, comment, ranges) + "\n" for name, comment, ranges in tables]
    flat = [f"0x{v:X}" for pair in scripts for v in pair]
    parts.append(
        f"# UnicodeScripts classes after HF's fixes (kana and U+30FC are Han, ' ' is Any):\n"
        f"# {len(scripts)} (first code point, class) boundaries, flattened; class 0 is Any.\nSCRIPTS = ("
    )
    parts += ["    " + ", ".join(flat[i : i + 12]) + "," for i in range(0, len(flat), 12)]
    parts.append(")\n")
    out.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {out}: " + ", ".join(f"{n}={len(r)}" for n, _, r in tables) + f", SCRIPTS={len(scripts)}")


if __name__ == "__main__":
    main()
