"""tokkit vs HF tokenizers on huge inputs through a Unigram tokenizer: time and peak memory of one ``encode``.

Each case builds one text (a table below: one long word without spaces of
various kinds, and long English with its spaces), written once to a temporary
file.  Each library then runs in its own fresh subprocess (alternating the
two, ``--rounds`` times, medians reported): ``Tokenizer.from_file`` then
``encode(text)``.  It reports the encode wall time, the peak memory (ru_maxrss
of the subprocess, which includes the text and the loaded tokenizer), the
tokkit / HF ratios, and whether ids, tokens and offsets are identical.

Usage:
    python benchmarks/bench_huge_unigram.py [--size-mb 1] [--rounds 1] [--only letters,cjk]
                                            [--tokenizer PATH] [--corpus PATH]

The default tokenizer is tests/data/t5-small.json (Precompiled + WhitespaceSplit/Metaspace +
Unigram) and the default English source tests/data/wikitext-slice.txt (repeated to the size),
both relative to this checkout.  This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from pathlib import Path
from typing import Callable

from _harness import ROOT, alternate, medians, run_child

DEFAULT_TOKENIZER = ROOT / "tests" / "data" / "t5-small.json"
DEFAULT_CORPUS = ROOT / "tests" / "data" / "wikitext-slice.txt"


def _repeat_to(text: str, size: int) -> str:
    return (text * (size // max(len(text), 1) + 1))[:size]


def _english(corpus: Path) -> str:
    return corpus.read_text(encoding="utf-8")


#: name -> (what it is, a builder of a text of ``size`` chars from the English source)
CASES: dict[str, tuple[str, Callable[[int, Path], str]]] = {
    "letters": ("one word of random a-z",
                lambda n, _: "".join(random.Random(0).choices("abcdefghijklmnopqrstuvwxyz", k=n))),
    "english-nospace": ("English with all whitespace removed, repeated",
                        lambda n, corpus: _repeat_to(re.sub(r"\s+", "", _english(corpus)), n)),
    "aaaa": ('"a" * N', lambda n, _: "a" * n),
    "cjk": ("one word of random CJK ideographs U+4E00-U+9FFF",
            lambda n, _: "".join(map(chr, random.Random(0).choices(range(0x4E00, 0xA000), k=n)))),
    "english": ("English with its spaces and newlines, repeated",
                lambda n, corpus: _repeat_to(_english(corpus), n)),
}

CHILD = r"""
import hashlib, json, resource, sys, time
lib_name, tokenizer_file, text_file = sys.argv[1], sys.argv[2], sys.argv[3]
if lib_name == "hf":
    import tokenizers as lib
else:
    import tokkit as lib
text = open(text_file, encoding="utf-8").read()
tok = lib.Tokenizer.from_file(tokenizer_file)
start = time.perf_counter()
encoding = tok.encode(text)
encode = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
digest = hashlib.sha256()
for part in (encoding.ids, encoding.tokens, encoding.offsets):
    digest.update(json.dumps(part, ensure_ascii=False).encode("utf-8"))
print(json.dumps({"encode": encode, "rss_mb": rss, "tokens": len(encoding.ids), "digest": digest.hexdigest()}))
"""


def bench(name: str, text_file: Path, args: argparse.Namespace) -> dict:
    results = alternate(
        args.rounds, lambda lib: run_child(CHILD, lib, args.tokenizer, text_file),
        lambda r: f"encode {r['encode']:7.2f}s  peak {r['rss_mb']:7.0f} MB  {r['tokens']} tokens",
        label=f"{name:16s} ",
    )
    med: dict = medians(results, ("encode", "rss_mb"))
    med["same"] = results["hf"][0]["digest"] == results["tokkit"][0]["digest"]
    return med


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0, help="text size in millions of chars")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--only", default=",".join(CASES), help="comma-separated case names: " + ", ".join(CASES))
    parser.add_argument("--tokenizer", type=Path, default=DEFAULT_TOKENIZER)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the English source text")
    args = parser.parse_args()
    size = int(args.size_mb * 1_000_000)
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in filter(None, args.only.split(",")):
            text_file = Path(tmp) / f"{name}.txt"
            text_file.write_text(CASES[name][1](size, args.corpus), encoding="utf-8")
            rows[name] = bench(name, text_file, args)
            text_file.unlink()
    print(f"tokenizer: {args.tokenizer.name}, {size:,} chars per text, {args.rounds} alternating round(s), medians")
    print()
    print("| case | HF encode | tokkit encode | time ratio | HF peak RSS | tokkit peak RSS | RSS ratio | same result |")
    print("|---|---|---|---|---|---|---|---|")
    for name, med in rows.items():
        h, t = med["hf"], med["tokkit"]
        print(f"| {name} | {h['encode']:.2f} s | {t['encode']:.2f} s | {t['encode'] / h['encode']:.2f}x "
              f"| {h['rss_mb']:.0f} MB | {t['rss_mb']:.0f} MB | {t['rss_mb'] / h['rss_mb']:.2f}x "
              f"| {'yes' if med['same'] else 'NO'} |")


if __name__ == "__main__":
    main()
