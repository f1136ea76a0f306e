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
import sys
from pathlib import Path

from _harness import DEFAULT_CORPUS, alternate, medians, print_ratio_table, run_child

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--vocab-size", type=int, default=25000)
    parser.add_argument("--lines", type=int, default=0, help="use only the first N lines (0 = all)")
    args = parser.parse_args()
    results = alternate(
        args.rounds, lambda lib: run_child(CHILD, lib, args.corpus, args.vocab_size, args.lines),
        lambda r: f"train {r['train']:7.2f}s  peak {r['rss_mb']:7.0f} MB",
    )
    med = medians(results, ("train", "rss_mb"))
    digests = {lib: {r["digest"] for r in runs} for lib, runs in results.items()}
    identical = len(digests["hf"] | digests["tokkit"]) == 1
    ours = results["tokkit"][0]
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 1e6:.1f} MB), vocab {args.vocab_size}, "
          f"{args.rounds} alternating rounds, medians; vocab {ours['vocab']} / merges {ours['merges']}: "
          f"{'IDENTICAL to HF' if identical else 'DIFFERENT from HF'}")
    print()
    print_ratio_table(med, (("train", "byte-level BPE training wall time", "s"), ("rss_mb", "peak memory (RSS)", "MB")))
    if not identical:
        sys.exit(1)


if __name__ == "__main__":
    main()
