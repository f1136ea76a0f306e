"""Pre-tokenizers that cut on a character class: Whitespace, WhitespaceSplit,
Punctuation, BertPreTokenizer, Digits, CharDelimiterSplit.

HF splits with a per-char predicate and a SplitDelimiterBehavior.  Over single
char matches every behavior is a regular language, so the fast path is one
compiled regex per (class, behavior), e.g. Isolated is ``[C]|[^C]+``.  A
WhitespaceSplit in front only adds whitespace to the excluded chars
(``[^C\\s]``), which is how ``Sequence([WhitespaceSplit(), Punctuation()])`` and
BertPreTokenizer run as one ``findall``.

What this module does not do: regex patterns given by the user (``Split``).
"""

from __future__ import annotations

from typing import Any, Mapping

from .._unicode import is_whitespace
from .._unicode.char_classes import NUMERIC, PUNCTUATION, SPACE, WORD, CharTable, ExactPattern
from ..normalized import Invert, PreTokenizedString, SplitDelimiterBehavior
from ._base import (
    Pieces,
    PreTokenizer,
    behavior_getter,
    check_bool,
    check_char,
    json_behavior,
    json_field,
    parse_behavior,
    register,
    split_with,
)

__all__ = [
    "Whitespace",
    "WhitespaceSplit",
    "Punctuation",
    "BertPreTokenizer",
    "Digits",
    "CharDelimiterSplit",
    "class_splitter",
]

B = SplitDelimiterBehavior
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


def _ascii_words(char_class: "CharTable | str", behavior: B, after_whitespace_split: bool) -> Any:
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

    def __init__(self, pattern: ExactPattern, ascii_words: Any) -> None:
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
        return self.pattern.for_text(text).findall(text)


_SPLITTERS: dict[tuple[Any, B, bool], ClassRegex] = {}


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

    _CUTS_ONLY = True

    def _class_spec(self) -> tuple["CharTable | str", B] | None:
        """``(class, behavior)`` if a preceding WhitespaceSplit can be fused in."""
        return None

    def _pieces(self, text: str) -> Pieces:
        char_class, behavior = self._class_spec()  # type: ignore[misc]
        return class_splitter(char_class, behavior, False).pieces(text)

    def _words(self, text: str) -> list[str]:
        char_class, behavior = self._class_spec()  # type: ignore[misc]
        return class_splitter(char_class, behavior, False).words(text)


_WHITESPACE = ExactPattern(r"[{W}]+|[^{W}{S}]+", {"W": WORD, "S": SPACE})


@register("Whitespace")
class Whitespace(PreTokenizer):
    """Split into word runs and punctuation runs (HF regex ``\\w+|[^\\w\\s]+``), dropping spaces.

    ``\\w`` is Rust's: marks and ZWJ are word chars (Python ``re`` disagrees).

    >>> Whitespace().pre_tokenize_str("Hi, e\\u0301t!") == [("Hi", (0, 2)), (",", (2, 3)), ("e\\u0301t", (4, 7)), ("!", (7, 8))]
    True
    """

    _fast_path = True

    _CUTS_ONLY = True

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        split_with(pretok, lambda ns: ns.split(Invert(_WHITESPACE.for_text(ns.normalized)), REMOVED))

    def _pieces(self, text: str) -> Pieces:
        return [(m.group(), m.span()) for m in _WHITESPACE.for_text(text).finditer(text)]

    def _words(self, text: str) -> list[str]:
        return _WHITESPACE.for_text(text).findall(text)


@register("WhitespaceSplit")
class WhitespaceSplit(_ClassSplitter):
    """Split on Unicode White_Space (Rust ``char::is_whitespace``) and drop it.

    ``\\x1c``-``\\x1f`` are not whitespace here (Python's ``str.split`` says they are).

    >>> WhitespaceSplit().pre_tokenize_str("a\\x1cb  c")
    [('a\\x1cb', (0, 3)), ('c', (5, 6))]
    """

    _fast_path = True

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        split_with(pretok, lambda ns: ns.split(is_whitespace, REMOVED))

    def _class_spec(self) -> tuple[CharTable, B]:
        return SPACE, REMOVED


