"""Replace decoder: every match of a literal or a Regex becomes the content (HF ``normalizers/replace.rs``, ``decode_chain``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import ArgumentTypeError
from .._json.component import rust_repr
from .._unicode.oniguruma import Regex, compile_pattern, pattern_from_json, pattern_to_json
from .._validation import check_str, json_field, json_str
from ..normalized import find_matches
from .base import Decoder, register

__all__ = ["Replace"]


@register("Replace")
class Replace(Decoder):
    """Replace every match of ``pattern`` (a literal str or a ``Regex``) in each token.

    >>> Replace("▁", " ").decode(["▁Hello", "▁world"])
    ' Hello world'
    """

    _fields = ("pattern", "content")

    def __init__(self, pattern: "str | Regex", content: str) -> None:
        if not isinstance(pattern, (str, Regex)):
            raise ArgumentTypeError(f"pattern must be a str or tokkit.Regex, got {type(pattern).__name__}")
        self.pattern = pattern
        self.content = check_str(content, "content")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Replace":
        pattern = json_field(data, "pattern", lambda value, _name: pattern_from_json(value))
        return cls(pattern, json_field(data, "content", json_str))

    def _json_fields(self) -> dict[str, Any]:
        return {"pattern": pattern_to_json(self.pattern), "content": self.content}

    def __repr__(self) -> str:
        kind = "Regex" if isinstance(self.pattern, Regex) else "String"
        text = self.pattern.pattern if isinstance(self.pattern, Regex) else self.pattern
        return f"Replace(pattern={kind}({rust_repr(text)}), content={rust_repr(self.content)})"

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Replace every match of the pattern by the content, in each token.

        >>> Replace("▁", " ").decode_chain(["▁Hello", "▁world"])
        [' Hello', ' world']
        """
        compiled = compile_pattern(self.pattern)
        out = []
        for token in tokens:
            pieces = find_matches(compiled, token)
            out.append("".join(self.content if hit else token[s:e] for (s, e), hit in pieces))
        return out
