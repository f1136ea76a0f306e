"""Splitting on a character class as one compiled regex: the fast path of the class splitters.

HF splits with a per-char predicate and a SplitDelimiterBehavior.  Over single
char matches every behavior is a regular language, so the fast path is one
compiled regex per (class, behavior), e.g. Isolated is ``[C]|[^C]+``.  A
WhitespaceSplit in front only adds whitespace to the excluded chars
(``[^C\\s]``), which is how ``Sequence([WhitespaceSplit(), Punctuation()])`` and
BertPreTokenizer run as one ``findall``.

What this module does not do: regex patterns given by the user (``split``).
"""

from __future__ import annotations

from typing import Callable, Optional

from .._unicode.char_classes import NUMERIC, PUNCTUATION, SPACE, CharTable, ExactPattern
from ..capabilities import Pieces
from ..normalized import PreTokenizedString, SplitDelimiterBehavior
from .base import PreTokenizer, split_with

__all__ = ["B", "REMOVED", "ClassRegex", "class_splitter"]


B = SplitDelimiterBehavior
#: A text's words.
Words = Callable[[str], list[str]]


REMOVED = B.REMOVED


# {C}: the class split on; {X}: chars an earlier WhitespaceSplit removed (or nothing).
_TEMPLATES = {
    B.REMOVED: "[^{C}{X}]+",
    B.ISOLATED: "[{C}]|[^{C}{X}]+",
    B.CONTIGUOUS: "[{C}]+|[^{C}{X}]+",
    B.MERGED_WITH_PREVIOUS: "[^{C}{X}]+[{C}]?|[{C}]",
    B.MERGED_WITH_NEXT: "[{C}]?[^{C}{X}]+|[{C}]",
}


_ASCII_PUNCT_SPACED = {c: f" {chr(c)} " for c in range(128) if chr(c) in PUNCTUATION}


def _ascii_words(char_class: "CharTable | str", behavior: B, after_whitespace_split: bool) -> Optional[Words]:
    """A C-speed ``words`` for ASCII text, where one exists (else None).

    On ASCII, Python's ``str.split()`` splits on exactly Rust's whitespace once
    ``\\x1c``-``\\x1f`` (Python-only whitespace) are ruled out.
    """
    if char_class is SPACE and behavior is REMOVED:
        return str.split
    if char_class is PUNCTUATION and behavior is B.ISOLATED and after_whitespace_split:
        return lambda text: text.translate(_ASCII_PUNCT_SPACED).split()
    return None


class ClassRegex:
    """HF's split on a char class as one regex (``findall`` = the words), with an ASCII shortcut."""

    __slots__ = ("pattern", "_ascii_words")

    def __init__(self, pattern: ExactPattern, ascii_words: Optional[Words]) -> None:
        self.pattern = pattern
        self._ascii_words = ascii_words

    def pieces(self, text: str) -> Pieces:
        return [(m.group(), m.span()) for m in self.pattern.for_text(text).finditer(text)]

    def words(self, text: str) -> list[str]:
        fast = self._ascii_words
        if (
            fast is not None
            and text.isascii()
            and not ("\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text)
        ):
            return fast(text)
        words: list[str] = self.pattern.for_text(text).findall(text)  # the templates have no groups
        return words


_SPLITTERS: dict[tuple["CharTable | str", B, bool], ClassRegex] = {}


def class_splitter(char_class: "CharTable | str", behavior: B, after_whitespace_split: bool) -> ClassRegex:
    """The regex whose ``findall`` is HF's split of a text on ``char_class`` with ``behavior``.

    ``char_class`` is a CharTable or one literal char.  With
    ``after_whitespace_split`` the text is first split on whitespace (removed).

    >>> class_splitter(PUNCTUATION, B.ISOLATED, True).words("a,  b!")
    ['a', ',', 'b', '!']
    """
    key = (char_class, behavior, after_whitespace_split)
    found = _SPLITTERS.get(key)
    if found is None:
        classes: dict[str, CharTable] = {"X": SPACE} if after_whitespace_split else {}
        template = _TEMPLATES[behavior]
        if isinstance(char_class, CharTable):
            classes["C"] = char_class
        else:  # a literal char, written as an escape (safe in a class and in str.format)
            template = template.replace("{C}", f"\\U{ord(char_class):08x}")
        if not after_whitespace_split:
            template = template.replace("{X}", "")
        pattern = ExactPattern(template, classes)
        found = _SPLITTERS[key] = ClassRegex(pattern, _ascii_words(char_class, behavior, after_whitespace_split))
    return found


_ONE_CHAR = {table.name: ExactPattern("[{C}]", {"C": table}) for table in (PUNCTUATION, NUMERIC)}


def _split_on_class(pretok: PreTokenizedString, table: CharTable, behavior: B) -> None:
    """HF ``normalized.split(predicate, behavior)``; a one-char regex is the same pattern."""
    one_char = _ONE_CHAR[table.name]
    split_with(pretok, lambda ns: ns.split(one_char.for_text(ns.normalized), behavior))


class _ClassSplitter(PreTokenizer):
    """A pre-tokenizer that is one class split; Sequence fuses it after a WhitespaceSplit."""

    def _class_spec(self) -> tuple["CharTable | str", B] | None:
        """``(class, behavior)`` if a preceding WhitespaceSplit can be fused in."""
        return None

    def _pieces(self, text: str) -> Pieces:
        char_class, behavior = self._class_spec()  # type: ignore[misc]
        return class_splitter(char_class, behavior, False).pieces(text)

    def _words(self, text: str) -> list[str]:
        char_class, behavior = self._class_spec()  # type: ignore[misc]
        return class_splitter(char_class, behavior, False).words(text)
