"""Bounds on user regexes: no pattern in a tokenizer.json may exhaust memory or hang.

Oniguruma (HF's engine) refuses repeat counts above 100,000 ("too big number
for repeat range"), refuses groups nested deeper than its parse limit, and
stops a match that backtracks too much (its retry limit).  The ``regex``
module tokkit uses has none of these: it unrolls counted repeats into nodes
(``(?:a{1000}){1000}`` takes 2 GB), its parser recurses per group, and it
backtracks without end on ``(a|a)*$``.  :func:`assess` reads a pattern once,
when the ``Regex`` is built, and

* raises :class:`ConfigurationError` for a repeat count above
  :data:`MAX_REPEAT` (Oniguruma's cap), for a pattern that unrolls to more
  than :data:`MAX_UNROLLED` nodes, and for nesting deeper than
  :data:`MAX_NESTING`;
* says whether matching needs a time limit: patterns that can backtrack
  super-linearly (a repeated group holding a repeat or an alternation, a
  backreference, recursion, three or more unbounded repeats in a row, or
  syntax tokkit does not analyse) run under :func:`time_limit`.  Every
  other pattern (all those in real tokenizer files: GPT-2, Llama 3, Qwen,
  GPT-4o) runs without one, because the ``regex`` module's timeout check
  costs about 0.6 µs per match;
* escapes a ``{`` that does not start an Oniguruma interval, which
  Oniguruma reads literally and ``regex`` would read as fuzzy matching
  (``a{e<=1}``).

>>> assess(r"\\s+(?!\\S)|\\s+").time_limited, assess(r"(a|a)*$").time_limited
(False, True)
>>> assess("a{e<=1}").source
'a\\\\{e<=1}'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from .._errors import ConfigurationError

__all__ = ["MAX_REPEAT", "MAX_UNROLLED", "MAX_NESTING", "MATCH_SECONDS", "MATCH_SECONDS_PER_CHAR", "Assessment",
           "assess", "time_limit"]

#: Oniguruma's ONIG_MAX_REPEAT_NUM: a larger count in ``{n,m}`` is an error in HF too.
MAX_REPEAT = 100_000
#: Nodes a pattern may unroll to (``regex`` copies a counted repeat's body per count).
MAX_UNROLLED = 200_000
#: Groups and classes nested deeper than this are refused (``regex``'s parser recurses per level).
MAX_NESTING = 100
#: CPU seconds a time-limited pattern may spend on one text, plus this much per char of the text.
MATCH_SECONDS = 1.0
MATCH_SECONDS_PER_CHAR = 2e-6

_INTERVAL = regex.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_BACKREFERENCE = regex.compile(r"\\(?:[1-9]|k<|k'|g<|g')")
# Group openers whose contents tokkit analyses; anything else after "(?" (recursion,
# conditionals, extended mode, regex-only syntax) is matched under a time limit.
_KNOWN_GROUP = regex.compile(r"\(\?(?::|=|!|<=|<!|>|<[A-Za-z_]\w*>|P<[A-Za-z_]\w*>|'[A-Za-z_]\w*'|[imsw-]*[:)])")


class Assessment(NamedTuple):
    """What :func:`assess` found: the source to compile and whether matches need a time limit."""

    source: str
    time_limited: bool


@dataclass
class _Group:
    """What is known about an open group while its contents are read."""

    unrolled: int = 0          # nodes so far (all alternatives: ``regex`` compiles each)
    repeats: bool = False      # holds a repeat or an alternation: repeating it can backtrack badly
    unbounded: int = 0         # unbounded repeats in the current alternative
    most_unbounded: int = 0    # the most in any finished alternative
    pieces: list[str] = field(default_factory=list)


class _Atom(NamedTuple):
    unrolled: int
    repeats: bool  # a group holding a repeat or alternation, or a repeated atom
    first_piece: int  # where the atom starts in its group's pieces
    repeated: bool = False  # already carries a quantifier: another one nests (Oniguruma's a{2}{3})


def assess(pattern: str) -> Assessment:
    """Check ``pattern``'s bounds and say whether its matches need a time limit.

    >>> assess("a{100001}")
    Traceback (most recent call last):
    ...
    tokkit._errors.ConfigurationError: too big number for repeat range in 'a{100001}': Oniguruma (HF) and tokkit allow at most 100000
    """
    return _Reader(pattern).read()


def time_limit(text: str) -> float:
    """CPU seconds a time-limited pattern may spend on ``text`` (linear in its length).

    >>> time_limit("x" * 1000) == MATCH_SECONDS + 1000 * MATCH_SECONDS_PER_CHAR
    True
    """
    return MATCH_SECONDS + len(text) * MATCH_SECONDS_PER_CHAR


class _Reader:
    """One pass over a pattern, tracking groups, repeats and what they unroll to."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.stack = [_Group()]
        self.last: _Atom | None = None
        self.risky = bool(_BACKREFERENCE.search(pattern))

    def read(self) -> Assessment:
        pattern, i = self.pattern, 0
        while i < len(pattern):
            i = self._step(i)
        if len(self.stack) != 1:
            # Unbalanced: let ``regex`` report it, with its position.
            return Assessment(pattern, True)
        top = self.stack[0]
        self._end_alternative(top)
        return Assessment("".join(top.pieces), self.risky or top.most_unbounded >= 3)

    def _step(self, i: int) -> int:
        pattern, group = self.pattern, self.stack[-1]
        c = pattern[i]
        if c == "\\":
            end = _escape_end(pattern, i)
            self._atom(pattern[i:end], 1)
            return end
        if c == "[":
            end = _class_end(pattern, i)
            self._atom(pattern[i:end], 1)
            return end
        if c == "(":
            return self._open(i)
        if c == ")" and len(self.stack) > 1:
            self._close()
            return i + 1
        if c == "|":
            self._end_alternative(group)
            group.repeats = True
            group.pieces.append(c)
            self.last = None
            return i + 1
        if c in "*+?":
            return self._repeat(i, i + 1, 0 if c != "+" else 1, None if c != "?" else 1, interval=False)
        if c == "{":
            m = _INTERVAL.match(pattern, i)
            if m and (m.group(1) or m.group(3)):
                low = _count(m.group(1) or "0", pattern)
                high = low if not m.group(2) else (_count(m.group(3), pattern) if m.group(3) else None)
                return self._repeat(i, m.end(), low, high, interval=True)
            self._atom("\\{", 1)  # Oniguruma: not an interval, so a literal brace
            return i + 1
        self._atom(c, 1)
        return i + 1

    def _atom(self, text: str, unrolled: int, repeats: bool = False) -> None:
        group = self.stack[-1]
        group.pieces.append(text)
        group.unrolled += unrolled
        self.last = _Atom(unrolled, repeats, len(group.pieces) - 1)

    def _open(self, i: int) -> int:
        pattern = self.pattern
        if pattern.startswith("(?#", i):
            end = pattern.find(")", i)
            end = len(pattern) if end < 0 else end + 1
            self.stack[-1].pieces.append(pattern[i:end])
            return end
        if pattern.startswith("(?", i):
            m = _KNOWN_GROUP.match(pattern, i)
            if m is None:
                self.risky = True
            elif m.group().endswith(")"):  # a flag setting such as (?i): not a group
                self.stack[-1].pieces.append(m.group())
                return m.end()
        if len(self.stack) > MAX_NESTING:
            raise ConfigurationError(
                f"groups nested deeper than {MAX_NESTING} in {_short(pattern)}: "
                f"tokkit refuses them so the pattern compiler cannot run out of stack"
            )
        self.stack.append(_Group(pieces=["("]))
        self.last = None
        return i + 1

    def _close(self) -> None:
        group = self.stack.pop()
        self._end_alternative(group)
        group.pieces.append(")")
        parent = self.stack[-1]
        parent.unbounded += group.most_unbounded
        self._atom("".join(group.pieces), group.unrolled, group.repeats)

    def _end_alternative(self, group: _Group) -> None:
        group.most_unbounded = max(group.most_unbounded, group.unbounded)
        group.unbounded = 0

    def _repeat(self, start: int, end: int, low: int, high: int | None, interval: bool) -> int:
        """A quantifier, read as Oniguruma's Ruby syntax does.

        ``a*+``/``a++``/``a?+`` are possessive and ``a*?``, ``a{2,3}?`` lazy, but
        ``a{2}+`` and ``a{2}?`` repeat ``a{2}`` again, and any quantifier after a
        complete one nests (``a{2}{3}``, ``a**``): ``regex`` reads the first two
        otherwise and refuses the others, so those are written ``(?:a{2})+``.
        """
        pattern, group = self.pattern, self.stack[-1]
        possessive = not interval and pattern.startswith("+", end)  # never backtracks into the repeat
        lazy = pattern.startswith("?", end) and (not interval or high != low)
        if possessive or lazy:
            end += 1
        atom, self.last = self.last, None
        if atom is None:
            group.pieces.append(pattern[start:end])
            return end  # nothing to repeat: ``regex`` reports it
        if atom.repeated:
            group.pieces[atom.first_piece:] = ["(?:" + "".join(group.pieces[atom.first_piece:]) + ")"]
        group.pieces.append(pattern[start:end])
        copies = high if high is not None else low + 1
        unrolled = atom.unrolled * max(copies, 1)
        group.unrolled += unrolled - atom.unrolled
        if _unrolled(self.stack) > MAX_UNROLLED:
            raise ConfigurationError(
                f"{_short(pattern)} unrolls to more than {MAX_UNROLLED} nodes (nested counted repeats "
                f"multiply): write it with fewer or smaller counts"
            )
        group.repeats = True  # even a? inside a repeated group gives it choices: (a?a)+
        if atom.repeats and (high is None or high > 1):
            self.risky = True  # (a+)+, (a|b)*: backtracking can be exponential
        if high is None and not possessive:
            group.unbounded += 1
        self.last = _Atom(unrolled, True, atom.first_piece, repeated=True)
        return end


