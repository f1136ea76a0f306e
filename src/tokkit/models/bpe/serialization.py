"""Reading BPE vocab/merges and checking BPE options, as HF's ``models/bpe/serialization.rs`` does.

>>> parse_merges(["#version: 0.2", "a b"], ValueError)
[('a', 'b')]
>>> check_dropout(0.1, ValueError), optional_flag(None, "fuse_unk", ValueError)
(0.10000000149011612, False)
"""

from __future__ import annotations

from itertools import chain, repeat
from typing import Any, Iterable

from ..._errors import SerializationError, TokkitError
from ..base import f32

__all__ = ["parse_merges", "parse_merge_lines", "check_dropout", "optional_flag"]

_STR = frozenset((str,))
_PAIR = frozenset((list, tuple))
_TWO = frozenset((2,))
_ONE = frozenset((1,))


def parse_merges(merges: Any, error: type[TokkitError]) -> list[tuple[str, str]]:
    """Accept ``[["a","b"], ...]`` (or tuples) or the legacy ``["a b", ...]`` strings.

    Well-formed merges are checked by C-level passes; a bad one is then found
    in Python and named (located at its index for a SerializationError).
    """
    if not isinstance(merges, (list, tuple)):
        raise error(f"merges must be a list of (str, str) pairs, got {type(merges).__name__}")
    kinds = set(map(type, merges))
    if kinds <= _STR:
        return parse_merge_lines(merges, error)
    if kinds <= _PAIR and set(map(len, merges)) <= _TWO and set(map(type, chain.from_iterable(merges))) <= _STR:
        return list(map(tuple, merges))
    for index, merge in enumerate(merges):
        if not (isinstance(merge, (list, tuple)) and len(merge) == 2 and all(isinstance(p, str) for p in merge)):
            raise _located(error(f"each merge must be a pair of two str tokens, got {merge!r:.80}"), index)
    return [(merge[0], merge[1]) for merge in merges]


def parse_merge_lines(lines: Iterable[str], error: type[TokkitError]) -> list[tuple[str, str]]:
    """Legacy ``"a b"`` merges; ``#version`` lines are skipped (HF ``convert_merges_to_hashmap``)."""
    lines = lines if isinstance(lines, list) else list(lines)
    kept = [line for line in lines if not line.startswith("#version")] \
        if any(map(str.startswith, lines, repeat("#version"))) else lines
    if set(map(str.count, kept, repeat(" "))) <= _ONE:  # C-level passes; no list per line (as split makes)
        return [(a, b) for a, _, b in map(str.partition, kept, repeat(" "))]
    rank = next(rank for rank, line in enumerate(kept) if line.count(" ") != 1)
    raise _located(error(f"Merges text file invalid at line {rank + 1}: {kept[rank]!r:.80} is not 'a b'"), rank)


def _located(exc: TokkitError, index: int) -> TokkitError:
    return exc.at(index) if isinstance(exc, SerializationError) else exc


def check_dropout(dropout: Any, error: type[TokkitError]) -> float | None:
    """None, or a probability in [0, 1] stored as an f32 (HF's ``Option<f32>``)."""
    if dropout is None:
        return None
    if isinstance(dropout, bool) or not isinstance(dropout, (int, float)):
        raise error(f"dropout must be a float in [0, 1] or None, got {dropout!r}")
    if not 0.0 <= dropout <= 1.0:
        raise error(f"Dropout should be between 0 and 1, inclusive (got {dropout!r})")
    return f32(float(dropout))


def optional_flag(value: Any, name: str, error: type[TokkitError]) -> bool:
    """A bool, None meaning False (HF's ``Option<bool>`` fields, ``unwrap_or(false)``)."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise error(f"{name} must be a bool, got {value!r}")
    return value
