"""The fast path of a charsmap: its keys precomputed, so plain strings go through regexes and ``str.translate``.

``_Plan`` walks a text cluster by cluster, as HF does (see ``tokkit._unicode.charsmap``),
only when a cluster of 2+ chars may start with a key; otherwise ``str.translate`` is
exact, and a text holding no key is left as it is (alignments too).

>>> from tokkit._unicode.charsmap import CharsMap
>>> from tokkit._unicode.charsmap_build import build_blob
>>> plan = CharsMap(build_blob({"ﬁ": "fi", "Ａ": "A"})).plan
>>> plan.fast, plan.normalize_str("ﬁ Ａ\\u0301"), plan.changes("ﬁx")
(True, 'fi A', [('f', 0), ('i', 1), ('x', 0)])

What this module does not do: parse the blob or walk its trie (``tokkit._unicode.charsmap``),
or find grapheme clusters (``tokkit._unicode.grapheme``).
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import Iterable, Iterator, Optional, Protocol

from .charsmap_format import CharsMapError
from .grapheme import JOINER_CHARS, PREPEND_CHARS, clusters


class CharsMapLookup(Protocol):
    """What the plan reads of a ``CharsMap``: its keys, their replacements, its per-chunk lookup."""

    def entries(self, max_len: int = 5) -> Optional[dict[bytes, int]]: ...

    def replacement(self, index: int) -> str: ...

    def transform(self, chunk: str) -> Optional[str]: ...


Change = tuple[str, int]


# ==================== the fast plan ==================================================
class _Plan:
    """What a charsmap does, precomputed for plain-string speed.

    * ``keys``: every key (a whole UTF-8 string) -> its replacement, and
      ``table`` the one-char keys for ``str.translate``;
    * ``singles_re`` finds a one-char key; ``joiner_re`` a char that can
      extend a cluster (HF's GCB Extend/ZWJ/SpacingMark, a key-starting
      Prepend, LF after a key-starting CR); ``cluster_re`` a key's first char
      starting a cluster of 2+ chars.  Only there do clusters matter: without
      a hit, a text is left as it is (alignments too) or ``translate`` is exact.

    A blob HF could fail on (a lookup past the trie, a bad replacement
    offset, a key that is not UTF-8) gets no plan: the exact byte walk is used.
    """

    def __init__(self, charsmap: CharsMapLookup) -> None:
        self.charsmap = charsmap
        self.keys = _string_keys(charsmap)
        self.fast = self.keys is not None
        if self.keys is None:
            return
        self.table = {ord(key): out for key, out in self.keys.items() if len(key) == 1}
        self.longest = max(map(len, self.keys), default=0)
        starts = {key[0] for key in self.keys}
        self.singles_re = _compile_class(chr(c) for c in self.table)
        self.ascii_singles_re = _compile_class(chr(c) for c in self.table if c < 0x80)
        # one-char keys whose replacement is not one char: they move the alignments
        self.resizing_re = _compile_class(chr(c) for c, out in self.table.items() if len(out) != 1)
        self.crlf = "\r" in starts  # the only cluster of ASCII chars is CR LF
        joiners = JOINER_CHARS | (starts & PREPEND_CHARS) | ({"\n"} if self.crlf else set())
        self.joiner_re = re.compile(_char_class(joiners)) if starts else None
        self.cluster_re = re.compile(_cluster_pattern(starts), re.S) if starts else None

    def _has_clusters(self, text: str) -> bool:
        """A cluster of 2+ chars may start with a key's first char (then HF looks it up whole)."""
        if text.isascii():
            return self.crlf and "\r\n" in text
        if self.joiner_re is None or self.joiner_re.search(text) is None:
            return False
        return self.cluster_re.search(text) is not None  # type: ignore[union-attr]

    def _has_singles(self, text: str) -> bool:
        pattern = self.ascii_singles_re if text.isascii() else self.singles_re
        return pattern is not None and pattern.search(text) is not None

    def is_identity_on(self, text: str) -> bool:
        """True if the charsmap leaves ``text`` as it is (and HF leaves its alignments alone)."""
        if not self.fast:
            return not text
        return not self._has_singles(text) and not self._has_clusters(text)

    def is_one_to_one_on(self, text: str) -> bool:
        """True if the charsmap maps each char of ``text`` to one char (alignments stay the identity)."""
        if not self.fast:
            return not text
        return not self._has_clusters(text) and (self.resizing_re is None or self.resizing_re.search(text) is None)

    def normalize_str(self, text: str) -> str:
        if not self.fast or self._has_clusters(text):
            return "".join(out for out, _ in self._clusters(text)) if text else text
        return text.translate(self.table) if self._has_singles(text) else text

    def _pieces(self, text: str) -> Optional[Iterator[tuple[str, str]]]:
        """``(output, source)`` pieces of ``text`` as HF walks them; None when no lookup can match."""
        if not text:
            return None
        if not self.fast or self._has_clusters(text):
            return self._clusters(text)
        return self._chars(text) if self._has_singles(text) else None

    def changes(self, text: str) -> Optional[list[Change]]:
        pieces = self._pieces(text)
        if pieces is None:
            return None
        dest: list[Change] = []
        modified = False
        for out, source in pieces:
            if out is source:
                dest.extend(zip(source, repeat(0)))
            else:
                modified = True
                _replace(dest, len(source), out)
        return dest if modified else None

    def spots(self, text: str) -> Optional[list[Spot]]:
        """``changes`` as ``(start, end, changes)`` ranges of ``text`` (sorted, apart); None: use ``changes``.

        Applied with ``transform_ranges`` (or ``transform_range`` from the right), they give what the
        whole ``changes`` list gives, without a change per untouched char (a
        10 MB text with one deleted char).  A deletion's difference goes to the
        change before it, as in ``_replace``, so its range starts one char early;
        removed at the very start (no change before), it shifts every later
        alignment, so that text is left to ``changes``.
        """
        found: list[Spot] = []
        pieces = self._pieces(text)
        if pieces is None:
            return found
        pos = 0
        for out, source in pieces:
            if out is not source:
                if found and found[-1][1] == pos:
                    spot = found[-1]
                elif len(out) < len(source) and pos > 0:
                    spot = (pos - 1, pos, [(text[pos - 1], 0)])
                    found.append(spot)
                else:
                    spot = (pos, pos, [])
                    found.append(spot)
                _replace(spot[2], len(source), out)
                if not spot[2]:
                    return None  # chars removed at the very start shift every later alignment: transform whole
                found[-1] = (spot[0], pos + len(source), spot[2])
            pos += len(source)
        return found

    def _clusters(self, text: str) -> Iterator[tuple[str, str]]:
        """``(output, source)`` per cluster or char, as HF walks them; ``output is source`` if untouched."""
        transform = self._transform_fast if self.fast else self.charsmap.transform
        for cluster in clusters(text):
            if len(cluster) > 1 and len(cluster.encode("utf-8")) < 6:
                out = transform(cluster)
                if out is not None:
                    yield out, cluster
                    continue
            for char in cluster:
                out = transform(char)
                yield (char, char) if out is None else (out, char)

    def _chars(self, text: str) -> Iterator[tuple[str, str]]:
        """Like ``_clusters`` when every cluster that matters is one char: untouched runs pass whole."""
        table, last = self.table, 0
        for match in self.singles_re.finditer(text):  # type: ignore[union-attr]
            start = match.start()
            if start > last:
                run = text[last:start]
                yield run, run
            yield table[ord(text[start])], text[start]
            last = start + 1
        if last < len(text):
            run = text[last:]
            yield run, run

    def _transform_fast(self, chunk: str) -> Optional[str]:
        """``CharsMap.transform`` from the key dict: the shortest key that prefixes ``chunk``."""
        keys = self.keys
        for end in range(1, min(len(chunk), self.longest) + 1):
            out = keys.get(chunk[:end])  # type: ignore[union-attr]
            if out is not None:
                return out
        return None


