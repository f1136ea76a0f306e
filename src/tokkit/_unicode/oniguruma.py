"""``Regex``: a pattern that HF compiles with Oniguruma and tokkit with ``regex``.

Components that take a pattern (the Replace normalizer and decoder, the Split
pre-tokenizer) accept a plain ``str`` (matched literally, JSON
``{"String": s}``) or a ``Regex`` (JSON ``{"Regex": r}``).

Oniguruma's character classes are not ``regex``'s: older Unicode tables (chars
assigned after Unicode 15 are ``Cn``), ``\\h`` is a hex digit, ``[[:digit:]]``
is Unicode ``Nd``, ``\\w`` holds ``²³¹¼½¾``, and ``(?i)`` does not fold
``\\p{Lu}``.  ``Regex`` rewrites those escapes (``\\p{..}``, ``\\P{..}``,
``\\w\\d\\s\\h`` and negations, ``[:posix:]``, ``\\b``) so matches are
Oniguruma's: the pattern is compiled with ``regex``'s builtin classes and, for
a text holding a char on which a builtin disagrees with Oniguruma (rare: new
or exotic chars), with the exact tables of ``_onig_classes_data``.

>>> compile_pattern(Regex(r"\\s+")).findall("a  b")
['  ']
>>> pattern_to_json("a.b"), pattern_to_json(Regex("a.b"))
({'String': 'a.b'}, {'Regex': 'a.b'})
>>> Regex(r"\\w+").compiled.findall("x² \\u0558"), Regex(r"\\h+").compiled.findall("ah0F")
(['x²'], ['a', '0F'])
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterator, Optional, Union, final

import regex

from .._errors import ConfigurationError, SerializationError
from . import oniguruma_data as _onig_data
from .regex_safety import assess

__all__ = [
    "Regex", "compile_pattern", "pattern_to_json", "pattern_from_json", "PatternLike", "OnigPattern",
    "LimitedPattern", "translate",
]


class Regex:
    """A regular expression pattern (HF ``tokenizers.Regex``).

    >>> Regex(r"\\d+").pattern
    '\\\\d+'
    """

    __slots__ = ("pattern", "_compiled")

    def __init__(self, pattern: str) -> None:
        if not isinstance(pattern, str):
            raise ConfigurationError(f"Regex pattern must be a str, got {type(pattern).__name__}")
        checked = assess(pattern)  # bounds first: compiling an unbounded pattern can take all memory
        try:
            # Oniguruma (Ruby syntax, as HF uses it): ^ and $ always match at line breaks.
            compiled = translate(checked.source, regex.MULTILINE)
        except (regex.error, RecursionError) as exc:
            raise ConfigurationError(f"invalid regular expression {pattern!r}: {exc}") from None
        self._compiled = LimitedPattern(compiled, pattern) if checked.time_limited else compiled
        self.pattern = pattern

    @property
    def compiled(self) -> "regex.Pattern[str] | OnigPattern | LimitedPattern":
        """A compiled ``regex`` pattern, an :class:`OnigPattern` choosing one per text, or a
        :class:`LimitedPattern` (either, matched under a time limit).

        >>> [m.span() for m in Regex(r"\\d+").compiled.finditer("a12b3")]
        [(1, 3), (4, 5)]
        """
        return self._compiled

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Regex) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(("Regex", self.pattern))

    def __reduce__(self) -> tuple[type[Regex], tuple[str]]:
        return (Regex, (self.pattern,))


PatternLike = Union[str, Regex]
_EMPTY = regex.compile("")


def compile_pattern(pattern: PatternLike) -> "regex.Pattern[str] | OnigPattern | LimitedPattern | str":
    """What ``find_matches`` takes: a compiled regex, or the literal string."""
    if isinstance(pattern, Regex):
        return pattern.compiled
    if pattern == "":
        # HF's Replace compiles a String as an escaped regex: the empty one matches at every position.
        return _EMPTY
    if isinstance(pattern, str):
        return pattern
    raise ConfigurationError(
        f"a pattern must be a str or tokkit.Regex, got {type(pattern).__name__}"
    )


def pattern_to_json(pattern: PatternLike) -> dict[str, str]:
    if isinstance(pattern, Regex):
        return {"Regex": pattern.pattern}
    return {"String": pattern}


def pattern_from_json(data: Any) -> PatternLike:
    """``{"String": s}`` -> ``s``; ``{"Regex": r}`` -> ``Regex(r)``."""
    if isinstance(data, dict) and len(data) == 1:
        (kind, value), = data.items()
        if isinstance(value, str):
            if kind == "String":
                return value
            if kind == "Regex":
                try:
                    return Regex(value)
                except ConfigurationError as exc:
                    raise SerializationError(str(exc)) from None
    raise SerializationError(
        f'a pattern must be {{"String": "..."}} or {{"Regex": "..."}}, got {data!r:.100}'
    )


class _OnigClass:
    """One Oniguruma class: exact ranges (parsed lazily) and the ``regex`` bracket body close to it."""

    __slots__ = ("key", "builtin", "_spec", "_starts", "_ends", "_builtin_re", "_disagrees")

    def __init__(self, key: str, spec: str, builtin: str) -> None:
        self.key, self._spec, self.builtin = key, spec, builtin
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._builtin_re: "regex.Pattern[str] | None" = None
        self._disagrees: dict[str, bool] = {}

    def ranges(self) -> list[tuple[int, int]]:
        if not self._starts:
            for item in self._spec.split(","):
                first, _, last = item.partition("-")
                self._starts.append(int(first, 16))
                self._ends.append(int(last or first, 16))
        return list(zip(self._starts, self._ends))

    def disagrees(self, char: str) -> bool:
        """Whether the builtin class and Oniguruma differ on ``char`` (cached)."""
        found = self._disagrees.get(char)
        if found is None:
            if self._builtin_re is None:
                self.ranges()
                self._builtin_re = regex.compile(f"[{self.builtin}]")
            cp = ord(char)
            i = bisect_right(self._starts, cp) - 1
            exact = i >= 0 and cp <= self._ends[i]
            found = self._disagrees[char] = exact != (self._builtin_re.match(char) is not None)
        return found

    def body(self, negated: bool) -> str:
        """Exact bracket body (ranges), or its complement."""
        ranges = self.ranges()
        if negated:
            ranges = _complement(ranges)
        return "".join(_esc(a) if a == b else f"{_esc(a)}-{_esc(b)}" for a, b in ranges)


def _esc(cp: int) -> str:
    return f"\\u{cp:04X}" if cp <= 0xFFFF else f"\\U{cp:08X}"


def _complement(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, nxt = [], 0
    for a, b in ranges:
        if a > nxt:
            out.append((nxt, a - 1))
        nxt = b + 1
    if nxt <= 0x10FFFF:
        out.append((nxt, 0x10FFFF))
    return out


_CLASSES = {key: _OnigClass(key, spec, builtin) for key, (spec, builtin) in _onig_data.CLASSES.items()}
_HEX = _OnigClass("xdigit", "30-39,41-46,61-66", "0-9A-Fa-f")
# Oniguruma property names (case, spaces, "_" and "-" ignored) -> class key.
_NAMES = {key.lower(): key for key in _CLASSES if key != "bracketword"}
_NAMES.update({
    "letter": "L", "mark": "M", "number": "N", "punctuation": "P", "symbol": "S", "separator": "Z",
    "other": "C", "unassigned": "Cn", "uppercaseletter": "Lu", "lowercaseletter": "Ll",
    "decimalnumber": "Nd", "alphabetic": "alpha", "whitespace": "space", "uppercase": "upper",
    "lowercase": "lower", "punct": "P",  # \p{Punct} is P in Oniguruma, unlike [[:punct:]] (P and S)
})
_NAMES["l"], _NAMES["c"] = "L", "C"  # short categories collide with lower-cased keys only here
# Oniguruma does not case-fold a property escape outside brackets under (?i); ``regex`` does.
_CASED = frozenset({"Lu", "Ll", "Lt", "upper", "lower"})
_ESCAPES = {"w": "word", "d": "digit", "s": "space", "h": "xdigit"}
_PROPERTY = regex.compile(r"\\([pP])\{(\^?)([^}]*)\}")
_POSIX = regex.compile(r"\[:(\^?)([A-Za-z]+):\]")


def _lookup(key: str | None, in_bracket: bool = False) -> _OnigClass | None:
    if key == "xdigit":
        return _HEX
    if key == "word" and in_bracket:
        key = "bracketword"  # Oniguruma's [\w] lacks the ²³¹¼½¾ that its \w has
    return _CLASSES.get(key) if key else None


class _Slot:
    """A class escape in a pattern: its class, whether negated and whether inside brackets."""

    __slots__ = ("cls", "negated", "in_bracket", "text")

    def __init__(self, cls: _OnigClass, negated: bool, in_bracket: bool, text: str) -> None:
        self.cls, self.negated, self.in_bracket, self.text = cls, negated, in_bracket, text

    def render(self, exact: bool) -> str:
        cls = self.cls
        if self.in_bracket:
            if self.negated or exact or cls is _HEX:
                return cls.body(self.negated)
            return cls.builtin
        body = cls.body(False) if (exact or cls is _HEX) else cls.builtin
        out = f"[^{body}]" if self.negated else f"[{body}]"
        return f"(?-i:{out})" if cls.key in _CASED else out


class _Boundary:
    """``\\b``/``\\B``: Oniguruma's word boundary uses its own ``\\w``."""

    __slots__ = ("text", "cls")

    def __init__(self, text: str) -> None:
        self.text, self.cls = text, _CLASSES.get("word")

    def render(self, exact: bool) -> str:
        if not exact or self.cls is None:
            return self.text
        w = self.cls.body(False)
        if self.text == r"\b":
            return f"(?:(?<=[{w}])(?![{w}])|(?<![{w}])(?=[{w}]))"
        return f"(?:(?<=[{w}])(?=[{w}])|(?<![{w}])(?![{w}]))"


