"""tokenizer.json <-> Tokenizer, in HF's exact layout (HF: tokenizer/serialization.rs).

Key order is HF's: ``version, truncation, padding, added_tokens, normalizer,
pre_tokenizer, post_processor, decoder, model``.  On load the ids written in
``added_tokens`` are ignored, as HF ignores them: the tokens are re-added in
file order and get the model's id or the next free one (HF: tokenizer/serialization.rs, visit_map).

Nothing in a tokenizer.json is ever executed: components are looked up by
their ``"type"`` in the per-family registries, and only registered classes can
be built.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, Mapping

from ._errors import SerializationError
from .added_tokens import AddedToken

if TYPE_CHECKING:  # pragma: no cover
    from .tokenizer import Tokenizer

__all__ = ["tokenizer_to_dict", "tokenizer_from_dict", "parse_json"]

_KEYS = (
    "version",
    "truncation",
    "padding",
    "added_tokens",
    "normalizer",
    "pre_tokenizer",
    "post_processor",
    "decoder",
    "model",
)


def _component_dict(component: Any, family: str) -> Any:
    if component is None:
        return None
    to_dict = getattr(component, "to_dict", None)
    if to_dict is None:
        raise SerializationError(
            f"the {family} {component!r} cannot be serialized: custom components are not saved. "
            f"Register its class with tokkit.{family}s.register(\"Name\") and give it _fields, "
            f"or set tokenizer.{family} = None before saving"
        )
    return to_dict()


def tokenizer_to_dict(tokenizer: "Tokenizer") -> dict[str, Any]:
    """The whole tokenizer as HF's tokenizer.json object."""
    added = [token.to_dict(token_id) for token_id, token in tokenizer._added_vocabulary.ordered_tokens()]
    return {
        "version": "1.0",
        "truncation": tokenizer._truncation.to_json() if tokenizer._truncation else None,
        "padding": tokenizer._padding.to_json() if tokenizer._padding else None,
        "added_tokens": added,
        "normalizer": _component_dict(tokenizer.normalizer, "normalizer"),
        "pre_tokenizer": _component_dict(tokenizer.pre_tokenizer, "pre_tokenizer"),
        "post_processor": _component_dict(tokenizer.post_processor, "processor"),
        "decoder": _component_dict(tokenizer.decoder, "decoder"),
        "model": _component_dict(tokenizer.model, "model"),
    }


def parse_json(text: "str | bytes") -> Any:
    """``json.loads`` with an error that says what is wrong and where."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SerializationError(
            f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); "
            f"is the tokenizer.json file complete?"
        ) from None
    except UnicodeDecodeError as exc:
        raise SerializationError(f"tokenizer.json is not UTF-8: {exc}") from None


def _optional(data: Mapping[str, Any], key: str, build: Callable[[Any], Any]) -> Any:
    value = data.get(key)
    return None if value is None else build(value)


def _added_tokens(data: Mapping[str, Any]) -> list[AddedToken]:
    entries = data.get("added_tokens") or []
    if not isinstance(entries, list):
        raise SerializationError('"added_tokens" must be a list of objects')
    tokens = []
    for entry in entries:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("content"), str):
            raise SerializationError(
                f'each "added_tokens" entry needs a string "content", got {entry!r:.100}'
            )
        tokens.append(AddedToken.from_dict(dict(entry)))
    return tokens


def tokenizer_from_dict(data: Any) -> "Tokenizer":
    """Build a Tokenizer from a parsed tokenizer.json object."""
    from . import decoders, models, normalizers, pre_tokenizers, processors
    from .encoding import PaddingParams, TruncationParams
    from .tokenizer import Tokenizer

    if not isinstance(data, Mapping):
        raise SerializationError(
            f"a tokenizer.json must hold a JSON object, got {type(data).__name__}"
        )
    version = data.get("version")
    if version != "1.0":
        raise SerializationError(
            f"unknown tokenizer.json version {version!r}; tokkit reads version \"1.0\" (as HF 0.23 does)"
        )
    if data.get("model") is None:
        raise SerializationError('tokenizer.json has no "model"; every tokenizer needs one')
    tokenizer = Tokenizer(models.Model.from_dict(data["model"]))
    tokenizer.normalizer = _optional(data, "normalizer", normalizers.Normalizer.from_dict)
    tokenizer.pre_tokenizer = _optional(data, "pre_tokenizer", pre_tokenizers.PreTokenizer.from_dict)
    tokenizer.post_processor = _optional(data, "post_processor", processors.PostProcessor.from_dict)
    tokenizer.decoder = _optional(data, "decoder", decoders.Decoder.from_dict)
    tokenizer._truncation = _optional(data, "truncation", TruncationParams.from_json)
    tokenizer._padding = _optional(data, "padding", PaddingParams.from_json)
    tokenizer._added_vocabulary.add_tokens(_added_tokens(data), tokenizer.model, tokenizer.normalizer)
    return tokenizer
