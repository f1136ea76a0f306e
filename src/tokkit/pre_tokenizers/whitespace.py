"""Whitespace (``\\w+|[^\\w\\s]+``) and WhitespaceSplit (HF ``pre_tokenizers/whitespace.rs``)."""

from __future__ import annotations

from .._unicode import is_whitespace
from .._unicode.char_classes import SPACE, WORD, CharTable, ExactPattern
from ..capabilities import CutsText, Pieces
from ..normalized import Invert, PreTokenizedString
from ._class_split import REMOVED, B, _ClassSplitter
from .base import PreTokenizer, register, split_with

__all__ = ["Whitespace", "WhitespaceSplit"]


_WHITESPACE = ExactPattern(r"[{W}]+|[^{W}{S}]+", {"W": WORD, "S": SPACE})


@register("Whitespace")
class Whitespace(PreTokenizer):
    """Split into word runs and punctuation runs (HF regex ``\\w+|[^\\w\\s]+``), dropping spaces.

    ``\\w`` is Rust's: marks and ZWJ are word chars (Python ``re`` disagrees).

    >>> Whitespace().pre_tokenize_str("Hi, e\\u0301t!") == [("Hi", (0, 2)), (",", (2, 3)), ("e\\u0301t", (4, 7)), ("!", (7, 8))]
    True
    """

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Split into word-char runs and other non-space runs, in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('Hi, you!')
        >>> Whitespace().pre_tokenize(pts); pts.get_splits()
        [('Hi', (0, 2), None), (',', (2, 3), None), ('you', (4, 7), None), ('!', (7, 8), None)]
        """
        split_with(pretok, lambda ns: ns.split(Invert(_WHITESPACE.for_text(ns.normalized)), REMOVED))

    def _pieces(self, text: str) -> Pieces:
        return [(m.group(), m.span()) for m in _WHITESPACE.for_text(text).finditer(text)]

    def _words(self, text: str) -> list[str]:
        return _WHITESPACE.for_text(text).findall(text)

    def fast_path(self) -> CutsText:
        """What the encode fast path may assume: its words are substrings, and whitespace is never inside one.

        >>> Whitespace().fast_path().pieces("hi, you")
        [('hi', (0, 2)), (',', (2, 3)), ('you', (4, 7))]
        """
        # Its pieces are substrings; whitespace is never inside one.
        return CutsText(self._pieces, removes_whitespace_first=True)


@register("WhitespaceSplit")
class WhitespaceSplit(_ClassSplitter):
    """Split on Unicode White_Space (Rust ``char::is_whitespace``) and drop it.

    ``\\x1c``-``\\x1f`` are not whitespace here (Python's ``str.split`` says they are).

    >>> WhitespaceSplit().pre_tokenize_str("a\\x1cb  c")
    [('a\\x1cb', (0, 3)), ('c', (5, 6))]
    """

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Split on whitespace, which is removed, in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('Hi, you!')
        >>> WhitespaceSplit().pre_tokenize(pts); pts.get_splits()
        [('Hi,', (0, 3), None), ('you!', (4, 8), None)]
        """
        split_with(pretok, lambda ns: ns.split(is_whitespace, REMOVED))

    def _class_spec(self) -> tuple[CharTable, B]:
        return SPACE, REMOVED

    def fast_path(self) -> CutsText:
        """What the encode fast path may assume: its words are the runs between whitespace.

        >>> WhitespaceSplit().fast_path().pieces("hi, you")
        [('hi,', (0, 3)), ('you', (4, 7))]
        """
        # Its pieces are the runs between whitespace.
        return CutsText(self._pieces, removes_whitespace_first=True, is_whitespace_split=True)
