"""``Encoding`` lookups as plain functions: map between tokens, words, chars and input sequences.

Each function takes an Encoding and already-checked indexes (the Encoding
methods check their arguments the way HF's pyo3 bindings do) and follows
HF's ``tokenizer/encoding.rs`` exactly, odd corners included.

>>> from tokkit.encoding import Encoding
>>> enc = Encoding(ids=[1, 2, 3], word_ids=[0, 0, 1], offsets=[(0, 2), (2, 4), (5, 6)])
>>> word_to_tokens(enc, 0, 0), char_to_token(enc, 5, 0), token_to_word(enc, 2)
((0, 2), 2, 1)

What this module does not do: check or convert the arguments (``Encoding`` does).
"""

from __future__ import annotations

from typing import Optional

from .columns import Columns, Offsets

__all__ = [
    "sequence_range", "token_to_sequence", "token_to_chars", "token_to_word", "word_to_tokens", "word_to_chars",
    "char_to_token", "char_to_word",
]  # fmt: skip


def sequence_range(encoding: Columns, sequence_id: int) -> tuple[int, int]:
    """The token range of a sequence; a missing id covers every token (HF ``sequence_range``)."""
    return encoding._sequence_ranges.get(sequence_id, (0, len(encoding._ids)))


def _range_in_bounds(encoding: Columns, sequence_id: int) -> Optional[tuple[int, int]]:
    """The sequence's range, or None where Rust's ``slice.get(range)`` fails."""
    start, end = sequence_range(encoding, sequence_id)
    if start > end or end > len(encoding._ids):
        return None
    return start, end


def token_to_sequence(encoding: Columns, token: int) -> Optional[int]:
    """The sequence holding ``token``; ``token == len`` still gives 0 when no ranges are set (HF).

    Overlapping ranges (only possible through ``set_sequence_id`` on a merged
    encoding) resolve in insertion order; HF's hash order there is arbitrary.
    """
    if token > len(encoding._ids):
        return None
    if not encoding._sequence_ranges:
        return 0
    for seq_id, (start, end) in encoding._sequence_ranges.items():
        if start <= token < end:
            return seq_id
    return None


def token_to_chars(encoding: Columns, token: int) -> Optional[Offsets]:
    if token_to_sequence(encoding, token) is None or token >= len(encoding._offsets):
        return None
    return encoding._offsets[token]


def token_to_word(encoding: Columns, token: int) -> Optional[int]:
    if token_to_sequence(encoding, token) is None or token >= len(encoding._words):
        return None
    return encoding._words[token]


def word_to_tokens(encoding: Columns, word: int, sequence_id: int) -> Optional[tuple[int, int]]:
    """``(first, last + 1)``: HF scans the word ids while they are ``<= word`` (None sorts first)."""
    bounds = _range_in_bounds(encoding, sequence_id)
    if bounds is None:
        return None
    first: Optional[int] = None
    last = 0
    for i in range(*bounds):
        w = encoding._words[i]
        if w is not None:
            if w > word:
                break
            if w == word:
                if first is None:
                    first = i
                last = i + 1
    return None if first is None else (first, last)


def word_to_chars(encoding: Columns, word: int, sequence_id: int) -> Optional[Offsets]:
    """The start of the word's first token to the end of its last."""
    found = word_to_tokens(encoding, word, sequence_id)
    if found is None:
        return None
    start, end = found
    return encoding._offsets[start][0], encoding._offsets[end - 1][1]


def char_to_token(encoding: Columns, position: int, sequence_id: int) -> Optional[int]:
    """The first token of the sequence whose offsets contain ``position``."""
    bounds = _range_in_bounds(encoding, sequence_id)
    if bounds is None:
        return None
    offsets = encoding._offsets
    for i in range(*bounds):
        start, end = offsets[i]
        if start <= position < end:
            return i
    return None


def char_to_word(encoding: Columns, position: int, sequence_id: int) -> Optional[int]:
    token = char_to_token(encoding, position, sequence_id)
    return None if token is None else token_to_word(encoding, token)
