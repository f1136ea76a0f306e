"""Decoders that rewrite token text: WordPiece, Metaspace, BPEDecoder, CTC, Replace, Strip."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from .._json.component import rust_repr
from .._errors import ConfigurationError, SerializationError
from .._unicode.oniguruma import Regex, compile_pattern, pattern_from_json, pattern_to_json
from ..normalized import find_matches
from ._base import Decoder, _ArgumentTypeError, _check_bool, _check_char, _check_count, _check_str, _field, register

__all__ = ["WordPiece", "Metaspace", "BPEDecoder", "CTC", "Replace", "Strip", "cleanup"]


# -- WordPiece ------------------------------------------------------------------------
_CLEANUPS = (
    (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"),
    (" 'm", "'m"), (" do not", " don't"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
)  # fmt: skip


def cleanup(text: str) -> str:
    """HF's wordpiece cleanup: drop the space before punctuation and English contractions.

    >>> cleanup(" do not"), cleanup(" ' "), cleanup("a , b")
    (" don't", "'", 'a, b')
    """
    if " " not in text:  # every pattern starts with a space
        return text
    for old, new in _CLEANUPS:
        text = text.replace(old, new)
    return text


@register("WordPiece")
class WordPiece(Decoder):
    """Join WordPiece tokens: drop the continuation ``prefix``, else add a space.

    Args:
        prefix: the continuing-subword prefix.
        cleanup: apply :func:`cleanup` to **each token** (after the prefix step), as HF does.
    """

    _fields = ("prefix", "cleanup")

    def __init__(self, prefix: str = "##", cleanup: bool = True) -> None:
        self.prefix = _check_str(prefix, "prefix")
        self.cleanup = _check_bool(cleanup, "cleanup")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "WordPiece":
        return cls(_field(data, "prefix", _check_str), _field(data, "cleanup", _check_bool))

    def decode_chain(self, tokens: list[str]) -> list[str]:
        prefix, size, out = self.prefix, len(self.prefix), []
        for i, token in enumerate(tokens):
            if i:
                token = token[size:] if token.startswith(prefix) else " " + token
            out.append(cleanup(token) if self.cleanup else token)
        return out

# -- Metaspace ---------------------------------------------------------------------------
_SCHEMES = ("first", "never", "always")


def _check_scheme(value: Any, name: str = "prepend_scheme") -> str:
    if value not in _SCHEMES:
        raise ConfigurationError(f"{value} is an unknown variant, should be one of ['first', 'never', 'always']")
    return value


@register("Metaspace")
class Metaspace(Decoder):
    """Turn ``replacement`` chars back into spaces.

    In the first token **every** replacement char is deleted unless
    ``prepend_scheme == "never"`` (HF, trap 15): ``["▁a▁b", "▁c"]`` -> ``"ab c"``.
    """

    _fields = ("replacement", "prepend_scheme", "split")

    def __init__(self, replacement: str = "\u2581", prepend_scheme: str = "always", split: bool = True) -> None:
        self.replacement = _check_char(replacement, "replacement")
        self.prepend_scheme = _check_scheme(prepend_scheme)
        self.split = _check_bool(split, "split")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Metaspace":
        replacement = _field(data, "replacement", _check_char)
        scheme = _field(data, "prepend_scheme", _check_scheme, "always")
        split = _field(data, "split", _check_bool, True)
        # Legacy add_prefix_space=false means "never", and must agree with the scheme (HF).
        if _field(data, "add_prefix_space", lambda v, n: v, None) is False:
            if scheme != "never":
                raise SerializationError("add_prefix_space does not match declared prepend_scheme")
        return cls(replacement, scheme, split)

    def __repr__(self) -> str:
        return (
            f"Metaspace(replacement={rust_repr(self.replacement)}, "
            f"prepend_scheme={self.prepend_scheme}, split={self.split!r})"
        )

    def decode_chain(self, tokens: list[str]) -> list[str]:
        rep = self.replacement
        out = [t.replace(rep, " ") for t in tokens]
        if tokens and self.prepend_scheme != "never":
            out[0] = tokens[0].replace(rep, "")
        return out


# -- simple per-token decoders --------------------------------------------------------------
@register("BPEDecoder")
class BPEDecoder(Decoder):
    """Replace the end-of-word ``suffix`` by a space (by nothing in the last token)."""

    _fields = ("suffix",)

    def __init__(self, suffix: str = "</w>") -> None:
        self.suffix = _check_str(suffix, "suffix")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "BPEDecoder":
        return cls(_field(data, "suffix", _check_str))

    def decode_chain(self, tokens: list[str]) -> list[str]:
        last = len(tokens) - 1
        return [t.replace(self.suffix, "" if i == last else " ") for i, t in enumerate(tokens)]


@register("CTC")
class CTC(Decoder):
    """CTC output: merge repeated tokens, drop ``pad_token``, then (with ``cleanup``)
    wordpiece-cleanup and turn ``word_delimiter_token`` into spaces; empty tokens are dropped.
    """

    _fields = ("pad_token", "word_delimiter_token", "cleanup")

    def __init__(self, pad_token: str = "<pad>", word_delimiter_token: str = "|", cleanup: bool = True) -> None:
        self.pad_token = _check_str(pad_token, "pad_token")
        self.word_delimiter_token = _check_str(word_delimiter_token, "word_delimiter_token")
        self.cleanup = _check_bool(cleanup, "cleanup")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "CTC":
        return cls(
            _field(data, "pad_token", _check_str), _field(data, "word_delimiter_token", _check_str),
            _field(data, "cleanup", _check_bool),
        )  # fmt: skip

    def decode_chain(self, tokens: list[str]) -> list[str]:
        out = []
        previous: Optional[str] = None
        for token in tokens:
            if token == previous:
                continue
            previous = token
            text = token.replace(self.pad_token, "")
            if self.cleanup:
                text = cleanup(text).replace(self.word_delimiter_token, " ")
            if text:
                out.append(text)
        return out


@register("Replace")
class Replace(Decoder):
    """Replace every match of ``pattern`` (a literal str or a ``Regex``) in each token."""

    _fields = ("pattern", "content")

    def __init__(self, pattern: "str | Regex", content: str) -> None:
        if not isinstance(pattern, (str, Regex)):
            raise _ArgumentTypeError(f"pattern must be a str or tokkit.Regex, got {type(pattern).__name__}")
        self.pattern = pattern
        self.content = _check_str(content, "content")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Replace":
        if "pattern" not in data:
            raise SerializationError("missing field `pattern` in Replace JSON")
        return cls(pattern_from_json(data["pattern"]), _field(data, "content", _check_str))

    def _json_fields(self) -> dict[str, Any]:
        return {"pattern": pattern_to_json(self.pattern), "content": self.content}

    def __repr__(self) -> str:
        kind = "Regex" if isinstance(self.pattern, Regex) else "String"
        text = self.pattern.pattern if isinstance(self.pattern, Regex) else self.pattern
        return f"Replace(pattern={kind}({rust_repr(text)}), content={rust_repr(self.content)})"

    def decode_chain(self, tokens: list[str]) -> list[str]:
        compiled = compile_pattern(self.pattern)
        out = []
        for token in tokens:
            pieces = find_matches(compiled, token)
            out.append("".join(self.content if hit else token[s:e] for (s, e), hit in pieces))
        return out

@register("Strip")
class Strip(Decoder):
    """Remove up to ``left`` copies of ``content`` from the start of each token, ``right`` from the end.

    Where HF panics (a token stripped away entirely with a larger ``right``),
    tokkit gives the empty token.
    """

    _fields = ("content", "start", "stop")

    def __init__(self, content: str = " ", left: int = 0, right: int = 0) -> None:
        self.content = _check_char(content, "content")
        self.start = _check_count(left, "left")
        self.stop = _check_count(right, "right")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Strip":
        return cls(
            _field(data, "content", _check_char), _field(data, "start", _check_count),
            _field(data, "stop", _check_count),
        )  # fmt: skip

    def decode_chain(self, tokens: list[str]) -> list[str]:
        out = []
        for token in tokens:
            head = len(token) - len(token.lstrip(self.content))
            tail = len(token) - len(token.rstrip(self.content))
            start = min(head, self.start)
            stop = len(token) - min(tail, self.stop)
            out.append(token[start:stop] if start < stop else "")
        return out
