"""Ids back to text (HF ``Tokenizer::decode``), with the argument checks of HF's bindings.

HF extracts ``ids`` as a Rust ``Vec<u32>``: a str is refused (TypeError), an
item that is not an int is a TypeError, a negative or too large one an
OverflowError.  Ids the vocabulary does not know are skipped.

>>> token_ids((1, True))
[1, 1]
>>> token_ids("12")
Traceback (most recent call last):
...
tokkit._errors.InputTypeError: decode takes a list of int ids, got a str: '12'; encode text with encode()
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from .._errors import InputTypeError
from .._validation import U32_MAX, unsigned
from ..protocols import Decoder, Pipeline

__all__ = ["token_ids", "decode_ids", "decode_many"]


def token_ids(ids: Any, what: str = "decode") -> list[int]:
    """``ids`` as a list of u32 ids, refused as HF's ``Vec<u32>`` extraction refuses it."""
    if isinstance(ids, (str, bytes)):
        raise InputTypeError(f"{what} takes a list of int ids, got a {type(ids).__name__}: {ids!r:.40}; "
                             "encode text with encode()")
    try:
        items = list(ids)
    except TypeError:
        raise InputTypeError(f"{what} takes a list of int ids, got {type(ids).__name__} {ids!r:.40}") from None
    # numpy ints and bools pass through __index__, as in pyo3.
    return [value if type(value) is int and 0 <= value <= U32_MAX else unsigned(value, "token id", U32_MAX)
            for value in items]


def decode_ids(tokenizer: Pipeline, decoder: Optional[Decoder], ids: Any, skip_special_tokens: bool) -> str:
    """The text of ``ids``: their tokens (unknown ids skipped) through ``decoder``, else joined by spaces.

    >>> from tokkit import Tokenizer, models
    >>> decode_ids(Tokenizer(models.WordLevel({"a": 0, "b": 1})), None, [0, 7, 1], True)
    'a b'
    """
    vocab = tokenizer._added_vocabulary
    model = tokenizer.model
    tokens = []
    if isinstance(ids, (str, bytes)) or not hasattr(ids, "__iter__"):
        token_ids(ids)  # raises HF's TypeError
    for token_id in ids:
        if type(token_id) is not int or not 0 <= token_id <= U32_MAX:  # checked in the loop: no second list
            token_id = unsigned(token_id, "token id", U32_MAX)
        token = vocab.id_to_token(token_id)
        if token is None:
            token = model.id_to_token(token_id)
        if token is None or (skip_special_tokens and vocab.is_special_token(token)):
            continue
        tokens.append(token)
    if decoder is not None:
        return decoder.decode(tokens)
    return " ".join(tokens)


def decode_many(tokenizer: Pipeline, decoder: Optional[Decoder], sequences: Any,
                skip_special_tokens: bool) -> list[str]:
    """``decode_ids`` of each sequence of ``sequences`` (a str, or an item that is no sequence, is a TypeError)."""
    if isinstance(sequences, (str, bytes)):
        raise InputTypeError(f"decode_batch takes a list of lists of ids, got a str: {sequences!r:.40}")
    batch: Sequence[Any] = list(sequences)
    for item in batch:
        if item is None or isinstance(item, (int, str, bytes)):
            raise InputTypeError(f"decode_batch takes a list of lists of ids, got an item {item!r:.40}; "
                                 "decode one sequence with decode(ids)")
    return [decode_ids(tokenizer, decoder, ids, skip_special_tokens) for ids in batch]
