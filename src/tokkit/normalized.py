"""NormalizedString and PreTokenizedString: text that remembers where it came from.

Every normalized character keeps an alignment ``(start, end)``: the span of
the *original* characters it came from.  Offsets reported by an Encoding are
computed from these alignments, so they stay exact through every normalizer.

HF keeps one alignment per normalized UTF-8 byte and converts byte offsets to
character offsets at the end; all bytes of a character share one entry, so a
per-character alignment in character units is the same thing, and is what
tokkit stores.  The transformation rules (which new character inherits which
alignment) follow HF's ``NormalizedString::transform_range`` exactly.

>>> ns = NormalizedString("Héllo")
>>> ns.nfd(); ns.filter(lambda c: c.isascii()); ns.lowercase()
>>> ns.normalized, ns.offsets_of(1, 2)
('hello', (1, 2))

What this module does not do: Unicode tables.  Normalization forms live in
``_unicode_norm`` (HF uses Unicode 9.0 data, Python has 14.0).
"""

from __future__ import annotations

import enum
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Sequence, Union

import regex

from ._errors import ConfigurationError
from ._unicode import is_whitespace

__all__ = [
    "NormalizedString",
    "PreTokenizedString",
    "Split",
    "Token",
    "SplitDelimiterBehavior",
    "find_matches",
    "Pattern",
]

Offsets = tuple[int, int]
Alignment = tuple[int, int]


class Token(NamedTuple):
    """One token produced by a model: id, string, offsets in its split (chars).

    >>> Token(3, "ab", (0, 2)).value
    'ab'
    """

    id: int
    value: str
    offsets: Offsets


class SplitDelimiterBehavior(str, enum.Enum):
    """What to do with the delimiter when splitting (HF's names).

    >>> SplitDelimiterBehavior.parse("merged_with_next").value
    'MergedWithNext'
    """

    REMOVED = "Removed"
    ISOLATED = "Isolated"
    MERGED_WITH_PREVIOUS = "MergedWithPrevious"
    MERGED_WITH_NEXT = "MergedWithNext"
    CONTIGUOUS = "Contiguous"

    @classmethod
    def parse(cls, value: "str | SplitDelimiterBehavior") -> "SplitDelimiterBehavior":
        """Accept the Python spelling (``"merged_with_next"``) or the JSON one."""
        if isinstance(value, SplitDelimiterBehavior):
            return value
        if isinstance(value, str):
            for member in cls:
                if value == member.value or value.lower() == member.name.lower():
                    return member
        choices = ", ".join(m.name.lower() for m in cls)
        raise ConfigurationError(f"unknown split behavior {value!r}; use one of: {choices}")

    def __str__(self) -> str:
        return self.value


# A pattern: a single char, a predicate on chars, or a compiled regex.  A plain
# str pattern (several chars) is escaped into a regex, as HF does.
Pattern = Union[str, Callable[[str], bool], "regex.Pattern[str]", "Invert"]


