"""tokkit vs HF tokenizers: ``encode`` of one huge input (a 10 MB word, or 10 MB of English lines).

Each case is a tokenizer file and a text: random lowercase letters, English
text with its whitespace removed, ``"a" * N``, random CJK ideographs
(U+4E00..U+9FFF), or English with its spaces and newlines (``lines``); a
``-special`` case has a special token in its middle, which sends the text
through the aligned path.  The text is written to a temporary file once; then each
library, in its own fresh subprocess (alternating, ``--rounds`` times, medians),
reads it, loads the tokenizer with ``Tokenizer.from_file`` and calls
``encode(text)``.  It reports the wall time of ``encode``, the peak RSS of the
subprocess (``ru_maxrss``: text, tokenizer and encoding included), the ratios
tokkit / HF, and whether both gave the same ids and offsets.

Usage:
    python benchmarks/bench_huge.py [--corpus PATH] [--size 10000000] [--cjk-size 1000000]
                                    [--rounds 1] [--only gpt2-letters,phi-3-cjk] [--list]

The English text comes from ``--corpus`` (default ../shared/corpora/english-nltk.txt,
else tests/data/wikitext-slice.txt), repeated as needed; the tokenizer files
from tests/data.  Start with ``--size 1000000`` for a quick look.  Cases are
rows of ``CASES``.  This is a
benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path
from typing import Callable, NamedTuple

from _harness import DEFAULT_CORPUS, ROOT, alternate, medians, run_child

DATA = ROOT / "tests" / "data"
FALLBACK_CORPUS = DATA / "wikitext-slice.txt"

CHILD = r"""
import hashlib, json, resource, sys, time
lib_name, tokenizer_file, text_file = sys.argv[1], sys.argv[2], sys.argv[3]
if lib_name == "hf":
    import tokenizers as lib
else:
    import tokkit as lib
with open(text_file, encoding="utf-8") as f:
    text = f.read()
tok = lib.Tokenizer.from_file(tokenizer_file)
start = time.perf_counter()
encoding = tok.encode(text)
encode = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
digest = hashlib.sha256()
digest.update(json.dumps(encoding.ids).encode())
digest.update(json.dumps(encoding.offsets).encode())
print(json.dumps({"encode": encode, "rss_mb": rss, "tokens": len(encoding.ids), "digest": digest.hexdigest()}))
"""


class Case(NamedTuple):
    """One row of the table: a tokenizer file of tests/data, a text kind and its size option."""

    name: str
    tokenizer: str
    kind: str
    size: str  # "size" (chars of an ASCII text) or "cjk_size" (ideographs)


CASES = [
    Case("gpt2-letters", "gpt2.json", "letters", "size"),
    Case("gpt2-english", "gpt2.json", "english", "size"),
    Case("gpt2-a", "gpt2.json", "a", "size"),
    Case("gpt2-cjk", "gpt2.json", "cjk", "cjk_size"),
    Case("phi-3-letters", "phi-3.json", "letters", "size"),
    Case("phi-3-english", "phi-3.json", "english", "size"),
    Case("phi-3-a", "phi-3.json", "a", "size"),
    Case("phi-3-cjk", "phi-3.json", "cjk", "cjk_size"),
    Case("t5-letters", "t5-small.json", "letters", "size"),
    Case("t5-english", "t5-small.json", "english", "size"),
    Case("t5-a", "t5-small.json", "a", "size"),
    Case("t5-cjk", "t5-small.json", "cjk", "size"),
    Case("t5-lines", "t5-small.json", "lines", "size"),
    # A special token in the middle sends the text through the aligned path (NormalizedString, splits).
    Case("gpt2-cjk-special", "gpt2.json", "cjk+<|endoftext|>", "cjk_size"),
    Case("t5-lines-special", "t5-small.json", "lines+</s>", "size"),
]


def english(n: int, corpus: Path, keep_whitespace: bool = False) -> str:
    """The corpus (with its whitespace removed, unless kept), repeated or cut to ``n`` chars."""
    with open(corpus, encoding="utf-8") as handle:
        base = handle.read(n * 2)
    if not keep_whitespace:
        base = re.sub(r"\s+", "", base)
    return (base * (n // len(base) + 1))[:n]


def make_text(kind: str, n: int, corpus: Path) -> str:
    """The text of a case (seeded: the same on every run); ``kind+token`` puts ``token`` in its middle."""
    if "+" in kind:
        kind, token = kind.split("+", 1)
        text = make_text(kind, n, corpus)
        return text[: n // 2] + token + text[n // 2:]
    rng = random.Random(1234)
    makers: dict[str, Callable[[], str]] = {
        "letters": lambda: "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=n)),
        "english": lambda: english(n, corpus),
        "lines": lambda: english(n, corpus, keep_whitespace=True),
        "a": lambda: "a" * n,
        "cjk": lambda: "".join(map(chr, (rng.randint(0x4E00, 0x9FFF) for _ in range(n)))),
    }
    return makers[kind]()


def bench(case: Case, args: argparse.Namespace, tmp: Path) -> dict:
    n = getattr(args, case.size)
    text_file = tmp / f"{case.name}-{n}.txt"
    if not text_file.exists():
        text_file.write_text(make_text(case.kind, n, args.corpus), encoding="utf-8")
    tokenizer_file = args.tokenizers / case.tokenizer
    results = alternate(
        args.rounds, lambda lib: run_child(CHILD, lib, tokenizer_file, text_file),
        lambda r: f"encode {r['encode']:7.2f}s  peak {r['rss_mb']:7.0f} MB", label=f"{case.name:14s} ",
    )
    med: dict = medians(results, ("encode", "rss_mb"))
    med["same"] = len({run["digest"] for runs in results.values() for run in runs}) == 1
    med["chars"] = n
    return med


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS if DEFAULT_CORPUS.exists() else FALLBACK_CORPUS)
    parser.add_argument("--tokenizers", type=Path, default=DATA, help="folder of the tokenizer files")
    parser.add_argument("--size", type=int, default=10_000_000, help="chars of the ASCII texts")
    parser.add_argument("--cjk-size", type=int, default=1_000_000, help="chars of the CJK texts")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--only", default="", help="comma-separated case names (default: all)")
    parser.add_argument("--list", action="store_true", help="print the case names and exit")
    args = parser.parse_args()
    if args.list:
        print("\n".join(case.name for case in CASES))
        return
    wanted = [name for name in args.only.split(",") if name]
    unknown = set(wanted) - {case.name for case in CASES}
    if unknown:
        sys.exit(f"unknown case(s) {sorted(unknown)}: see --list")
    with tempfile.TemporaryDirectory() as tmp:
        rows = {case.name: bench(case, args, Path(tmp)) for case in CASES if not wanted or case.name in wanted}
    print(f"{args.rounds} alternating round(s), medians; peak RSS includes the text and the loaded tokenizer")
    print()
    print("| case | chars | HF encode | tokkit encode | time ratio | HF peak RSS | tokkit peak RSS | RSS ratio "
          "| same ids and offsets |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, med in rows.items():
        h, t = med["hf"], med["tokkit"]
        print(f"| {name} | {med['chars']:,} | {h['encode']:.2f} s | {t['encode']:.2f} s | "
              f"{t['encode'] / h['encode']:.2f}x | {h['rss_mb']:.0f} MB | {t['rss_mb']:.0f} MB | "
              f"{t['rss_mb'] / h['rss_mb']:.2f}x | {'yes' if med['same'] else 'NO'} |")


if __name__ == "__main__":
    main()
