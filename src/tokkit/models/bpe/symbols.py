"""A word's initial BPE symbols: one per char, or byte tokens, or (fused) unk (HF ``models/bpe/model.rs``).

Each char becomes a symbol: ``continuing_subword_prefix`` goes before every
char but the first and ``end_of_word_suffix`` after the last.  A string missing
from the vocab becomes ``<0xHH>`` byte tokens (with ``byte_fallback``), else the
unk token (fused with its neighbours if ``fuse_unk``), else it is dropped.

>>> initial_symbols("abx", False, {"a": 0, "b": 1, "<unk>": 2}, None, None, False, "<unk>", False)
([0, 1, 2], [1, 1, 1], False)

What this module does not do: merging the symbols (``word``).
"""

from __future__ import annotations

from typing import Mapping, Optional

from ..._errors import MissingUnkTokenError

__all__ = ["initial_symbols"]


def initial_symbols(word: str, in_bytes: bool, vocab: Mapping[str, int], prefix: Optional[str], suffix: Optional[str],
                byte_fallback: bool, unk_token: Optional[str], fuse_unk: bool
                ) -> tuple[list[int], list[int], Optional[bool]]:
    """Initial symbols (ids) and their lengths (HF ``merge_word``).

    Lengths are in chars, which equals HF's byte offsets mapped to chars
    while every char becomes exactly one symbol (or unk); when a char is
    dropped or falls back to bytes this returns ``None`` as the third item
    and the caller asks again with ``in_bytes=True`` (HF's byte lengths).
    """
    ids: list[int] = []
    lens: list[int] = []
    unk: list[int] | None = None  # pending [id, byte length]
    last = len(word) - 1
    for i, char in enumerate(word):
        piece = char if (i == 0 or prefix is None) else prefix + char
        if i == last and suffix is not None:
            piece += suffix
        size = 1 if (char < "\x80" or not in_bytes) else len(char.encode("utf-8"))
        token_id = vocab.get(piece)
        if token_id is not None:
            if unk is not None:
                ids.append(unk[0])
                lens.append(unk[1])
                unk = None
            ids.append(token_id)
            lens.append(size)
            continue
        if byte_fallback:
            byte_ids = [vocab.get(f"<0x{b:02X}>") for b in piece.encode("utf-8")]
            if None not in byte_ids:
                if not in_bytes:
                    return ids, lens, None
                # HF leaves a pending unk pending here, so it lands after these bytes.
                ids.extend(byte_ids)  # type: ignore[arg-type]
                lens.extend([1] * len(byte_ids))
                continue
        if unk_token is not None:
            unk = _add_unk(unk, size, ids, lens, vocab, unk_token, fuse_unk)
        elif not in_bytes:
            return ids, lens, None  # dropped silently (HF: models/bpe/model.rs, merge_word)
    if unk is not None:
        ids.append(unk[0])
        lens.append(unk[1])
    return ids, lens, in_bytes


def _add_unk(unk: Optional[list[int]], size: int, ids: list[int], lens: list[int], vocab: Mapping[str, int],
         unk_token: str, fuse_unk: bool) -> list[int]:
    if unk is not None and fuse_unk:
        return [unk[0], unk[1] + size]
    if unk is not None:
        ids.append(unk[0])
        lens.append(unk[1])
    unk_id = vocab.get(unk_token)
    if unk_id is None:
        raise MissingUnkTokenError(
            f"Unk token `{unk_token}` not found in the vocabulary; add it to the vocab or set unk_token=None"
        )
    return [unk_id, size]
