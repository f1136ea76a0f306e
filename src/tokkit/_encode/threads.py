"""The Tokenizer's ``async_*`` methods run their work off the event loop, as HF's do.

HF's async methods hand the work to a pool of blocking threads (tokio's
``spawn_blocking``) and return an awaitable; here the work runs in the event
loop's default thread executor, so other coroutines keep running meanwhile.

>>> import asyncio
>>> asyncio.run(in_thread(sum, [1, 2, 3]))
6
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable, TypeVar

__all__ = ["in_thread"]

T = TypeVar("T")


async def in_thread(func: Callable[..., T], *args: Any) -> T:
    """Await ``func(*args)`` run in the running loop's default executor."""
    return await asyncio.get_running_loop().run_in_executor(None, functools.partial(func, *args))
