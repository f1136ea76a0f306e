"""SentencePiece's ``precompiled_charsmap``: parse it and normalize text with it, like HF.

The blob (HF ``spm_precompiled``, SentencePiece ``Darts::DoubleArray``) is::

    u32 trie_size (bytes, little-endian) | trie: trie_size/4 u32 units | normalized: UTF-8 text

The trie maps UTF-8 byte strings to offsets into ``normalized``, where each
replacement ends at a NUL byte.  Each unit packs a label (low 8 bits, bit 31
set on value units), a "has leaf" bit (8) and an XOR offset to the node's
children (bits 10-31, shifted by 8 more when bit 9 is set).

HF's ``Precompiled`` normalizer (``normalizers/precompiled.rs``) does not use
SentencePiece's longest-match loop.  It walks extended grapheme clusters; a
cluster shorter than 6 UTF-8 bytes is looked up whole and, if the **shortest**
key that is a byte-prefix of it matches, the whole cluster becomes that
replacement (``"Ａ\\u0301"`` -> ``"A"``, the mark is lost).  Otherwise each char
is looked up alone.

>>> from tokkit._unicode.charsmap_build import build_blob
>>> cm = CharsMap(build_blob({"ﬁ": "fi", "Ａ": "A", "\\u3000": " "}))
>>> cm.normalize_str("ﬁ Ａ\\u0301\\u3000x")
'fi A x'

What this module does not do: the Normalizer component and its JSON
(``tokkit.normalizers.precompiled``), grapheme clusters (``tokkit._unicode.grapheme``),
or building a blob (``tokkit._unicode.charsmap_build``).
"""

from __future__ import annotations

import re
import struct
from functools import lru_cache
from itertools import repeat
from typing import Iterable, Iterator, Optional

from .._errors import ConfigurationError
from .grapheme import JOINER_CHARS, PREPEND_CHARS, clusters

__all__ = ["CharsMap", "CharsMapError", "shared_charsmap"]

Change = tuple[str, int]


class CharsMapError(ConfigurationError):
    """The precompiled_charsmap blob is malformed (HF: "Cannot parse precompiled_charsmap" or a panic)."""


