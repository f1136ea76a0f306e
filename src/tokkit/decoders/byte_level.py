"""ByteLevel decoder: GPT-2 byte chars back to UTF-8 text (HF ``pre_tokenizers/byte_level.rs``, ``decode_chain``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._unicode import bytes_to_unicode
from .._validation import json_bool, json_field
from .base import Decoder, register

__all__ = ["ByteLevel"]


# One str.translate maps each byte-level char to the latin-1 char of its byte; any other
# char below 256 maps to U+0100 so that encode("latin-1") fails for tokens that are not
# made only of byte-level chars (HF uses their raw UTF-8 then).
_BYTE_TABLE = {ord(c): chr(b) for b, c in bytes_to_unicode().items()}
_BYTE_TABLE.update({i: "\u0100" for i in range(256) if i not in _BYTE_TABLE})


def _token_bytes(token: str) -> bytes:
    try:
        return token.translate(_BYTE_TABLE).encode("latin-1")
    except UnicodeEncodeError:
        return token.encode("utf-8")


@register("ByteLevel")
class ByteLevel(Decoder):
    """Map GPT-2 byte-level chars back to bytes and decode UTF-8 (invalid bytes become U+FFFD).

    A token with any char outside the byte map is used as its own UTF-8 bytes.
    The constructor ignores its arguments (HF); the JSON fields are kept.

    >>> ByteLevel().decode(["Hello", "Ġw", "Ã¶rld"])
    'Hello wörld'
    """

    _fields = ("add_prefix_space", "trim_offsets", "use_regex")

    def __init__(self, **kwargs: Any) -> None:
        self.add_prefix_space = True
        self.trim_offsets = True
        self.use_regex = True

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "ByteLevel":
        obj = cls()
        obj.add_prefix_space = json_field(data, "add_prefix_space", json_bool)
        obj.trim_offsets = json_field(data, "trim_offsets", json_bool)
        obj.use_regex = json_field(data, "use_regex", json_bool, True)
        return obj

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Map the byte-chars back to bytes and decode them as UTF-8 (invalid bytes become U+FFFD).

        >>> ByteLevel().decode_chain(["Hello", "Ġw", "Ã¶rld"])
        ['Hello wörld']
        """
        data = b"".join([_token_bytes(t) for t in tokens])
        return [data.decode("utf-8", "replace")]
