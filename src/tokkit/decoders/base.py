"""The decoder base class, its registry, and the argument and JSON field checks the decoders share."""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import ArgumentTypeError, ConfigurationError, SerializationError
from .._json.component import Component, CustomWrapper, from_dict_of
from .._json.registry import Registry

__all__ = ["DECODERS", "register", "Decoder"]

DECODERS: Registry["Decoder"] = Registry("decoder")
register = DECODERS.register


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
            from .bpe import BPEDecoder
            from .ctc import CTC
            from .replace import Replace
            from .strip import Strip
            from .wordpiece import WordPiece  # imported here: _text imports this module

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
        raise ArgumentTypeError("tokens must be a list of str, not a str (Can't extract `str` to `Vec`)")
    tokens = list(tokens)
    for token in tokens:
        if type(token) is not str and not isinstance(token, str):
            raise ArgumentTypeError(f"'{type(token).__name__}' object is not an instance of 'str'")
    return tokens


class _CustomDecoder(CustomWrapper, Decoder):
    _family = "Decoder"

    def decode_chain(self, tokens: list[str]) -> list[str]:
        return list(self.inner.decode_chain(tokens))
