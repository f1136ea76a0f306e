"""tokkit vs HF tokenizers: training on big files, where the distinct words grow with the size.

Corpora, built once into ``--workdir`` (default: a directory under the system
temp dir; files already there are reused) from english-nltk.txt with a seeded
RNG, so every run trains on the same bytes:
  * ``repeated-<size>``: the corpus lines, reshuffled on every pass, repeated to the size;
  * ``ids-<size>``: the corpus lines, reshuffled on every pass, each followed by two random
    lowercase hex ids of 16 to 32 chars (``line + " " + id1 + " " + id2``): about two new
    distinct words per line, like web text, code or logs (tokenizers#1824).
Sizes are ``100M``, ``200M``, ``1G`` and so on (bytes, decimal).

Each library trains the walk-through's BERT WordPiece (NFD + Lowercase + StripAccents,
WhitespaceSplit + Punctuation, WordPieceTrainer vocab 25,000, 5 special tokens) with
``tok.train([path], trainer)`` in a fresh subprocess.  Measured: the training wall time,
and the peak memory of the subprocess **with its worker processes**: the summed RSS of
its whole process tree, sampled from /proc every 50 ms (HF's threads live in one
process; tokkit's counting and merging workers are forked processes).  Forked
workers share their parent's pages until written, and RSS counts a shared page in
every process, so the summed PSS (shared pages split among their users, read from
``smaps_rollup`` every 0.25 s, by ``_memory.py``) is reported too: it is what the machine really spends.
``ru_maxrss`` of the process itself (and the largest of its children) is reported too.

Checks: the overlap of the two trained vocab *sets* (HF's WordPiece ids follow hash
order, so ids are not compared), and tokkit's tokenizer JSON digest against the one
recorded for that case in the workdir by an earlier run (``--record`` writes it).

Usage:
    python benchmarks/bench_scale.py [--cases repeated-100M,ids-200M,repeated-1G,ids-1G]
                                     [--libs hf,tokkit] [--workdir DIR] [--corpus PATH] [--record]

Run it with ``nice``: a 200 MB case takes about two minutes per library, a 1 GB case
about ten.  This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from _harness import DEFAULT_CORPUS, child_env
from _memory import run_sampled

CHILD = r"""
import hashlib, json, resource, sys, time
lib_name, corpus, vocab_size = sys.argv[1], sys.argv[2], int(sys.argv[3])
if lib_name == "hf":
    import tokenizers as lib
else:
    import tokkit as lib