def _cluster_pattern(starts: set[str]) -> str:
    """Where a cluster of 2+ chars begins with one of ``starts``: before a joiner, after Prepend, CR LF."""
    parts = [_char_class(starts) + _char_class(JOINER_CHARS)]
    prepends = starts & PREPEND_CHARS
    if prepends:
        parts.append(f"{_char_class(prepends)}.")
    if "\r" in starts:
        parts.append("\r\n")
    return "|".join(parts)


def _compile_class(chars: Iterable[str]) -> "Optional[re.Pattern[str]]":
    chars = list(chars)
    return re.compile(_char_class(chars)) if chars else None


def _string_keys(charsmap: CharsMapLookup) -> Optional[dict[str, str]]:
    """Every key -> replacement as strings, or None if some lookup could fail or a key is not UTF-8."""
    entries = charsmap.entries()
    if entries is None:
        return None
    keys: dict[str, str] = {}
    for raw, value in entries.items():
        try:
            keys[raw.decode("utf-8")] = charsmap.replacement(value)
        except (UnicodeDecodeError, CharsMapError):
            return None
    return keys


#: A range of the text and its changes (``NormalizedString.transform_range``'s arguments).
Spot = tuple[int, int, list[Change]]


def _replace(dest: list[Change], old_count: int, out: str) -> None:
    """Append HF's changes for ``old_count`` chars replaced by ``out`` (``precompiled.rs`` ``replace``).

    Every new char is a substitution (0); if ``out`` is longer, its last extra
    chars become inserts (1); if shorter, the **last change in the whole list**
    absorbs the difference, even one from an earlier cluster (so with ``out``
    empty, the previous char swallows the removed ones; at the very start
    nothing does, and later chars take the removed chars' alignments).
    """
    dest.extend(zip(out, repeat(0)))
    diff = len(out) - old_count
    if diff > 0:
        for i in range(len(dest) - diff, len(dest)):
            dest[i] = (dest[i][0], 1)
    elif diff < 0 and dest:
        char, change = dest[-1]
        dest[-1] = (char, change + diff)


def _char_class(chars: Iterable[str]) -> str:
    """A pattern matching one of ``chars``, with runs folded into ranges.

    ``re`` tests a class of BMP chars with a bitmap, but one holding astral
    chars with a linear scan of its ranges; so astral chars get their own
    class behind a cheap guard.
    """
    codes = sorted(set(map(ord, chars)))
    bmp = _ranges(c for c in codes if c < 0x10000)
    astral = _ranges(c for c in codes if c >= 0x10000)
    if not astral:
        return f"[{bmp}]"
    guarded = f"(?=[\U00010000-\U0010ffff])[{astral}]"
    return f"(?:[{bmp}]|{guarded})" if bmp else guarded


def _ranges(codes: Iterable[int]) -> str:
    """Sorted code points -> the inside of a class (``a-z`` runs)."""
    parts: list[str] = []
    run: list[int] = []
    for code in codes:
        if run and code == run[-1] + 1:
            run.append(code)
            continue
        if run:
            parts.append(_range(run[0], run[-1]))
        run = [code]
    if run:
        parts.append(_range(run[0], run[-1]))
    return "".join(parts)


def _range(first: int, last: int) -> str:
    return re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}"
