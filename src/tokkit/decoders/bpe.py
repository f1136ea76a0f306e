"""BPEDecoder: the end-of-word suffix becomes a space (HF ``decoders/bpe.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._validation import check_str, json_field, json_str
from .base import Decoder, register

__all__ = ["BPEDecoder"]


# -- simple per-token decoders --------------------------------------------------------------
@register("BPEDecoder")
class BPEDecoder(Decoder):
    """Replace the end-of-word ``suffix`` by a space (by nothing in the last token).

    >>> BPEDecoder().decode(["hel", "lo</w>", "you</w>"])
    'hello you'
    """

    _fields = ("suffix",)

    def __init__(self, suffix: str = "</w>") -> None:
        self.suffix = check_str(suffix, "suffix")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "BPEDecoder":
        return cls(json_field(data, "suffix", json_str))

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Turn the word-end suffix into a space (into nothing on the last token).

        >>> BPEDecoder().decode_chain(["hel", "lo</w>", "you</w>"])
        ['hel', 'lo ', 'you']
        """
        last = len(tokens) - 1
        return [t.replace(self.suffix, "" if i == last else " ") for i, t in enumerate(tokens)]
