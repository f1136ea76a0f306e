"""Careful file writes: a crash never leaves a half-written tokenizer.json.

The text goes to a temporary file beside the target, then replaces it in one
rename.  Around that, the write behaves like HF's (``std::fs::File::create``):
a symlink is written through (its target is replaced, the link stays), an
existing file keeps its permission bits (a new one gets the umask's), and a
writable file in a read-only directory is still saved, in place, since no
temporary file can be made there.  Every error names the target path.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "x.txt")
>>> atomic_write_text(path, "hello"); open(path).read()
'hello'
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from typing import Optional

from .._errors import FileWriteError

__all__ = ["atomic_write_bytes", "atomic_write_text"]


def atomic_write_text(path: "str | os.PathLike[str]", text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: "str | os.PathLike[str]", data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "x.bin")
    >>> atomic_write_bytes(path, b"\\x00\\x01"); open(path, "rb").read()
    b'\\x00\\x01'
    """
    target = os.fspath(path)
    if not target:
        raise FileWriteError(errno.ENOENT, "cannot save to an empty path: give a file name such as 'tokenizer.json'")
    real = os.path.realpath(target)  # through symlinks: HF writes to the link's target
    mode = _existing_mode(real, target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tokkit-", suffix=".tmp", dir=os.path.dirname(real))
    except PermissionError as exc:
        if mode is None:
            raise _named(exc, target) from None
        _write_in_place(real, data, target)  # a read-only directory: only the file itself is writable
        return
    except OSError as exc:
        raise _named(exc, target) from None
    try:
        os.fchmod(fd, mode if mode is not None else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, real)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _named(exc, target) from None
        raise


def _existing_mode(real: str, target: str) -> Optional[int]:
    """The permission bits of the file being replaced, or None when there is none."""
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _named(exc, target) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileWriteError(errno.EISDIR, f"cannot save to {target!r}: it is a directory; add a file name")
    return stat.S_IMODE(info.st_mode)


def _write_in_place(real: str, data: bytes, target: str) -> None:
    try:
        with open(real, "r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise _named(exc, target) from None


def _umask() -> int:
    """The process umask, read without changing it where the OS allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def _named(exc: OSError, target: str) -> FileWriteError:
    reason = exc.strerror or str(exc)
    return FileWriteError(exc.errno or errno.EIO, f"cannot save to {target!r}: {reason}")
