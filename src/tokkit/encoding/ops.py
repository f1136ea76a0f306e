"""Changing an ``Encoding`` in place: truncate into overflowing windows, pad, merge (HF ``tokenizer/encoding.rs``).

Plain functions on already-checked arguments; the ``Encoding`` methods
(``truncate``, ``pad``, ``merge``) check their arguments and call these, and
so do ``truncate_encodings`` / ``pad_encodings`` and the post-processors.

>>> from tokkit.encoding import Encoding
>>> enc = Encoding(ids=[1, 2, 3, 4, 5])
>>> truncate(enc, 2, 1, left=False)
>>> enc.ids, [o.ids for o in enc.overflowing]
([1, 2], [[2, 3], [3, 4], [4, 5]])

What this module does not do: argument checks (``Encoding``) or batch rules
(``truncation``, ``padding``).
"""

from __future__ import annotations

from typing import Any

from .._errors import TruncationError
from .columns import Columns

__all__ = ["truncate", "pad", "merge_into", "windows"]


def truncate(encoding: Columns, max_len: int, stride: int, left: bool) -> None:
    """Keep ``max_len`` tokens; the rest become overflowing windows sharing ``stride`` tokens.

    ``stride >= max_len`` raises ``TruncationError`` (HF panics).  The sequence
    ranges are dropped (HF ``Encoding::truncate``).
    """
    n = len(encoding._ids)
    if max_len >= n:
        return
    if max_len == 0:
        whole = encoding._slice(0, n)
        whole._overflowing, whole._sequence_ranges = encoding._overflowing, encoding._sequence_ranges
        empty = encoding._slice(0, 0)
        empty._overflowing = [whole]
        encoding._assign(empty)
        return
    if stride >= max_len:
        raise TruncationError(
            f"`stride` must be strictly less than `max_len={max_len}` (note that `max_len` may "
            "be shorter than the max length of the original model, as it subtracts the number "
            f"of special characters); got stride={stride}"
        )
    spans = windows(n, max_len, max_len - stride, left)
    first = encoding._slice(*spans[0])
    first._overflowing = [encoding._slice(s, e) for s, e in spans[1:]]
    encoding._assign(first)


def windows(n: int, max_len: int, step: int, left: bool) -> list[tuple[int, int]]:
    """The ``(start, stop)`` token windows of HF's ``truncate``, first window first.

    >>> windows(5, 2, 1, left=False), windows(5, 2, 2, left=True)
    ([(0, 2), (1, 3), (2, 4), (3, 5)], [(3, 5), (1, 3), (0, 1)])
    """
    spans: list[tuple[int, int]] = []
    if not left:
        for start in range(0, n, step):
            stop = min(start + max_len, n)
            spans.append((start, stop))
            if stop == n:
                break
        return spans
    for last in range(n - 1, -1, -step):
        stop = last + 1
        start = max(stop - max_len, 0)
        spans.append((start, stop))
        if start == 0:
            break
    return spans


def pad(encoding: Columns, length: int, pad_id: int, pad_type_id: int, pad_token: str, left: bool) -> None:
    """Pad to ``length`` tokens, overflowing encodings too; longer ones stay as they are."""
    for overflow in encoding._overflowing:
        pad(overflow, length, pad_id, pad_type_id, pad_token, left)
    missing = length - len(encoding._ids)
    if missing <= 0:
        return
    # Each column with the padding value of its own item type (one loop over lists of several types).
    columns: tuple[tuple[list[Any], Any], ...] = (
        (encoding._ids, pad_id), (encoding._type_ids, pad_type_id), (encoding._tokens, pad_token),
        (encoding._words, None), (encoding._attention_mask, 0), (encoding._special_tokens_mask, 1),
        (encoding._offsets, (0, 0)),
    )  # fmt: skip
    for column, value in columns:
        if left:
            column[:0] = [value] * missing
        else:
            column.extend([value] * missing)
    if left:
        encoding._sequence_ranges = {k: (s + missing, e + missing) for k, (s, e) in encoding._sequence_ranges.items()}


def merge_into(encoding: Columns, pair: Columns, growing_offsets: bool) -> None:
    """Append ``pair`` to ``encoding`` in place (HF ``merge_with``); ``pair`` is consumed.

    Overflowing encodings combine as a cross product: each of ours with
    ``pair`` and with each of its overflowing, then ourselves with each of
    its overflowing.

    >>> from tokkit import Encoding
    >>> encoding = Encoding(ids=[1], tokens=["a"])
    >>> merge_into(encoding, Encoding(ids=[2], tokens=["b"]), growing_offsets=False)
    >>> encoding.ids
    [1, 2]
    """
    overflowings: list[Columns] = []
    for mine in encoding._overflowing:
        combined = mine._copy()
        merge_into(combined, pair._copy(), growing_offsets)
        overflowings.append(combined)
        for theirs in pair._overflowing:
            combined = mine._copy()
            merge_into(combined, theirs._copy(), growing_offsets)
            overflowings.append(combined)
    for theirs in pair._overflowing:
        combined = encoding._copy()
        merge_into(combined, theirs._copy(), growing_offsets)
        overflowings.append(combined)

    base = len(encoding._ids)
    for seq_id, (start, end) in pair._sequence_ranges.items():
        encoding._sequence_ranges[seq_id] = (base + start, base + end)
    encoding._ids.extend(pair._ids)
    encoding._type_ids.extend(pair._type_ids)
    encoding._tokens.extend(pair._tokens)
    encoding._words.extend(pair._words)
    shift = encoding._offsets[-1][1] if growing_offsets and encoding._offsets else 0
    if shift:
        encoding._offsets.extend([(s + shift, e + shift) for s, e in pair._offsets])
    else:
        encoding._offsets.extend(pair._offsets)
    encoding._special_tokens_mask.extend(pair._special_tokens_mask)
    encoding._attention_mask.extend(pair._attention_mask)
    encoding._overflowing = overflowings