def _scan(pattern: str) -> list[Any]:
    """Split ``pattern`` into literal text and class slots (tracking ``[...]`` nesting)."""
    parts: list[Any] = []
    i, n, depth, literal = 0, len(pattern), 0, []
    while i < n:
        c = pattern[i]
        slot: _Slot | _Boundary | None = None
        end = i + 1
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            end = i + 2
            m = _PROPERTY.match(pattern, i) if nxt in "pP" else None
            if m:
                end = m.end()
                key = _NAMES.get(m.group(3).lower().replace(" ", "").replace("_", "").replace("-", ""))
                cls = _lookup(key, depth > 0)
                if cls is not None:
                    negated = (m.group(1) == "P") != (m.group(2) == "^")
                    slot = _Slot(cls, negated, depth > 0, m.group())
            elif nxt.lower() in _ESCAPES:
                cls = _lookup(_ESCAPES[nxt.lower()], depth > 0)
                if cls is not None:
                    slot = _Slot(cls, nxt.isupper(), depth > 0, pattern[i:end])
            elif nxt in "bB" and depth == 0:
                slot = _Boundary(pattern[i:end])
        elif c == "[":
            m = _POSIX.match(pattern, i) if depth else None
            if m:
                end = m.end()
                name = m.group(2).lower()
                cls = _lookup("punct" if name == "punct" else _NAMES.get(name), True)
                if cls is not None:
                    slot = _Slot(cls, m.group(1) == "^", True, m.group())
            else:
                depth += 1
                if pattern.startswith("^", end):
                    end += 1
                if pattern.startswith("]", end):
                    end += 1  # a leading ] is a literal
        elif c == "]" and depth:
            depth -= 1
        if slot is None:
            literal.append(pattern[i:end])
        else:
            parts.extend(["".join(literal), slot])
            literal = []
        i = end
    parts.append("".join(literal))
    return parts


