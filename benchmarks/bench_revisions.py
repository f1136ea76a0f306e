"""tokkit at two git revisions, on the same work: did a change make anything slower?

Checks out each revision into a temporary git worktree and runs the same
jobs with each, every one in a fresh subprocess, alternating the revisions
``--rounds`` times, and prints the median time of each job and the ratio
(new / old).  The jobs: ``encode_batch`` with the walk-through's WordPiece
(trained first, not timed) and with real tokenizer.json files, and training
WordPiece, byte-level BPE and Unigram.  Both revisions must give the same ids
and vocabularies; the script checks it.

Usage:
    python benchmarks/bench_revisions.py OLD [NEW] [--corpus PATH] [--lines N] [--rounds 3]
                                         [--only encode-gpt2,train-bpe]

NEW defaults to the working tree.  The default corpus is
../shared/corpora/english-nltk.txt (relative to the repository's parent).
This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _harness import DEFAULT_CORPUS, DEFAULT_TOKENIZERS, ROOT


CHILD = r"""
import hashlib, json, sys, time
job, corpus, limit, tokenizers = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
import tokkit
from tokkit import Tokenizer, models, normalizers, pre_tokenizers, trainers
lines = open(corpus, encoding="utf-8").read().split("\n")
if limit:
    lines = lines[:limit]

def wordpiece():
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase(), normalizers.StripAccents()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    return tok, trainers.WordPieceTrainer(vocab_size=25000, show_progress=False,
                                          special_tokens=["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"])

def bpe():
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    return tok, trainers.BpeTrainer(vocab_size=25000, show_progress=False,
                                    initial_alphabet=pre_tokenizers.ByteLevel.alphabet())

def unigram():
    tok = Tokenizer(models.Unigram())
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    return tok, trainers.UnigramTrainer(vocab_size=8000, show_progress=False, unk_token="<unk>",
                                        special_tokens=["<unk>"])

kind, name = job.split("-", 1)
if kind == "train":
    tok, trainer = {"wordpiece": wordpiece, "bpe": bpe, "unigram": unigram}[name]()
    start = time.perf_counter()
    tok.train_from_iterator(lines, trainer=trainer)
    elapsed = time.perf_counter() - start
    digest = hashlib.sha256(tok.to_str().encode()).hexdigest()
else:
    if name == "wordpiece":
        tok, trainer = wordpiece()
        tok.train_from_iterator(lines, trainer=trainer)
    else:
        tok = Tokenizer.from_file(f"{tokenizers}/{name}.json")
    start = time.perf_counter()
    encodings = tok.encode_batch(lines)
    elapsed = time.perf_counter() - start
    digest = hashlib.sha256(json.dumps([e.ids for e in encodings]).encode()).hexdigest()
print(json.dumps({"time": elapsed, "digest": digest}))
"""

JOBS = ("encode-wordpiece", "encode-gpt2", "encode-t5-small", "encode-phi-3", "train-wordpiece", "train-bpe",
        "train-unigram")


def worktree(revision: str, into: Path) -> Path:
    """A detached worktree of ``revision`` under ``into``; its ``src`` folder."""
    path = into / hashlib.sha1(revision.encode()).hexdigest()[:12]
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(path), revision], check=True)
    return path / "src"


def run(src: Path, job: str, args: argparse.Namespace) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(src))  # this revision's sources before any installed tokkit
    out = subprocess.run([sys.executable, "-c", CHILD, job, str(args.corpus), str(args.lines), str(args.tokenizers)],
                         check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new", nargs="?", default=None, help="a revision (default: the working tree)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--tokenizers", type=Path, default=DEFAULT_TOKENIZERS, help="folder of <name>.json files")
    parser.add_argument("--lines", type=int, default=100_000, help="use only the first N lines (0 = all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default=",".join(JOBS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sources = {"old": worktree(args.old, Path(tmp))}
        sources["new"] = worktree(args.new, Path(tmp)) if args.new else ROOT / "src"
        try:
            print("| job | old | new | new / old | same result |")
            print("|---|---|---|---|---|")
            for job in args.only.split(","):
                times: dict[str, list[float]] = {"old": [], "new": []}
                digests = set()
                for round_ in range(args.rounds):
                    for side in (("old", "new") if round_ % 2 == 0 else ("new", "old")):
                        result = run(sources[side], job, args)
                        times[side].append(float(result["time"]))  # type: ignore[arg-type]
                        digests.add(result["digest"])
                        print(f"{job} round {round_ + 1} {side}: {result['time']:.2f} s", file=sys.stderr)
                old, new = statistics.median(times["old"]), statistics.median(times["new"])
                print(f"| {job} | {old:.2f} s | {new:.2f} s | {new / old:.2f}x | {'yes' if len(digests) == 1 else 'NO'} |",
                      flush=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], check=False)


if __name__ == "__main__":
    main()
