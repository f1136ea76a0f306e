"""tokkit vs HF tokenizers, same corpus, same run: Unigram training (vocab 8000, Metaspace).

Measures, for each library in its own fresh subprocess (alternating the two,
``--rounds`` times, medians reported):
  * training wall time (``Tokenizer.train`` over the file, word counting included),
  * peak memory with worker processes counted: the summed RSS of the subprocess and all
    its descendants, sampled from /proc every 50 ms (HF's threads live in one process;
    tokkit's counting and E-step workers are processes),
  * ru_maxrss (the largest of the subprocess and its waited-for children),
and prints the vocab overlap and the largest score difference on shared pieces.

With ``--words`` tokkit trains on HF's own word counts (taken from its trainer
state) through the bare trainer core (no counting: HF's time still includes
its ~3 s of counting), which isolates the Unigram algorithm.

With ``--same-as SRC`` it only checks that this checkout trains the same tokenizer as
another one (``SRC`` is that checkout's ``src`` directory, e.g. the main branch's): both
train in fresh subprocesses and their tokenizer JSON must be byte-identical.

Usage:
    python benchmarks/bench_unigram.py [--corpus PATH] [--rounds 3] [--vocab-size 8000] [--words]
    python benchmarks/bench_unigram.py --same-as ../main/src [--corpus PATH] [--vocab-size 8000]

The default corpus is ../shared/corpora/english-nltk.txt (26 MB).  This is a
benchmark, not a test: nothing here asserts a time.

Measured on english-nltk.txt, vocab 8000, 3 alternating rounds, medians, 2 shared cores
(issue 12; each row is one run of this script, HF and tokkit in the same run):

| tokkit version | HF time | tokkit time | ratio | HF peak with workers | tokkit peak with workers | ratio |
|---|---|---|---|---|---|---|
| before (forked workers, per-edge tuples) | 28.55 s | 30.08 s | 1.05x | 381 MB | 1655 MB | 4.34x |
| after (fresh workers, flat arrays)       | 26.12 s | 32.65 s | 1.25x | 378 MB | 359 MB  | 0.95x |

The trained tokenizer JSON is byte-identical before and after (``--same-as``).  The time
lost is mostly the lattice building, now done by the trainer alone (one prefix table in
memory instead of one per worker).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _harness import DEFAULT_CORPUS, ROOT, alternate, child_env, medians, print_ratio_table
from _memory import run_sampled

CHILD = r"""
import json, resource, sys, time
lib_name, corpus, vocab_size, words_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
kw = dict(vocab_size=vocab_size, unk_token="<unk>", special_tokens=["<unk>"], show_progress=False)
if words_file != "-" and lib_name == "tokkit":
    from tokkit.trainers.unigram import train_unigram
    words = json.load(open(words_file, encoding="utf-8"))
    start = time.perf_counter()
    vocab, _ = train_unigram(words, vocab_size=vocab_size, special_tokens=["<unk>"], initial_alphabet=[],
                             shrinking_factor=0.75, unk_token="<unk>", max_piece_length=16,
                             n_sub_iterations=2, seed_size=1_000_000)
else:
    if lib_name == "hf":
        import tokenizers as lib
    else:
        import tokkit as lib
    tok = lib.Tokenizer(lib.models.Unigram())
    tok.pre_tokenizer = lib.pre_tokenizers.Metaspace()
    trainer = lib.trainers.UnigramTrainer(**kw)
    start = time.perf_counter()
    tok.train([corpus], trainer)
    vocab = json.loads(tok.to_str())["model"]["vocab"]
train = time.perf_counter() - start
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"train": train, "rss_mb": rss / 1024, "vocab": [list(p) for p in vocab]}))
"""


SAME_CHILD = r"""
import sys, tokkit as lib
tok = lib.Tokenizer(lib.models.Unigram())
tok.pre_tokenizer = lib.pre_tokenizers.Metaspace()
trainer = lib.trainers.UnigramTrainer(vocab_size=int(sys.argv[2]), unk_token="<unk>", special_tokens=["<unk>"],
                                      show_progress=False)
