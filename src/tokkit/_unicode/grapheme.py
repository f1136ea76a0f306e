"""Extended grapheme clusters as HF tokenizers cuts them (``unicode-segmentation`` 1.13.3).

The ``regex`` module's ``\\X`` implements the same UAX #29 rules; where its
Unicode version is newer than HF's, a few chars it joins as Extend are
unassigned for HF, so a cluster boundary is put back before them.  The
generated ``_grapheme_data`` (measured on the wheel by ``tools/gen_grapheme.py``)
has those chars and HF's joiner and Prepend sets, which the fast paths use.

``regex`` also joins a linker (virama) to the next consonant after *any* char
(``"a्त"`` is one cluster), while HF keeps UAX #29 GB9c: only
``Consonant [Extend Linker]* Linker [Extend Linker]* x Consonant`` (``"क्त"``).
Where a linker is not between two consonants, regex's clusters are cut again by HF's rule, with HF's
Indic_Conjunct_Break sets (``grapheme_incb_data``, from ``tools/gen_grapheme_incb.py``).
Likewise HF's emoji rule (GB11: ``ExtPict Extend* ZWJ x ExtPict``) still takes 18
chars as Extended_Pictographic that ``regex`` (Unicode 17) does not: clusters are
joined again there.

>>> [len(cluster) for cluster in clusters("e\\u0301x\\r\\n👍🏽")]
[2, 1, 2, 2]
>>> clusters("क\\u094dत a\\u094dत")
['क्त', ' ', 'a्', 'त']

What this module does not do: word or sentence boundaries.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Iterator

import regex

from .grapheme_data import JOINERS, NOT_JOINERS, PREPENDS
from .grapheme_incb_data import CONSONANTS, EXTENDS, LINKERS, MORE_PICTOGRAPHS

__all__ = ["clusters", "JOINER_CHARS", "PREPEND_CHARS"]


def _chars(flat: tuple[int, ...]) -> frozenset[str]:
    """Flattened inclusive ``(first, last)`` ranges -> the set of their chars."""
    return frozenset(chr(c) for a, b in zip(flat[::2], flat[1::2]) for c in range(a, b + 1))


_CLUSTER = regex.compile(r"\X")
#: Chars that continue a cluster after any char but a control (GCB Extend, ZWJ, SpacingMark), for HF.
JOINER_CHARS = _chars(JOINERS)
#: Chars that start a cluster continuing over the next char (GCB Prepend), for HF.
PREPEND_CHARS = _chars(PREPENDS)
_ZWJ = "\u200d"


def _class(flat: tuple[int, ...]) -> str:
    """Flattened inclusive ranges -> a regex char class body."""
    return "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in zip(flat[::2], flat[1::2]))


_LINK, _CONS = _class(LINKERS), _class(CONSONANTS)
# Regex joins a linker run to the next char whenever that char is one of its consonants (a superset of
# HF's), HF only when a consonant also precedes the run (GB9c).  A linker between two HF consonants or
# before ASCII, whitespace or the end is cut alike by both; only the other linkers need a look.
_UNSURE_LINKER = regex.compile(f"[{_LINK}](?![\\x00-\\x7f\\s]|\\Z)(?:(?<![{_CONS}][{_LINK}])|(?![{_CONS}]))")
_CONSONANT_CHARS = _chars(CONSONANTS)
_RUN_CHARS = _chars(EXTENDS + LINKERS)  # what may stand between the consonants: InCB Extend and Linker
_MORE_PICTOGRAPHS = _chars(MORE_PICTOGRAPHS)
_MORE_PICTOGRAPH = regex.compile("[" + "".join(sorted(_MORE_PICTOGRAPHS)) + "]")
_PICTOGRAPH = regex.compile(r"\p{Extended_Pictographic}")
_EXTEND = regex.compile(r"\p{Grapheme_Cluster_Break=Extend}")
_NOT_JOINER = regex.compile(
    "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in zip(NOT_JOINERS[::2], NOT_JOINERS[1::2])) + "]"
    if NOT_JOINERS
    else r"(?!)"
)


def clusters(text: str) -> list[str]:
    """``text`` cut into HF's extended grapheme clusters."""
    if _NOT_JOINER.search(text) is None:
        return _conjunct_clusters(text)
    # HF has a boundary before each such char (unassigned there: GB999) unless a Prepend
    # precedes it (GB9b); the rules restart there, so each piece is cut on its own.
    found: list[str] = []
    start = 0
    for match in _NOT_JOINER.finditer(text, 1):
        i = match.start()
        if text[i - 1] not in PREPEND_CHARS:
            found += _conjunct_clusters(text[start:i])
            start = i
    found += _conjunct_clusters(text[start:])
    return found


def _conjunct_clusters(text: str) -> list[str]:
    """``regex``'s clusters of ``text``, cut and joined again where HF's GB9c or GB11 decides otherwise."""
    found = _CLUSTER.findall(text)
    if _UNSURE_LINKER.search(text) is not None:
        found = _conjuncts_cut(text, found)
    if _MORE_PICTOGRAPH.search(text) is not None:
        found = _emoji_joined(text, found)
    return found


def _cuts(text: str) -> Iterator[int]:
    """Where HF cuts after a linker run and regex may not: the next char is no HF conjunct's end."""
    run, consonants, joiners = _RUN_CHARS, _CONSONANT_CHARS, JOINER_CHARS
    end = 0
    for match in _UNSURE_LINKER.finditer(text):
        if match.start() < end:
            continue  # in the run already looked at
        start, end = match.start(), match.end()
        while start and text[start - 1] in run:
            start -= 1
        while end < len(text) and text[end] in run:
            end += 1
        if end == len(text) or text[end] in joiners:
            continue  # no consonant can follow here: GB9 joins alike
        if not (start and text[start - 1] in consonants and text[end] in consonants):
            yield end


def _conjuncts_cut(text: str, found: list[str]) -> list[str]:
    """Cut regex's clusters where HF's GB9c does not join; the rules restart at each cut (a base char)."""
    ends = list(accumulate(map(len, found)))
    out: list[str] = []
    done = 0  # the cluster of ``found`` being cut
    start = 0  # where its pending part starts in ``text``
    for cut in _cuts(text):
        index = bisect_right(ends, cut)  # the cluster holding ``cut``
        if cut == (ends[index - 1] if index else 0):
            continue  # regex cuts there too
        if index > done:
            out.append(text[start : ends[done]])
            out += found[done + 1 : index]
            done, start = index, ends[index - 1]
        out.append(text[start:cut])
        start = cut
    if not out:
        return found
    out.append(text[start : ends[done]])
    out += found[done + 1 :]
    return out


def _emoji_joined(text: str, found: list[str]) -> list[str]:
    """Join clusters where HF's GB11 holds with its wider Extended_Pictographic (regex never joins more)."""
    out: list[str] = []
    pos = 0
    for cluster in found:
        if out and text[pos - 1] == _ZWJ and _is_pictograph(text[pos]) and _pictograph_before(text, pos - 1):
            out[-1] += cluster
        else:
            out.append(cluster)
        pos += len(cluster)
    return out


def _is_pictograph(char: str) -> bool:
    return char in _MORE_PICTOGRAPHS or _PICTOGRAPH.match(char) is not None


def _pictograph_before(text: str, zwj: int) -> bool:
    """``ExtPict Extend*`` ends right before ``text[zwj]`` (HF's GB11)."""
    j = zwj - 1
    while j >= 0 and _EXTEND.match(text[j]) is not None:
        j -= 1
    return j >= 0 and _is_pictograph(text[j])
