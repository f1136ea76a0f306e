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
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Sequence

from .._errors import TrainingError
from .._support.processes import can_fork, weighted_cuts

__all__ = ["ParallelCounter", "PARALLEL_THRESHOLD_CHARS", "text_batches"]

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


#: A counting plan's ``finish``: key counts -> word counts, linear in the counts (see ``counting``).
Finish = Callable[[Counter[str]], Mapping[str, int]]


def _count_slice(conn: Any, count: CountBatch, finish: Finish, texts: Sequence[str], start: int, stop: int,
                 max_chars: int) -> None:
    counts: Counter[str] = Counter()
    for batch in text_batches(islice(texts, start, stop), max_chars):
        count(counts, batch)
    conn.send(dict(finish(counts)))
    conn.close()


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
        if workers < 2 or not can_fork():
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

    def list_bounds(self, texts: Sequence[str]) -> Optional[list[int]]:
        """Where to cut a list of texts among the processes, when it is large enough for workers; else None."""
        sizes = list(map(len, texts))
        return weighted_cuts(sizes, [1.0] * self._workers) if sum(sizes) >= PARALLEL_THRESHOLD_CHARS else None

    def count_list(self, texts: Sequence[str], bounds: list[int], finish: Finish, max_chars: int,
                   on_batch: Callable[[int], None]) -> dict[str, int]:
        """The word counts of a list of texts cut at ``bounds``: this process the first slice, a worker each other.

        The workers read their slices from the inherited list (nothing is sent but
        their counts back), so a list given to ``train_from_iterator`` is counted
        without pickling any text.  Each process finishes its own keys (``finish``
        is linear in the counts, so the word counts add up) at the same time, and
        sends back word counts, fewer than keys.  ``on_batch(n)`` follows this
        process's batches and each worker's slice as it comes back.
        """
        context = multiprocessing.get_context("fork")
        conns, procs = [], []
        try:
            for start, stop in zip(bounds[1:-1], bounds[2:]):
                ours, theirs = context.Pipe(duplex=False)
                args = (theirs, self._count, finish, texts, start, stop, max_chars)
                proc = context.Process(target=_count_slice, args=args, daemon=True)
                proc.start()
                theirs.close()
                conns.append(ours)
                procs.append(proc)
            counts: Counter[str] = Counter()
            for batch in text_batches(islice(texts, 0, bounds[1]), max_chars):
                self._count(counts, batch)
                on_batch(len(batch))
            words = dict(finish(counts))
            del counts
            get = words.get
            for conn, start, stop in zip(conns, bounds[1:-1], bounds[2:]):
                try:
                    theirs_words = conn.recv()
                except (EOFError, OSError):
                    raise TrainingError("a word counting worker process stopped (killed, or out of memory?); "
                                        "retry with TOKKIT_NUM_PROC=1 to count in one process") from None
                for word, count in theirs_words.items():
                    words[word] = get(word, 0) + count
                on_batch(stop - start)
            return words
        finally:
            for conn in conns:
                conn.close()
            for proc in procs:
                proc.join(timeout=5)
                if proc.is_alive():
                    proc.terminate()

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



def text_batches(texts: Iterable[str], max_chars: int) -> Iterator[list[str]]:
    """Lists of consecutive texts of about ``max_chars`` chars (the last one shorter).

    >>> [len(batch) for batch in text_batches(["ab", "c", "de", "f"], 3)]
    [2, 2]
    """
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= max_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch
