"""Decoders: turn a list of token strings back into text (HF ``decoders/*``, 0.23.3).

``decode_chain(tokens)`` maps tokens to tokens (so decoders can be chained
in a ``Sequence``); ``decode(tokens)`` joins the chain's output.

>>> WordPiece().decode(["hello", "##s", "world", "!"])
'hellos world!'
>>> ByteLevel().decode(["Ġhello", "Ġw", "Ã©"])
' hello wé'

What this module does not do: map ids to tokens (the tokenizer does).
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Optional

from ._component import Component, CustomWrapper, from_dict_of, rust_repr
from ._errors import ConfigurationError, SerializationError
from ._regex import Regex, compile_pattern, pattern_from_json, pattern_to_json
from ._registry import Registry
from ._unicode import bytes_to_unicode
from .normalized import find_matches

__all__ = [
    "DECODERS", "register", "Decoder", "WordPiece", "ByteLevel", "Metaspace", "BPEDecoder",
    "CTC", "Replace", "ByteFallback", "Fuse", "Strip", "Sequence", "DecodeStream",
]  # fmt: skip

DECODERS: Registry["Decoder"] = Registry("decoder")
register = DECODERS.register


class _ArgumentTypeError(ConfigurationError, TypeError):
    """A wrong argument type (HF raises TypeError here)."""


def _check_str(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise _ArgumentTypeError(f"{name} must be a str, got {type(value).__name__}")
    return value


def _check_bool(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise _ArgumentTypeError(f"{name} must be a bool, got {type(value).__name__}")
    return value


def _check_char(value: Any, name: str) -> str:
    if not isinstance(value, str) or len(value) != 1:
        raise ConfigurationError(f"{name}: expected a string of length 1, got {value!r:.40}")
    return value


def _check_count(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"{name} must be a non-negative int, got {value!r:.40}")
    return value


def _field(data: Mapping[str, Any], name: str, check: Any, default: Any = ...) -> Any:
    """A JSON field through ``check``; missing without default -> SerializationError."""
    if name not in data:
        if default is ...:
            raise SerializationError(f"missing field `{name}` in {data.get('type', 'decoder')} JSON")
        return default
    try:
        return check(data[name], name)
    except ConfigurationError as exc:
        raise SerializationError(str(exc)) from None


class Decoder(Component):
    """Base class of decoders: implement ``decode_chain(tokens) -> tokens``."""

    _registry = DECODERS

    def decode_chain(self, tokens: list[str]) -> list[str]:
        raise NotImplementedError(f"{type(self).__name__} must implement decode_chain")

    def decode(self, tokens: list[str]) -> str:
        """Decode token strings into text (``decode_chain`` then join)."""
        return "".join(self.decode_chain(_token_list(tokens)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Decoder":
        """Build a decoder from JSON.

        Like HF, JSON without a known ``"type"`` is matched by shape (legacy
        files): BPEDecoder, WordPiece, CTC, Replace, then Strip fields.
        """
        if isinstance(data, Mapping) and data.get("type") not in DECODERS.names():
            for candidate in (BPEDecoder, WordPiece, CTC, Replace, Strip):
                try:
                    return candidate._from_json(data)
                except (SerializationError, ConfigurationError):
                    continue
            if "type" not in data:
                raise SerializationError(
                    f"decoder JSON has no \"type\" and matches no legacy decoder: {dict(data)!r:.160}"
                )
        return from_dict_of(DECODERS, data)

    @classmethod
    def custom(cls, decoder: Any) -> "Decoder":
        """Wrap a user object with a ``decode_chain(tokens) -> list[str]`` method.

        It works in a tokenizer but cannot be saved; to save one, register a
        ``Decoder`` subclass with ``tokkit.decoders.register("Name")``.
        """
        if not callable(getattr(decoder, "decode_chain", None)):
            raise ConfigurationError("Decoder.custom needs an object with a decode_chain(tokens) method")
        return _CustomDecoder(decoder)


def _token_list(tokens: Any) -> list[str]:
    if isinstance(tokens, str):
        raise _ArgumentTypeError("tokens must be a list of str, not a str (Can't extract `str` to `Vec`)")
    tokens = list(tokens)
    for token in tokens:
        if type(token) is not str and not isinstance(token, str):
            raise _ArgumentTypeError(f"'{type(token).__name__}' object is not an instance of 'str'")
    return tokens


class _CustomDecoder(CustomWrapper, Decoder):
    _family = "Decoder"

    def decode_chain(self, tokens: list[str]) -> list[str]:
        return list(self.inner.decode_chain(tokens))


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


# -- ByteLevel --------------------------------------------------------------------------
# One str.translate maps each byte-level char to the latin-1 char of its byte; any other
# char below 256 maps to U+0100 so that encode("latin-1") fails for tokens that are not
# made only of byte-level chars (HF uses their raw UTF-8 then).
_BYTE_TABLE = {ord(c): chr(b) for b, c in bytes_to_unicode().items()}
_BYTE_TABLE.update({i: "\u0100" for i in range(256) if i not in _BYTE_TABLE})


def _token_bytes(token: str) -> bytes:
    try:
        return token.translate(_BYTE_TABLE).encode("latin-1")
    except UnicodeEncodeError:
        return token.encode("utf-8")


@register("ByteLevel")
class ByteLevel(Decoder):
    """Map GPT-2 byte-level chars back to bytes and decode UTF-8 (invalid bytes become U+FFFD).

    A token with any char outside the byte map is used as its own UTF-8 bytes.
    The constructor ignores its arguments (HF); the JSON fields are kept.
    """

    _fields = ("add_prefix_space", "trim_offsets", "use_regex")

    def __init__(self, **kwargs: Any) -> None:
        self.add_prefix_space = True
        self.trim_offsets = True
        self.use_regex = True

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "ByteLevel":
        obj = cls()
        obj.add_prefix_space = _field(data, "add_prefix_space", _check_bool)
        obj.trim_offsets = _field(data, "trim_offsets", _check_bool)
        obj.use_regex = _field(data, "use_regex", _check_bool, True)
        return obj

    def decode_chain(self, tokens: list[str]) -> list[str]:
        data = b"".join([_token_bytes(t) for t in tokens])
        return [data.decode("utf-8", "replace")]


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


_BYTE_TOKEN = re.compile(r"<0x(\+?[0-9A-Fa-f]{1,2})>")  # Rust from_str_radix accepts a '+'


def _flush_bytes(pending: bytearray, out: list[str]) -> None:
    if not pending:
        return
    try:
        out.append(pending.decode("utf-8"))
    except UnicodeDecodeError:
        out.extend(["\ufffd"] * len(pending))  # HF: one U+FFFD per byte of an invalid run
    pending.clear()


@register("ByteFallback")
class ByteFallback(Decoder):
    """Decode runs of ``<0xHH>`` tokens as UTF-8; an invalid run gives one ``�`` per byte."""

    def __init__(self) -> None:
        pass

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "ByteFallback":
        return cls()

    def decode_chain(self, tokens: list[str]) -> list[str]:
        out: list[str] = []
        pending = bytearray()
        for token in tokens:
            match = _BYTE_TOKEN.fullmatch(token) if len(token) == 6 else None
            if match is not None and len(match.group(1)) == 2:
                pending.append(int(match.group(1), 16))
                continue
            _flush_bytes(pending, out)
            out.append(token)
        _flush_bytes(pending, out)
        return out


@register("Fuse")
class Fuse(Decoder):
    """Join all tokens into one."""

    def __init__(self) -> None:
        pass

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Fuse":
        return cls()

    def decode_chain(self, tokens: list[str]) -> list[str]:
        return ["".join(tokens)]


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


@register("Sequence")
class Sequence(Decoder):
    """Chain decoders: each one's ``decode_chain`` feeds the next."""

    _fields = ("decoders",)

    def __init__(self, decoders: list[Decoder]) -> None:
        if not isinstance(decoders, list):
            raise _ArgumentTypeError(f"'{type(decoders).__name__}' object is not an instance of 'list'")
        for decoder in decoders:
            if not isinstance(decoder, Decoder):
                raise _ArgumentTypeError(f"'{type(decoder).__name__}' object is not an instance of 'Decoder'")
        self.decoders = list(decoders)

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Sequence":
        items = data.get("decoders")
        if not isinstance(items, list):
            raise SerializationError(f"Sequence decoder needs a \"decoders\" array, got {items!r:.60}")
        return cls([Decoder.from_dict(item) for item in items])

    def decode_chain(self, tokens: list[str]) -> list[str]:
        for decoder in self.decoders:
            tokens = decoder.decode_chain(tokens)
        return tokens


