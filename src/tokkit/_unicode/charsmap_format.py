"""The ``precompiled_charsmap`` blob: parse it into trie units and replacement text; decode the units.

The blob (HF ``spm_precompiled``, SentencePiece ``Darts::DoubleArray``) is::

    u32 trie_size (bytes, little-endian) | trie: trie_size/4 u32 units | normalized: UTF-8 text

The trie maps UTF-8 byte strings to offsets into ``normalized``, where each
replacement ends at a NUL byte.  Each unit packs a label (low 8 bits, bit 31
set on value units), a "has leaf" bit (8) and an XOR offset to the node's
children (bits 10-31, shifted by 8 more when bit 9 is set).

>>> from tokkit._unicode.charsmap_build import build_blob
>>> units, text = _parse(build_blob({"a": "b"})); text
'b\\x00'
>>> _offset(0x400), _offset(0x600), _label_bytes([0x161, 0x80000005])
(1, 256, b'a\\x00')

What this module does not do: walk the trie or normalize text with it (``tokkit._unicode.charsmap``).
"""

from __future__ import annotations

import struct

from .._errors import ConfigurationError

__all__ = ["CharsMapError"]


class CharsMapError(ConfigurationError):
    """The precompiled_charsmap blob is malformed (HF: "Cannot parse precompiled_charsmap" or a panic)."""


# ==================== parsing and the double-array trie ===============================
def _parse(blob: bytes) -> tuple[list[int], str]:
    """``blob`` -> (trie units, normalized text); raises CharsMapError like HF's parser."""
    if len(blob) < 4:
        raise CharsMapError(f"Cannot parse precompiled_charsmap: {len(blob)} bytes, need a 4-byte trie size")
    (trie_size,) = struct.unpack_from("<I", blob)
    count = trie_size // 4  # HF reads trie_size / 4 units; the remainder bytes belong to the text
    if 4 + 4 * count > len(blob):
        raise CharsMapError(
            f"Cannot parse precompiled_charsmap: the trie needs {4 * count} bytes but only "
            f"{len(blob) - 4} follow the size field (truncated blob?)"
        )
    units = list(struct.unpack_from(f"<{count}I", blob, 4))
    try:
        normalized = blob[4 + 4 * count :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CharsMapError(f"Cannot parse precompiled_charsmap: its replacement text is not UTF-8 ({exc})") from None
    return units, normalized


def _offset(unit: int) -> int:
    return (unit >> 10) << ((unit & (1 << 9)) >> 6)


def _label_bytes(units: list[int]) -> bytes:
    """Each unit's label byte; 0 (never a key byte) for value units."""
    return bytes(0 if unit & 0x80000000 else unit & 0xFF for unit in units)


_XOR_BYTES = [bytes(i ^ k for i in range(256)) for k in range(256)]


def _child_bytes(block: bytes, low: int) -> list[int]:
    """Bytes ``c`` (1-255) whose unit ``base ^ c`` in ``block`` is labelled ``c``, ``low = base & 0xFF``.

    Unit ``i`` of the block is the child for byte ``i ^ low``; XOR-ing the
    labels with the expected bytes leaves a zero byte at each child (C speed).
    """
    diff = (int.from_bytes(block, "big") ^ int.from_bytes(_XOR_BYTES[low], "big")).to_bytes(256, "big")
    found: list[int] = []
    i = diff.find(0)
    while i >= 0:
        if i ^ low:
            found.append(i ^ low)
        i = diff.find(0, i + 1)
    return found
