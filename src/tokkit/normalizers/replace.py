"""Replace: every match of a literal or a Regex becomes the content (HF ``normalizers/replace.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import ArgumentTypeError, ConfigurationError
from .._json.serde_repr import Newtype
from .._unicode.oniguruma import Regex, compile_pattern, pattern_from_json, pattern_to_json
from .._validation import check_type, json_field, json_str
from ..capabilities import NormalizerFastPath, OneToOne
from ..normalized import NormalizedString, find_matches
from .base import Normalizer, register

__all__ = ["Replace"]


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
            raise ArgumentTypeError(f"pattern must be a str or tokkit.Regex, got {type(pattern).__name__}")
        self._pattern = pattern
        self._compiled = compile_pattern(pattern)
        self.content = check_type(content, str, "content")

    @property
    def pattern(self) -> "str | Regex":
        """Refused, as in HF: the pattern is shown by ``repr()`` and saved by ``to_str()``.

        >>> Replace("a", "b").pattern
        Traceback (most recent call last):
        ...
        tokkit._errors.ConfigurationError: Cannot get pattern: it is shown by repr() and saved in to_str()
        """
        # HF's getter refuses (its Regex is not shareable back to Python); its own tests expect the error.
        raise ConfigurationError("Cannot get pattern: it is shown by repr() and saved in to_str()")

    @pattern.setter
    def pattern(self, value: Any) -> None:  # HF: the compiled regex is fixed at construction
        raise ConfigurationError("Cannot set pattern, please instantiate a new Replace instead")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Replace":
        pattern = json_field(data, "pattern", lambda value, _name: pattern_from_json(value))
        return cls(pattern, json_field(data, "content", json_str))

    def _json_fields(self) -> dict[str, Any]:
        return {"pattern": pattern_to_json(self._pattern), "content": self.content}

    def _repr_fields(self) -> list[tuple[str, Any]]:
        kind, value = next(iter(pattern_to_json(self._pattern).items()))
        return [("pattern", Newtype(kind, value)), ("content", self.content)]  # HF: String("a") / Regex("a+")

    def normalize(self, normalized: NormalizedString) -> None:
        """Replace every match by the content in place; the new chars take the span of what they replace.

        >>> from tokkit import NormalizedString
        >>> ns = NormalizedString("hello")
        >>> Replace("ll", "L").normalize(ns); ns.normalized
        'heLo'
        """
        normalized.replace(self._compiled, self.content)

    def normalize_str(self, sequence: str) -> str:
        """The text with every match replaced (leftmost, non-overlapping).

        >>> Replace("ll", "L").normalize_str("hello hell")
        'heLo heL'
        """
        check_type(sequence, str, "sequence")
        if isinstance(self._compiled, str):
            # str.replace is the same leftmost, non-overlapping scan.
            return sequence.replace(self._compiled, self.content)
        pieces = find_matches(self._compiled, sequence)
        return "".join(self.content if hit else sequence[a:b] for (a, b), hit in pieces)

    def fast_path(self) -> NormalizerFastPath:
        """What the encode fast path may assume: one literal char replaced by one char keeps every span.

        >>> Replace("a", "b").fast_path().new_chars
        'b'
        """
        # Replacing one literal char by one char keeps every char's span.
        literal = isinstance(self._pattern, str) and len(self._pattern) == 1  # "" inserts at every position
        one_to_one = OneToOne.ANY_TEXT if literal and len(self.content) == 1 else OneToOne.NEVER
        return NormalizerFastPath(one_to_one, new_chars=self.content)
