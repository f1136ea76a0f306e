"""The fast path of a ByteLevel pre-tokenizer (GPT-2, RoBERTa): plain strings, per-word cache.

The GPT-2 regex matches every char (letters, numbers, whitespace and the rest
each have a branch, none matches empty), so its matches tile the text and a
word's span is the running sum of the word lengths.  Each word is byte-mapped
and tokenized once per batch; its token offsets are bytes of the word, turned
into char offsets with HF's rule (a token starts at the char holding its first
byte and ends after the char holding its last byte).  ``add_prefix_space``
adds ``' '`` in front, which takes the span of the first char (HF ``prepend``).

>>> from tokkit import Tokenizer
>>> from tokkit.models import BPE
>>> from tokkit.pre_tokenizers import ByteLevel
>>> tok = Tokenizer(BPE({"h": 0, "i": 1, "Ġ": 2, "hi": 3, "Ġhi": 4}, [("h", "i"), ("Ġ", "hi")]))
>>> tok.pre_tokenizer = ByteLevel(add_prefix_space=False)
>>> enc = ByteLevelWords(tok.pre_tokenizer, tok.model.tokenize).encode("hi hi", 0, 0, None)
>>> enc.tokens, enc.offsets
(['hi', 'Ġhi'], [(0, 2), (2, 5)])

What this module does not do: added tokens or normalization (``fast`` checks them first).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from .words import TilingWords
from ..encoding import Encoding
from ..normalized import Token
from ..pre_tokenizers.byte_level import _GPT2, byte_level

__all__ = ["ByteLevelWords"]


def _ascii_body(table: Any) -> str:
    """The ASCII members of a char class, as the body of a ``re`` character class."""
    return "".join(re.escape(chr(c)) for c in range(128) if chr(c) in table)


# The GPT-2 pattern for ASCII text, compiled with ``re`` (about twice as fast as
# ``regex`` here); built from the same template and class tables, so it matches
# exactly what the exact pattern matches on ASCII text.
_GPT2_ASCII = re.compile(_GPT2.template.format(**{k: _ascii_body(t) for k, t in _GPT2.classes.items()}))


class ByteLevelWords:
    """Encodes identity-aligned text through a ByteLevel pre-tokenizer and a deterministic model."""

    def __init__(self, pre_tokenizer: Any, tokenize: Callable[[str], list[Token]]) -> None:
        self._prefix_space = pre_tokenizer.add_prefix_space
        self._use_regex = pre_tokenizer.use_regex
        self._words = TilingWords(tokenize, byte_level, 1_000_000 if self._use_regex else 0)

    def _split(self, text: str) -> list[str]:
        if not self._use_regex:
            return [text]
        if text.isascii():
            return _GPT2_ASCII.findall(text)
        return _GPT2.for_text(text).findall(text)

    def encode(self, text: str, prefix: int, type_id: int, word_index: Optional[int]) -> Optional[Encoding]:
        """``text`` is the normalized text, whose first ``prefix`` chars share the span of the next one."""
        if text and self._prefix_space and text[0] != " ":
            text = " " + text
            prefix += 1
        return self._words.encode(self._split(text) if text else [], len(text), prefix, type_id, word_index)