class Invert:
    """A pattern whose matches and non-matches are swapped (HF ``Invert``)."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern


_ESCAPED_CACHE: dict[str, "regex.Pattern[str]"] = {}


def _string_pattern(text: str) -> "regex.Pattern[str]":
    compiled = _ESCAPED_CACHE.get(text)
    if compiled is None:
        compiled = regex.compile(regex.escape(text))
        _ESCAPED_CACHE[text] = compiled
    return compiled


def find_matches(pattern: Any, inside: str) -> list[tuple[Offsets, bool]]:
    """Cut ``inside`` into alternating (span, is_match) pieces, like HF's Pattern.

    >>> find_matches("-", "a-b")
    [((0, 1), False), ((1, 2), True), ((2, 3), False)]
    """
    if isinstance(pattern, Invert):
        return [(span, not is_match) for span, is_match in find_matches(pattern.pattern, inside)]
    if not inside:
        return [((0, 0), False)]
    if isinstance(pattern, str):
        if len(pattern) == 1:
            char = pattern
            return _char_matches(lambda c: c == char, inside)
        if not pattern:
            # HF: an empty string pattern matches nothing.
            return [((0, len(inside)), False)]
        pattern = _string_pattern(pattern)
    if callable(pattern) and not hasattr(pattern, "finditer"):
        return _char_matches(pattern, inside)
    return _regex_matches(pattern, inside)


def _char_matches(predicate: Callable[[str], bool], inside: str) -> list[tuple[Offsets, bool]]:
    """Each char for which ``predicate`` holds is its own match."""
    pieces: list[tuple[Offsets, bool]] = []
    last = 0
    for i, c in enumerate(inside):
        if predicate(c):
            if last < i:
                pieces.append(((last, i), False))
            pieces.append(((i, i + 1), True))
            last = i + 1
    if last < len(inside):
        pieces.append(((last, len(inside)), False))
    return pieces


def _regex_matches(pattern: Any, inside: str) -> list[tuple[Offsets, bool]]:
    from ._unicode.oniguruma import onig_match_spans

    pieces: list[tuple[Offsets, bool]] = []
    prev = 0
    for start, end in onig_match_spans(pattern, inside):
        if prev != start:
            pieces.append(((prev, start), False))
        pieces.append(((start, end), True))
        prev = end
    if prev != len(inside):
        pieces.append(((prev, len(inside)), False))
    return pieces


def _apply_behavior(
    matches: list[tuple[Offsets, bool]], behavior: SplitDelimiterBehavior
) -> list[tuple[Offsets, bool]]:
    """Turn (span, is_match) pieces into (span, remove) splits (HF ``split``)."""
    B = SplitDelimiterBehavior
    if behavior is B.REMOVED:
        return matches
    if behavior is B.ISOLATED:
        return [(span, False) for span, _ in matches]
    out: list[list[Any]] = []
    previous_match = False
    if behavior is B.CONTIGUOUS:
        for (start, end), is_match in matches:
            if is_match == previous_match and out:
                out[-1][1] = end
            else:
                out.append([start, end])
            previous_match = is_match
    elif behavior is B.MERGED_WITH_PREVIOUS:
        for (start, end), is_match in matches:
            if is_match and not previous_match and out:
                out[-1][1] = end
            else:
                out.append([start, end])
            previous_match = is_match
    else:  # MERGED_WITH_NEXT: the same walk, from the right
        for (start, end), is_match in reversed(matches):
            if is_match and not previous_match and out:
                out[-1][0] = start
            else:
                out.append([start, end])
            previous_match = is_match
        out.reverse()
    return [((s, e), False) for s, e in out]


class NormalizedString:
    """A string being normalized, with per-character alignments to the original.

    ``alignments[i]`` is the original ``(start, end)`` (chars, relative to
    ``original``) of normalized char ``i``.  ``original_shift`` is where
    ``original`` starts inside the full input (set on slices).

    >>> ns = NormalizedString("ab")
    >>> ns.prepend("_"); (ns.normalized, ns.alignments)
    ('_ab', [(0, 1), (0, 1), (1, 2)])
    """

    __slots__ = ("original", "normalized", "alignments", "original_shift")

    def __init__(
        self,
        original: str = "",
        normalized: str | None = None,
        alignments: list[Alignment] | None = None,
        original_shift: int = 0,
    ) -> None:
        self.original = original
        self.normalized = original if normalized is None else normalized
        self.alignments = (
            [(i, i + 1) for i in range(len(original))] if alignments is None else alignments
        )
        self.original_shift = original_shift

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
        if end > len(self.alignments) or start < 0:
            return None
        return (self.alignments[start][0], self.alignments[end - 1][1])

    def offsets_of(self, start: int, end: int) -> Offsets:
        """Normalized char range -> original span in the full input (what Encodings report)."""
        converted = self.convert_offsets(start, end)
        if converted is None:
            return (start, end)
        return (converted[0] + self.original_shift, converted[1] + self.original_shift)

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
        from ._unicode import normalization as _unicode_norm

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
        """Replace each char by ``func(char)`` (one or more chars; the extra ones are inserts)."""
        dest: list[tuple[str, int]] = []
        for c in self.normalized:
            mapped = func(c)
            if not mapped:
                raise ConfigurationError("map_chars: the function must return at least one char")
            dest.append((mapped[0], 0))
            dest.extend((extra, 1) for extra in mapped[1:])
        self.transform(dest)

    def lowercase(self) -> None:
        """Per-char lowercase, as Rust's ``char::to_lowercase`` (no final-sigma rule)."""
        from ._unicode.normalization import lowercase_char

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

    def for_each(self, func: Callable[[str], Any]) -> None:
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

    def replace(self, pattern: Any, content: str) -> None:
        """Replace every match of ``pattern`` by ``content`` (HF ``replace``).

        The new chars take the alignment of the last char of the match (for an
        empty match: of the char before it, or ``(0, 0)`` at the start), exactly
        what HF's ``transform_range`` per match gives.  Built in one pass: a
        ``transform_range`` per match would be quadratic on long texts.

        >>> ns = NormalizedString("a b c")
        >>> ns.replace(" ", "__"); (ns.normalized, ns.alignments)
        ('a__b__c', [(0, 1), (1, 2), (1, 2), (2, 3), (3, 4), (3, 4), (4, 5)])
        """
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
        return NormalizedString(
            self.original[o_start:o_end],
            self.normalized[start:end],
            [(a - o_start, b - o_start) for a, b in self.alignments[start:end]],
            self.original_shift + o_start,
        )

    def split(self, pattern: Any, behavior: "SplitDelimiterBehavior | str") -> list["NormalizedString"]:
        """Split on ``pattern`` with one of HF's delimiter behaviors.

        >>> [s.normalized for s in NormalizedString("a-b").split("-", "merged_with_next")]
        ['a', '-b']
        """
        behavior = SplitDelimiterBehavior.parse(behavior)
        splits = _apply_behavior(find_matches(pattern, self.normalized), behavior)
        out = []
        for (start, end), remove in splits:
            if not remove:
                piece = self.slice(start, end)
                if piece is not None:
                    out.append(piece)
        return out

    def __getitem__(self, item: slice) -> "NormalizedString | None":
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("NormalizedString only supports contiguous slices")
        start, stop, _ = item.indices(len(self.normalized))
        return self.slice(start, stop)


