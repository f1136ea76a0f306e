"""How many processes tokkit's parallel work may use: ``num_proc``, else ``TOKKIT_NUM_PROC``, else one per CPU.

Training takes ``num_proc`` (``Tokenizer.train(..., num_proc=2)``) and holds it
for the whole call, so the counting workers, BPE's merge slices and Unigram's
E-step workers all follow it; outside such a call the environment decides.

>>> with process_limit(1):
...     process_count()
1
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator, Optional

__all__ = ["process_count", "process_limit"]

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


@contextmanager
def process_limit(num_proc: Optional[int]) -> Iterator[None]:
    """Within the block, ``process_count()`` is ``num_proc`` (None: unchanged)."""
    token = _LIMIT.set(num_proc if num_proc is not None else _LIMIT.get())
    try:
        yield
    finally:
        _LIMIT.reset(token)
