"""How many processes tokkit's parallel work may use: ``num_proc``, else ``TOKKIT_NUM_PROC``, else one per CPU.

Training takes ``num_proc`` (``Tokenizer.train(..., num_proc=2)``) and holds it
for the whole call, so the counting workers, BPE's merge slices and Unigram's
E-step workers all follow it; outside such a call the environment decides.

>>> with process_limit(1):
...     process_count()
1
"""

from __future__ import annotations

import multiprocessing
import os
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import accumulate
from typing import Iterable, Iterator, Optional, Sequence

__all__ = ["can_fork", "process_count", "process_limit", "weighted_cuts"]

_LIMIT: ContextVar[Optional[int]] = ContextVar("tokkit_num_proc", default=None)


def process_count() -> int:
    """The processes parallel work may use (at least 1)."""
    limit = _LIMIT.get()
    if limit is not None:
        return max(1, limit)
    value = os.environ.get("TOKKIT_NUM_PROC")
    if value:
        return max(1, int(value))
    return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether worker processes may be forked here: POSIX ``fork``, and not inside a daemonic
    process (a ``multiprocessing.Pool`` worker may not have children).

    >>> can_fork() == ("fork" in multiprocessing.get_all_start_methods())
    True
    """
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


def weighted_cuts(sizes: Iterable[int], weights: Sequence[float]) -> list[int]:
    """Where to cut items of ``sizes`` into ``len(weights)`` consecutive slices, slice k holding about
    ``weights[k] / sum(weights)`` of the total size (an item goes to the slice its size ends in).

    >>> weighted_cuts([4, 1, 1, 4], [1, 1]), weighted_cuts([2] * 10, [1.0, 0.77])
    ([0, 2, 4], [0, 6, 10])
    """
    sizes = list(sizes)
    total = sum(sizes)
    shares = list(accumulate(weights))
    cuts, taken, index = [0], 0, 0
    for share in shares[:-1]:
        target = total * share / shares[-1]
        while index < len(sizes) and taken < target:
            taken += sizes[index]
            index += 1
        cuts.append(index)
    return cuts + [len(sizes)]


@contextmanager
def process_limit(num_proc: Optional[int]) -> Iterator[None]:
    """Within the block, ``process_count()`` is ``num_proc`` (None: unchanged)."""
    token = _LIMIT.set(num_proc if num_proc is not None else _LIMIT.get())
    try:
        yield
    finally:
        _LIMIT.reset(token)