tok = lib.Tokenizer(lib.models.WordPiece(unk_token="[UNK]"))
tok.normalizer = lib.normalizers.Sequence([lib.normalizers.NFD(), lib.normalizers.Lowercase(), lib.normalizers.StripAccents()])
tok.pre_tokenizer = lib.pre_tokenizers.Sequence([lib.pre_tokenizers.WhitespaceSplit(), lib.pre_tokenizers.Punctuation()])
trainer = lib.trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"], show_progress=False)
start = time.perf_counter()
tok.train([corpus], trainer)
train = time.perf_counter() - start
digest = hashlib.sha256(tok.to_str().encode("utf-8")).hexdigest()
print(json.dumps({"train": train, "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "vocab_set": sorted(tok.get_vocab()), "digest": digest}))
"""

SIZE_UNITS = {"K": 10**3, "M": 10**6, "G": 10**9}


def parse_size(text: str) -> int:
    """``"200M"`` -> 200_000_000.

    >>> parse_size("200M"), parse_size("1G")
    (200000000, 1000000000)
    """
    return int(float(text[:-1]) * SIZE_UNITS[text[-1].upper()]) if text[-1].upper() in SIZE_UNITS else int(text)


def build_corpus(kind: str, size: int, source: Path, target: Path, seed: int = 10) -> None:
    """Write ``size`` bytes (whole lines, so a little more) of the ``kind`` corpus to ``target``."""
    lines = source.read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    partial = target.with_suffix(".partial")
    written = 0
    with open(partial, "w", encoding="utf-8", newline="\n") as out:
        while written < size:
            rng.shuffle(lines)
            chunk = []
            for line in lines:
                if kind == "ids":
                    first = format(rng.getrandbits(128), "032x")[: rng.randint(16, 32)]
                    second = format(rng.getrandbits(128), "032x")[: rng.randint(16, 32)]
                    line = f"{line} {first} {second}"
                chunk.append(line)
            text = "\n".join(chunk) + "\n"
            encoded = text.encode("utf-8")
            if written + len(encoded) > size:  # cut the last pass at a line end past the size
                cut = encoded.find(b"\n", size - written)
                text = encoded[: cut + 1].decode("utf-8")
                encoded = text.encode("utf-8")
            out.write(text)
            written += len(encoded)
    partial.replace(target)


def corpus_path(case: str, workdir: Path, source: Path) -> Path:
    """The case's file in ``workdir``, built if missing."""
    kind, _, size_text = case.partition("-")
    if kind not in ("repeated", "ids") or not size_text:
        raise SystemExit(f"unknown case {case!r}: use repeated-<size> or ids-<size>, e.g. ids-200M")
    path = workdir / f"{case}.txt"
    if not path.exists():
        print(f"building {path} ...", file=sys.stderr)
        build_corpus(kind, parse_size(size_text), source, path)
    return path


def run_library(lib: str, corpus: Path, vocab_size: int) -> dict:
    """Train in a fresh subprocess; its JSON result plus the sampled peak RSS (and PSS) of its process tree."""
    return run_sampled([sys.executable, "-c", CHILD, lib, str(corpus), str(vocab_size)], env=child_env(),
                       interval=0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="repeated-100M,ids-200M,repeated-1G,ids-1G")
    parser.add_argument("--libs", default="hf,tokkit", help="hf,tokkit or one of them")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "tokkit-bench-scale")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the source lines")
    parser.add_argument("--vocab-size", type=int, default=25000)
    parser.add_argument("--record", action="store_true", help="record tokkit's digest as the reference")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    libs = [lib for lib in args.libs.split(",") if lib]
    rows = []
    for case in filter(None, args.cases.split(",")):
        corpus = corpus_path(case, args.workdir, args.corpus)
        results = {}
        for lib in libs:
            results[lib] = result = run_library(lib, corpus, args.vocab_size)
            print(f"{case:14s} {lib:6s} train {result['train']:7.1f}s  peak (tree) {result['tree_peak_mb']:7.0f} MB  "
                  f"PSS {result['tree_pss_peak_mb']:7.0f} MB  maxrss {result['maxrss_mb']:7.0f} MB  "
                  f"children maxrss {result['children_maxrss_mb']:5.0f} MB", file=sys.stderr)
        rows.append((case, corpus, results, check(case, results, args.workdir, args.record)))
    print_table(rows, libs)


def check(case: str, results: dict, workdir: Path, record: bool) -> str:
    """The vocab-set overlap and whether tokkit's digest matches the recorded one."""
    notes = []
    if "hf" in results and "tokkit" in results:
        ours, theirs = set(results["tokkit"]["vocab_set"]), set(results["hf"]["vocab_set"])
        notes.append(f"vocab overlap {len(ours & theirs) / len(theirs):.4f}")
    if "tokkit" in results:
        reference = workdir / f"{case}.tokkit.sha256"
        digest = results["tokkit"]["digest"]
        if record or not reference.exists():
            reference.write_text(digest)
            notes.append("tokkit digest recorded")
        else:
            notes.append("tokkit output " + ("same as recorded" if reference.read_text() == digest else "DIFFERENT"))
    return ", ".join(notes)


def print_table(rows: list, libs: list[str]) -> None:
    """One markdown row per case: time and peak (with workers) per library, and the ratios."""
    print("| corpus | " + " | ".join(f"{lib} time | {lib} peak (with workers)" for lib in libs)
          + (" | time ratio | memory ratio" if len(libs) == 2 else "") + " | checks |")
    print("|---" * (1 + 2 * len(libs) + (2 if len(libs) == 2 else 0) + 1) + "|")
    for case, corpus, results, notes in rows:
        cells = [f"{case} ({corpus.stat().st_size / 1e6:.0f} MB)"]
        for lib in libs:
            cells += [f"{results[lib]['train']:.1f} s", f"{results[lib]['tree_peak_mb']:.0f} MB"]
        if len(libs) == 2:
            hf, ours = results["hf"], results["tokkit"]
            cells += [f"{ours['train'] / hf['train']:.2f}x", f"{ours['tree_peak_mb'] / hf['tree_peak_mb']:.2f}x"]
        print("| " + " | ".join(cells + [notes]) + " |")


if __name__ == "__main__":
    main()
