from __future__ import annotations

import builtins
from itertools import chain, islice, repeat
from typing import Callable, Iterable

from .._errors import ConfigurationError
from .._unicode import is_whitespace
from .._unicode import normalization as _unicode_norm
from .._unicode.categories import lowercase_char
from .pattern import Pattern, SplitDelimiterBehavior, apply_behavior, find_matches
from .spans import many_offsets
from .token import Offsets

__all__ = ["Alignment", "NormalizedString"]


Alignment = tuple[int, int]


class NormalizedString:
    """A string being normalized, with per-character alignments to the original.

    ``alignments[i]`` is the original ``(start, end)`` (chars, relative to
    ``original``) of normalized char ``i``.  ``original_shift`` is where
    ``original`` starts inside the full input (set on slices).

    >>> ns = NormalizedString("ab")
    >>> ns.prepend("_"); (ns.normalized, ns.alignments)
    ('_ab', [(0, 1), (0, 1), (1, 2)])
    """

    __slots__ = ("original", "normalized", "_alignments", "_lead", "original_shift")

    def __init__(
        self,
        original: str = "",
        normalized: str | None = None,
        alignments: list[Alignment] | None = None,
        original_shift: int = 0,
    ) -> None:
        self.original = original
        self.normalized = original if normalized is None else normalized
        # None stands for ``_lead`` chars with the first char's span, then the identity: the list
        # is built only when an operation needs it, so a 10 MB text through Prepend and a
        # one-char Replace never holds one tuple per char.
        self._alignments = alignments
        self._lead = 0
        self.original_shift = original_shift

    @property
    def alignments(self) -> list[Alignment]:
        """The original span of each normalized char (built on first use)."""
        if self._alignments is None:
            bounds = list(range(len(self.original) + 1))  # each int made once, shared by two spans
            self._alignments = [(0, 1)] * self._lead + list(zip(bounds, islice(bounds, 1, None)))
            self._lead = 0
        return self._alignments

    @alignments.setter
    def alignments(self, value: list[Alignment]) -> None:
        self._alignments = value
        self._lead = 0

    # -- basic accessors ----------------------------------------------------
    def __len__(self) -> int:
        return len(self.normalized)

    def __repr__(self) -> str:
        return (
            f"NormalizedString(original={self.original!r}, normalized={self.normalized!r}, "
            f"original_shift={self.original_shift})"
        )

    def __str__(self) -> str:
        return self.normalized

    def __eq__(self, other: object) -> bool:
        if isinstance(other, NormalizedString):
            return self.normalized == other.normalized
        if isinstance(other, str):
            return self.normalized == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def get(self) -> str:
        return self.normalized

    def len_original(self) -> int:
        return len(self.original)

    def is_empty(self) -> bool:
        return not self.normalized

    def offsets_original(self) -> Offsets:
        """The span of the whole original piece in the full input."""
        return (self.original_shift, self.original_shift + len(self.original))

    def convert_offsets(self, start: int, end: int) -> Offsets | None:
        """Normalized char range -> original char range (relative to ``original``)."""
        if start == end:
            return (start, end)
        if start > end:
            return None
        if not self.normalized and start == 0 and end == 0:
            return (0, len(self.original))
        if self._alignments is None:  # see __init__: (max(i - lead, 0), max(i - lead, 0) + 1)
            lead = self._lead
            if end > lead + len(self.original) or start < 0:
                return None
            return (start - lead if start > lead else 0, end - lead if end > lead else 1)
        if end > len(self._alignments) or start < 0:
            return None
        return (self._alignments[start][0], self._alignments[end - 1][1])

    def offsets_of(self, start: int, end: int) -> Offsets:
        """Normalized char range -> original span in the full input (what Encodings report)."""
        converted = self.convert_offsets(start, end)
        if converted is None:
            return (start, end)
        return (converted[0] + self.original_shift, converted[1] + self.original_shift)

    def offsets_of_all(self, spans: list[Offsets]) -> list[Offsets]:
        """``offsets_of`` of each span, with whole-list steps (one split may hold millions of tokens).

        >>> ns = NormalizedString("abc"); ns.prepend("_"); ns.offsets_of_all([(0, 2), (2, 4)] * 20)[:2]
        [(0, 1), (1, 3)]
        """
        found = many_offsets(spans, self._alignments, self._lead, len(self.original), self.original_shift)
        return [self.offsets_of(a, b) for a, b in spans] if found is None else found

    # -- the one primitive every change goes through --------------------------
    def transform_range(
        self, start: int, end: int, dest: Iterable[tuple[str, int]], initial_offset: int = 0
    ) -> None:
        """Replace normalized chars ``[start, end)`` with ``dest`` (HF ``transform_range``).

        Each item of ``dest`` is ``(char, change)``:
          * ``0``: replaces the next old char and takes its alignment;
          * ``+1``: a new char; it takes the alignment of the old char before the
            current position (or ``(0, 0)`` at the very start);
          * ``-n``: replaces the next old char, then deletes the ``n`` after it.
        ``initial_offset`` old chars are deleted before the first item.
        """
        old = self.alignments
        new_chars: list[str] = []
        new_align: list[Alignment] = []
        idx = start + initial_offset
        for char, change in dest:
            if change > 0:
                align = old[idx - 1] if idx >= 1 else (0, 0)
            else:
                align = old[idx]
                idx += 1
                if change < 0:
                    idx -= change
            new_chars.append(char)
            new_align.append(align)
        self.normalized = self.normalized[:start] + "".join(new_chars) + self.normalized[end:]
        self.alignments = old[:start] + new_align + old[end:]

    def transform(self, dest: Iterable[tuple[str, int]], initial_offset: int = 0) -> None:
        """``transform_range`` over the whole normalized string."""
        self.transform_range(0, len(self.normalized), dest, initial_offset)

    # -- Unicode normalization forms ------------------------------------------
    def _apply_form(self, form: str) -> None:
        text = self.normalized
        if _unicode_norm.is_normalized(form, text):
            return
        self.transform(_unicode_norm.normalize_with_changes(form, text))

    def nfd(self) -> None:
        self._apply_form("NFD")

    def nfkd(self) -> None:
        self._apply_form("NFKD")

    def nfc(self) -> None:
        self._apply_form("NFC")

    def nfkc(self) -> None:
        self._apply_form("NFKC")

    # -- char-wise operations --------------------------------------------------
    def map_chars(self, func: Callable[[str], str]) -> None:
        """Replace each char by ``func(char)`` (one or more chars; the extra ones are inserts).

        Every char of ``func(c)`` takes ``c``'s span, as ``transform`` gives the
        inserts the span of the char before them.

        >>> ns = NormalizedString("aé"); ns.map_chars(lambda c: c * 2); ns.alignments
        [(0, 1), (0, 1), (1, 2), (1, 2)]
        """
        text = self.normalized
        mapped = list(map(func, text))
        if not all(mapped):
            raise ConfigurationError("map_chars: the function must return at least one char")
        result = "".join(mapped)
        if len(result) != len(text):  # else one char each: alignments unchanged
            self.alignments = list(chain.from_iterable(map(repeat, self.alignments, map(len, mapped))))
        self.normalized = result

    def lowercase(self) -> None:
        """Per-char lowercase, as Rust's ``char::to_lowercase`` (no final-sigma rule)."""
        text = self.normalized
        if text.isascii():
            lowered = text.lower()
            if lowered != text:
                self.normalized = lowered  # 1:1 mapping, alignments unchanged
            return
        self.map_chars(lowercase_char)

    def uppercase(self) -> None:
        """Per-char uppercase, as Rust's ``char::to_uppercase``."""
        self.map_chars(str.upper)

    def map(self, func: Callable[[str], str]) -> None:
        """Replace each char by exactly one char (HF ``map``)."""
        self.normalized = "".join(func(c)[:1] or c for c in self.normalized)

    def for_each(self, func: Callable[[str], object]) -> None:
        for c in self.normalized:
            func(c)

    def filter(self, keep: Callable[[str], bool]) -> None:
        """Keep only the chars for which ``keep`` is true (HF ``filter``)."""
        dest: list[tuple[str, int]] = []
        removed = 0
        removed_start = 0
        last: str | None = None
        for c in self.normalized:
            if keep(c):
                if last is not None:
                    dest.append((last, -removed))
                else:
                    removed_start = removed
                last = c
                removed = 0
            else:
                removed += 1
        if last is not None:
            dest.append((last, -removed))
        self.transform(dest, removed_start)

    def prepend(self, s: str) -> None:
        """Add ``s`` in front; its chars share the first char's alignment."""
        if not self.normalized or not s:
            return
        if self._alignments is None and self.original:  # the first char's span is (0, 1)
            self.normalized = s + self.normalized
            self._lead += len(s)
            return
        first = self.normalized[0]
        dest = [(c, 1 if i else 0) for i, c in enumerate(s)] + [(first, 1)]
        self.transform_range(0, 1, dest)

    def append(self, s: str) -> None:
        """Add ``s`` at the end; its chars share the last char's alignment."""
        if not s:
            return
        if not self.normalized:
            self.transform([(c, 1) for c in s])  # HF appends to an empty string too, span (0, 0)
            return
        n = len(self.normalized)
        self.transform_range(n - 1, n, [(self.normalized[-1], 0)] + [(c, 1) for c in s])

    def _lrstrip(self, left: bool, right: bool) -> None:
        text = self.normalized
        n = len(text)
        lead = 0
        if left:
            while lead < n and is_whitespace(text[lead]):
                lead += 1
        trail = 0
        if right:
            while trail < n - lead and is_whitespace(text[n - 1 - trail]):
                trail += 1
        if lead == 0 and trail == 0:
            return
        if lead + trail >= n:
            # All whitespace: HF empties the string.
            self.normalized = ""
            self.alignments = []
            return
        kept = text[lead : n - trail]
        dest = [(c, 0) for c in kept[:-1]] + [(kept[-1], -trail)]
        self.transform(dest, lead)

    def lstrip(self) -> None:
        self._lrstrip(True, False)

    def rstrip(self) -> None:
        self._lrstrip(False, True)

    def strip(self) -> None:
        self._lrstrip(True, True)

    def clear(self) -> int:
        """Empty the normalized string; returns how many chars were removed."""
        n = len(self.normalized)
        self.normalized = ""
        self.alignments = []
        return n

    def replace(self, pattern: Pattern, content: str) -> None:
        """Replace every match of ``pattern`` by ``content`` (HF ``replace``).

        The new chars take the alignment of the last char of the match (for an
        empty match: of the char before it, or ``(0, 0)`` at the start), exactly
        what HF's ``transform_range`` per match gives.  Built in one pass: a
        ``transform_range`` per match would be quadratic on long texts.

        >>> ns = NormalizedString("a b c")
        >>> ns.replace(" ", "__"); (ns.normalized, ns.alignments)
        ('a__b__c', [(0, 1), (1, 2), (1, 2), (2, 3), (3, 4), (3, 4), (4, 5)])
        """
        if isinstance(pattern, str) and len(pattern) == 1 == len(content):
            # Each match is one char replaced by one char that keeps its span: alignments unchanged.
            self.normalized = self.normalized.replace(pattern, content)
            return
        text, old = self.normalized, self.alignments
        pieces: list[str] = []
        aligns: list[Alignment] = []
        pos = 0
        for (start, end), is_match in find_matches(pattern, text):
            if not is_match:
                continue
            pieces.append(text[pos:start])
            aligns.extend(old[pos:start])
            if end > start:
                anchor = old[end - 1]
            else:
                anchor = aligns[-1] if aligns else (0, 0)
            pieces.append(content)
            aligns.extend([anchor] * len(content))
            pos = end
        if not pieces:
            return
        pieces.append(text[pos:])
        aligns.extend(old[pos:])
        self.normalized = "".join(pieces)
        self.alignments = aligns

    # -- slicing and splitting -----------------------------------------------
    def slice(self, start: "int | tuple[int, int]", end: int | None = None) -> "NormalizedString | None":
        """The sub-string of normalized chars ``[start, end)``, keeping alignments.

        Also takes HF's form ``slice((start, end))``.  Like HF, an empty range at
        the very end gives None.
        """
        if isinstance(start, tuple):
            start, end = start
        n = len(self.normalized)
        if end is None or start < 0 or end > n or start > end or (start == end == n and n > 0):
            return None
        orig = self.convert_offsets(start, end)
        if orig is None:
            return None
        o_start, o_end = orig
        piece = NormalizedString(self.original[o_start:o_end], self.normalized[start:end], None,
                                 self.original_shift + o_start)
        if start == end:
            piece._alignments = []
        elif self._alignments is not None:
            part = self._alignments[start:end]
            # At o_start 0 the spans are already the piece's: share the tuples (a huge piece would copy millions).
            piece._alignments = part if not o_start else [(a - o_start, b - o_start) for a, b in part]
        elif end <= self._lead:  # inside the prefix: every char has the first char's span
            piece._alignments = [(0, 1)] * (end - start)
        else:
            piece._lead = max(self._lead - start, 0)  # still the identity after a shorter prefix
        return piece

    def split(self, pattern: Pattern, behavior: "SplitDelimiterBehavior | str") -> list["NormalizedString"]:
        """Split on ``pattern`` with one of HF's delimiter behaviors.

        >>> [s.normalized for s in NormalizedString("a-b").split("-", "merged_with_next")]
        ['a', '-b']
        """
        behavior = SplitDelimiterBehavior.parse(behavior)
        splits = apply_behavior(find_matches(pattern, self.normalized), behavior)
        out = []
        for (start, end), remove in splits:
            if not remove:
                piece = self.slice(start, end)
                if piece is not None:
                    out.append(piece)
        return out

    def __getitem__(self, item: builtins.slice) -> "NormalizedString | None":  # in this class, `slice` is the method
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("NormalizedString only supports contiguous slices")
        start, stop, _ = item.indices(len(self.normalized))
        return self.slice(start, stop)
