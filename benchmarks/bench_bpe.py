"""tokkit vs HF tokenizers: GPT-2-style byte-level BPE training, same corpus, same run.

Config: ``Tokenizer(BPE())``, ``ByteLevel(add_prefix_space=False)``,
``BpeTrainer(vocab_size=25000, initial_alphabet=ByteLevel.alphabet(),
special_tokens=["<|endoftext|>"])``, ``train_from_iterator(lines)``.

Measures, for each library in its own fresh subprocess (alternating the two,
``--rounds`` times, medians reported):
  * training wall time (word counting included),
  * peak memory (ru_maxrss of the subprocess),
and checks that the trained vocab and merges are IDENTICAL (printed).

Usage:
    python benchmarks/bench_bpe.py [--corpus PATH] [--rounds 3] [--lines N] [--vocab-size 25000]

The default corpus is ../shared/corpora/english-nltk.txt (26 MB).  This is a
benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "english-nltk.txt"

CHILD = r"""
import hashlib, json, resource, sys, time
lib_name, corpus, vocab_size, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
if lib_name == "hf":
    import tokenizers as lib
else:
    import tokkit as lib
lines = open(corpus, encoding="utf-8").read().split("\n")
if limit:
    lines = lines[:limit]
tok = lib.Tokenizer(lib.models.BPE())
tok.pre_tokenizer = lib.pre_tokenizers.ByteLevel(add_prefix_space=False)
trainer = lib.trainers.BpeTrainer(vocab_size=vocab_size, initial_alphabet=lib.pre_tokenizers.ByteLevel.alphabet(),
                                  special_tokens=["<|endoftext|>"], show_progress=False)
start = time.perf_counter()
tok.train_from_iterator(lines, trainer=trainer)
train = time.perf_counter() - start
model = json.loads(tok.to_str())["model"]
digest = hashlib.sha256(json.dumps([model["vocab"], model["merges"]], ensure_ascii=False).encode()).hexdigest()
print(json.dumps({"train": train, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "vocab": len(model["vocab"]), "merges": len(model["merges"]), "digest": digest}))
"""


def run(lib: str, corpus: Path, vocab_size: int, limit: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, lib, str(corpus), str(vocab_size), str(limit)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--vocab-size", type=int, default=25000)
    parser.add_argument("--lines", type=int, default=0, help="use only the first N lines (0 = all)")
    args = parser.parse_args()
    results: dict[str, list[dict]] = {"hf": [], "tokkit": []}
    for round_ in range(args.rounds):
        for lib in (("hf", "tokkit") if round_ % 2 == 0 else ("tokkit", "hf")):
            result = run(lib, args.corpus, args.vocab_size, args.lines)
            results[lib].append(result)
            print(f"round {round_ + 1} {lib:6s} train {result['train']:7.2f}s  peak {result['rss_mb']:7.0f} MB",
                  file=sys.stderr)
    med = {lib: {k: statistics.median(r[k] for r in runs) for k in ("train", "rss_mb")}
           for lib, runs in results.items()}
    digests = {lib: {r["digest"] for r in runs} for lib, runs in results.items()}
    identical = len(digests["hf"] | digests["tokkit"]) == 1
    ours = results["tokkit"][0]
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 1e6:.1f} MB), vocab {args.vocab_size}, "
          f"{args.rounds} alternating rounds, medians; vocab {ours['vocab']} / merges {ours['merges']}: "
          f"{'IDENTICAL to HF' if identical else 'DIFFERENT from HF'}")
    print()
    print("| measure | HF tokenizers 0.23.3 | tokkit | ratio (tokkit / HF) |")
    print("|---|---|---|---|")
    for key, label, unit in (("train", "byte-level BPE training wall time", "s"), ("rss_mb", "peak memory (RSS)", "MB")):
        h, t = med["hf"][key], med["tokkit"][key]
        fmt = "{:.2f}" if unit == "s" else "{:.0f}"
        print(f"| {label} | {fmt.format(h)} {unit} | {fmt.format(t)} {unit} | {t / h:.2f}x |")
    if not identical:
        sys.exit(1)


if __name__ == "__main__":
    main()
