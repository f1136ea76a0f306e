"""Extended grapheme clusters as HF tokenizers cuts them (``unicode-segmentation`` 1.13.3).

The ``regex`` module's ``\\X`` implements the same UAX #29 rules; where its
Unicode version is newer than HF's, a few chars it joins as Extend are
unassigned for HF, so a cluster boundary is put back before them.  The
generated ``_grapheme_data`` (measured on the wheel by ``tools/gen_grapheme.py``)
has those chars and HF's joiner and Prepend sets, which the fast paths use.

>>> [len(cluster) for cluster in clusters("e\\u0301x\\r\\n👍🏽")]
[2, 1, 2, 2]

What this module does not do: word or sentence boundaries.
"""

from __future__ import annotations

import regex

from .grapheme_data import JOINERS, NOT_JOINERS, PREPENDS

__all__ = ["clusters", "JOINER_CHARS", "PREPEND_CHARS"]


def _chars(flat: tuple[int, ...]) -> frozenset[str]:
    """Flattened inclusive ``(first, last)`` ranges -> the set of their chars."""
    return frozenset(chr(c) for a, b in zip(flat[::2], flat[1::2]) for c in range(a, b + 1))


_CLUSTER = regex.compile(r"\X")
#: Chars that continue a cluster after any char but a control (GCB Extend, ZWJ, SpacingMark), for HF.
JOINER_CHARS = _chars(JOINERS)
#: Chars that start a cluster continuing over the next char (GCB Prepend), for HF.
PREPEND_CHARS = _chars(PREPENDS)
_NOT_JOINER = regex.compile(
    "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in zip(NOT_JOINERS[::2], NOT_JOINERS[1::2])) + "]"
    if NOT_JOINERS
    else r"(?!)"
)


def clusters(text: str) -> list[str]:
    """``text`` cut into HF's extended grapheme clusters."""
    if _NOT_JOINER.search(text) is None:
        return _CLUSTER.findall(text)
    # HF has a boundary before each such char (unassigned there: GB999) unless a Prepend
    # precedes it (GB9b); the rules restart there, so each piece is cut on its own.
    found: list[str] = []
    start = 0
    for match in _NOT_JOINER.finditer(text, 1):
        i = match.start()
        if text[i - 1] not in PREPEND_CHARS:
            found += _CLUSTER.findall(text[start:i])
            start = i
    found += _CLUSTER.findall(text[start:])
    return found
