"""The decoder base class, its registry, and the argument and JSON field checks the decoders share."""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

from .._errors import ArgumentTypeError, ConfigurationError
from .._json.component import Component, CustomWrapper
from .._json.registry import Registry

__all__ = ["DECODERS", "register", "Decoder"]

# HF: decoders/mod.rs (DecoderWrapper): untyped JSON is tried as these variants, in this order.
DECODERS: Registry["Decoder"] = Registry("decoder", untagged=("BPEDecoder", "WordPiece", "CTC", "Replace", "Strip"))
register = DECODERS.register


class Decoder(Component):
    """Base class of decoders: implement ``decode_chain(tokens) -> tokens``.

    >>> from tokkit.decoders import WordPiece
    >>> WordPiece().decode(["un", "##aff", "##able", "!"])
    'unaffable!'
    """

    _registry: ClassVar[Registry["Decoder"]] = DECODERS

    def decode_chain(self, tokens: list[str]) -> list[str]:
        """Turn tokens into the pieces of text they decode to; ``decode`` joins the pieces.

        Subclasses implement this (HF's ``decode_chain``); a ``Sequence`` chains them.

        >>> from tokkit.decoders import WordPiece
        >>> WordPiece().decode_chain(["hel", "##lo", "you"])
        ['hel', 'lo', ' you']
        """
        raise NotImplementedError(f"{type(self).__name__} must implement decode_chain")

    def decode(self, tokens: list[str]) -> str:
        """Decode token strings into text (``decode_chain`` then join).

        >>> from tokkit.decoders import Metaspace
        >>> Metaspace().decode(["▁Hello", "▁wor", "ld"])
        'Hello world'
        """
        return "".join(self.decode_chain(_token_list(tokens)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Decoder":
        """Build a decoder from its JSON object (the family registry's rule).

        >>> Decoder.from_dict({"type": "WordPiece", "prefix": "##", "cleanup": True}).decode(["hi", "##ya", "!"])
        'hiya!'
        """
        return cls._registry.build(data)

    @classmethod
    def custom(cls, decoder: Any) -> "Decoder":
        """Wrap a user object with a ``decode_chain(tokens) -> list[str]`` method.

        It works in a tokenizer but cannot be saved; to save one, register a
        ``Decoder`` subclass with ``tokkit.decoders.register("Name")``.

        >>> class Shout:
        ...     def decode_chain(self, tokens):
        ...         return [t.upper() for t in tokens]
        >>> Decoder.custom(Shout()).decode(["a", "b"])
        'AB'
        """
        if not callable(getattr(decoder, "decode_chain", None)):
            raise ConfigurationError("Decoder.custom needs an object with a decode_chain(tokens) method")
        return _CustomDecoder(decoder)


def _token_list(tokens: Any) -> list[str]:
    if isinstance(tokens, str):
        raise ArgumentTypeError("tokens must be a list of str, not a str (Can't extract `str` to `Vec`)")
    token_list: list[str] = list(tokens)
    for token in token_list:
        if type(token) is not str and not isinstance(token, str):
            raise ArgumentTypeError(f"'{type(token).__name__}' object is not an instance of 'str'")
    return token_list


# CustomWrapper hashes by identity, over Component's ``__hash__ = None``: mypy cannot accept a
# subclass making an unhashable base hashable again.
class _CustomDecoder(CustomWrapper, Decoder):  # type: ignore[misc]
    _family = "Decoder"

    def decode_chain(self, tokens: list[str]) -> list[str]:
        return list(self.call_inner("decode_chain", tokens))
