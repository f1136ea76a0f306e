"""The BPE merge loop's per-word work in parallel: the words split into slices, merged in worker processes.

HF merges with a thread pool; Python threads would not run in parallel, so
tokkit splits the sorted words into ``n`` slices: slice 0 stays in this
process, the others go to worker processes, started as fresh interpreters that
receive only their slice's compact words (``fresh_workers``: a forked worker
would hold every page of this large process too), or forked where that cannot
start (they build their slice from the inherited ``CompactWords``).  For
each merge every slice runs the one-process code (``strings.merge_pair``) on
its own words and sends back its pair count changes and the pairs it created;
counts are sums, so the result is the one-process result.

Which words a queue entry lists (HF's ``where``) stays in the slice: an entry
is named by the merge that created it (-1: the initial count) and its pair,
and each slice keeps, per merge, the created pairs and their word indices in
flat arrays — about 12 bytes per pair — and the initial pairs' arrays until
they are merged.

Shards are used for large inputs only, where ``fork`` exists and the process
may have children (not in a daemonic one); ``TOKKIT_NUM_PROC=1`` turns them off.
"""

from __future__ import annotations

import multiprocessing
from array import array
from collections import defaultdict
from functools import partial
from typing import Any, Callable, Iterable, MutableMapping

from ..._errors import TrainingError
from ..._support.memory import release_free_memory
from ..._support.processes import can_fork, process_count
from ..._support.word_counts import CompactWords, Counts
from .fresh_workers import FreshWorker, receive_slice, start_fresh_worker
from .pair_counts import PairCounts
from .queue import Positions
from .strings import SHIFT, count_pairs, merge_pair
from .words import SymbolTables, translate_words

__all__ = ["StringShards", "shard_count", "SHARD_MIN_WORDS"]

#: Below this many distinct words, merging stays in one process (workers would not pay for themselves).
SHARD_MIN_WORDS = 200_000

#: Start the workers as fresh interpreters holding their slice only (``fresh_workers``); else fork them.
_FRESH = True


def shard_count(words: int) -> int:
    """How many slices to merge ``words`` distinct words in (1: no worker process)."""
    if words < SHARD_MIN_WORDS or not can_fork():
        return 1
    return process_count()


class _Shard:
    """One slice of the words and, per merge, the words its created pairs occur in."""

    def __init__(self, words: list[str], counts: Counts, length: list[int], max_length: float) -> None:
        self.words, self.counts, self.length, self.max_length = words, counts, length, max_length
        self.new_positions = partial(array, "i" if len(words) < 2**31 else "q")
        # a merge lists a word at most once per pair occurrence: ends fit in 4 bytes while the symbols do
        self.end_type = "i" if sum(map(len, words)) < 2**31 else "q"
        self.initial: dict[int, Positions] = {}  # the initial pairs' word lists, dropped as they are merged
        self.keys: dict[int, array[int]] = {}
        self.ends: dict[int, array[int]] = {}
        self.positions: dict[int, Positions] = {}

    def start(self, pair_counts: MutableMapping[int, int]) -> "array[int]":
        """Count the initial pairs into ``pair_counts``; the pairs."""
        return self._file(-1, count_pairs(self.words, self.counts, pair_counts, self.new_positions))

    def apply(self, a: int, b: int, new_id: int, new_len: int, entry: int, merge: int,
              pair_counts: MutableMapping[int, int]) -> "array[int]":
        """Merge (a, b) in the words entry ``(entry, pair)`` lists here; the pairs created."""
        length = self.length
        if new_id < len(length):
            length[new_id] = new_len
        else:
            length.append(new_len)
        positions = self._lookup(entry, a << SHIFT | b)
        where = merge_pair(self.words, self.counts, length, self.max_length, a, b, new_id, positions, pair_counts)
        return self._file(merge, where)

    def _lookup(self, merge: int, key: int) -> Iterable[int]:
        if merge < 0:
            return self.initial.pop(key, ())
        keys = self.keys.get(merge)
        if keys is None or key not in keys:  # C-level scans of an int64 array
            return ()
        index, ends = keys.index(key), self.ends[merge]
        return self.positions[merge][ends[index - 1] if index else 0:ends[index]]

    def _file(self, merge: int, where: dict[int, Positions]) -> "array[int]":
        keys = array("q", where)
        if merge < 0:  # a few large arrays: kept as they are (no flat copy of the biggest lists)
            self.initial = where
        elif keys:
            flat, ends = self.new_positions(), array(self.end_type)
            for positions in where.values():
                flat.extend(positions)
                ends.append(len(flat))
            self.keys[merge], self.ends[merge], self.positions[merge] = keys, ends, flat
        return keys


