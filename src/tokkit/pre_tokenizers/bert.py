"""BertPreTokenizer: whitespace, then each punctuation char alone (HF ``pre_tokenizers/bert.rs``)."""

from __future__ import annotations

from .._unicode import is_whitespace
from .._unicode.char_classes import PUNCTUATION
from ..capabilities import CutsText, Pieces
from ..normalized import PreTokenizedString
from ._class_split import REMOVED, B, _split_on_class, class_splitter
from .base import PreTokenizer, register, split_with

__all__ = ["BertPreTokenizer"]


@register("BertPreTokenizer")
class BertPreTokenizer(PreTokenizer):
    """BERT's pre-tokenizer: split on whitespace (removed), then isolate each punctuation char.

    >>> BertPreTokenizer().pre_tokenize_str("Hello, I'm here!!")
    [('Hello', (0, 5)), (',', (5, 6)), ('I', (7, 8)), ("'", (8, 9)), ('m', (9, 10)), ('here', (11, 15)), ('!', (15, 16)), ('!', (16, 17))]
    """

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Split on whitespace (dropped) and around each punctuation char, in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('Hi, you!')
        >>> BertPreTokenizer().pre_tokenize(pts); pts.get_splits()
        [('Hi', (0, 2), None), (',', (2, 3), None), ('you', (4, 7), None), ('!', (7, 8), None)]
        """
        split_with(pretok, lambda ns: ns.split(is_whitespace, REMOVED))
        _split_on_class(pretok, PUNCTUATION, B.ISOLATED)

    def _pieces(self, text: str) -> Pieces:
        return class_splitter(PUNCTUATION, B.ISOLATED, True).pieces(text)

    def _words(self, text: str) -> list[str]:
        return class_splitter(PUNCTUATION, B.ISOLATED, True).words(text)

    def fast_path(self) -> CutsText:
        """What the encode fast path may assume: its words are substrings, whitespace dropped first.

        >>> BertPreTokenizer().fast_path().pieces("hi, you")
        [('hi', (0, 2)), (',', (2, 3)), ('you', (4, 7))]
        """
        # Whitespace first (dropped), then each punctuation char alone: substrings only.
        return CutsText(self._pieces, removes_whitespace_first=True)
