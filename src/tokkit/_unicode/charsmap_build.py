"""Build a ``precompiled_charsmap`` blob from a mapping (tests, tools, hand-made normalizers).

>>> from tokkit.normalizers import Precompiled
>>> Precompiled(build_blob({"ﬁ": "fi"})).normalize_str("ﬁne")
'fine'

What this module does not do: SentencePiece's compact layout, or read a blob (``tokkit._unicode.charsmap``).
"""

from __future__ import annotations

import struct
from itertools import repeat
from typing import Mapping, Union

from .._errors import ConfigurationError

__all__ = ["build_blob"]


def build_blob(mapping: Mapping[Union[str, bytes], str]) -> bytes:
    """A valid charsmap blob for ``mapping`` (str or bytes keys -> str replacements).

    A simple layout (each node's children in a fresh 256-unit block), not
    SentencePiece's compact one; fine for a few thousand keys.

    >>> from tokkit._unicode.charsmap import CharsMap
    >>> CharsMap(build_blob({"ab": "X", b"\\xc3": ""})).entries()
    {b'\\xc3': 2, b'ab': 0}
    """
    text = bytearray()
    values: dict[bytes, int] = {}
    for key, out in mapping.items():
        raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
        if not raw or 0 in raw:
            raise ConfigurationError(f"charsmap keys must be non-empty and contain no NUL byte, got {key!r}")
        values[raw] = len(text)
        text += out.encode("utf-8") + b"\0"
    units = _layout(values)
    return struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + bytes(text)


def _layout(values: dict[bytes, int]) -> list[int]:
    """Double-array units for ``values``: node -> block of 256 units holding its children."""
    children: dict[bytes, set[int]] = {}
    for key in values:
        for i in range(len(key)):
            children.setdefault(key[:i], set()).add(key[i])
    units = [0] * 256
    todo = [(b"", 0)]  # (prefix, position of its unit)
    while todo:
        prefix, pos = todo.pop()
        base = len(units)
        units.extend(repeat(0, 256))
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ConfigurationError("build_blob: too many keys for this simple layout")
        units[pos] = (units[pos] & 0x1FF) | (offset << 10)
        if prefix in values:
            units[base] = 0x80000000 | values[prefix]
        for byte in children.get(prefix, ()):
            child = prefix + bytes((byte,))
            units[base ^ byte] = byte | (0x100 if child in values else 0)
            todo.append((child, base ^ byte))
    return units
