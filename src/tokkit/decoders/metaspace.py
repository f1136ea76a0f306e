"""Metaspace decoder: ``▁`` back to spaces (HF ``pre_tokenizers/metaspace.rs``, ``decode_chain``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._json.component import rust_repr
from .._validation import check_bool, check_char, check_prepend_scheme, json_metaspace
from .base import Decoder, register

__all__ = ["Metaspace"]


@register("Metaspace")
class Metaspace(Decoder):
    """Turn ``replacement`` chars back into spaces.

    In the first token **every** replacement char is deleted unless
    ``prepend_scheme == "never"``: ``["▁a▁b", "▁c"]`` -> ``"ab c"``
    (HF: pre_tokenizers/metaspace.rs, decode_chain).

    >>> Metaspace().decode(["▁Hello", "▁wor", "ld"])
    'Hello world'
    """

    _fields = ("replacement", "prepend_scheme", "split")

    def __init__(self, replacement: str = "\u2581", prepend_scheme: str = "always", split: bool = True) -> None:
        self.replacement = check_char(replacement, "replacement")
        self.prepend_scheme = check_prepend_scheme(prepend_scheme)
        self.split = check_bool(split, "split")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Metaspace":
        return cls(*json_metaspace(data))

    def __repr__(self) -> str:
        return (
            f"Metaspace(replacement={rust_repr(self.replacement)}, "
            f"prepend_scheme={self.prepend_scheme}, split={self.split!r})"
        )

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Turn the replacement char back into spaces (dropped at the start unless ``prepend_scheme="never"``).

        >>> Metaspace().decode_chain(["▁Hello", "▁wor", "ld"])
        ['Hello', ' wor', 'ld']
        """
        rep = self.replacement
        out = [t.replace(rep, " ") for t in tokens]
        if tokens and self.prepend_scheme != "never":
            out[0] = tokens[0].replace(rep, "")
        return out
