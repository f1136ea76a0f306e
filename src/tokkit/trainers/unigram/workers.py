"""Where the per-word work of Unigram training runs: in-process, or in fresh worker processes.

The words are cut into fixed blocks of ``BLOCK_WORDS`` (a function of the
input only).  Each block's expected counts are summed separately and the
blocks are added in order by the parent, so 1, 2 or 8 workers give
bit-identical results.  Viterbi counts are sums of integers (exact in any
order).  Pieces' 2nd-best splits are independent; each piece goes to one
worker whose words contain it (the one of its index modulo the number of
workers when it can), since a piece's lattice is read from a word's.

Workers are fresh interpreters (``python -c``), not forks: a forked child
maps all of its parent's memory (the word counts, the seeds, whatever the
caller holds), which the OS counts again in every worker's resident size,
and Python's reference counting soon copies much of it.  The trainer sends
every worker the words (compact) and the seeds (pickled); each worker builds
the ``Shard`` of its own words (the lattices, in flat arrays) with a prefix
table of its own, all workers at once, drops the table, and then answers
pickled commands until its stdin closes.  Workers are started with
``subprocess`` rather than ``multiprocessing``'s spawn, which would re-run
the caller's main script in every worker, and load only this package's
modules (``tokkit/__init__`` and its imports would cost each worker ~20 MB
and 0.2 s).  The seeds are
computed in such a process too (``seeds_in_fresh_process``): their big
temporary tables then leave no fragmented heap behind in the trainer.
``TOKKIT_NUM_PROC=1``, a small input, or a platform that cannot start
``sys.executable`` keeps everything in-process.
"""

from __future__ import annotations

import math
import pickle
import subprocess
import sys
from array import array
from operator import add
from pathlib import Path
from typing import IO, Any, Callable, Optional, Sequence

from ..._errors import TrainingError
from ..._support.processes import process_count
from .lattice import prefix_table
from .seeds import seed_pieces
from .shard import Shard, Splits
from .words import PackedPieces, SortedWords

__all__ = ["make_backend", "seeds_in_fresh_process", "serve", "BLOCK_WORDS", "PARALLEL_MIN_CHARS"]

#: Words per block of expected-count sums.
BLOCK_WORDS = 65536
#: Below this many chars in the distinct words, workers cost more than they save.
PARALLEL_MIN_CHARS = 300_000
#: A worker's program: bare packages stand in for ``tokkit`` and ``tokkit.trainers`` (their
#: ``__init__`` imports the whole library), so only the modules the work needs are loaded.
_BOOT = """import sys, types
for name, path in {packages!r}:
    module = types.ModuleType(name)
    module.__path__ = [path]
    sys.modules[name] = module
from tokkit.trainers.unigram.workers import serve
serve()
"""


