"""tokkit vs HF tokenizers, same corpus, same run: the walk-through's WordPiece config.

Measures, for each library in its own fresh subprocess (alternating the two,
``--rounds`` times, medians reported):
  * training wall time (train_from_iterator over every line, vocab 25,000),
  * ``encode_batch`` wall time over every line,
  * peak memory (ru_maxrss of the subprocess).

Usage:
    python benchmarks/bench_wordpiece.py [--corpus PATH] [--rounds 3] [--lines N]

The default corpus is ../shared/corpora/english-nltk.txt (26 MB).  This is a
benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _harness import DEFAULT_CORPUS, alternate, medians, print_ratio_table, run_child

CHILD = r"""
import json, resource, sys, time
lib_name, corpus, vocab_size, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
if lib_name == "hf":
    import tokenizers as lib
else:
    import tokkit as lib
lines = open(corpus, encoding="utf-8").read().split("\n")
if limit:
    lines = lines[:limit]
tok = lib.Tokenizer(lib.models.WordPiece(unk_token="[UNK]"))
tok.normalizer = lib.normalizers.Sequence([lib.normalizers.NFD(), lib.normalizers.Lowercase(), lib.normalizers.StripAccents()])
tok.pre_tokenizer = lib.pre_tokenizers.Sequence([lib.pre_tokenizers.WhitespaceSplit(), lib.pre_tokenizers.Punctuation()])
trainer = lib.trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"], show_progress=False)
start = time.perf_counter()
tok.train_from_iterator(lines, trainer=trainer)
train = time.perf_counter() - start
start = time.perf_counter()
encodings = tok.encode_batch(lines)
encode = time.perf_counter() - start
tokens = sum(len(e.ids) for e in encodings)
print(json.dumps({"train": train, "encode": encode, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "vocab": tok.get_vocab_size(), "tokens": tokens, "vocab_set": sorted(tok.get_vocab())}))
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
        lambda r: f"train {r['train']:7.2f}s  encode_batch {r['encode']:7.2f}s  peak {r['rss_mb']:7.0f} MB",
    )
    med = medians(results, ("train", "encode", "rss_mb"))
    a, b = set(results["tokkit"][0]["vocab_set"]), set(results["hf"][0]["vocab_set"])
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 1e6:.1f} MB), vocab {args.vocab_size}, "
          f"{args.rounds} alternating rounds, medians; vocab overlap {len(a & b) / len(b):.4f}; "
          f"tokens encoded: tokkit {results['tokkit'][0]['tokens']}, HF {results['hf'][0]['tokens']}")
    print()
    print_ratio_table(med, (("train", "training wall time", "s"), ("encode", "encode_batch wall time", "s"),
                            ("rss_mb", "peak memory (RSS)", "MB")))

if __name__ == "__main__":
    main()
