"""``encode_batch``: in this process, or on every core for a big batch, with identical results.

Each input is encoded on its own, so splitting a batch among processes cannot
change any encoding.  For a batch of at least ``PARALLEL_FROM_CHARS`` chars,
the batch is cut into contiguous slices by text length (``weighted_cuts``); forked
worker processes encode all slices but the first, which this process encodes
meanwhile.  A worker inherits the tokenizer as it is (nothing is pickled on
the way out) and sends back its slice as flat columns (``BatchColumns``: a
few arrays, not one object per token), which become Encodings that build
their lists only when read.  The order of the results is the order of the
inputs.

Workers are not started for small batches, with ``num_proc=1`` (or
``TOKKIT_NUM_PROC=1``), without ``fork``, inside a daemonic process (a
``multiprocessing.Pool`` worker may not have children), or when the model
draws random numbers (BPE dropout: one stream of draws, as in one process).
A worker that fails (a bad input in its slice, a crash) leaves its slice to
this process, which then raises the same error an unsplit batch would.

>>> from tokkit import Tokenizer, models, pre_tokenizers
>>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]"))
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> texts = ["hi you"] * 50_000
>>> [e.ids for e in encode_batch(tok, texts, lambda text: tok.encode(text), num_proc=2)[:2]]
[[1, 0], [1, 0]]
"""

from __future__ import annotations

import os
import pickle
import threading
from functools import partial
from typing import Any, Callable, Optional, Sequence

from .._support.gc import gc_paused
from .._support.processes import can_fork, process_count, weighted_cuts
from ..capabilities import ModelFastPath, fast_path_of
from ..encoding import BatchColumns, Encoding, LayoutColumns, LayoutRows, RowLayout, vocabulary_table
from ..protocols import Pipeline
from .fast import forget_fast_encoder

__all__ = ["encode_batch", "PARALLEL_FROM_CHARS", "PlainTexts", "worker_count"]

#: Chars of text from which a batch is worth worker processes (forking and sending back cost ~10-30 ms).
PARALLEL_FROM_CHARS = 1 << 19
_MIN_CHARS_PER_PROCESS = 1 << 17
#: A worker's share of the text, relative to this process's (1.0): a worker also packs its
#: encodings into columns (about a third of the encoding time), this process only unpacks them.
WORKER_SHARE = 0.77
#: The same with laid-out rows: this process packs nothing either, but reads (unpickles, builds rows) the
#: workers' columns and then serves its caller's reads: measured, a worker's text costs 1.0-1.15x this process's.
WORKER_SHARE_PLAIN = 0.92
_CHUNK = 2048  # inputs a worker encodes before packing them
_KEEP_CACHE_UP_TO_ITEMS = 10_000  # Dataset.map's batches (1,000) keep the word cache warm between calls


#: How a single text is encoded up to the model (no post-processing), and what post-processing then adds.
PlainTexts = tuple[Callable[[str], Encoding], RowLayout]


def encode_batch(tokenizer: Pipeline, items: Sequence[Any], encode_item: Callable[[Any], Encoding],
                 num_proc: Optional[int] = None, plain: Optional[PlainTexts] = None) -> list[Encoding]:
    """``encode_item`` over ``items``, split among processes when that is worth it (see the module).

    With ``plain`` (the post-processing is a fixed ``RowLayout``), runs of single texts are
    encoded by ``plain[0]`` into ``LayoutColumns`` (the special tokens are laid out when a row
    is read); other inputs (pairs, pre-tokenized words) go through ``encode_item``.

    After a big batch the tokenizer's kept word cache is dropped (``forget_fast_encoder``): it
    may hold a million words of a corpus that was encoded once; small batches keep it warm.
    """
    try:
        with gc_paused():
            workers = worker_count(tokenizer, items, num_proc)
            if not workers:
                if plain is None or len(items) < 2:
                    return list(map(encode_item, items))
                return _local(items, encode_item, plain)
            return _encode_in_parallel(tokenizer, items, encode_item, workers, plain)
    finally:
        if len(items) > _KEEP_CACHE_UP_TO_ITEMS and _text_chars(items) >= PARALLEL_FROM_CHARS:
            forget_fast_encoder(tokenizer)