@register("Punctuation")
class Punctuation(_ClassSplitter):
    """Split on each punctuation char (ASCII punctuation or Unicode P*), with a behavior.

    Args:
        behavior: ``"removed"``, ``"isolated"`` (default), ``"merged_with_previous"``,
            ``"merged_with_next"`` or ``"contiguous"``.

    >>> Punctuation("contiguous").pre_tokenize_str("Hi!! you")
    [('Hi', (0, 2)), ('!!', (2, 4)), (' you', (4, 8))]
    """

    _fast_path = True

    _fields = ("behavior",)

    def __init__(self, behavior: "str | SplitDelimiterBehavior" = "isolated") -> None:
        self._behavior = parse_behavior(behavior)

    @property
    def behavior(self) -> str:
        return behavior_getter(self._behavior)

    @behavior.setter
    def behavior(self, value: "str | SplitDelimiterBehavior") -> None:
        self._behavior = parse_behavior(value)

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        _split_on_class(pretok, PUNCTUATION, self._behavior)

    def _class_spec(self) -> tuple[CharTable, B]:
        return PUNCTUATION, self._behavior

    def _json_fields(self) -> dict[str, Any]:
        return {"behavior": self._behavior.value}

    def _repr_fields(self) -> list[tuple[str, Any]]:
        return [("behavior", self._behavior)]

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Punctuation":
        return cls(json_behavior(data, "behavior", B.ISOLATED))


@register("BertPreTokenizer")
class BertPreTokenizer(PreTokenizer):
    """BERT's pre-tokenizer: split on whitespace (removed), then isolate each punctuation char.

    >>> BertPreTokenizer().pre_tokenize_str("Hello, I'm here!!")
    [('Hello', (0, 5)), (',', (5, 6)), ('I', (7, 8)), ("'", (8, 9)), ('m', (9, 10)), ('here', (11, 15)), ('!', (15, 16)), ('!', (16, 17))]
    """

    _fast_path = True

    _CUTS_ONLY = True

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        split_with(pretok, lambda ns: ns.split(is_whitespace, REMOVED))
        _split_on_class(pretok, PUNCTUATION, B.ISOLATED)

    def _pieces(self, text: str) -> Pieces:
        return class_splitter(PUNCTUATION, B.ISOLATED, True).pieces(text)

    def _words(self, text: str) -> list[str]:
        return class_splitter(PUNCTUATION, B.ISOLATED, True).words(text)


@register("Digits")
class Digits(_ClassSplitter):
    """Split numeric chars (Rust ``char::is_numeric``: ``²`` and ``½`` are, ``五`` is not) from the rest.

    Args:
        individual_digits: one piece per numeric char instead of one per run.

    >>> Digits().pre_tokenize_str("a123b"), Digits(True).pre_tokenize_str("12")
    ([('a', (0, 1)), ('123', (1, 4)), ('b', (4, 5))], [('1', (0, 1)), ('2', (1, 2))])
    """

    _fast_path = True

    _fields = ("individual_digits",)

    def __init__(self, individual_digits: bool = False) -> None:
        self.individual_digits = check_bool(individual_digits, "individual_digits")

    def _behavior(self) -> B:
        return B.ISOLATED if self.individual_digits else B.CONTIGUOUS

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        _split_on_class(pretok, NUMERIC, self._behavior())

    def _class_spec(self) -> tuple[CharTable, B]:
        return NUMERIC, self._behavior()

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Digits":
        return cls(json_field(data, "individual_digits", "bool"))


@register("CharDelimiterSplit")
class CharDelimiterSplit(_ClassSplitter):
    """Split on one delimiter char and remove it (like ``str.split(delimiter)``, empty pieces dropped).

    >>> CharDelimiterSplit("x").pre_tokenize_str("helloxxthere")
    [('hello', (0, 5)), ('there', (7, 12))]
    """

    _fast_path = True

    _fields = ("delimiter",)

    def __init__(self, delimiter: str) -> None:
        self.delimiter = delimiter

    @property
    def delimiter(self) -> str:
        return self._delimiter

    @delimiter.setter
    def delimiter(self, value: str) -> None:
        self._delimiter = check_char(value, "CharDelimiterSplit delimiter")

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        split_with(pretok, lambda ns: ns.split(self._delimiter, REMOVED))

    def _class_spec(self) -> tuple[str, B]:
        return self._delimiter, REMOVED

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "CharDelimiterSplit":
        return cls(json_field(data, "delimiter", "char"))

