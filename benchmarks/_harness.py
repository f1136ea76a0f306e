"""What every benchmark here shares: fresh subprocesses, alternating rounds, medians, a ratio table.

Each library runs in its own fresh subprocess (so neither warms the other's caches or memory),
the order alternates every round, and medians are reported.  Children print one JSON object.

>>> medians({"hf": [{"t": 1.0}, {"t": 3.0}], "tokkit": [{"t": 2.0}]}, ("t",))
{'hf': {'t': 2.0}, 'tokkit': {'t': 2.0}}
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterable, Sequence

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_CORPUS = SHARED / "corpora" / "english-nltk.txt"
DEFAULT_TOKENIZERS = SHARED / "tokenizers"  # the pretrained <name>.json files
LIBRARIES = ("hf", "tokkit")


def child_env() -> dict[str, str]:
    """The environment of a benchmark child: this checkout's ``src`` first on its path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def run_child(code: str, *argv: object) -> dict:
    """Run ``code`` in a fresh Python (this checkout's ``src`` first on the path); its JSON output."""
    out = subprocess.run([sys.executable, "-c", code, *map(str, argv)], check=True, capture_output=True, text=True,
                         env=child_env())
    return json.loads(out.stdout)


def alternate(rounds: int, run_one: Callable[[str], dict], describe: Callable[[dict], str],
              label: str = "") -> dict[str, list[dict]]:
    """``run_one(lib)`` for both libraries, ``rounds`` times, alternating which goes first."""
    results: dict[str, list[dict]] = {lib: [] for lib in LIBRARIES}
    for round_ in range(rounds):
        for lib in (LIBRARIES if round_ % 2 == 0 else LIBRARIES[::-1]):
            result = run_one(lib)
            results[lib].append(result)
            print(f"{label}round {round_ + 1} {lib:6s} {describe(result)}", file=sys.stderr)
    return results


def medians(results: dict[str, list[dict]], keys: Iterable[str]) -> dict[str, dict[str, float]]:
    """The median of each measure, per library."""
    keys = tuple(keys)
    return {lib: {key: statistics.median(run[key] for run in runs) for key in keys} for lib, runs in results.items()}


def print_ratio_table(med: dict[str, dict[str, float]], rows: Sequence[tuple[str, str, str]]) -> None:
    """A markdown table of ``(key, label, unit)`` rows: HF, tokkit and tokkit / HF."""
    print("| measure | HF tokenizers 0.23.3 | tokkit | ratio (tokkit / HF) |")
    print("|---|---|---|---|")
    for key, label, unit in rows:
        theirs, ours = med["hf"][key], med["tokkit"][key]
        fmt = "{:.2f}" if unit == "s" else "{:.0f}"
        print(f"| {label} | {fmt.format(theirs)} {unit} | {fmt.format(ours)} {unit} | {ours / theirs:.2f}x |")