def _build(words: CompactWords, tables: SymbolTables, start: int, stop: int, length: list[int],
           max_length: float) -> _Shard:
    return _Shard(translate_words(words.between(start, stop), tables), words.counts[start:stop], length, max_length)


def _serve(conn: Any, build: Callable[[], _Shard]) -> None:
    """A worker: build the slice, then answer ``("start", ())`` / ``("apply", args)`` until None."""
    _answer(conn, build())


def serve_fd(fd: int) -> None:
    """A fresh worker interpreter's entry point (``fresh_workers``): receive the slice, then serve it."""
    received = receive_slice(fd)
    if received is None:
        return
    conn, words, (tables, length, max_length) = received
    del received
    shard = _build(words, tables, 0, len(words), length, max_length)
    del words  # the slice's symbols are built: its buffer is not needed any more
    _answer(conn, shard)


def _answer(conn: Any, shard: _Shard) -> None:
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent went away (killed): nothing left to do
            break
        if message is None:
            break
        kind, args = message
        pair_counts: defaultdict[int, int] = defaultdict(int)
        keys = shard.start(pair_counts) if kind == "start" else shard.apply(*args, pair_counts)  # type: ignore[call-arg]
        conn.send((dict(pair_counts), keys))
    conn.close()


class StringShards:
    """The words in ``count`` slices: slice 0 here, the others in forked workers; ``start``, ``apply``, ``close``."""

    def __init__(self, words: CompactWords, tables: SymbolTables, length: list[int], max_length: float,
                 count: int) -> None:
        # this process also runs the queue and sums the changes: its slice is half the others'
        bounds = [0] + [len(words) * (2 * i - 1) // (2 * count - 1) for i in range(1, count + 1)]
        self._conns: list[Any] = []
        self._procs: list[Any] = []
        try:
            for start, stop in zip(bounds[1:-1], bounds[2:]):
                fresh = start_fresh_worker(words, start, stop, (tables, length, max_length)) if _FRESH else None
                if fresh is not None:
                    self._conns.append(fresh.conn)
                    self._procs.append(fresh)
                else:
                    self._fork(partial(_build, words, tables, start, stop, length, max_length))
            self._local = _build(words, tables, 0, bounds[1], length, max_length)
        except BaseException:
            self.close()
            raise

    def _fork(self, build: Callable[[], _Shard]) -> None:
        """Start a forked worker (where a fresh interpreter could not be started)."""
        context = multiprocessing.get_context("fork")
        release_free_memory()  # the worker starts with this process's pages: not with the freed ones
        ours, theirs = context.Pipe()
        proc = context.Process(target=_serve, args=(theirs, build), daemon=True)
        proc.start()
        theirs.close()
        self._conns.append(ours)
        self._procs.append(proc)

    def start(self, pair_counts: PairCounts) -> Iterable[int]:
        """Count the initial pairs of every slice into ``pair_counts``; the pairs seen."""
        for conn in self._conns:
            conn.send(("start", ()))
        changes: defaultdict[int, int] = defaultdict(int)
        return self._gather(self._local.start(changes), changes, pair_counts)

    def apply(self, a: int, b: int, new_id: int, new_len: int, entry: int, merge: int,
              pair_counts: PairCounts) -> Iterable[int]:
        """Merge in every slice (in parallel); the count changes go into ``pair_counts``; the pairs created."""
        args = (a, b, new_id, new_len, entry, merge)
        for conn in self._conns:
            conn.send(("apply", args))
        # this slice's changes are summed apart too: ``PairCounts.add`` settles new pairs without a lookup
        changes: defaultdict[int, int] = defaultdict(int)
        return self._gather(self._local.apply(*args, changes), changes, pair_counts)

    def _gather(self, keys: "array[int]", changes: dict[int, int], pair_counts: PairCounts) -> Iterable[int]:
        created = set(keys)
        pair_counts.add(changes)
        del changes
        for conn in self._conns:
            try:
                changes, theirs = conn.recv()
            except (EOFError, OSError):
                raise TrainingError("a BPE merge worker process stopped (killed, or out of memory?); "
                                    "retry with TOKKIT_NUM_PROC=1 to merge in one process") from None
            pair_counts.add(changes)
            created.update(theirs)
        return created

    def close(self) -> None:
        """Stop the workers."""
        for conn in self._conns:
            try:
                conn.send(None)
            except OSError:
                pass
        for proc in self._procs:
            if isinstance(proc, FreshWorker):
                proc.stop()
                continue
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
        for conn in self._conns:
            conn.close()
        self._conns, self._procs = [], []
