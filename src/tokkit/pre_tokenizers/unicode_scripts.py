"""UnicodeScripts: split where the Unicode script changes (HF ``pre_tokenizers/unicode_scripts/``).

What this module does not do: look at Unicode data itself (``tokkit._unicode.char_classes``).
"""

from __future__ import annotations

from .._unicode.char_classes import script_of
from ..capabilities import CutsText, Pieces
from ..normalized import PreTokenizedString
from .base import PreTokenizer, register, split_with

__all__ = ["script_spans", "UnicodeScripts"]


_ANY = 0  # the script class that joins anything (' ' and unassigned code points)


def script_spans(text: str) -> list[tuple[int, int]]:
    """HF UnicodeScripts cut points: a new piece where the script changes.

    Any-script chars never cut and never reset the current script, and no cut
    is made at 0: text before the first real script is **dropped** (HF).

    >>> script_spans(" ab中")
    [(1, 3), (3, 4)]
    """
    cuts = []
    last = None
    for i, char in enumerate(text):
        script = script_of(char)
        if script != _ANY:
            if script != last:
                cuts.append(i)
            last = script
    if not cuts:
        return []
    cuts.append(len(text))
    return list(zip(cuts, cuts[1:]))


@register("UnicodeScripts")
class UnicodeScripts(PreTokenizer):
    """Split where the Unicode script changes (kana count as Han, ``' '`` joins anything).

    >>> UnicodeScripts().pre_tokenize_str(" Hi, 你好こんにちは123")
    [('Hi', (1, 3)), (', ', (3, 5)), ('你好こんにちは', (5, 12)), ('123', (12, 15))]
    """

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Split where the Unicode script changes (HF's grouping of scripts), in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('abcдеж中')
        >>> UnicodeScripts().pre_tokenize(pts); pts.get_splits()
        [('abc', (0, 3), None), ('деж', (3, 6), None), ('中', (6, 7), None)]
        """
        split_with(pretok, lambda ns: [ns.slice(a, b) for a, b in script_spans(ns.normalized)])

    def _pieces(self, text: str) -> Pieces:
        return [(text[a:b], (a, b)) for a, b in script_spans(text)]

    def fast_path(self) -> CutsText:
        """What the encode fast path may assume: its words are substrings.

        >>> UnicodeScripts().fast_path().pieces("abcγδ")
        [('abc', (0, 3)), ('γδ', (3, 5))]
        """
        return CutsText(self._pieces)
