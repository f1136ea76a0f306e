"""Metaspace: SentencePiece's spaces as ``▁`` and a prefix ``▁`` (HF ``pre_tokenizers/metaspace.rs``).

The prefix char takes the span of the split's first char, as HF's ``prepend``
does.  Its fast path works on identity-aligned pieces, so it can end a
Sequence whose other members only cut.
"""

from __future__ import annotations

from typing import Any, Mapping

from .._validation import check_bool, check_char, check_prepend_scheme, json_metaspace
from ..capabilities import MetaspaceWords, Pieces
from ..normalized import NormalizedString, PreTokenizedString
from ._class_split import B, class_splitter
from .base import PreTokenizer, RawRepr, register, split_with
from .byte_level import _unprefixed_span

__all__ = ["Metaspace"]


@register("Metaspace")
class Metaspace(PreTokenizer):
    """SentencePiece-style: spaces become ``▁``, a ``▁`` is prepended, then split before each ``▁``.

    Args:
        replacement: the single char standing for a space.
        prepend_scheme: ``"always"``, ``"never"``, or ``"first"`` (only the split at offset 0).
        split: split before each replacement char (MergedWithNext).

    >>> Metaspace().pre_tokenize_str("Hello my friend")
    [('▁Hello', (0, 5)), ('▁my', (5, 8)), ('▁friend', (8, 15))]
    """

    _fields = ("replacement", "prepend_scheme", "split")

    def __init__(self, replacement: str = "▁", prepend_scheme: str = "always", split: bool = True) -> None:
        self.replacement = replacement
        self.prepend_scheme = prepend_scheme
        self.split = check_bool(split, "split")

    @property
    def replacement(self) -> str:
        """The char that replaces spaces (one char; ``"▁"`` by default).

        >>> Metaspace().replacement
        '▁'
        """
        return self._replacement

    @replacement.setter
    def replacement(self, value: str) -> None:
        self._replacement = check_char(value, "Metaspace replacement")

    @property
    def prepend_scheme(self) -> str:
        """When to put the replacement before the first word: ``"always"``, ``"first"`` or ``"never"``.

        >>> Metaspace().prepend_scheme
        'always'
        """
        return self._prepend_scheme

    @prepend_scheme.setter
    def prepend_scheme(self, value: str) -> None:
        self._prepend_scheme = check_prepend_scheme(value)

    def _needs_prefix(self, text: str, at_origin: bool) -> bool:
        scheme = self._prepend_scheme
        if scheme == "never" or text.startswith(self._replacement):
            return False
        return scheme == "always" or at_origin

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Replace spaces by ``replacement``, prepend it per ``prepend_scheme``, split before it, in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('Hi you')
        >>> Metaspace().pre_tokenize(pts); pts.get_splits()
        [('▁Hi', (0, 2), None), ('▁you', (2, 6), None)]
        """
        replacement = self._replacement

        def cut(normalized: NormalizedString) -> list[NormalizedString]:
            if " " in normalized.normalized:  # (replacing nothing changes nothing)
                normalized.replace(" ", replacement)
            at_origin = normalized.offsets_original()[0] == 0
            if self._needs_prefix(normalized.normalized, at_origin):
                normalized.prepend(replacement)
            if self.split and not _one_piece(normalized, replacement):
                return normalized.split(replacement, B.MERGED_WITH_NEXT)
            return [normalized]

        split_with(pretok, cut)

    def _transform(self, pieces: Pieces) -> Pieces | None:
        if not self._trusted():
            return None
        replacement = self._replacement
        splitter = class_splitter(replacement, B.MERGED_WITH_NEXT, False)
        out: Pieces = []
        for text, (offset, _) in pieces:
            if not text:
                continue
            text = text.replace(" ", replacement)
            prefixed = int(self._needs_prefix(text, offset == 0))
            if prefixed:
                text = replacement + text
            spans = [m.span() for m in splitter.pattern.for_text(text).finditer(text)] if self.split else [(0, len(text))]
            for start, end in spans:
                a, b = _unprefixed_span(start, end, prefixed)
                out.append((text[start:end], (offset + a, offset + b)))
        return out

    def _repr_fields(self) -> list[tuple[str, Any]]:
        return [("replacement", self._replacement), ("prepend_scheme", RawRepr(self._prepend_scheme)), ("split", self.split)]

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Metaspace":
        return cls(*json_metaspace(data))

    def fast_path(self) -> MetaspaceWords:
        """What the encode fast path may assume: its words are the text's, with spaces replaced.

        >>> words = Metaspace().fast_path(); words.replacement, words.prepend_scheme, words.split
        ('▁', 'always', True)
        """
        return MetaspaceWords(self._replacement, self._prepend_scheme, self.split)


def _one_piece(normalized: NormalizedString, replacement: str) -> bool:
    """True if splitting before each ``replacement`` would give ``normalized`` itself back.

    That is when no ``replacement`` follows the first char (MergedWithNext then
    gives one piece, the whole string) and the whole string's slice is equal to
    it (its alignments span its whole original).  Most words of a long text are
    so: skipping the split and its slice keeps the aligned path linear in cost.

    >>> ns = NormalizedString("▁ab")
    >>> _one_piece(ns, "▁"), _one_piece(NormalizedString("▁a▁b"), "▁")
    (True, False)
    """
    text = normalized.normalized
    return (bool(text) and text.find(replacement, 1) < 0
            and normalized.convert_offsets(0, len(text)) == (0, len(normalized.original)))
