"""Giving freed heap memory back to the operating system before forking workers.

A forked worker starts with its parent's resident pages, freed-but-kept heap
pages included: after counting millions of words, glibc keeps hundreds of MB
of freed memory in its heap.  ``malloc_trim(0)`` returns those pages, so the
workers do not start with them.  Elsewhere (another libc, no ctypes) it does
nothing.

>>> release_free_memory() in (True, False)
True
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

__all__ = ["release_free_memory"]


def release_free_memory() -> bool:
    """Ask glibc to return free heap pages to the OS; whether it could be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.malloc_trim(0)) or True
    except (OSError, AttributeError):  # not glibc
        return False
