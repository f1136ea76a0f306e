"""Likelihood WordPiece training (tokkit) against HF's WordPiece training (frequency), same corpus, same run.

The target of ``WordPieceTrainer(scoring="likelihood")`` is at most 2x the
wall time of HF's (frequency) WordPiece training.  Each run is a fresh
subprocess training the walk-through's BERT-style WordPiece (vocab 25,000)
from every line with ``train_from_iterator``; the three jobs (HF frequency,
tokkit frequency, tokkit likelihood) alternate their order over ``--rounds``
rounds and medians are reported.

Usage:
    python benchmarks/bench_wordpiece_likelihood.py [--corpus PATH] [--rounds 3] [--lines N]

The default corpus is ../shared/corpora/english-nltk.txt (26 MB).  This is a
benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from _harness import DEFAULT_CORPUS, run_child

CHILD = r"""
import json, resource, sys, time
lib_name, scoring, corpus, vocab_size, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
if lib_name == "hf":
    import tokenizers as lib
    options = {}
else:
    import tokkit as lib
    options = {"scoring": scoring}
lines = open(corpus, encoding="utf-8").read().split("\n")
if limit:
    lines = lines[:limit]
tok = lib.Tokenizer(lib.models.WordPiece(unk_token="[UNK]"))
tok.normalizer = lib.normalizers.Sequence([lib.normalizers.NFD(), lib.normalizers.Lowercase(), lib.normalizers.StripAccents()])
tok.pre_tokenizer = lib.pre_tokenizers.Sequence([lib.pre_tokenizers.WhitespaceSplit(), lib.pre_tokenizers.Punctuation()])
trainer = lib.trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"],
                                        show_progress=False, **options)
start = time.perf_counter()
tok.train_from_iterator(lines, trainer=trainer)
train = time.perf_counter() - start
print(json.dumps({"train": train, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "vocab": tok.get_vocab_size()}))
"""

JOBS = (("hf", "frequency"), ("tokkit", "frequency"), ("tokkit", "likelihood"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--vocab-size", type=int, default=25000)
    parser.add_argument("--lines", type=int, default=0, help="use only the first N lines (0 = all)")
    args = parser.parse_args()
    times: dict[tuple[str, str], list[float]] = {job: [] for job in JOBS}
    for round_ in range(args.rounds):
        for job in (JOBS if round_ % 2 == 0 else JOBS[::-1]):
            result = run_child(CHILD, *job, args.corpus, args.vocab_size, args.lines)
            times[job].append(result["train"])
            print(f"round {round_ + 1} {job[0]:6s} {job[1]:10s} train {result['train']:7.2f}s  "
                  f"peak {result['rss_mb']:6.0f} MB  vocab {result['vocab']}", file=sys.stderr)
    hf = statistics.median(times[JOBS[0]])
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 1e6:.1f} MB), vocab {args.vocab_size}, "
          f"{args.rounds} alternating rounds, medians\n")
    print("| training | wall time | / HF WordPiece (frequency) |")
    print("|---|---|---|")
    for job in JOBS:
        median = statistics.median(times[job])
        print(f"| {'HF' if job[0] == 'hf' else 'tokkit'} {job[1]} | {median:.2f} s | {median / hf:.2f}x |")


if __name__ == "__main__":
    main()