class DecodeStream:
    """Decode ids one step at a time, emitting only complete new text (HF ``DecodeStream``).

    ``step`` returns the new text, or None while the output would end in an
    incomplete character (``�``).

    Args:
        ids: ids already generated (used as context, not emitted).
        skip_special_tokens: passed to ``tokenizer.decode``.
    """

    def __init__(self, ids: Optional[list[int]] = None, skip_special_tokens: bool = False) -> None:
        self.skip_special_tokens = bool(skip_special_tokens)
        self.ids: list[int] = list(ids or [])
        self.prefix = ""
        self.prefix_index = 0

    def step(self, tokenizer: Any, id: "int | list[int]") -> Optional[str]:
        new_ids = [id] if isinstance(id, int) else list(id)
        decode = lambda ids: tokenizer.decode(ids, skip_special_tokens=self.skip_special_tokens)  # noqa: E731
        if not self.prefix and self.ids:
            prefix = decode(self.ids)
            if not prefix.endswith("\ufffd"):
                self.prefix, self.prefix_index = prefix, len(self.ids)
        self.ids.extend(new_ids)
        text = decode(self.ids)
        # HF compares UTF-8 byte lengths.
        if len(text.encode("utf-8")) <= len(self.prefix.encode("utf-8")) or text.endswith("\ufffd"):
            return None
        if not text.startswith(self.prefix):
            raise ConfigurationError(
                f"Invalid prefix encountered while decoding stream. Token ID: {self.ids[-1]}, "
                f"Expected prefix: '{self.prefix}', Actual string: '{text}'"
            )
        new_text = text[len(self.prefix):]
        new_index = len(self.ids) - self.prefix_index
        self.ids = self.ids[self.prefix_index:]
        self.prefix = decode(self.ids)
        self.prefix_index = new_index
        return new_text

    def __copy__(self) -> "DecodeStream":
        clone = DecodeStream(self.ids, self.skip_special_tokens)
        clone.prefix, clone.prefix_index = self.prefix, self.prefix_index
        return clone

    def __deepcopy__(self, memo: Any) -> "DecodeStream":
        return self.__copy__()