# ==================== parsing and the double-array trie ===============================
def _parse(blob: bytes) -> tuple[list[int], str]:
    """``blob`` -> (trie units, normalized text); raises CharsMapError like HF's parser."""
    if len(blob) < 4:
        raise CharsMapError(f"Cannot parse precompiled_charsmap: {len(blob)} bytes, need a 4-byte trie size")
    (trie_size,) = struct.unpack_from("<I", blob)
    count = trie_size // 4  # HF reads trie_size / 4 units; the remainder bytes belong to the text
    if 4 + 4 * count > len(blob):
        raise CharsMapError(
            f"Cannot parse precompiled_charsmap: the trie needs {4 * count} bytes but only "
            f"{len(blob) - 4} follow the size field (truncated blob?)"
        )
    units = list(struct.unpack_from(f"<{count}I", blob, 4))
    try:
        normalized = blob[4 + 4 * count :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CharsMapError(f"Cannot parse precompiled_charsmap: its replacement text is not UTF-8 ({exc})") from None
    return units, normalized


def _offset(unit: int) -> int:
    return (unit >> 10) << ((unit & (1 << 9)) >> 6)


def _label_bytes(units: list[int]) -> bytes:
    """Each unit's label byte; 0 (never a key byte) for value units."""
    return bytes(0 if unit & 0x80000000 else unit & 0xFF for unit in units)


_XOR_BYTES = [bytes(i ^ k for i in range(256)) for k in range(256)]


def _child_bytes(block: bytes, low: int) -> list[int]:
    """Bytes ``c`` (1-255) whose unit ``base ^ c`` in ``block`` is labelled ``c``, ``low = base & 0xFF``.

    Unit ``i`` of the block is the child for byte ``i ^ low``; XOR-ing the
    labels with the expected bytes leaves a zero byte at each child (C speed).
    """
    diff = (int.from_bytes(block, "big") ^ int.from_bytes(_XOR_BYTES[low], "big")).to_bytes(256, "big")
    found: list[int] = []
    i = diff.find(0)
    while i >= 0:
        if i ^ low:
            found.append(i ^ low)
        i = diff.find(0, i + 1)
    return found


class CharsMap:
    """A parsed charsmap: trie lookups and HF's grapheme-wise normalization.

    Args:
        blob: the raw ``precompiled_charsmap`` bytes.

    >>> from tokkit._unicode.charsmap_build import build_blob
    >>> CharsMap(build_blob({"a": "b"})).transform("ac")
    'b'
    """

    def __init__(self, blob: bytes) -> None:
        self.units, self.text = _parse(blob)
        self._text_bytes = self.text.encode("utf-8")
        self._plan: Optional[_Plan] = None

    # -- HF's DoubleArray / Precompiled::transform -----------------------------------
    def _unit(self, pos: int) -> int:
        try:
            return self.units[pos]
        except IndexError:
            raise CharsMapError(
                f"corrupt precompiled_charsmap: a trie lookup reads unit {pos} of {len(self.units)} "
                "(HF panics here: index out of bounds)"
            ) from None

    def shortest_match(self, key: bytes) -> Optional[int]:
        """The value of the shortest trie key that is a prefix of ``key`` (HF ``common_prefix_search()[0]``).

        Like HF, the whole key is walked (a corrupt trie fails even after a match).
        """
        pos = _offset(self._unit(0))
        found: Optional[int] = None
        for byte in key:
            if byte == 0:
                break
            pos ^= byte
            unit = self._unit(pos)
            if unit & 0x800000FF != byte:
                break
            pos ^= _offset(unit)
            if unit & 0x100:
                value = self._unit(pos) & 0x7FFFFFFF
                if found is None:
                    found = value
        return found

    def replacement(self, index: int) -> str:
        """The NUL-terminated replacement text starting at byte ``index``."""
        data = self._text_bytes
        if index > len(data) or (index < len(data) and 0x80 <= data[index] < 0xC0):
            raise CharsMapError(
                f"corrupt precompiled_charsmap: replacement offset {index} is not a char boundary of its "
                f"{len(data)}-byte text (HF panics here)"
            )
        end = data.find(b"\0", index)
        return data[index : len(data) if end < 0 else end].decode("utf-8")

    def transform(self, chunk: str) -> Optional[str]:
        """Replacement for ``chunk`` from its shortest matching prefix, or None (HF ``Precompiled::transform``)."""
        value = self.shortest_match(chunk.encode("utf-8"))
        return None if value is None else self.replacement(value)

    def entries(self, max_len: int = 5) -> Optional[dict[bytes, int]]:
        """Every key of at most ``max_len`` bytes -> its value, or None if some lookup would fail.

        HF only looks up clusters under 6 bytes and single chars, so longer
        keys never matter.  A valid trie keeps each node's children inside one
        256-unit block of the array; a block past the end means HF panics on
        some input, and then only the exact byte walk (which fails the same
        way) may be used.
        """
        units, size = self.units, len(self.units)
        if not size:
            return None
        labels = _label_bytes(units)
        out: dict[bytes, int] = {}
        stack = [(b"", _offset(units[0]))]
        while stack:
            prefix, base = stack.pop()
            block = base & ~0xFF
            if block + 256 > size:
                return None
            for byte in _child_bytes(labels[block : block + 256], base & 0xFF):
                key = prefix + bytes((byte,))
                unit = units[base ^ byte]
                child = base ^ byte ^ _offset(unit)
                if unit & 0x100:
                    if child >= size:
                        return None
                    out[key] = units[child] & 0x7FFFFFFF
                if len(key) < max_len:
                    stack.append((key, child))
        return out

    # -- normalization ----------------------------------------------------------------
    @property
    def plan(self) -> "_Plan":
        if self._plan is None:
            self._plan = _Plan(self)
        return self._plan

    def normalize_str(self, text: str) -> str:
        """HF's Precompiled normalization of a plain string."""
        return self.plan.normalize_str(text)

    def changes(self, text: str) -> Optional[list[Change]]:
        """HF's ``(char, change)`` list for ``NormalizedString.transform``, or None if nothing matched."""
        return self.plan.changes(text)


@lru_cache(maxsize=8)
def shared_charsmap(blob: bytes) -> CharsMap:
    """One parsed CharsMap (and plan) per blob: tokenizers loaded or unpickled again reuse it."""
    return CharsMap(blob)


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

    def __init__(self, charsmap: CharsMap) -> None:
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

    def normalize_str(self, text: str) -> str:
        if not self.fast or self._has_clusters(text):
            return "".join(out for out, _ in self._clusters(text)) if text else text
        return text.translate(self.table) if self._has_singles(text) else text

    def changes(self, text: str) -> Optional[list[Change]]:
        if not text or (self.fast and not self._has_singles(text) and not self._has_clusters(text)):
            return None
        dest: list[Change] = []
        modified = False
        pieces = self._clusters(text) if not self.fast or self._has_clusters(text) else self._chars(text)
        for out, source in pieces:
            if out is source:
                dest.extend(zip(source, repeat(0)))
            else:
                modified = True
                _replace(dest, len(source), out)
        return dest if modified else None

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


def _string_keys(charsmap: CharsMap) -> Optional[dict[str, str]]:
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
