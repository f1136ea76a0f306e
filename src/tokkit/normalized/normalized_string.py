from __future__ import annotations

import builtins
from typing import Callable, Iterable, Sequence

from .._errors import ConfigurationError
from .._unicode import is_whitespace
from .._unicode import normalization as _unicode_norm
from .._unicode.categories import lowercase_char
from .pattern import Pattern, SplitDelimiterBehavior, apply_behavior, find_matches
from .edits import Change, expanded, filter_changes, replaced, transform_ranges
from .span_runs import Alignment, RunsBuilder, SpanRuns
from .spans import many_offsets
from .token import Offsets

__all__ = ["Alignment", "NormalizedString"]


class NormalizedString:
    """A string being normalized, with per-character alignments to the original.

    ``alignments[i]`` is the original ``(start, end)`` (chars, relative to
    ``original``) of normalized char ``i``.  ``original_shift`` is where
    ``original`` starts inside the full input (set on slices).

    >>> ns = NormalizedString("ab")
    >>> ns.prepend("_"); (ns.normalized, ns.alignments)
    ('_ab', [(0, 1), (0, 1), (1, 2)])
    >>> ns = NormalizedString(" Ｈé! "); ns.strip(); ns.nfkd(); ns.filter(lambda c: c.isascii()); ns.lowercase()
    >>> ns.get(), ns.alignments, ns.len_original(), ns.convert_offsets(1, 3), ns.offsets_of(1, 3), ns.offsets_original()
    ('he!', [(1, 2), (2, 3), (3, 4)], 5, (2, 4), (2, 4), (0, 5))
    >>> seen = []; ns.for_each(seen.append); ns.map(lambda c: "a" if c == "e" else c); ns.append("?"); ns.get(), seen
    ('ha!?', ['h', 'e', '!'])
    >>> ns.nfd(); ns.nfc(); ns.nfkc(); ns.uppercase(); ns.lstrip(); ns.rstrip()
    >>> ns.transform_range(0, 1, [("H", 0), ("-", 1)]); ns.transform([(c, 0) for c in ns.get().lower()])
    >>> ns.get(), ns.alignments[:2], ns.clear(), ns.is_empty()
    ('h-a!?', [(1, 2), (1, 2)], None, True)
    """

    __slots__ = ("original", "normalized", "_alignments", "_lead", "original_shift")

    def __init__(
        self,
        sequence: str = "",
        normalized: str | None = None,
        alignments: list[Alignment] | None = None,
        original_shift: int = 0,
    ) -> None:
        self.original = sequence
        self.normalized = sequence if normalized is None else normalized
        # The spans are kept as runs (span_runs.py), and None stands for ``_lead`` chars with the
        # first char's span then the identity: a 10 MB text through Prepend, a Precompiled with a few
        # changed chars, and every word sliced from it never hold one tuple per char.
        self._alignments = None if alignments is None else SpanRuns.from_spans(alignments)
        self._lead = 0
        self.original_shift = original_shift

    @property
    def alignments(self) -> list[Alignment]:
        """The original span of each normalized char, as a new list."""
        return self._runs().to_list()

    @alignments.setter
    def alignments(self, value: list[Alignment]) -> None:
        self._set_runs(SpanRuns.from_spans(value))

    def _runs(self) -> SpanRuns:
        if self._alignments is None:
            return SpanRuns.identity(self._lead, len(self.original))
        return self._alignments

    def _set_runs(self, runs: SpanRuns) -> None:
        lead = runs.lead(len(self.original)) if self.original else None
        self._alignments = None if lead is not None else runs
        self._lead = lead or 0

    # -- basic accessors ----------------------------------------------------
    def __len__(self) -> int:
        return len(self.normalized)

    def __repr__(self) -> str:
        # HF's Debug-like form: both texts in double quotes, unescaped.
        return f'NormalizedString(original="{self.original}", normalized="{self.normalized}")'

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
        """The normalized text (HF's ``get``; the same as ``normalized``)."""
        return self.normalized

    def len_original(self) -> int:
        """The length of the original text, in chars."""
        return len(self.original)

    def is_empty(self) -> bool:
        """Whether the normalized text is empty."""
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
        return self._alignments.convert(start, end)

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
        self.transform_ranges([(start, end, dest)], initial_offset)

    def transform_ranges(self, changes: Sequence[Change], initial_offset: int = 0) -> None:
        """``transform_range`` of each ``(start, end, dest)``, in one pass (sorted ranges that do not overlap).

        The same as applying them one by one from the right, without a copy
        of the text per range (a huge text with a few thousand changed chars).

        >>> ns = NormalizedString("abc"); ns.transform_ranges([(0, 1, [("x", 0), ("y", 1)]), (2, 3, [])])
        >>> ns.normalized, ns.alignments
        ('xyb', [(0, 1), (0, 1), (1, 2)])
        """
        self.normalized, runs = transform_ranges(self.normalized, self._runs(), changes, initial_offset)
        self._set_runs(runs)

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
        """Apply NFD in place, each char keeping its original span."""
        self._apply_form("NFD")

    def nfkd(self) -> None:
        """Apply NFKD in place, each char keeping its original span."""
        self._apply_form("NFKD")

    def nfc(self) -> None:
        """Apply NFC in place, each char keeping its original span."""
        self._apply_form("NFC")

    def nfkc(self) -> None:
        """Apply NFKC in place, each char keeping its original span."""
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
            self._set_runs(expanded(self._runs(), list(map(len, mapped))))
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
        """Call ``func`` on each char of the normalized text (HF's ``for_each``)."""
        for c in self.normalized:
            func(c)

    def filter(self, func: Callable[[str], bool]) -> None:
        """Keep only the chars for which ``func`` is true (HF ``filter``)."""
        dest, removed_start = filter_changes(self.normalized, func)
        self.transform(dest, removed_start)

    def prepend(self, s: str) -> None:
        """Add ``s`` in front; its chars share the first char's alignment."""
        if not self.normalized or not s:
            return
        if self._alignments is None and self.original:  # the first char's span is (0, 1)
            self.normalized = s + self.normalized
            self._lead += len(s)
            return
        runs = self._runs()
        builder = RunsBuilder()
        builder.add_spans([runs.span(0)] * len(s))  # HF: transform_range(0..1) with s then the first char
        builder.copy(runs, 0, len(runs))
        self.normalized = s + self.normalized
        self._set_runs(builder.build())

    def append(self, s: str) -> None:
        """Add ``s`` at the end; its chars share the last char's alignment."""
        if not s:
            return
        runs, n = self._runs(), len(self.normalized)
        builder = RunsBuilder()
        builder.copy(runs, 0, n)
        builder.add_spans([runs.span(n - 1) if n else (0, 0)] * len(s))  # HF appends to "" too, span (0, 0)
        self.normalized += s
        self._set_runs(builder.build())

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
            self.clear()
            return
        # HF transforms with the kept chars (the last one deleting the trail) after ``lead`` removed
        # ones: each kept char keeps its span.
        self._set_runs(self._runs().slice(lead, n - trail, 0))
        self.normalized = text[lead : n - trail]

    def lstrip(self) -> None:
        """Remove the leading whitespace, in place."""
        self._lrstrip(True, False)

    def rstrip(self) -> None:
        """Remove the trailing whitespace, in place."""
        self._lrstrip(False, True)

    def strip(self) -> None:
        """Remove the leading and trailing whitespace, in place."""
        self._lrstrip(True, True)

    def clear(self) -> None:
        """Empty the normalized string (HF's Python ``clear`` returns None too)."""
        self.normalized = ""
        self._alignments, self._lead = SpanRuns([0], []), 0

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
        edited = replaced(self.normalized, self._runs(), find_matches(pattern, self.normalized), content)
        if edited is not None:
            self.normalized, runs = edited
            self._set_runs(runs)

    # -- slicing and splitting -----------------------------------------------
    def slice(self, range: "int | tuple[int, int] | builtins.slice",  # noqa: A002 - HF's argument name
              end: int | None = None) -> "NormalizedString | None":
        """The sub-string of normalized chars ``[range, end)``, keeping alignments.

        Also takes HF's forms: ``slice((start, end))``, ``slice(builtins.slice(a, b))``
        and ``slice(i)`` (one char, negative from the end).  Like HF, an empty range
        at the very end gives None.

        >>> NormalizedString("abcdef").slice(-1).normalized
        'f'
        """
        n = len(self.normalized)
        start = range
        if isinstance(start, (tuple, builtins.slice)):
            # HF ignores a slice's step, clamps the end to the text, and an end before the start means "to the end".
            start, end = start if isinstance(start, tuple) else start.indices(n)[:2]
            end = n if end < start else min(end, n)
        elif end is None:
            start = start + n if start < 0 else start
            if start < 0:
                raise ConfigurationError(f"{n - start} is bigger than max len (index {range} on {n} chars)")
            end = start + 1
        if end is None or start < 0 or end > n or start > end or (start == end == n and n > 0):
            return None
        orig = self.convert_offsets(start, end)
        if orig is None:
            return None
        o_start, o_end = orig
        piece = NormalizedString(self.original[o_start:o_end], self.normalized[start:end], None,
                                 self.original_shift + o_start)
        if start == end:
            piece._alignments = SpanRuns([0], [])
        elif self._alignments is not None:
            # A word inside an identity run (most words of a long text) keeps the implicit form.
            if self._alignments.identity_origin(start, end) is None:
                piece._alignments = self._alignments.slice(start, end, o_start)
        elif end <= self._lead:  # inside the prefix: every char has the first char's span
            piece._alignments = SpanRuns.from_spans([(0, 1)] * (end - start))
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