def _unrolled(stack: list[_Group]) -> int:
    return sum(group.unrolled for group in stack)


def _count(digits: str, pattern: str) -> int:
    if len(digits) > 6 or int(digits) > MAX_REPEAT:
        raise ConfigurationError(
            f"too big number for repeat range in {_short(pattern)}: Oniguruma (HF) and tokkit allow at most {MAX_REPEAT}"
        )
    return int(digits)


def _escape_end(pattern: str, i: int) -> int:
    """The end of the escape at ``i``, braces of ``\\p{..}``, ``\\x{..}`` and friends included."""
    end = min(i + 2, len(pattern))
    if pattern[i + 1:end] in ("p", "P", "x", "o", "N") and pattern.startswith("{", end):
        close = pattern.find("}", end)
        return len(pattern) if close < 0 else close + 1
    return end


def _class_end(pattern: str, i: int) -> int:
    """The end of the bracket class at ``i`` (Oniguruma nests classes: ``[a[b]]``)."""
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j = _escape_end(pattern, j)
            continue
        if c == "[":
            depth += 1
            if depth > MAX_NESTING:
                raise ConfigurationError(f"classes nested deeper than {MAX_NESTING} in {_short(pattern)}")
            j += 1
            if pattern.startswith("^", j):
                j += 1
            if pattern.startswith("]", j):
                j += 1  # a leading ] is literal
            continue
        j += 1
        if c == "]":
            depth -= 1
            if depth == 0:
                return j
    return len(pattern)


def _short(pattern: str) -> str:
    return repr(pattern) if len(pattern) <= 60 else repr(pattern[:57] + "...")
