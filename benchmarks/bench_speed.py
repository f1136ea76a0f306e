"""tokkit vs HF tokenizers 0.23.3: every row of issue 12's table, in one command.

Rows (each library in its own fresh subprocess, ``--rounds`` alternating rounds, medians):
  * ``encode_batch`` over every line of the corpus, for the walk-through's WordPiece
    (trained once per run with HF on the corpus lines, exactly as ``tokkit walkthrough``
    builds it, saved to a temporary tokenizer.json that both libraries load), gpt2,
    t5-small and phi-3 (``<name>.json`` in ``--tokenizers``);
  * ``encode`` one line at a time, the first 20,000 lines, same four tokenizers;
  * training wall time: WordPiece vocab 25,000 (bench_wordpiece.py's setup), byte-level
    BPE vocab 25,000 (bench_bpe.py's), Unigram vocab 8,000 with Metaspace (bench_unigram.py's);
  * peak memory with worker processes (the summed RSS of the child's process tree,
    sampled every 20 ms by _memory.py; and its summed PSS, every 0.1 s, where a page a
    forked worker shares with its parent counts once) and the child's own ``ru_maxrss``,
    for Unigram training and for each ``encode_batch``.

Encoding times run from the call to the end of consumption, the way users take the
results: every encoding's ``ids`` and ``attention_mask`` are read and the ids written to a
file (which also gives the line-by-line comparison), so that no laziness hides work.
Loading the tokenizer file and the corpus is outside the timed region.

Usage:
    python benchmarks/bench_speed.py [--corpus PATH] [--tokenizers DIR] [--rounds 3] [--lines N]
                                     [--only encode_batch,encode,train,gpt2,unigram,...] [--json OUT]

``--only`` takes row groups (encode_batch, encode, train) and/or tokenizer names
(walkthrough, gpt2, t5-small, phi-3) and/or trainer names (wordpiece, bpe, unigram); a kind
left out is kept whole.  ``--lines N`` uses the first N lines for every row (Unigram trains
on a temporary file of them).  Run it with ``nice``.  This is a benchmark, not a test:
nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
from array import array
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Sequence

from _harness import DEFAULT_CORPUS, DEFAULT_TOKENIZERS, LIBRARIES, alternate, child_env
from _memory import run_sampled

GROUPS = ("encode_batch", "encode", "train")
TOKENIZERS = ("walkthrough", "gpt2", "t5-small", "phi-3")
TRAINERS = ("wordpiece", "bpe", "unigram")
ONE_AT_A_TIME = 20_000
#: PSS is read every 0.1 s only (smaps_rollup walks the page tables): fewer samples than this say little.
MIN_PSS_SAMPLES = 5
#: Issue 12's targets, tokkit / HF.
TARGETS = {"encode_batch": 1.0, "encode": 1.5, "train": 0.7, "memory": 1.0}

CHILD = r"""
import json, resource, sys, time
from array import array
mode, lib_name, corpus, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
if lib_name == "hf":
    import tokenizers as lib
else:
    import tokkit as lib
SPECIALS = ["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"]
result = {}
if mode != "train-unigram":  # the corpus's lines as str.split gives them (the other benchmarks' way)
    with open(corpus, encoding="utf-8") as handle:
        lines = handle.read().split("\n") if not limit else [line[:-1] if line.endswith("\n") else line
                                                            for line, _ in zip(handle, range(limit))]