tok.train([sys.argv[1]], trainer)
sys.stdout.write(tok.to_str())
"""


def trained_json(src: Path, corpus: Path, vocab_size: int) -> str:
    """The tokenizer JSON that the tokkit in ``src`` trains (fresh subprocess)."""
    env = dict(os.environ, PYTHONPATH=str(src.resolve()))
    out = subprocess.run([sys.executable, "-c", SAME_CHILD, str(corpus), str(vocab_size)], check=True,
                         capture_output=True, text=True, env=env)
    return out.stdout


def same_as(other: Path, corpus: Path, vocab_size: int) -> None:
    """Exit 1 unless this checkout and ``other`` (a ``src`` dir) train byte-identical tokenizer JSON."""
    ours, theirs = trained_json(ROOT / "src", corpus, vocab_size), trained_json(other, corpus, vocab_size)
    digest = hashlib.sha256(ours.encode("utf-8")).hexdigest()[:16]
    if ours == theirs:
        print(f"identical tokenizer JSON ({len(ours)} chars, sha256 {digest}...) on {corpus}, vocab {vocab_size}")
        return
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    print(f"DIFFERENT tokenizer JSON on {corpus}: first difference at char {at}: "
          f"{ours[at - 40:at + 40]!r} vs {theirs[at - 40:at + 40]!r}")
    raise SystemExit(1)


def hf_words(corpus: Path) -> str:
    """HF's word counts for the corpus (Metaspace), saved to a temporary JSON file."""
    import tokenizers as lib

    tok = lib.Tokenizer(lib.models.Unigram())
    tok.pre_tokenizer = lib.pre_tokenizers.Metaspace()
    counter = lib.trainers.UnigramTrainer(vocab_size=1, show_progress=False)
    try:  # vocab_size=1 stops HF right after counting ("not large enough to contain all chars")
        tok.train([str(corpus)], counter)
    except Exception:
        pass
    words = json.loads(counter.__getstate__())["UnigramTrainer"]["words"]
    handle = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
    json.dump(words, handle, ensure_ascii=False)
    handle.close()
    return handle.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--vocab-size", type=int, default=8000)
    parser.add_argument("--words", action="store_true", help="train both on HF's word counts (no counting)")
    parser.add_argument("--same-as", type=Path, metavar="SRC",
                        help="only check that this checkout trains the same JSON as the tokkit in SRC")
    args = parser.parse_args()
    if args.same_as is not None:
        same_as(args.same_as, args.corpus, args.vocab_size)
        return
    words_file = hf_words(args.corpus) if args.words else "-"
    results = alternate(
        args.rounds, lambda lib: run_sampled([sys.executable, "-c", CHILD, lib, str(args.corpus), str(args.vocab_size),
                                 words_file], env=child_env(), interval=0.05),
        lambda r: (f"train {r['train']:7.2f}s  peak with workers {r['tree_peak_mb']:7.0f} MB  "
                   f"maxrss {r['rss_mb']:7.0f} MB"),
    )
    med = medians(results, ("train", "tree_peak_mb", "rss_mb"))
    ours, theirs = dict(map(tuple, results["tokkit"][0]["vocab"])), dict(map(tuple, results["hf"][0]["vocab"]))
    again = dict(map(tuple, results["hf"][-1]["vocab"]))
    common = set(ours) & set(theirs)
    diff = max((abs(ours[p] - theirs[p]) for p in common), default=0.0)
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 1e6:.1f} MB), vocab {args.vocab_size}, "
          f"{args.rounds} alternating rounds, medians{' (HF word counts)' if args.words else ''}; "
          f"vocab overlap tokkit/HF {len(common) / len(theirs):.4f} (HF/HF across runs "
          f"{len(set(again) & set(theirs)) / len(theirs):.4f}); max score diff {diff:.2e}")
    print()
    print_ratio_table(med, (("train", "Unigram training wall time", "s"),
                           ("tree_peak_mb", "peak memory with workers (summed RSS)", "MB"),
                           ("rss_mb", "ru_maxrss (largest single process)", "MB")))

if __name__ == "__main__":
    main()
