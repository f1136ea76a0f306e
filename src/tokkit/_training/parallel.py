"""Explicit multiprocessing for word counting, with results identical to one process.

Word counts are sums, so splitting the texts among worker processes cannot
change them.  Workers are forked (POSIX) so they inherit the tokenizer as it
is, custom components included; nothing is pickled but text batches and the
final counts.  Workers start only once the input is large enough to pay for
them, never on platforms without ``fork``, and never inside a daemonic process
(a ``multiprocessing.Pool`` worker may not have children): there the counting
stays in the process, with the same counts.  ``TOKKIT_NUM_PROC=1`` turns this off.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from typing import Any, Callable, Optional

__all__ = ["ParallelCounter", "PARALLEL_THRESHOLD_CHARS"]

#: Characters of input seen before workers are started (counted in this process until then).
PARALLEL_THRESHOLD_CHARS = 1 << 20

#: ``count(counts, batch)``: adds a batch's keys to a Counter (see ``counting``).
CountBatch = Callable[[Counter[str], list[str]], None]

_COUNT: Optional[CountBatch] = None


def _worker(tasks: Any, results: Any) -> None:
    count = _COUNT
    assert count is not None
    counts: Counter[str] = Counter()
    while True:
        batch = tasks.get()
        if batch is None:
            break
        count(counts, batch)
    results.put(dict(counts))


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


class ParallelCounter:
    """Counts words of text batches in forked worker processes."""

    def __init__(self, count: CountBatch, workers: int) -> None:
        self._count = count
        self._workers = workers
        self._seen = 0
        self._procs: list[Any] = []
        self._tasks: Any = None
        self._results: Any = None

    @classmethod
    def for_tokenizer(cls, count: CountBatch, workers: int) -> Optional["ParallelCounter"]:
        if workers < 2 or not _can_fork():
            return None
        return cls(count, workers)

    def started_or_worth_it(self, batch: list[str]) -> bool:
        """Whether this batch should go to the workers (starting them if the input got large)."""
        if self._procs:
            return True
        self._seen += sum(map(len, batch))
        if self._seen < PARALLEL_THRESHOLD_CHARS:
            return False
        self._start()
        return True

    def _start(self) -> None:
        global _COUNT
        context = multiprocessing.get_context("fork")
        self._tasks = context.Queue(maxsize=4 * self._workers)
        self._results = context.Queue()
        _COUNT = self._count  # inherited by the forked children
        try:
            for _ in range(self._workers):
                proc = context.Process(target=_worker, args=(self._tasks, self._results), daemon=True)
                proc.start()
                self._procs.append(proc)
        finally:
            _COUNT = None

    def submit(self, batch: list[str]) -> None:
        self._tasks.put(batch)

    def collect_into(self, counts: Counter[str]) -> None:
        """Stop the workers and add their counts to ``counts``."""
        if not self._procs:
            return
        for _ in self._procs:
            self._tasks.put(None)
        for _ in self._procs:
            counts.update(self._results.get())
        for proc in self._procs:
            proc.join()
        self._procs = []

    def close(self) -> None:
        for proc in self._procs:
            if proc.is_alive():
                proc.terminate()
        self._procs = []

