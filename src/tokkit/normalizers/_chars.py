"""Simple normalizers: Lowercase, Strip, StripAccents, Prepend, Replace.

What this module does not do: Unicode normalization forms (``_forms``).
"""

from __future__ import annotations

from typing import Any, Mapping

from .._unicode import normalization as un
from .._errors import ConfigurationError
from .._unicode.oniguruma import Regex, compile_pattern, pattern_from_json, pattern_to_json
from .._unicode import WHITESPACE_CHARS
from ..normalized import NormalizedString, find_matches
from ._base import Normalizer, _ArgumentTypeError, _check, _required, register

__all__ = ["Lowercase", "Strip", "StripAccents", "Prepend", "Replace"]


@register("Lowercase")
class Lowercase(Normalizer):
    """Rust ``char::to_lowercase`` per char: full mappings, no final-sigma rule.

    >>> Lowercase().normalize_str("İΣ")
    'i̇σ'
    """

    def normalize(self, normalized: NormalizedString) -> None:
        _lowercase(normalized)

    def normalize_str(self, sequence: str) -> str:
        return un.lowercase(_check(sequence, str, "sequence"))


def _map_same_length(normalized: NormalizedString, mapped: str) -> None:
    """Install a char-for-char mapping of the normalized text.

    HF does such maps with ``transform`` and a change of 0 per char, which
    leaves every alignment as it was; so only the text changes.
    """
    if len(mapped) != len(normalized.normalized):
        raise ValueError("_map_same_length needs a one-to-one mapping")
    normalized.normalized = mapped


def _lowercase(normalized: NormalizedString) -> None:
    lowered = un.lowercase(normalized.normalized)
    if len(lowered) == len(normalized.normalized):
        _map_same_length(normalized, lowered)  # every char mapped to exactly one char
    else:
        normalized.lowercase()  # some char grew (İ -> i̇): the per-char transform


_WHITESPACE = "".join(sorted(WHITESPACE_CHARS))


@register("Strip")
class Strip(Normalizer):
    """Trim Unicode White_Space (Rust ``char::is_whitespace``) on the left and/or right.

    Args:
        left: strip the start (JSON ``strip_left``).
        right: strip the end (JSON ``strip_right``).

    >>> Strip(right=False).normalize_str(" \\u3000 hi ")
    'hi '
    """

    _fields = ("strip_left", "strip_right")

    def __init__(self, left: bool = True, right: bool = True) -> None:
        self.strip_left = _check(left, bool, "left")
        self.strip_right = _check(right, bool, "right")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Strip":
        _required(data, "strip_left", "strip_right")
        return cls(data["strip_left"], data["strip_right"])

    # HF's Python attributes are ``left``/``right``; the JSON keys are ``strip_*``.
    left = property(lambda self: self.strip_left, lambda self, v: setattr(self, "strip_left", _check(v, bool, "left")))
    right = property(lambda self: self.strip_right, lambda self, v: setattr(self, "strip_right", _check(v, bool, "right")))

    def normalize(self, normalized: NormalizedString) -> None:
        normalized._lrstrip(self.strip_left, self.strip_right)

    def normalize_str(self, sequence: str) -> str:
        _check(sequence, str, "sequence")
        if self.strip_left and self.strip_right:
            return sequence.strip(_WHITESPACE)
        if self.strip_left:
            return sequence.lstrip(_WHITESPACE)
        return sequence.rstrip(_WHITESPACE) if self.strip_right else sequence


@register("StripAccents")
class StripAccents(Normalizer):
    """Remove combining marks (M*, Unicode 9.0).  It does **not** decompose first.

    >>> StripAccents().normalize_str("é"), StripAccents().normalize_str("e\\u0301")
    ('é', 'e')
    """

    def normalize(self, normalized: NormalizedString) -> None:
        if un.has_combining_mark(normalized.normalized):
            normalized.filter(lambda c: not un.is_combining_mark(c))

    def normalize_str(self, sequence: str) -> str:
        return un.strip_marks(_check(sequence, str, "sequence"))


@register("Prepend")
class Prepend(Normalizer):
    """Put ``prepend`` in front of non-empty text; it takes the first char's span.

    >>> Prepend().normalize_str("hi"), Prepend().normalize_str("")
    ('▁hi', '')
    """

    _fields = ("prepend",)

    def __init__(self, prepend: str = "▁") -> None:
        self.prepend = _check(prepend, str, "prepend")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Prepend":
        _required(data, "prepend")
        return cls(data["prepend"])

    def normalize(self, normalized: NormalizedString) -> None:
        normalized.prepend(self.prepend)

    def normalize_str(self, sequence: str) -> str:
        return self.prepend + sequence if _check(sequence, str, "sequence") else sequence


class _PatternRepr:
    """Shows a Replace pattern as HF does: ``String("a")`` or ``Regex("a+")``."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern

    def __repr__(self) -> str:
        from .._json.component import rust_repr

        kind, value = next(iter(pattern_to_json(self.pattern).items()))
        return f"{kind}({rust_repr(value)})"


@register("Replace")
class Replace(Normalizer):
    """Replace every match of ``pattern`` (a literal ``str`` or a ``Regex``) by ``content``.

    The new chars take the span of the **last** char of the match, as in HF.

    >>> Replace("ll", "L").normalize_str("hello"), Replace(Regex(r"\\s+"), " ").normalize_str("a \\t b")
    ('heLo', 'a b')
    """

    _fields = ("pattern", "content")

    def __init__(self, pattern: "str | Regex", content: str) -> None:
        if not isinstance(pattern, (str, Regex)):
            raise _ArgumentTypeError(f"pattern must be a str or tokkit.Regex, got {type(pattern).__name__}")
        self._pattern = pattern
        self._compiled = compile_pattern(pattern)
        self.content = _check(content, str, "content")

    @property
    def pattern(self) -> "str | Regex":
        return self._pattern

    @pattern.setter
    def pattern(self, value: Any) -> None:  # HF: the compiled regex is fixed at construction
        raise ConfigurationError("Cannot set pattern, please instantiate a new Replace instead")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Replace":
        _required(data, "pattern", "content")
        return cls(pattern_from_json(data["pattern"]), data["content"])

    def _json_fields(self) -> dict[str, Any]:
        return {"pattern": pattern_to_json(self._pattern), "content": self.content}

    def _repr_fields(self) -> list[tuple[str, Any]]:
        return [("pattern", _PatternRepr(self._pattern)), ("content", self.content)]

    def normalize(self, normalized: NormalizedString) -> None:
        normalized.replace(self._compiled, self.content)

    def normalize_str(self, sequence: str) -> str:
        _check(sequence, str, "sequence")
        if isinstance(self._compiled, str):
            # str.replace is the same leftmost, non-overlapping scan; "" matches nothing in HF.
            return sequence.replace(self._compiled, self.content) if self._compiled else sequence
        pieces = find_matches(self._compiled, sequence)
        return "".join(self.content if hit else sequence[a:b] for (a, b), hit in pieces)