def _start() -> "subprocess.Popen[bytes]":
    """A fresh worker process (this very tokkit, whatever the current directory or PYTHONPATH hold)."""
    here = Path(__file__).resolve().parent
    packages = [("tokkit", str(here.parents[1])), ("tokkit.trainers", str(here.parent)),
                ("tokkit.trainers.unigram", str(here))]
    return subprocess.Popen([sys.executable, "-c", _BOOT.format(packages=packages)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)


def _big(words: SortedWords) -> bool:
    return words.n_chars() >= PARALLEL_MIN_CHARS


def seeds_in_fresh_process(words: SortedWords, max_piece_length: int, seed_size: int,
                           workers: int = 0) -> "tuple[PackedPieces, Sequence[float]]":
    """``seed_pieces`` as (pieces, scores) after the training ``"<UNK>"`` (score NaN), run in a fresh process
    when workers are allowed and the input is big."""
    if (workers or num_workers()) < 2 or not _big(words):
        return _split_seeds(seed_pieces(list(words.items()), max_piece_length, seed_size))
    try:
        proc = _start()
    except OSError:  # no usable sys.executable (embedded Python): work here
        return _split_seeds(seed_pieces(list(words.items()), max_piece_length, seed_size))
    try:
        WorkerBackend.send(proc, ("seeds", words, max_piece_length, seed_size))
        packed, size, raw = WorkerBackend.recv(proc)
    finally:
        _stop([proc])
    scores = array("d")
    scores.frombytes(raw)
    return PackedPieces(packed, size), scores  # 8 bytes a score until the lattices exist (EmState)


def _split_seeds(seeds: list[tuple[str, float]]) -> tuple[PackedPieces, list[float]]:
    pieces = PackedPieces.pack(["<UNK>"] + [piece for piece, _ in seeds])
    return pieces, [math.nan] + [score for _, score in seeds]


def _stop(procs: "list[subprocess.Popen[bytes]]") -> None:
    """Close the workers' stdin (their signal to exit) and wait for them."""
    for proc in procs:
        try:
            if proc.stdin is not None:
                proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
    for proc in procs:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _blocks(n_words: int) -> list[int]:
    bounds = list(range(0, n_words, BLOCK_WORDS)) + [n_words]
    return bounds if n_words else [0, 0]


def num_workers() -> int:
    """``num_proc`` of the training call, else ``TOKKIT_NUM_PROC``, else one per CPU."""
    return process_count()


def make_backend(words: SortedWords, pieces: PackedPieces, max_len: int,
                 workers: int = 0) -> "LocalBackend | WorkerBackend":
    """A ``LocalBackend`` or a ``WorkerBackend`` (``workers=0``: from ``TOKKIT_NUM_PROC`` / cores)."""
    bounds = _blocks(len(words))
    workers = workers or num_workers()
    workers = min(workers, len(bounds) - 1)
    if workers >= 2 and _big(words):
        try:
            return WorkerBackend(words, bounds, pieces, max_len, workers)
        except OSError:  # no usable sys.executable (embedded Python): work here
            pass
    names = pieces.unpack()
    return LocalBackend(Shard(words.items(), bounds, [len(piece) for piece in names], max_len, prefix_table(names)))


class LocalBackend:
    """Everything in this process."""

    def __init__(self, shard: Shard) -> None:
        self.shard = shard

    def e_step(self, order: list[int], live: list[float]) -> "list[array[float]]":
        return self.shard.e_step(order, live)

    def viterbi_freq(self, order: list[int], live: list[float]) -> "array[float]":
        return self.shard.viterbi_freq(order, live)

    def alternatives(self, order: list[int], live: list[float]) -> tuple[Splits, set[int]]:
        splits = Splits(len(self.shard.lengths))
        *found, not_kept = self.shard.alternatives(order, live, order[1:])  # every piece occurs in the words
        splits.add(*found)
        return splits, set(not_kept)

    def close(self) -> None:
        pass


def _send(stream: IO[bytes], message: Any) -> None:
    pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def serve() -> None:
    """A worker's main: the seeds, or the lattices of its words and then answers to commands until EOF.

    Speaks pickles over stdin/stdout; anything printed goes to stderr instead.
    """
    inbox, outbox = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    job = pickle.load(inbox)
    if job[0] == "seeds":
        _, words, max_piece_length, seed_size = job
        pieces, scores = _split_seeds(seed_pieces(list(words.items()), max_piece_length, seed_size))
        _send(outbox, (pieces.data, len(pieces), array("d", scores).tobytes()))  # 8 bytes a float, no objects
        return
    _, words, packed, max_len = job  # "build"
    del job
    shard = _build_shard(words, packed, max_len, pickle.load(inbox))
    del words, packed
    _send(outbox, shard.present())
    mine = b""  # the pieces whose 2nd-best split this worker finds: set by "own" before any "a"
    while True:
        try:
            message = pickle.load(inbox)
        except EOFError:  # the trainer closed our stdin: done
            break
        command, raw_order, raw_live = message
        if command == "own":
            mine = raw_order
            continue
        order, live = array("q"), array("d")
        order.frombytes(raw_order)
        live.frombytes(raw_live)
        del raw_order, raw_live
        if command == "e":
            _send(outbox, [block.tobytes() for block in shard.e_step(order, live)])
        elif command == "v":
            _send(outbox, shard.viterbi_freq(order, live).tobytes())
        else:
            found = shard.alternatives(order, live, [index for index in order[1:] if mine[index]])
            _send(outbox, [values.tobytes() for values in found])


def _build_shard(words: SortedWords, packed: bytes, max_len: int, part: tuple[int, int, list[int]]) -> Shard:
    """The shard of words ``lo`` to ``hi`` (``part``: lo, hi, block bounds), built with a prefix table of its own."""
    lo, hi, blocks = part
    pieces = pickle.loads(packed)
    lengths = [len(piece) for piece in pieces]
    table = prefix_table(pieces)
    del pieces  # the table holds the strings it needs
    return Shard(words.items(lo, hi), blocks, lengths, max_len, table)


class WorkerBackend:
    """Fresh worker processes, each owning a contiguous run of whole blocks."""

    def __init__(self, words: SortedWords, bounds: list[int], pieces: PackedPieces, max_len: int,
                 workers: int) -> None:
        n_blocks = len(bounds) - 1
        self.procs: list[subprocess.Popen[bytes]] = []
        self.n_pieces = len(pieces)
        self._owned: Optional[list[bytes]] = None
        try:
            for rank in range(workers):
                self.procs.append(_start())
            # Each worker builds the lattices of its own words (its own prefix table), all at once.
            common = pickle.dumps(("build", words, pieces.data, max_len), protocol=pickle.HIGHEST_PROTOCOL)
            for rank, proc in enumerate(self.procs):
                first, last = rank * n_blocks // workers, (rank + 1) * n_blocks // workers
                lo, hi = bounds[first], bounds[last]
                self.write(proc, common)
                self.send(proc, (lo, hi, [b - lo for b in bounds[first:last + 1]]))
            del common
            self._assign([self.recv(proc) for proc in self.procs])
        except BaseException:
            self.close()
            raise

    def _assign(self, present: list[bytes]) -> None:
        """Each piece's 2nd-best split goes to one worker holding an occurrence (index modulo workers first)."""
        workers = len(present)
        mine = [bytearray(len(present[0])) for _ in present]
        for piece, holders in enumerate(zip(*present)):
            preferred = piece % workers
            owner = preferred if holders[preferred] else holders.index(1) if 1 in holders else -1
            if owner >= 0:
                mine[owner][piece] = 1
        self._owned = [bytes(owned) for owned in mine]  # sent with the first "a" command

    @classmethod
    def send(cls, proc: "subprocess.Popen[bytes]", message: Any) -> None:
        cls.write(proc, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    @staticmethod
    def write(proc: "subprocess.Popen[bytes]", data: "bytes | Callable[[IO[bytes]], None]") -> None:
        """Write ``data`` (bytes, or a function writing to a stream) to the worker's stdin."""
        assert proc.stdin is not None
        try:
            if callable(data):
                data(proc.stdin)
            else:
                proc.stdin.write(data)
            proc.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise TrainingError(f"a Unigram training worker stopped ({error}); see its error above, "
                                "or train with num_proc=1 to work in one process") from None

    @staticmethod
    def recv(proc: "subprocess.Popen[bytes]") -> Any:
        assert proc.stdout is not None
        try:
            return pickle.load(proc.stdout)
        except EOFError:
            raise TrainingError(f"a Unigram training worker stopped (exit code {proc.wait()}); see its error "
                                "above, or train with num_proc=1 to work in one process") from None

    @staticmethod
    def _message(command: str, order: list[int], live: list[float]) -> bytes:
        # flat arrays: a pickled list of floats costs every worker a float object per piece
        return pickle.dumps((command, array("q", order).tobytes(), array("d", live).tobytes()),
                            protocol=pickle.HIGHEST_PROTOCOL)

    def _ask(self, command: str, order: list[int], live: list[float]) -> list[Any]:
        message = self._message(command, order, live)
        for proc in self.procs:
            self.write(proc, message)
        return [self.recv(proc) for proc in self.procs]

    def e_step(self, order: list[int], live: list[float]) -> "list[array[float]]":
        out = []
        for blocks in self._ask("e", order, live):
            for raw in blocks:
                values = array("d")
                values.frombytes(raw)
                out.append(values)
        return out

    def viterbi_freq(self, order: list[int], live: list[float]) -> "array[float]":
        total = array("d", bytes(8 * len(order)))
        for raw in self._ask("v", order, live):
            values = array("d")
            values.frombytes(raw)
            total = array("d", map(add, total, values))  # integer-valued: exact in any order
        return total

    def alternatives(self, order: list[int], live: list[float]) -> tuple[Splits, set[int]]:
        if self._owned is not None:
            for proc, owned in zip(self.procs, self._owned):
                self.send(proc, ("own", owned, b""))
            self._owned = None
        splits = Splits(self.n_pieces)
        not_kept: set[int] = set()
        for found in self._ask("a", order, live):
            split_pieces, sizes, ids, dropped = (array("q", raw) for raw in found)
            splits.add(split_pieces, sizes, ids)
            not_kept.update(dropped)
        return splits, not_kept

    def close(self) -> None:
        _stop(self.procs)
        self.procs = []
