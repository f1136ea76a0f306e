"""ByteFallback: ``<0xHH>`` tokens back to bytes, one ``�`` per byte of an invalid run (HF ``decoders/byte_fallback.rs``)."""

from __future__ import annotations

import re
from typing import Any, Mapping

from .base import Decoder, register

__all__ = ["ByteFallback"]


_BYTE_TOKEN = re.compile(r"<0x(\+?[0-9A-Fa-f]{1,2})>")  # Rust from_str_radix accepts a '+'


def _flush_bytes(pending: bytearray, out: list[str]) -> None:
    if not pending:
        return
    try:
        out.append(pending.decode("utf-8"))
    except UnicodeDecodeError:
        out.extend(["\ufffd"] * len(pending))  # HF: one U+FFFD per byte of an invalid run
    pending.clear()


@register("ByteFallback")
class ByteFallback(Decoder):
    """Decode runs of ``<0xHH>`` tokens as UTF-8; an invalid run gives one ``�`` per byte.

    >>> ByteFallback().decode(["<0x61>", "b", "<0xE2>", "<0x82>", "<0xAC>"])
    'ab€'
    """

    def __init__(self) -> None:
        pass

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "ByteFallback":
        return cls()

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Turn runs of ``<0xHH>`` byte tokens into the text their bytes encode (U+FFFD per invalid byte).

        >>> ByteFallback().decode_chain(["<0x61>", "b", "<0xE2>", "<0x82>", "<0xAC>"])
        ['a', 'b', '€']
        """
        out: list[str] = []
        pending = bytearray()
        for token in tokens:
            match = _BYTE_TOKEN.fullmatch(token) if len(token) == 6 else None
            if match is not None and len(match.group(1)) == 2:
                pending.append(int(match.group(1), 16))
                continue
            _flush_bytes(pending, out)
            out.append(token)
        _flush_bytes(pending, out)
        return out
