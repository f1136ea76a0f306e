"""Merge-slice workers started as fresh interpreters, holding only their slice of the words.

A forked worker starts with every page of its parent — after counting millions of
words, the compact word counts and the rest of the parent's heap, hundreds of MB to
GBs — shared until written, but resident in both processes (and counted in both by
RSS).  A fresh interpreter (``sys.executable``, with the parent's ``sys.path``)
holds only what it is sent: its slice of the words (their UTF-8 buffer sent as raw
bytes, no pickle copy), their counts and the symbol tables.  It then serves the
same messages as a forked worker (``shards``).

Nothing from the user's ``__main__`` is imported (unlike ``multiprocessing``'s
``spawn``), so a training script without a ``__main__`` guard is safe.  When the
interpreter cannot be started, ``start_fresh_worker`` returns None and the caller forks.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from multiprocessing.connection import Connection
from typing import Any, Optional

from ..._support.word_counts import CompactWords

__all__ = ["FreshWorker", "start_fresh_worker", "receive_slice"]

_BOOT = ("import sys; sys.path[:0] = sys.argv[2:]; "
         "from tokkit.trainers.bpe.shards import serve_fd; serve_fd(int(sys.argv[1]))")


class FreshWorker:
    """A started worker interpreter: its connection, and how to stop it."""

    def __init__(self, conn: Connection, proc: "subprocess.Popen[bytes]") -> None:
        self.conn, self.proc = conn, proc

    def stop(self) -> None:
        """Wait for it to end (it ends when told to, or when the connection closes); kill it after 5 s."""
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_fresh_worker(words: CompactWords, start: int, stop: int, setup: tuple[Any, ...]) -> Optional[FreshWorker]:
    """Start a worker holding words ``start`` to ``stop - 1`` and ``setup`` (see ``serve_fd``); None if impossible."""
    if not sys.executable:
        return None
    ours, theirs = socket.socketpair()
    try:
        proc = subprocess.Popen([sys.executable, "-c", _BOOT, str(theirs.fileno()), *sys.path],
                                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
    except OSError:
        ours.close()
        return None
    finally:
        theirs.close()
    conn = Connection(ours.detach())
    buffer, ends, counts = words.slice_parts(start, stop)
    conn.send((ends, counts, setup))
    conn.send_bytes(buffer)
    return FreshWorker(conn, proc)


def receive_slice(fd: int) -> Optional[tuple[Connection, CompactWords, tuple[Any, ...]]]:
    """The worker interpreter's side: its connection, its words and the setup; None if the parent went away."""
    conn = Connection(fd)
    try:
        ends, counts, setup = conn.recv()
        buffer = conn.recv_bytes()
    except EOFError:
        conn.close()
        return None
    return conn, CompactWords(buffer, ends, counts), setup