def bert_wordpiece():  # the walk-through's (and bench_wordpiece.py's) setup
    tok = lib.Tokenizer(lib.models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = lib.normalizers.Sequence([lib.normalizers.NFD(), lib.normalizers.Lowercase(), lib.normalizers.StripAccents()])
    tok.pre_tokenizer = lib.pre_tokenizers.Sequence([lib.pre_tokenizers.WhitespaceSplit(), lib.pre_tokenizers.Punctuation()])
    return tok, lib.trainers.WordPieceTrainer(vocab_size=25000, special_tokens=SPECIALS, show_progress=False)

if mode == "make-walkthrough":  # as tokkit.cli.demo.walkthrough builds it: batches of 1000, then template and decoder
    tok, trainer = bert_wordpiece()
    tok.train_from_iterator((lines[i:i + 1000] for i in range(0, len(lines), 1000)), trainer=trainer)
    tok.post_processor = lib.processors.TemplateProcessing(
        single="[CLS]:0 $A:0 [SEP]:0", pair="[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))])
    tok.decoder = lib.decoders.WordPiece(prefix="##")
    tok.save(sys.argv[5])
elif mode in ("encode_batch", "encode"):
    tok = lib.Tokenizer.from_file(sys.argv[5])
    flat, lengths, masks = array("I"), array("I"), 0
    start = time.perf_counter()
    encodings = tok.encode_batch(lines) if mode == "encode_batch" else map(tok.encode, lines)
    call = time.perf_counter() - start  # the call alone (encode_batch): what is left is consumption
    for encoding in encodings:  # consume as users do: read ids and attention_mask of every encoding
        ids = encoding.ids
        flat.extend(ids)
        lengths.append(len(ids))
        masks += len(encoding.attention_mask)
    with open(sys.argv[6], "wb") as out:
        array("Q", [len(lengths)]).tofile(out)
        lengths.tofile(out)
        flat.tofile(out)
    result = {"time": time.perf_counter() - start, "tokens": len(flat), "mask": masks}
    if mode == "encode_batch":  # (one at a time, the calls happen inside the loop)
        result["call"] = call
else:
    import hashlib
    if mode == "train-wordpiece":  # bench_wordpiece.py
        tok, trainer = bert_wordpiece()
    elif mode == "train-bpe":  # bench_bpe.py
        tok = lib.Tokenizer(lib.models.BPE())
        tok.pre_tokenizer = lib.pre_tokenizers.ByteLevel(add_prefix_space=False)
        trainer = lib.trainers.BpeTrainer(vocab_size=25000, initial_alphabet=lib.pre_tokenizers.ByteLevel.alphabet(),
                                          special_tokens=["<|endoftext|>"], show_progress=False)
    else:  # bench_unigram.py, from the file
        tok = lib.Tokenizer(lib.models.Unigram())
        tok.pre_tokenizer = lib.pre_tokenizers.Metaspace()
        trainer = lib.trainers.UnigramTrainer(vocab_size=8000, unk_token="<unk>", special_tokens=["<unk>"],
                                              show_progress=False)
    start = time.perf_counter()
    if mode == "train-unigram":
        tok.train([corpus], trainer)
    else:
        tok.train_from_iterator(lines, trainer=trainer)
    result["time"] = time.perf_counter() - start
    model = json.loads(tok.to_str())["model"]
    if mode == "train-bpe":  # HF's BPE is deterministic: vocab and merges must be identical
        text = json.dumps([model["vocab"], model["merges"]], ensure_ascii=False)
        result["check"] = hashlib.sha256(text.encode()).hexdigest()
    else:  # WordPiece ids follow hash order and Unigram scores vary a little across HF's own runs: compare the sets
        result["check"] = sorted(model["vocab"]) if mode == "train-wordpiece" else sorted(p for p, _ in model["vocab"])
result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result["children_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps(result))
"""


def child_argv(mode: str, lib: str, corpus: Path, limit: int, *extra: object) -> list[str]:
    """The command line of one benchmark child."""
    return [sys.executable, "-c", CHILD, mode, lib, str(corpus), str(limit), *map(str, extra)]


def parse_only(text: str) -> tuple[list[str], list[str], list[str]]:
    """``--only``: the row groups, tokenizers and trainers to run; a kind not named is kept whole.

    >>> parse_only("encode_batch,gpt2")
    (['encode_batch'], ['gpt2'], ['wordpiece', 'bpe', 'unigram'])
    >>> parse_only("")[0]
    ['encode_batch', 'encode', 'train']
    """
    items = [item.strip() for item in text.split(",") if item.strip()]
    unknown = [item for item in items if item not in GROUPS + TOKENIZERS + TRAINERS]
    if unknown:
        raise SystemExit(f"--only: unknown {', '.join(unknown)}; use {', '.join(GROUPS + TOKENIZERS + TRAINERS)}")
    return tuple(  # type: ignore[return-value]
        [name for name in kind if name in items] or list(kind) for kind in (GROUPS, TOKENIZERS, TRAINERS))


def write_ids(path: Path, lines: Iterable[Sequence[int]]) -> None:
    """An ids file as the children write it: the line count, every line's length, then all the ids (uint32)."""
    lengths, flat = array("I"), array("I")
    for ids in lines:
        lengths.append(len(ids))
        flat.extend(ids)
    with open(path, "wb") as out:
        array("Q", [len(lengths)]).tofile(out)
        lengths.tofile(out)
        flat.tofile(out)


def _lengths(handle: BinaryIO) -> array:
    count, lengths = array("Q"), array("I")
    count.fromfile(handle, 1)
    lengths.fromfile(handle, count[0])
    return lengths


def differing_lines(a: Path, b: Path) -> int:
    """How many lines got different ids in two ids files (a line only one of them has counts as different).

    Streams the files line by line: the parent must stay small, since a child's ``ru_maxrss``
    starts at its parent's peak (Linux keeps the high-water mark across fork and exec).
    """
    with open(a, "rb") as first, open(b, "rb") as second:
        ours, theirs = _lengths(first), _lengths(second)
        differ = abs(len(ours) - len(theirs))
        for x, y in zip(ours, theirs):
            differ += first.read(4 * x) != second.read(4 * y)
    return differ


def head_lines(corpus: Path, limit: int) -> Iterator[str]:
    """``corpus``'s text ``.split("\\n")[:limit]`` (all if 0), read as a stream."""
    with open(corpus, encoding="utf-8") as handle:
        count = 0
        for line in itertools.islice(handle, limit or None):
            count += 1
            if not line.endswith("\n"):  # the last piece, with no newline after it
                yield line
                return
            yield line[:-1]
        if not limit or count < limit:  # split's last piece after a final newline (or of an empty file)
            yield ""


def cpu_model(cpuinfo: str) -> str:
    """The CPU's model name in /proc/cpuinfo's text.

    >>> cpu_model("processor\\t: 0\\nmodel name\\t: AMD EPYC 7B13\\n")
    'AMD EPYC 7B13'
    """
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("model name", "Model", "cpu model"):
            return value.strip()
    return platform.processor() or platform.machine()


def machine() -> str:
    """The machine the run is on: CPU, cores, Python, date."""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        cpuinfo = ""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"{cpu_model(cpuinfo)}, {cores} cores, Python {platform.python_version()}, {when}"


def ratio_table(rows: Sequence[tuple[str, float, float, str, float]]) -> list[str]:
    """Markdown lines: measure, HF, tokkit, ratio, and the target, for ``(label, hf, tokkit, unit, target)`` rows.

    >>> ratio_table([("x", 2.0, 1.0, "s", 0.7)])[2]
    '| x | 2.00 s | 1.00 s | 0.50x | ≤ 0.7x |'
    """
    lines = ["| measure | HF tokenizers 0.23.3 | tokkit | ratio (tokkit / HF) | target |", "|---|---|---|---|---|"]
    for label, theirs, ours, unit, target in rows:
        fmt = "{:.2f}" if unit == "s" else "{:.0f}"
        ratio = f"{ours / theirs:.2f}x" if theirs else "n/a"
        lines.append(f"| {label} | {fmt.format(theirs)} {unit} | {fmt.format(ours)} {unit} | {ratio} | ≤ {target}x |")
    return lines


def overlap(ours: Iterable[str], theirs: set[str]) -> float:
    """The share of ``theirs`` also in ``ours``.

    >>> overlap(["a", "b", "x"], {"a", "b", "c", "d"})
    0.5
    """
    return len(theirs.intersection(ours)) / max(len(theirs), 1)


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def describe(run: dict) -> str:
    call = f" (call {run['call']:.2f}s)" if "call" in run else ""
    return (f"{run['time']:8.2f}s{call}  tree peak {run['tree_peak_mb']:6.0f} MB  "
            f"PSS {run['tree_pss_peak_mb']:6.0f} MB  maxrss {run['maxrss_mb']:6.0f} MB")


class Bench:
    """One benchmark run: its options, temporary files, raw results, table rows and checks."""

    def __init__(self, args: argparse.Namespace, tmp: Path) -> None:
        self.args, self.tmp = args, tmp
        self.raw: dict[str, dict[str, list[dict]]] = {}
        self.rows: list[tuple[str, float, float, str, float]] = []
        self.checks: list[str] = []
        self.mismatches: dict[str, int] = {}

    def measure(self, name: str, make_argv: Callable[[str], list[str]]) -> dict[str, list[dict]]:
        """Both libraries, alternating, ``--rounds`` times."""
        env = child_env()
        results = alternate(self.args.rounds, lambda lib: run_sampled(make_argv(lib), env), describe,
                            label=f"{name:24s} ")
        self.raw[name] = results
        return results

    def add_rows(self, label: str, results: dict[str, list[dict]], target: float, memory: bool) -> None:
        hf, ours = results["hf"], results["tokkit"]
        self.rows.append((label, median_of(hf, "time"), median_of(ours, "time"), "s", target))
        if memory:
            for key, what in (("tree_peak_mb", "peak RSS with workers"),
                              ("tree_pss_peak_mb", "peak PSS with workers (shared pages split)"),
                              ("maxrss_mb", "ru_maxrss of the process")):
                if key == "tree_pss_peak_mb" and min(run["pss_samples"] for run in hf + ours) < MIN_PSS_SAMPLES:
                    self.checks.append(f"{label}: PSS left out, a run too short for {MIN_PSS_SAMPLES} PSS samples")
                    continue
                self.rows.append((f"{label}: {what}", median_of(hf, key), median_of(ours, key), "MB",
                                  TARGETS["memory"]))

    def tokenizer_file(self, name: str) -> Path:
        if name != "walkthrough":
            return self.args.tokenizers / f"{name}.json"
        path = self.tmp / "walkthrough.json"
        if not path.exists():
            print("training the walk-through's WordPiece with HF ...", file=sys.stderr)
            run_sampled(child_argv("make-walkthrough", "hf", self.args.corpus, self.args.lines, path), child_env())
        return path

    def encode(self, group: str, name: str) -> None:
        limit = self.args.lines if group == "encode_batch" else min(self.args.lines or ONE_AT_A_TIME, ONE_AT_A_TIME)
        tokenizer, ids = self.tokenizer_file(name), {lib: self.tmp / f"{group}-{name}-{lib}.ids" for lib in LIBRARIES}
        results = self.measure(f"{group} {name}", lambda lib: child_argv(
            group, lib, self.args.corpus, limit, tokenizer, ids[lib]))
        lines = "every line" if group == "encode_batch" else f"first {limit} lines, one at a time"
        self.add_rows(f"{group} {name} ({lines})", results, TARGETS[group], group == "encode_batch")
        # Every round rewrote the files: the comparison is of the last round of each library.
        self.mismatches[f"{group} {name}"] = differing_lines(ids["hf"], ids["tokkit"])
        tokens = {lib: {run["tokens"] for run in runs} for lib, runs in results.items()}
        if tokens["hf"] != tokens["tokkit"] or len(tokens["hf"]) != 1:
            self.checks.append(f"{group} {name}: token counts differ: {tokens}")

    def train(self, name: str) -> None:
        corpus = self.args.corpus
        if name == "unigram" and self.args.lines:  # Unigram trains from the file: a file of the first lines
            corpus = self.tmp / "corpus-head.txt"
            with open(corpus, "w", encoding="utf-8") as out:
                out.writelines(line + "\n" for line in head_lines(self.args.corpus, self.args.lines))
        results = self.measure(f"train {name}", lambda lib: child_argv(f"train-{name}", lib, corpus, self.args.lines))
        vocab = "8000, Metaspace" if name == "unigram" else "25000"
        self.add_rows(f"training {name} (vocab {vocab})", results, TARGETS["train"], name == "unigram")
        first = {lib: runs[0]["check"] for lib, runs in results.items()}
        if name == "bpe":
            same = len({run["check"] for runs in results.values() for run in runs}) == 1
            self.checks.append(f"BPE vocab and merges {'identical to HF' if same else 'DIFFERENT from HF'}")
        else:
            theirs = set(first["hf"])
            note = f"{name} vocab overlap tokkit/HF {overlap(first['tokkit'], theirs):.4f}"
            if len(results["hf"]) > 1:  # how much HF differs from itself (hash order, float sums) for scale
                note += f" (HF/HF across rounds {overlap(results['hf'][-1]['check'], theirs):.4f})"
            self.checks.append(note)


def slim(raw: dict[str, dict[str, list[dict]]]) -> dict[str, dict[str, list[dict]]]:
    """The raw results without the trained vocabularies (kept only for the overlap checks)."""
    return {name: {lib: [{key: value for key, value in run.items() if key != "check" or isinstance(value, str)}
                         for run in runs] for lib, runs in results.items()} for name, results in raw.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--tokenizers", type=Path, default=DEFAULT_TOKENIZERS, help="folder of <name>.json files")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lines", type=int, default=0, help="use only the first N lines (0 = all)")
    parser.add_argument("--only", default="", help="row groups, tokenizer and trainer names, comma-separated")
    parser.add_argument("--json", type=Path, help="save the raw results (every round) to this file")
    args = parser.parse_args()
    groups, tokenizers, trainers = parse_only(args.only)
    with tempfile.TemporaryDirectory(prefix="tokkit-bench-speed-") as tmp:
        bench = Bench(args, Path(tmp))
        for group in ("encode_batch", "encode"):
            for name in tokenizers if group in groups else ():
                bench.encode(group, name)
        for name in trainers if "train" in groups else ():
            bench.train(name)
    n_lines = sum(1 for _ in head_lines(args.corpus, 0))
    used = min(args.lines, n_lines) if args.lines else n_lines
    print(f"machine: {machine()}")
    print(f"corpus: {args.corpus.name} ({args.corpus.stat().st_size / 1e6:.1f} MB, {used} of {n_lines} lines), "
          f"{args.rounds} alternating rounds, medians; each library in a fresh subprocess")
    print()
    print("\n".join(ratio_table(bench.rows)))
    print()
    if bench.mismatches:
        print("lines with different ids (must be 0): "
              + ", ".join(f"{name} {count}" for name, count in bench.mismatches.items()))
    for check in bench.checks:
        print(check)
    parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"this process's peak: {parent_mb:.0f} MB (a child's ru_maxrss cannot read below it: Linux keeps the "
          "high-water mark across fork and exec)")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "args": {k: str(v) for k, v in vars(args).items()},
                                         "rows": bench.rows, "mismatches": bench.mismatches, "checks": bench.checks,
                                         "raw": slim(bench.raw)}, indent=1), encoding="utf-8")
    if any(bench.mismatches.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
