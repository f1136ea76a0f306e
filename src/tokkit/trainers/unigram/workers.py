"""Where the per-word work of Unigram training runs: in-process, or in forked worker processes.

The words are cut into fixed blocks of ``BLOCK_WORDS`` (a function of the
input only).  Each block's expected counts are summed separately and the
blocks are added in order by the parent, so 1, 2 or 8 workers give
bit-identical results.  Viterbi counts are sums of integers (exact in any
order).  Pieces' 2nd-best splits are independent; worker ``k`` handles the
pieces whose index is ``k`` modulo the number of workers.

Workers are forked after the seeds exist (they inherit words, pieces and the
prefix table without pickling), build their own words' lattices, and then
serve commands over a pipe until closed.  ``TOKKIT_NUM_PROC=1`` or a small
input keeps everything in-process; platforms without ``fork`` do too.
"""

from __future__ import annotations

import multiprocessing
from array import array
from typing import Any

from ..._support.processes import process_count
from .lattice import prefix_table
from .shard import Shard

__all__ = ["make_backend", "BLOCK_WORDS", "PARALLEL_MIN_CHARS"]

#: Words per block of expected-count sums.
BLOCK_WORDS = 65536
#: Below this many chars in the distinct words, workers cost more than they save.
PARALLEL_MIN_CHARS = 300_000


def _blocks(n_words: int) -> list[int]:
    bounds = list(range(0, n_words, BLOCK_WORDS)) + [n_words]
    return bounds if n_words else [0, 0]


def num_workers() -> int:
    """``num_proc`` of the training call, else ``TOKKIT_NUM_PROC``, else one per CPU."""
    return process_count()


def make_backend(words: list[tuple[str, int]], pieces: list[str], max_len: int,
                 workers: int = 0) -> "LocalBackend | WorkerBackend":
    """A ``LocalBackend`` or a ``WorkerBackend`` (``workers=0``: from ``TOKKIT_NUM_PROC`` / cores)."""
    table = prefix_table(pieces)
    bounds = _blocks(len(words))
    workers = workers or num_workers()
    workers = min(workers, len(bounds) - 1)
    big = sum(len(word) for word, _ in words) >= PARALLEL_MIN_CHARS
    if workers >= 2 and big and "fork" in multiprocessing.get_all_start_methods():
        return WorkerBackend(words, bounds, pieces, max_len, table, workers)
    return LocalBackend(Shard(words, bounds, pieces, max_len, table))


class LocalBackend:
    """Everything in this process."""

    def __init__(self, shard: Shard) -> None:
        self.shard = shard

    def e_step(self, order: list[int], live: list[float]) -> list[list[float]]:
        return self.shard.e_step(order, live)

    def viterbi_freq(self, order: list[int], live: list[float]) -> list[float]:
        return self.shard.viterbi_freq(order, live)

    def alternatives(self, order: list[int], live: list[float]) -> tuple[dict[int, list[int]], list[int]]:
        return self.shard.alternatives(order, live, order[1:])

    def close(self) -> None:
        pass


def _serve(conn: Any, words: list[tuple[str, int]], bounds: list[int], pieces: list[str], max_len: int,
           table: dict[str, int], rank: int, workers: int) -> None:
    """A worker's loop: build the lattices of its words, then answer commands until ``None``."""
    lo, hi = bounds[0], bounds[-1]
    shard = Shard(words[lo:hi], [b - lo for b in bounds], pieces, max_len, table)
    conn.send("ready")
    while True:
        message = conn.recv()
        if message is None:
            break
        command, order, live = message
        if command == "e":
            conn.send([array("d", block).tobytes() for block in shard.e_step(order, live)])
        elif command == "v":
            conn.send(array("d", shard.viterbi_freq(order, live)).tobytes())
        else:
            mine = [index for index in order[1:] if index % workers == rank]
            conn.send(shard.alternatives(order, live, mine))
    conn.close()


class WorkerBackend:
    """Forked workers, each owning a contiguous run of whole blocks."""

    def __init__(self, words: list[tuple[str, int]], bounds: list[int], pieces: list[str], max_len: int,
                 table: dict[str, int], workers: int) -> None:
        context = multiprocessing.get_context("fork")
        n_blocks = len(bounds) - 1
        self.conns: list[Any] = []
        self.procs: list[Any] = []
        for rank in range(workers):
            first, last = rank * n_blocks // workers, (rank + 1) * n_blocks // workers
            parent, child = context.Pipe()
            proc = context.Process(target=_serve, daemon=True,
                                   args=(child, words, bounds[first:last + 1], pieces, max_len, table, rank, workers))
            proc.start()
            child.close()
            self.conns.append(parent)
            self.procs.append(proc)
        for conn in self.conns:
            if conn.recv() != "ready":
                raise RuntimeError("a Unigram training worker failed to start")

    def _ask(self, command: str, order: list[int], live: list[float]) -> list[Any]:
        for conn in self.conns:
            conn.send((command, order, live))
        return [conn.recv() for conn in self.conns]

    def e_step(self, order: list[int], live: list[float]) -> list[list[float]]:
        out = []
        for blocks in self._ask("e", order, live):
            for raw in blocks:
                values = array("d")
                values.frombytes(raw)
                out.append(values.tolist())
        return out

    def viterbi_freq(self, order: list[int], live: list[float]) -> list[float]:
        total = [0.0] * len(order)
        for raw in self._ask("v", order, live):
            values = array("d")
            values.frombytes(raw)
            total = [a + b for a, b in zip(total, values)]  # integer-valued: exact in any order
        return total

    def alternatives(self, order: list[int], live: list[float]) -> tuple[dict[int, list[int]], list[int]]:
        alternatives: dict[int, list[int]] = {}
        not_kept: list[int] = []
        for part, dropped in self._ask("a", order, live):
            alternatives.update(part)
            not_kept.extend(dropped)
        return alternatives, not_kept

    def close(self) -> None:
        for conn in self.conns:
            try:
                conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for proc in self.procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
        self.conns, self.procs = [], []
