"""Where the per-word work of Unigram training runs: in-process, or in fresh worker processes.

The words are cut into fixed blocks of ``BLOCK_WORDS`` (a function of the
input only).  Each block's expected counts are summed separately and the
blocks are added in order by the parent, so 1, 2 or 8 workers give
bit-identical results.  Viterbi counts are sums of integers (exact in any
order).  Pieces' 2nd-best splits are independent; worker ``k`` handles the
pieces whose index is ``k`` modulo the number of workers.

Workers are fresh interpreters (``python -c``), not forks: a forked child
maps all of its parent's memory (the word counts, the seeds, whatever the
caller holds), which the OS counts again in every worker's resident size,
and Python's reference counting soon copies much of it.  A fresh worker
gets only its words and the seed pieces, pickled over its stdin, builds its
words' lattices (``shard``) and answers commands until stdin closes.  It is
started with ``subprocess`` rather than ``multiprocessing``'s spawn, which
would re-run the caller's main script in every worker.  ``TOKKIT_NUM_PROC=1``
or a small input keeps everything in-process.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from array import array
from pathlib import Path
from typing import IO, Any

from ..._errors import TrainingError
from ..._support.processes import process_count
from .lattice import prefix_table
from .shard import Shard

__all__ = ["make_backend", "serve", "BLOCK_WORDS", "PARALLEL_MIN_CHARS"]

#: Words per block of expected-count sums.
BLOCK_WORDS = 65536
#: Below this many chars in the distinct words, workers cost more than they save.
PARALLEL_MIN_CHARS = 300_000
#: The directory holding the ``tokkit`` package: put first on the workers' path.
_SOURCE_ROOT = str(Path(__file__).resolve().parents[3])


def _blocks(n_words: int) -> list[int]:
    bounds = list(range(0, n_words, BLOCK_WORDS)) + [n_words]
    return bounds if n_words else [0, 0]


def num_workers() -> int:
    """``num_proc`` of the training call, else ``TOKKIT_NUM_PROC``, else one per CPU."""
    return process_count()


def make_backend(words: list[tuple[str, int]], pieces: list[str], max_len: int,
                 workers: int = 0) -> "LocalBackend | WorkerBackend":
    """A ``LocalBackend`` or a ``WorkerBackend`` (``workers=0``: from ``TOKKIT_NUM_PROC`` / cores)."""
    bounds = _blocks(len(words))
    workers = workers or num_workers()
    workers = min(workers, len(bounds) - 1)
    big = sum(len(word) for word, _ in words) >= PARALLEL_MIN_CHARS
    if workers >= 2 and big:
        return WorkerBackend(words, bounds, pieces, max_len, workers)
    return LocalBackend(Shard(words, bounds, pieces, max_len, prefix_table(pieces)))


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


def _send(stream: IO[bytes], message: Any) -> None:
    pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def serve() -> None:
    """A worker's main: build the lattices of the words it is sent, then answer commands until ``None``.

    Speaks pickles over stdin/stdout; anything printed goes to stderr instead.
    """
    inbox, outbox = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    words, bounds, pieces, max_len, rank, workers = pickle.load(inbox)
    shard = Shard(words, bounds, pieces, max_len, prefix_table(pieces))
    del words
    _send(outbox, "ready")
    while True:
        message = pickle.load(inbox)
        if message is None:
            break
        command, order, live = message
        if command == "e":
            _send(outbox, [array("d", block).tobytes() for block in shard.e_step(order, live)])
        elif command == "v":
            _send(outbox, array("d", shard.viterbi_freq(order, live)).tobytes())
        else:
            mine = [index for index in order[1:] if index % workers == rank]
            _send(outbox, shard.alternatives(order, live, mine))


class WorkerBackend:
    """Fresh worker processes, each owning a contiguous run of whole blocks."""

    def __init__(self, words: list[tuple[str, int]], bounds: list[int], pieces: list[str], max_len: int,
                 workers: int) -> None:
        n_blocks = len(bounds) - 1
        # this very tokkit, even when the current directory or PYTHONPATH holds another
        code = f"import sys; sys.path.insert(0, {_SOURCE_ROOT!r}); from tokkit.trainers.unigram.workers import serve; serve()"
        self.procs: list[subprocess.Popen[bytes]] = []
        try:
            for rank in range(workers):
                self.procs.append(subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                                   stdout=subprocess.PIPE))
            for rank, proc in enumerate(self.procs):
                first, last = rank * n_blocks // workers, (rank + 1) * n_blocks // workers
                lo, hi = bounds[first], bounds[last]
                mine = [b - lo for b in bounds[first:last + 1]]
                self._send(proc, (words[lo:hi], mine, pieces, max_len, rank, workers))
            for proc in self.procs:
                if self._recv(proc) != "ready":
                    raise TrainingError("a Unigram training worker failed to start; train with num_proc=1")
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _send(proc: "subprocess.Popen[bytes]", message: Any) -> None:
        assert proc.stdin is not None
        try:
            _send(proc.stdin, message)
        except (BrokenPipeError, OSError) as error:
            raise TrainingError(f"a Unigram training worker stopped ({error}); see its error above, "
                                "or train with num_proc=1 to work in one process") from None

    @staticmethod
    def _recv(proc: "subprocess.Popen[bytes]") -> Any:
        assert proc.stdout is not None
        try:
            return pickle.load(proc.stdout)
        except EOFError:
            raise TrainingError(f"a Unigram training worker stopped (exit code {proc.wait()}); see its error "
                                "above, or train with num_proc=1 to work in one process") from None

    def _ask(self, command: str, order: list[int], live: list[float]) -> list[Any]:
        for proc in self.procs:
            self._send(proc, (command, order, live))
        return [self._recv(proc) for proc in self.procs]

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
        for proc in self.procs:
            try:
                if proc.stdin is not None:
                    _send(proc.stdin, None)
                    proc.stdin.close()
            except (BrokenPipeError, OSError):
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        self.procs = []
