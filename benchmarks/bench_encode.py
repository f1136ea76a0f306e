"""tokkit vs HF tokenizers: ``encode_batch`` with real pretrained tokenizer.json files.

For each tokenizer file (gpt2: byte-level BPE; t5-small: Precompiled + Metaspace
+ Unigram; phi-3: Prepend/Replace + byte-fallback BPE), each library runs in
its own fresh subprocess (alternating the two, ``--rounds`` times, medians
reported): ``Tokenizer.from_file`` then ``encode_batch`` over every line.
It reports the wall time, the peak memory (ru_maxrss of the subprocess), and
how many lines got different ids.

Usage:
    python benchmarks/bench_encode.py [--corpus PATH] [--rounds 3] [--lines N]
                                      [--tokenizers DIR] [--only gpt2,phi-3]

The default corpus is ../shared/corpora/english-nltk.txt and the default
tokenizer directory ../shared/tokenizers (both relative to the repository's
parent).  This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _harness import DEFAULT_CORPUS, DEFAULT_TOKENIZERS, LIBRARIES, alternate, medians, run_child

NAMES = ("gpt2", "t5-small", "phi-3")

CHILD = r"""
import json, resource, sys, time
lib_name, tokenizer_file, corpus, limit, ids_out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
if lib_name == "hf":
    import tokenizers as lib
else:
    import tokkit as lib
lines = open(corpus, encoding="utf-8").read().split("\n")
if limit:
    lines = lines[:limit]
tok = lib.Tokenizer.from_file(tokenizer_file)
start = time.perf_counter()
encodings = tok.encode_batch(lines)
encode = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
with open(ids_out, "w") as out:
    for e in encodings:
        out.write(" ".join(map(str, e.ids)) + "\n")
print(json.dumps({"encode": encode, "rss_mb": rss, "tokens": sum(len(e.ids) for e in encodings)}))
"""


def mismatching_lines(a: Path, b: Path) -> int:
    with open(a) as fa, open(b) as fb:
        return sum(x != y for x, y in zip(fa, fb))


def bench(name: str, args: argparse.Namespace, tmp: Path) -> dict:
    tokenizer_file = args.tokenizers / f"{name}.json"
    ids = {lib: tmp / f"{name}-{lib}.ids" for lib in LIBRARIES}
    results = alternate(
        args.rounds, lambda lib: run_child(CHILD, lib, tokenizer_file, args.corpus, args.lines, ids[lib]),
        lambda r: f"encode_batch {r['encode']:7.2f}s  peak {r['rss_mb']:7.0f} MB", label=f"{name:9s} ",
    )
    med: dict = medians(results, ("encode", "rss_mb"))
    med["mismatch"] = mismatching_lines(ids["hf"], ids["tokkit"])
    med["tokens"] = {lib: runs[0]["tokens"] for lib, runs in results.items()}
    return med


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--tokenizers", type=Path, default=DEFAULT_TOKENIZERS, help="folder of <name>.json files")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lines", type=int, default=0, help="use only the first N lines (0 = all)")
    parser.add_argument("--only", default=",".join(NAMES), help="comma-separated tokenizer names")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n]
    with tempfile.TemporaryDirectory() as tmp:
        rows = {name: bench(name, args, Path(tmp)) for name in names}
    n_lines = args.lines or sum(1 for _ in open(args.corpus, encoding="utf-8")) + 1
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 1e6:.1f} MB, {n_lines} lines), "
          f"{args.rounds} alternating rounds, medians")
    print()
    print("| tokenizer | HF encode_batch | tokkit encode_batch | ratio | HF peak RSS | tokkit peak RSS "
          "| lines with different ids |")
    print("|---|---|---|---|---|---|---|")
    for name, med in rows.items():
        h, t = med["hf"], med["tokkit"]
        print(f"| {name} | {h['encode']:.2f} s | {t['encode']:.2f} s | {t['encode'] / h['encode']:.2f}x "
              f"| {h['rss_mb']:.0f} MB | {t['rss_mb']:.0f} MB | {med['mismatch']} |")


if __name__ == "__main__":
    main()
