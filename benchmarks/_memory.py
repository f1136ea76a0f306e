"""Peak memory of a process *with its worker processes*: summed RSS of its whole tree, sampled.

HF's workers are threads of one process, so that process's ``ru_maxrss`` is its
peak; tokkit's counting, merging and encoding workers are forked processes, whose
memory ``ru_maxrss`` of the parent never sees.  So a thread here reads, every
``interval`` seconds, the resident set (``/proc/<pid>/statm``) of the process and of
all its descendants (found through each process's parent id in ``/proc/<pid>/stat``)
and keeps the largest sum.  A page a forked worker still shares with its parent is
counted in both, as ``ps`` and ``top`` would; that is the conservative reading.

>>> tree_rss_kb(os.getpid()) > 0
True
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from typing import Optional, Sequence

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def parent_ids() -> dict[int, int]:
    """Every process's parent id, from /proc (a process that ends meanwhile is left out)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    stat = handle.read()
            except OSError:
                continue
            # The command name (in parentheses) may hold spaces: the fields after it are safe to split.
            parents[int(entry)] = int(stat[stat.rindex(b")") + 2:].split()[1])
    return parents


def descendants(pid: int, parents: dict[int, int]) -> list[int]:
    """``pid`` and every process below it, given each process's parent id.

    >>> descendants(1, {2: 1, 3: 2, 4: 9, 5: 1})
    [1, 2, 5, 3]
    """
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    found, index = [pid], 0
    while index < len(found):
        found.extend(sorted(children.get(found[index], ())))
        index += 1
    return found


def rss_kb(pid: int) -> int:
    """The resident set of one process in kB (0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kb(pid: int) -> int:
    """The summed RSS of ``pid`` and all its descendants, in kB."""
    return sum(rss_kb(member) for member in descendants(pid, parent_ids()))


class TreePeak:
    """A thread sampling the summed RSS of a process tree until ``stop()``; ``peak_kb`` is the largest seen."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid, self.interval, self.peak_kb, self.samples = pid, interval, 0, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))
            self.samples += 1
            self._done.wait(self.interval)

    def stop(self) -> int:
        """Stop sampling; the peak in kB."""
        self._done.set()
        self._thread.join()
        return self.peak_kb


def run_sampled(argv: Sequence[str], env: Optional[dict] = None, interval: float = 0.02) -> dict:
    """Run ``argv`` (a child printing one JSON object); that object plus ``tree_peak_mb``, its tree's peak RSS."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(list(argv), stdout=out, stderr=err, env=env, text=True)
        sampler = TreePeak(proc.pid, interval)
        proc.wait()
        peak = sampler.stop()
        if proc.returncode:
            err.seek(0)
            raise SystemExit(f"benchmark child failed (exit {proc.returncode}): {argv[3:]}\n{err.read()[-3000:]}")
        out.seek(0)
        result: dict = json.loads(out.read())
    result["tree_peak_mb"], result["samples"] = peak / 1024, sampler.samples
    return result


if __name__ == "__main__":  # a quick look: python benchmarks/_memory.py -- CMD...
    print(run_sampled(sys.argv[2:] if sys.argv[1:2] == ["--"] else sys.argv[1:]))