class Split:
    """One piece of a PreTokenizedString: its NormalizedString and, once tokenized, its tokens."""

    __slots__ = ("normalized", "tokens")

    def __init__(self, normalized: NormalizedString, tokens: list[Token] | None = None) -> None:
        self.normalized = normalized
        self.tokens = tokens

    def __repr__(self) -> str:
        return f"Split({self.normalized!r}, tokens={self.tokens!r})"


SplitResult = Union[NormalizedString, Split, Sequence[Union[NormalizedString, Split]]]


class PreTokenizedString:
    """The input split into pieces that are tokenized independently.

    >>> pts = PreTokenizedString("ab cd")
    >>> pts.split(lambda i, ns: ns.split(" ", "removed"))
    >>> pts.get_splits()
    [('ab', (0, 2)), ('cd', (3, 5))]
    """

    __slots__ = ("original", "splits")

    def __init__(self, sequence: "str | NormalizedString" = "") -> None:
        if isinstance(sequence, NormalizedString):
            self.original = sequence.original
            self.splits = [Split(sequence)]
        else:
            self.original = sequence
            self.splits = [Split(NormalizedString(sequence))]

    def __len__(self) -> int:
        return len(self.splits)

    def __repr__(self) -> str:
        return f"PreTokenizedString(original={self.original!r}, splits={self.get_splits()!r})"

    def split(self, func: Callable[[int, NormalizedString], Any]) -> None:
        """Replace each not-yet-tokenized split by ``func(i, normalized)``; empty pieces are dropped."""
        new_splits: list[Split] = []
        for i, piece in enumerate(self.splits):
            if piece.tokens is not None:
                new_splits.append(piece)
                continue
            result = func(i, piece.normalized)
            if isinstance(result, (NormalizedString, Split)):
                result = [result]
            for item in result:
                if isinstance(item, Split):
                    if item.normalized.normalized:
                        new_splits.append(item)
                elif item.normalized:
                    new_splits.append(Split(item))
        self.splits = new_splits

    def normalize(self, func: Callable[[NormalizedString], Any]) -> None:
        """Apply ``func`` to every not-yet-tokenized split's NormalizedString."""
        for piece in self.splits:
            if piece.tokens is None:
                func(piece.normalized)

    def tokenize(self, func: Callable[[str], list[Token]]) -> None:
        """Tokenize every split that has no tokens yet."""
        for piece in self.splits:
            if piece.tokens is None:
                piece.tokens = list(func(piece.normalized.normalized))

    def get_splits(
        self, offset_referential: str = "original", offset_type: str = "char"
    ) -> list[tuple[str, Offsets]]:
        """``(normalized text, offsets)`` per split (``pre_tokenize_str``'s result)."""
        out = []
        position = 0
        for piece in self.splits:
            ns = piece.normalized
            if offset_referential == "original":
                offsets = ns.offsets_original()
            else:
                offsets = (position, position + len(ns.normalized))
                position += len(ns.normalized)
            out.append((ns.normalized, offsets))
        return out

    def iter_tokens(self) -> Iterator[tuple[int, Token, Offsets]]:
        """``(split index, token, original offsets)`` for every token, in order."""
        for index, piece in enumerate(self.splits):
            ns = piece.normalized
            for token in piece.tokens or ():
                yield index, token, ns.offsets_of(*token.offsets)
