"""Character classes exactly as HF's pre-tokenizers see them, and fast regexes built on them.

HF mixes Unicode versions: Rust ``regex`` ``\\w``, Rust ``char::is_numeric``,
an old (~8.0) punctuation table, Oniguruma ``\\p{L}``/``\\p{N}``/``\\s`` and its
own ``scripts.rs``.  The exact sets, probed from the wheel, live in
``_unicode_pretok_data`` (see ``tools/gen_unicode_pretok.py``).

Matching with a ``regex`` class of hundreds of explicit ranges is ~20x slower
than a builtin class such as ``\\w``, so an :class:`ExactPattern` compiles the
pattern with the builtin classes and, only for a text that holds a char on
which the builtin class and HF disagree, recompiles it with those chars moved
in or out of the class (cached).  The builtin side is measured at run time,
so any ``regex`` version gives HF's answer.

>>> is_word_char("\\u0301"), is_word_char("\\u200d"), is_word_char("-")
(True, True, False)
>>> is_numeric("²"), is_numeric("五"), is_punctuation("$"), is_punctuation("\\u2e43")
(True, False, True, False)
>>> script_of("ひ") == script_of("漢") != script_of("a"), script_of(" ")
(True, 0)

What this module does not do: whitespace for ``WhitespaceSplit`` (that is
``_unicode.is_whitespace``), normalization tables.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Mapping

import regex

from . import char_classes_data as _data

__all__ = [
    "CharTable",
    "ExactPattern",
    "WORD",
    "SPACE",
    "NUMERIC",
    "PUNCTUATION",
    "ONIG_LETTER",
    "ONIG_NUMBER",
    "is_word_char",
    "is_numeric",
    "is_punctuation",
    "script_of",
    "WORD_CHARS_RE",
]


class CharTable:
    """One HF character class: exact membership plus the builtin ``regex`` class near it.

    Args:
        flat: inclusive ``(first, last)`` code point ranges, flattened.
        builtin: a ``regex`` class body (``r"\\w"``) matching the same chars on
            most of Unicode; it must agree with the table on ASCII.
    """

    def __init__(self, name: str, flat: tuple[int, ...], builtin: str) -> None:
        self.name = name
        self.builtin = builtin
        self._starts = flat[0::2]
        self._ends = flat[1::2]
        self._builtin_re = regex.compile(f"[{builtin}]")
        self._cache: dict[str, bool] = {}

    def __contains__(self, char: str) -> bool:
        found = self._cache.get(char)
        if found is None:
            cp = ord(char)
            i = bisect_right(self._starts, cp) - 1
            found = i >= 0 and cp <= self._ends[i]
            self._cache[char] = found
        return found

    def class_body(self) -> str:
        """The exact set as explicit ranges, the body of a ``[...]`` class for any regex engine (stdlib ``re``).

        >>> import re
        >>> re.findall(f"[{SPACE.class_body()}]+", "a \u3000b\x1cc")
        [' \u3000']
        """
        return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in zip(self._starts, self._ends))

    def in_builtin(self, char: str) -> bool:
        """What the builtin ``regex`` class says about ``char``."""
        return self._builtin_re.match(char) is not None

    def __repr__(self) -> str:
        return f"CharTable({self.name!r}, builtin={self.builtin!r})"


WORD = CharTable("WORD", _data.WORD, r"\w")
SPACE = CharTable("SPACE", _data.SPACE, r"\s")
NUMERIC = CharTable("NUMERIC", _data.NUMERIC, r"\p{N}")
# ASCII punctuation (HF: char::is_ascii_punctuation, symbols included) + Unicode P*.
PUNCTUATION = CharTable("PUNCTUATION", _data.PUNCTUATION, r"!-/:-@\[-`{-~\p{P}")
ONIG_LETTER = CharTable("ONIG_LETTER", _data.ONIG_LETTER, r"\p{L}")
ONIG_NUMBER = CharTable("ONIG_NUMBER", _data.ONIG_NUMBER, r"\p{N}")

_TABLES = (WORD, SPACE, NUMERIC, PUNCTUATION, ONIG_LETTER, ONIG_NUMBER)
_BIT = {id(table): 1 << i for i, table in enumerate(_TABLES)}
# char -> bitmask of the tables whose builtin class disagrees with HF on it.
_DISAGREE: dict[str, int] = {}


def _disagreement(char: str) -> int:
    mask = _DISAGREE.get(char)
    if mask is None:
        mask = 0
        for table in _TABLES:
            if (char in table) != table.in_builtin(char):
                mask |= _BIT[id(table)]
        _DISAGREE[char] = mask
    return mask


def is_word_char(char: str) -> bool:
    """Rust regex ``\\w``: letters, marks, Nd, Pc and Join_Control (HF's Unicode version)."""
    return char in WORD


def is_numeric(char: str) -> bool:
    """Rust ``char::is_numeric`` (categories Nd, Nl, No)."""
    return char in NUMERIC


def is_punctuation(char: str) -> bool:
    """HF's punctuation: ASCII punctuation or Unicode P* of its ~8.0 table."""
    return char in PUNCTUATION


_SCRIPT_STARTS = _data.SCRIPTS[0::2]
_SCRIPT_CLASSES = _data.SCRIPTS[1::2]
_SCRIPT_CACHE: dict[str, int] = {}


def script_of(char: str) -> int:
    """HF UnicodeScripts' class of ``char`` (an opaque id; 0 is the joining script Any)."""
    found = _SCRIPT_CACHE.get(char)
    if found is None:
        found = _SCRIPT_CLASSES[bisect_right(_SCRIPT_STARTS, ord(char)) - 1]
        _SCRIPT_CACHE[char] = found
    return found


class ExactPattern:
    """A regex over HF character classes, compiled fast and patched only when needed.

    The template names classes as ``{KEY}`` *inside* brackets: ``[{W}]+|[^{W}{S}]+``.

    >>> ws = ExactPattern(r"[{W}]+|[^{W}{S}]+", {"W": WORD, "S": SPACE})
    >>> text = "e\\u0301t x\\u200dy"
    >>> ws.for_text(text).findall(text) == ["e\\u0301t", "x\\u200dy"]
    True
    """

    _MAX_CACHE = 512

    def __init__(self, template: str, classes: Mapping[str, CharTable], flags: int = 0) -> None:
        self.template = template
        self.classes = dict(classes)
        self.flags = flags
        self._mask = 0
        for table in self.classes.values():
            self._mask |= _BIT[id(table)]
        self.plain = regex.compile(
            template.format(**{key: t.builtin for key, t in self.classes.items()}), flags
        )
        self._patched: dict[frozenset[str], "regex.Pattern[str]"] = {}

    def for_text(self, text: str) -> "regex.Pattern[str]":
        """The compiled pattern that matches ``text`` exactly as HF does."""
        if text.isascii():
            return self.plain
        mask = self._mask
        bad = frozenset(c for c in set(text) if c > "\x7f" and _disagreement(c) & mask)
        if not bad:
            return self.plain
        compiled = self._patched.get(bad)
        if compiled is None:
            if len(self._patched) >= self._MAX_CACHE:
                self._patched.clear()
            compiled = self._patched[bad] = self._compile_patched(bad)
        return compiled

    def _compile_patched(self, bad: frozenset[str]) -> "regex.Pattern[str]":
        bodies = {key: _patched_body(table, bad) for key, table in self.classes.items()}
        # Set difference (``--``) needs regex's version-1 syntax; the patterns
        # used here cannot match empty, so V1's other changes do not matter.
        return regex.compile(self.template.format(**bodies), self.flags | regex.V1)


def _patched_body(table: CharTable, bad: frozenset[str]) -> str:
    """``table.builtin`` with the disagreeing chars of ``bad`` moved in or out."""
    add = "".join(regex.escape(c) for c in sorted(bad) if c in table and not table.in_builtin(c))
    remove = "".join(regex.escape(c) for c in sorted(bad) if c not in table and table.in_builtin(c))
    body = table.builtin if not remove else f"[[{table.builtin}]--[{remove}]]"
    return body + add


#: ``\w`` exactly as Rust's regex (HF) sees it; ``WORD_CHARS_RE.for_text(s)`` gives the compiled form.
WORD_CHARS_RE = ExactPattern(r"[{W}]", {"W": WORD})