def worker_count(tokenizer: Pipeline, items: Sequence[Any], num_proc: Optional[int] = None) -> int:
    """How many worker processes to fork for ``items`` (0: encode here).

    >>> from tokkit import Tokenizer, models
    >>> worker_count(Tokenizer(models.WordLevel({"a": 0}, unk_token="a")), ["a"] * 10)
    0
    """
    processes = process_count() if num_proc is None else max(1, int(num_proc))
    if processes < 2 or len(items) < 2:
        return 0
    if not can_fork():
        return 0
    if not fast_path_of(tokenizer.model, ModelFastPath()).deterministic:
        return 0
    chars = _text_chars(items)
    if chars < PARALLEL_FROM_CHARS:
        return 0
    return min(processes, len(items), max(2, chars // _MIN_CHARS_PER_PROCESS)) - 1


def _text_chars(items: Sequence[Any]) -> int:
    """About how many chars ``items`` hold (str, pairs, pre-tokenized words; anything else counts 1)."""
    return sum(map(_chars, items))


def _chars(item: Any) -> int:
    if isinstance(item, str):
        return len(item)
    if isinstance(item, (list, tuple)):
        return sum(map(_chars, item))
    return 1


def _encode_in_parallel(tokenizer: Pipeline, items: Sequence[Any], encode_item: Callable[[Any], Encoding],
                        workers: int, plain: Optional[PlainTexts]) -> list[Encoding]:
    # The first slice is this process's; a worker also packs its rows, so it takes less text.
    cuts = weighted_cuts(map(_chars, items), [1.0] + [WORKER_SHARE if plain is None else WORKER_SHARE_PLAIN] * workers)
    # Tokens travel as exceptions to this table: any table is exact, the model's vocabulary is small.
    table = vocabulary_table(tokenizer.model.get_vocab())
    children: list[_Child] = []
    try:
        for a, b in zip(cuts[1:], cuts[2:]):
            children.append(_Child(partial(_slice_columns, items[a:b], encode_item, plain, table)))
        first = items[:cuts[1]]
        results = list(map(encode_item, first)) if plain is None else _local(first, encode_item, plain)
        for child, a, b in zip(children, cuts[1:], cuts[2:]):
            segments = child.result()
            if segments is None:  # the worker failed: this process does its slice (and raises its error, if any)
                results.extend(map(encode_item, items[a:b]))
                continue
            for segment in segments:
                segment.table = table
            results.extend(_rows(segments, items[a:b]))
        return results
    finally:
        for child in children:
            child.stop()


def _local(items: Sequence[Any], encode_item: Callable[[Any], Encoding], plain: PlainTexts) -> list[Encoding]:
    """This process's share with ``plain``: single texts as laid-out rows (nothing packed: nothing is
    sent), other inputs as ``encode_item`` makes them."""
    results: list[Encoding] = []
    for start in range(0, len(items), _CHUNK):
        chunk = items[start:start + _CHUNK]
        if all(isinstance(item, str) for item in chunk):
            rows = LayoutRows(plain[1])
            rows.add_model_rows(list(map(plain[0], chunk)))
            results.extend(_rows([rows], chunk))
        else:
            results.extend(map(encode_item, chunk))
    return results


def _segments(items: Sequence[Any], encode_item: Callable[[Any], Encoding], plain: Optional[PlainTexts],
              table: list[Optional[str]]) -> list[BatchColumns]:
    """In a worker: ``items`` a chunk at a time as columns, consecutive chunks of one kind in one
    segment: ``LayoutColumns`` for chunks of single texts (with ``plain``), else ``BatchColumns``."""
    segments: list[BatchColumns] = []
    for start in range(0, len(items), _CHUNK):
        chunk = items[start:start + _CHUNK]
        last = segments[-1] if segments else None
        if plain is not None and all(isinstance(item, str) for item in chunk):
            if not isinstance(last, LayoutColumns):
                last = LayoutColumns(table, plain[1])
                segments.append(last)
            last.add_model_rows(list(map(plain[0], chunk)))
        else:
            if last is None or isinstance(last, LayoutColumns):
                last = BatchColumns(table)
                segments.append(last)
            last.add(list(map(encode_item, chunk)))
    return segments


def _rows(segments: Sequence[BatchColumns | LayoutRows], items: Sequence[Any]) -> list[Encoding]:
    """The Encodings of ``segments``' rows (fields built when read), with their input texts as one process gives them."""
    results: list[Encoding] = []
    start = 0
    for segment in segments:
        rows = Encoding._from_columns(segment)
        chunk = items[start:start + len(rows)]
        if isinstance(segment, (LayoutColumns, LayoutRows)):
            for row, item in zip(rows, chunk):
                row._texts = item
        else:
            for row, item, shows in zip(rows, chunk, segment.shows_texts):
                row._texts = _texts_of(item) if shows else None  # None also for pre-tokenized words, as here
        results.extend(rows)
        start += len(rows)
    return results


def _texts_of(item: Any) -> Any:
    """What ``Encoding._repr_html_`` shows of an input: its text, or a pair's two texts."""
    if isinstance(item, str):
        return item
    if isinstance(item, (list, tuple)) and len(item) == 2 and all(isinstance(x, str) for x in item):
        return tuple(item)
    return None


def _slice_columns(items: Sequence[Any], encode_item: Callable[[Any], Encoding], plain: Optional[PlainTexts],
                   table: list[Optional[str]]) -> bytes:
    """In the worker: the slice's segments, pickled (without the table: the parent has it).

    Packed a chunk at a time, so the worker never holds more than a chunk of Encoding objects.
    """
    segments = _segments(items, encode_item, plain, table)
    for segment in segments:
        segment.table = []
    return pickle.dumps(segments, protocol=pickle.HIGHEST_PROTOCOL)


class _Child:
    """A forked process running ``work``; its bytes are read back by a thread while this process works."""

    def __init__(self, work: Callable[[], bytes]) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the caller's code
            os.close(read_end)
            _run_and_exit(work, write_end)
        os.close(write_end)
        self._pid: Optional[int] = pid
        self._chunks: list[bytes] = []
        self._reader = threading.Thread(target=self._read, args=(read_end,), daemon=True)
        self._reader.start()

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, "rb", buffering=0) as pipe:
            while chunk := pipe.read(1 << 22):
                self._chunks.append(chunk)

    def result(self) -> Optional[list[BatchColumns]]:
        """The worker's segments, or None if it failed."""
        self._reader.join()
        status = self._wait()
        if status != 0 or not self._chunks:
            return None
        data = b"".join(self._chunks)
        self._chunks.clear()
        segments = pickle.loads(data)
        return segments if isinstance(segments, list) else None

    def _wait(self) -> int:
        pid, self._pid = self._pid, None
        if pid is None:
            return -1
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)

    def stop(self) -> None:
        """Kill the worker if it still runs (this process failed or was interrupted)."""
        if self._pid is not None:
            try:
                os.kill(self._pid, 9)
            except ProcessLookupError:
                pass
            self._wait()


def _run_and_exit(work: Callable[[], bytes], fd: int) -> None:
    code = 1
    try:
        data = work()
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        code = 0
    except BaseException:  # noqa: BLE001 - the parent redoes the slice and raises the error itself
        pass
    finally:
        os._exit(code)  # no atexit handlers, no flushing of buffers copied from the parent
