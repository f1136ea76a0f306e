"""SentencePiece's ``precompiled_charsmap``: walk its trie and normalize text with it, like HF.

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

What this module does not do: the blob's layout and parsing (``tokkit._unicode.charsmap_format``),
the precomputed fast path (``tokkit._unicode.charsmap_plan``), the Normalizer component and its JSON
(``tokkit.normalizers.precompiled``), grapheme clusters (``tokkit._unicode.grapheme``),
or building a blob (``tokkit._unicode.charsmap_build``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .charsmap_format import CharsMapError, _child_bytes, _label_bytes, _offset, _parse
from .charsmap_plan import Change, _Plan

__all__ = ["CharsMap", "CharsMapError", "shared_charsmap"]


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
