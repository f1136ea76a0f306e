"""Extended grapheme clusters as HF tokenizers cuts them (``unicode-segmentation`` 1.13.3).

The ``regex`` module's ``\\X`` implements the same UAX #29 rules; where its
Unicode version is newer than HF's, a few chars it joins as Extend are
unassigned for HF, so a cluster boundary is put back before them.  The
generated ``_grapheme_data`` (measured on the wheel by ``tools/gen_grapheme.py``)
has those chars and HF's joiner and Prepend sets, which the fast paths use.

``regex`` also joins a linker (virama) to the next consonant after *any* char
(``"a्त"`` is one cluster), while HF keeps UAX #29 GB9c: only
``Consonant [Extend Linker]* Linker [Extend Linker]* x Consonant`` (``"क्त"``).
Texts holding a linker have their clusters cut again by HF's rule, with HF's
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
_CONSONANTS = _chars(CONSONANTS)
_LINKERS = _chars(LINKERS)
_CONJUNCT_RUN = _chars(EXTENDS) | _LINKERS
_ZWJ = "\u200d"


def _class(flat: tuple[int, ...]) -> str:
    """Flattened inclusive ranges -> a regex char class body."""
    return "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in zip(flat[::2], flat[1::2]))


_RUN, _CONS, _JOIN = _class(EXTENDS + LINKERS), _class(CONSONANTS), _class(JOINERS)
# Where HF's GB9c and regex's may disagree: regex joins a linker run to the next char whenever that char is
# one of its consonants (a superset of HF's), HF only when a consonant also precedes the run.  A run between
# two HF consonants, or before a joiner, ASCII or whitespace, is cut alike: only the other runs are suspect.
_LINK = _class(LINKERS)
_SUSPECT = regex.compile(
    f"[{_LINK}](?<=(?:^|[^{_CONS}{_RUN}])[{_RUN}]*[{_LINK}])[{_RUN}]*[^{_JOIN}\\x00-\\x7f\\s]"
    f"|[{_LINK}](?<=[{_CONS}][{_RUN}]*[{_LINK}])[{_RUN}]*[^{_CONS}{_JOIN}\\x00-\\x7f\\s]"
)
_LINKER = regex.compile(f"[{_LINK}]")
# Linkers cut alike for sure (between two HF consonants, or before ASCII, whitespace or the end): counting
# them is much faster than _SUSPECT, which only runs when some linker is elsewhere.
_SAFE_LINKER = regex.compile(
    f"[{_LINK}](?<=[{_CONS}][{_LINK}])(?=[{_CONS}]|[\\x00-\\x7f\\s]|\\Z)|[{_LINK}](?=[\\x00-\\x7f\\s]|\\Z)"
)
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
    if not _may_disagree(text):
        found = _CLUSTER.findall(text)
    else:
        found = []
        pos = 0
        while pos < len(text):
            pos = _walk(text, pos, found)
    if _MORE_PICTOGRAPH.search(text) is not None:
        found = _emoji_joined(text, found)
    return found


def _may_disagree(text: str) -> bool:
    """HF's GB9c may cut ``text`` where regex does not (see ``_SUSPECT``)."""
    if _LINKER.search(text) is None:
        return False
    if len(_LINKER.findall(text)) == len(_SAFE_LINKER.findall(text)):
        return False
    return _SUSPECT.search(text) is not None


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


def _walk(text: str, pos: int, found: list[str]) -> int:
    """Append clusters from ``pos`` until regex joins a consonant that HF does not; return where to restart."""
    for match in _CLUSTER.finditer(text, pos):
        start, end = match.span()
        for i in range(start + 1, end):
            if _regex_conjunct(text, i) and not _hf_conjunct(text, i):
                found.append(text[start:i])
                return i  # the rules restart at the consonant (nothing before it matters to HF)
        if start != pos and _hf_conjunct(text, start):  # HF joins what regex cut (never seen; kept for safety)
            found[-1] += match.group()
        else:
            found.append(match.group())
    return len(text)


def _regex_conjunct(text: str, i: int) -> bool:
    """``regex`` joined ``text[i]`` (inside one of its clusters) by its GB9c: a linker run precedes a base char."""
    if text[i] in JOINER_CHARS or (text[i - 1] == _ZWJ and text[i] not in _CONSONANTS):
        return False  # a mark (GB9) or an emoji ZWJ sequence (GB11), not a conjunct
    return _linker_run_start(text, i) is not None


def _hf_conjunct(text: str, i: int) -> bool:
    """HF's GB9c: ``Consonant [Extend Linker]* Linker [Extend Linker]* x Consonant`` at ``i``."""
    if text[i] not in _CONSONANTS:
        return False
    start = _linker_run_start(text, i)
    return start is not None and start > 0 and text[start - 1] in _CONSONANTS


def _linker_run_start(text: str, i: int) -> "int | None":
    """Start of the ``[Extend Linker]*`` run ending before ``i``, if it holds a linker."""
    j, linked = i, False
    while j > 0 and text[j - 1] in _CONJUNCT_RUN:
        j -= 1
        linked = linked or text[j] in _LINKERS
    return j if linked else None
