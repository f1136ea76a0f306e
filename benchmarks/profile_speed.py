"""Where tokkit's time goes in each row of bench_speed.py: a cProfile of tokkit alone, per row.

For every row that ``bench_speed.py`` times, tokkit does the same work once in a fresh
subprocess under ``cProfile``, with ``TOKKIT_NUM_PROC=1`` so that all the work is in the
profiled process (with workers, the parent's profile would mostly show it waiting); the
functions that take the most time of their own are printed with their share of the total.
This is what the README's speed table cites as the remaining cost of a row that misses its
target.  The profiler slows Python code down more than C code, so the shares are a guide,
not a measure: the times are bench_speed.py's.

Usage:
    python benchmarks/profile_speed.py [--corpus PATH] [--tokenizers DIR] [--lines N] [--top 8]
                                       [--only encode_batch,encode,train,gpt2,unigram,...]

``--only`` works as in bench_speed.py.  Run it with ``nice``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from _harness import DEFAULT_CORPUS, DEFAULT_TOKENIZERS, child_env
from bench_speed import ONE_AT_A_TIME, child_argv, head_lines, parse_only

PROFILED = r"""
import cProfile, json, pstats, sys, time
from pathlib import Path
mode, corpus, limit, top = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
import tokkit as lib
from tokkit import Tokenizer
if mode != "train-unigram":
    with open(corpus, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    lines = lines[:limit] if limit else lines
if mode in ("encode_batch", "encode"):
    tok = Tokenizer.from_file(sys.argv[5])
    def run():
        encodings = tok.encode_batch(lines) if mode == "encode_batch" else map(tok.encode, lines)
        for encoding in encodings:
            encoding.ids
            encoding.attention_mask
else:
    if mode == "train-wordpiece":
        tok = Tokenizer(lib.models.WordPiece(unk_token="[UNK]"))
        tok.normalizer = lib.normalizers.Sequence([lib.normalizers.NFD(), lib.normalizers.Lowercase(),
                                                   lib.normalizers.StripAccents()])
        tok.pre_tokenizer = lib.pre_tokenizers.Sequence([lib.pre_tokenizers.WhitespaceSplit(),
                                                         lib.pre_tokenizers.Punctuation()])
        trainer = lib.trainers.WordPieceTrainer(vocab_size=25000, special_tokens=["[UNK]", "[PAD]", "[CLS]", "[SEP]",
                                                "[MASK]"], show_progress=False)
    elif mode == "train-bpe":
        tok = Tokenizer(lib.models.BPE())
        tok.pre_tokenizer = lib.pre_tokenizers.ByteLevel(add_prefix_space=False)
        trainer = lib.trainers.BpeTrainer(vocab_size=25000, initial_alphabet=lib.pre_tokenizers.ByteLevel.alphabet(),
                                          special_tokens=["<|endoftext|>"], show_progress=False)
    else:
        tok = Tokenizer(lib.models.Unigram())
        tok.pre_tokenizer = lib.pre_tokenizers.Metaspace()
        trainer = lib.trainers.UnigramTrainer(vocab_size=8000, unk_token="<unk>", special_tokens=["<unk>"],
                                              show_progress=False)
    def run():
        if mode == "train-unigram":
            tok.train([corpus], trainer)
        else:
            tok.train_from_iterator(lines, trainer=trainer)
profile = cProfile.Profile()
start = time.perf_counter()
profile.runcall(run)
wall = time.perf_counter() - start
stats = pstats.Stats(profile).stats
total = sum(entry[2] for entry in stats.values())
rows = sorted(((entry[2], entry[1], f"{Path(path).name}:{line}({name})" if path != "~" else name)
               for (path, line, name), entry in stats.items()), reverse=True)[:top]
print(json.dumps({"wall": wall, "total": total, "top": rows}))
"""


def profile_row(mode: str, corpus: Path, limit: int, top: int, *extra: object) -> dict:
    """One row's profile: ``{"wall", "total", "top": [(own seconds, calls, function), ...]}``."""
    env = child_env()
    env["TOKKIT_NUM_PROC"] = "1"
    argv = [sys.executable, "-c", PROFILED, mode, str(corpus), str(limit), str(top), *map(str, extra)]
    out = subprocess.run(argv, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout)


def markdown(label: str, profile: dict) -> list[str]:
    """A row's profile as markdown lines: the heading, then one line per function."""
    lines = [f"**{label}** — {profile['wall']:.2f} s under the profiler, one process", "",
             "| own time | share | calls | function |", "|---|---|---|---|"]
    for own, calls, function in profile["top"]:
        lines.append(f"| {own:.2f} s | {own / profile['total']:.0%} | {calls} | `{function}` |")
    return lines + [""]


def walkthrough_file(args: argparse.Namespace, tmp: Path) -> Path:
    """The walk-through's WordPiece, trained with HF as bench_speed.py trains it."""
    path = tmp / "walkthrough.json"
    subprocess.run(child_argv("make-walkthrough", "hf", args.corpus, args.lines, path), check=True,
                   capture_output=True, env=child_env())
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--tokenizers", type=Path, default=DEFAULT_TOKENIZERS)
    parser.add_argument("--lines", type=int, default=0, help="use only the first N lines (0 = all)")
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    groups, tokenizers, trainers = parse_only(args.only)
    with tempfile.TemporaryDirectory(prefix="tokkit-profile-speed-") as tmp:
        files = {name: args.tokenizers / f"{name}.json" for name in tokenizers if name != "walkthrough"}
        if "walkthrough" in tokenizers and ({"encode_batch", "encode"} & set(groups)):
            files["walkthrough"] = walkthrough_file(args, Path(tmp))
        for group in ("encode_batch", "encode"):
            limit = args.lines if group == "encode_batch" else min(args.lines or ONE_AT_A_TIME, ONE_AT_A_TIME)
            for name in tokenizers if group in groups else ():
                what = "every line" if group == "encode_batch" and not limit else f"first {limit} lines"
                print("\n".join(markdown(f"{group} {name} ({what})",
                                         profile_row(group, args.corpus, limit, args.top, files[name]))), flush=True)
        corpus = args.corpus
        if args.lines and "unigram" in trainers:
            corpus = Path(tmp) / "corpus-head.txt"
            with open(corpus, "w", encoding="utf-8") as out:
                out.writelines(line + "\n" for line in head_lines(args.corpus, args.lines))
        for name in trainers if "train" in groups else ():
            source = corpus if name == "unigram" else args.corpus
            print("\n".join(markdown(f"training {name}", profile_row(f"train-{name}", source, args.lines, args.top))),
                  flush=True)


if __name__ == "__main__":
    main()
