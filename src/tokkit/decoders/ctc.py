"""CTC decoder: collapse repeats, drop the pad token, clean up (HF ``decoders/ctc.rs``)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from .._validation import check_bool, check_str, json_bool, json_field, json_str
from .base import Decoder, register
from .wordpiece import cleanup

__all__ = ["CTC"]


@register("CTC")
class CTC(Decoder):
    """CTC output: merge repeated tokens, drop ``pad_token``, then (with ``cleanup``)
    wordpiece-cleanup and turn ``word_delimiter_token`` into spaces; empty tokens are dropped.

    >>> CTC().decode(["<pad>", "h", "h", "e", "<pad>", "l", "l", "<pad>", "l", "o", "|", "x"])
    'hello x'
    """

    _fields = ("pad_token", "word_delimiter_token", "cleanup")

    def __init__(self, pad_token: str = "<pad>", word_delimiter_token: str = "|", cleanup: bool = True) -> None:
        self.pad_token = check_str(pad_token, "pad_token")
        self.word_delimiter_token = check_str(word_delimiter_token, "word_delimiter_token")
        self.cleanup = check_bool(cleanup, "cleanup")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "CTC":
        return cls(
            json_field(data, "pad_token", json_str), json_field(data, "word_delimiter_token", json_str),
            json_field(data, "cleanup", json_bool),
        )  # fmt: skip

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Collapse repeats, drop the pad token, then clean up and turn the word delimiter into spaces.

        >>> CTC().decode_chain(["<pad>", "h", "h", "e", "<pad>", "l", "l", "<pad>", "l", "o", "|", "x"])
        ['h', 'e', 'l', 'l', 'o', ' ', 'x']
        """
        out = []
        previous: Optional[str] = None
        for token in tokens:
            if token == previous:
                continue
            previous = token
            text = token.replace(self.pad_token, "")
            if self.cleanup:
                text = cleanup(text).replace(self.word_delimiter_token, " ")
            if text:
                out.append(text)
        return out
