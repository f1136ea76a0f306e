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


def pss_kb(pid: int) -> int:
    """The proportional set of one process in kB: each shared page split among its users (0 once ended)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    """The summed RSS of ``pid`` and all its descendants, in kB."""
    return sum(rss_kb(member) for member in descendants(pid, parent_ids()))


def tree_memory_kb(pid: int, pss: bool) -> tuple[int, int]:
    """The summed RSS and (if ``pss``, else 0) summed PSS of ``pid`` and all its descendants, in kB."""
    members = descendants(pid, parent_ids())
    return sum(map(rss_kb, members)), sum(map(pss_kb, members)) if pss else 0


class TreePeak:
    """A thread sampling the summed RSS of a process tree until ``stop()``; ``peak_kb`` is the largest seen.

    The summed PSS is read every ``pss_every`` samples only (smaps_rollup walks every mapping):
    ``pss_peak_kb`` may miss a short peak that ``peak_kb`` sees.
    """

    def __init__(self, pid: int, interval: float = 0.02, pss_every: int = 5) -> None:
        self.pid, self.interval, self.pss_every = pid, interval, pss_every
        self.peak_kb = self.pss_peak_kb = self.samples = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.is_set():
            rss, pss = tree_memory_kb(self.pid, pss=self.samples % self.pss_every == 0)
            self.peak_kb, self.pss_peak_kb = max(self.peak_kb, rss), max(self.pss_peak_kb, pss)
            self.samples += 1
            self._done.wait(self.interval)

    def stop(self) -> int:
        """Stop sampling; the peak in kB."""
        self._done.set()
        self._thread.join()
        return self.peak_kb


def run_sampled(argv: Sequence[str], env: Optional[dict] = None, interval: float = 0.02) -> dict:
    """Run ``argv`` (a child printing one JSON object); that object plus its tree's peak RSS and PSS in MB."""
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
    result["tree_peak_mb"], result["tree_pss_peak_mb"] = peak / 1024, sampler.pss_peak_kb / 1024
    result["samples"], result["pss_samples"] = sampler.samples, -(-sampler.samples // sampler.pss_every)
    return result


if __name__ == "__main__":  # a quick look: python benchmarks/_memory.py -- CMD...
    print(run_sampled(sys.argv[2:] if sys.argv[1:2] == ["--"] else sys.argv[1:]))