@final  # so mypy narrows both branches of onig_match_spans' `type(compiled) is OnigPattern`
class OnigPattern:
    """A ``Regex`` whose classes differ from ``regex``'s: picks the compiled form per text.

    >>> p = translate(r"\\p{L}+", 0)
    >>> p.for_text("abc") is p.plain, p.findall("a\\u0558b")
    (True, ['a', 'b'])
    """

    def __init__(self, parts: list[Any], flags: int) -> None:
        self.parts, self.flags = parts, flags
        self.pattern = "".join(p if isinstance(p, str) else p.text for p in parts)
        self.plain = regex.compile(self._render(False), flags)
        self._exact: "regex.Pattern[str] | None" = None
        self._classes = tuple({id(p.cls): p.cls for p in parts[1::2] if p.cls is not None}.values())

    def _render(self, exact: bool) -> str:
        return "".join(p if isinstance(p, str) else p.render(exact) for p in self.parts)

    def for_text(self, text: str) -> "regex.Pattern[str]":
        """The compiled pattern that matches ``text`` as Oniguruma does."""
        if text.isascii():
            return self.plain
        classes = self._classes
        for char in set(text):
            if char > "\x7f" and any(cls.disagrees(char) for cls in classes):
                if self._exact is None:
                    self._exact = regex.compile(self._render(True), self.flags)
                return self._exact
        return self.plain

    def finditer(self, text: str, *args: Any) -> Iterator[regex.Match[str]]:
        return self.for_text(text).finditer(text, *args)

    def search(self, text: str, *args: Any) -> Optional[regex.Match[str]]:
        return self.for_text(text).search(text, *args)

    def match(self, text: str, *args: Any) -> Optional[regex.Match[str]]:
        return self.for_text(text).match(text, *args)

    def findall(self, text: str, *args: Any) -> list[Any]:
        return self.for_text(text).findall(text, *args)


def translate(pattern: str, flags: int) -> "regex.Pattern[str] | OnigPattern":
    """Compile an Oniguruma pattern: a plain ``regex`` pattern if no class needs care."""
    parts = _scan(pattern)
    if len(parts) == 1:
        return regex.compile(pattern, flags)
    return OnigPattern(parts, flags)


@final
class LimitedPattern:
    """A pattern that can backtrack badly (see :mod:`.regex_safety`): matched under a time limit.

    >>> limited = Regex(r"(a|b)*c").compiled
    >>> type(limited).__name__, limited.source
    ('LimitedPattern', '(a|b)*c')
    """

    __slots__ = ("inner", "source")

    def __init__(self, inner: "regex.Pattern[str] | OnigPattern", source: str) -> None:
        self.inner, self.source = inner, source

    def for_text(self, text: str) -> "regex.Pattern[str]":
        """The compiled pattern for ``text`` (a time limit is the caller's to pass)."""
        inner = self.inner
        return inner.for_text(text) if type(inner) is OnigPattern else inner
