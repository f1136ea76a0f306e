"""WordPiece decoder: drop the ``##`` prefix, join words with spaces, clean up (HF ``decoders/wordpiece.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._validation import check_bool, check_str, json_bool, json_field, json_str
from .base import Decoder, register

__all__ = ["cleanup", "WordPiece"]


# -- WordPiece ------------------------------------------------------------------------
_CLEANUPS = (
    (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"),
    (" 'm", "'m"), (" do not", " don't"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
)  # fmt: skip


def cleanup(text: str) -> str:
    """HF's wordpiece cleanup: drop the space before punctuation and English contractions.

    >>> cleanup(" do not"), cleanup(" ' "), cleanup("a , b")
    (" don't", "'", 'a, b')
    """
    if " " not in text:  # every pattern starts with a space
        return text
    for old, new in _CLEANUPS:
        text = text.replace(old, new)
    return text


@register("WordPiece")
class WordPiece(Decoder):
    """Join WordPiece tokens: drop the continuation ``prefix``, else add a space.

    Args:
        prefix: the continuing-subword prefix.
        cleanup: apply :func:`cleanup` to **each token** (after the prefix step), as HF does.

    >>> WordPiece().decode(["un", "##aff", "##able", "!"])
    'unaffable!'
    """

    _fields = ("prefix", "cleanup")

    def __init__(self, prefix: str = "##", cleanup: bool = True) -> None:
        self.prefix = check_str(prefix, "prefix")
        self.cleanup = check_bool(cleanup, "cleanup")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "WordPiece":
        return cls(json_field(data, "prefix", json_str), json_field(data, "cleanup", json_bool))

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Drop the prefix of continuing tokens and put a space before the others.

        >>> WordPiece().decode_chain(["un", "##aff", "##able", "!"])
        ['un', 'aff', 'able', '!']
        """
        prefix, size, out = self.prefix, len(self.prefix), []
        for i, token in enumerate(tokens):
            if i:
                token = token[size:] if token.startswith(prefix) else " " + token
            out.append(cleanup(token) if self.cleanup else token)
        return out
