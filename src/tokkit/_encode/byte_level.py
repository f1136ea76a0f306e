"""The fast path of a ByteLevel pre-tokenizer (GPT-2, RoBERTa): plain strings, per-word cache.

The GPT-2 regex matches every char (letters, numbers, whitespace and the rest
each have a branch, none matches empty), so its matches tile the text and a
word's span is the running sum of the word lengths.  Each word is byte-mapped
and tokenized once per batch; its token offsets are bytes of the word, turned
into char offsets with HF's rule (a token starts at the char holding its first
byte and ends after the char holding its last byte).  ``add_prefix_space``
adds ``' '`` in front, which takes the span of the first char (HF ``prepend``).

>>> from tokkit.models import BPE
>>> from tokkit.pre_tokenizers import ByteLevel
>>> model = BPE({"h": 0, "i": 1, "Ġ": 2, "hi": 3, "Ġhi": 4}, [("h", "i"), ("Ġ", "hi")])
>>> enc = ByteLevelEncoder(ByteLevel(add_prefix_space=False).fast_path(), model.tokenize).encode("hi hi", 0, 0, None)
>>> enc.tokens, enc.offsets
(['hi', 'Ġhi'], [(0, 2), (2, 5)])

What this module does not do: added tokens or normalization (``fast`` checks them first).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from .._unicode.char_classes import ExactPattern
from ..capabilities import ByteLevelWords
from ..encoding import Encoding
from ..normalized import Token
from .words import ColumnsFunction, ManyColumnsFunction, TilingWords

__all__ = ["ByteLevelEncoder"]


def _ascii_body(table: Any) -> str:
    """The ASCII members of a char class, as the body of a ``re`` character class."""
    return "".join(re.escape(chr(c)) for c in range(128) if chr(c) in table)


_ASCII_VARIANTS: dict[int, tuple[ExactPattern, "re.Pattern[str]"]] = {}


def _ascii_variant(pattern: ExactPattern) -> "re.Pattern[str]":
    """``pattern`` for ASCII text, compiled with ``re`` (about twice as fast as ``regex`` here).

    Built from the same template and class tables, so it matches exactly what
    the exact pattern matches on ASCII text.
    """
    found = _ASCII_VARIANTS.get(id(pattern))
    if found is None or found[0] is not pattern:
        bodies = {key: _ascii_body(table) for key, table in pattern.classes.items()}
        found = _ASCII_VARIANTS[id(pattern)] = (pattern, re.compile(pattern.template.format(**bodies)))
    return found[1]


class ByteLevelEncoder:
    """Encodes identity-aligned text through a ByteLevel pre-tokenizer and a deterministic model."""

    def __init__(self, words: ByteLevelWords, tokenize: Callable[[str], list[Token]],
                 columns: Optional[ColumnsFunction] = None, columns_many: Optional[ManyColumnsFunction] = None) -> None:
        self._prefix_space = words.add_prefix_space
        self._pattern = words.pattern
        self._ascii = None if words.pattern is None else _ascii_variant(words.pattern)
        # A whole text is one word without a pattern; lines rarely repeat, so those are not cached.
        capacity = 1_000_000 if words.pattern is not None else 0
        self._words = TilingWords(tokenize, words.to_model_input, capacity, columns, columns_many)

    def _split(self, text: str) -> list[str]:
        if self._pattern is None or self._ascii is None:
            return [text]
        words: list[str] = self._ascii.findall(text) if text.isascii() else self._pattern.for_text(text).findall(text)
        return words

    def encode(self, text: str, prefix: int, type_id: int, word_index: Optional[int]) -> Optional[Encoding]:
        """``text`` is the normalized text, whose first ``prefix`` chars share the span of the next one."""
        if text and self._prefix_space and text[0] != " ":
            text = " " + text
            prefix += 1
        return self._words.encode(self._split(text) if text else [], len(text), prefix, type_id, word_index)
