"""tokenizer.json as a document: HF's key order, its version, and parsing with clear errors.

This module knows the file's layout, not the components: the tokenizer
turns each section into a component through that family's registry.  Key
order is HF's (``version, truncation, padding, added_tokens, normalizer,
pre_tokenizer, post_processor, decoder, model``; HF: tokenizer/serialization.rs,
``serialize``).

>>> doc = read_document(parse_json('{"version": "1.0", "model": {"type": "WordLevel"}}'))
>>> doc["model"], section(doc, "normalizer"), added_token_entries(doc)
({'type': 'WordLevel'}, None, [])
>>> list(write_document({"model": {}, "version": "1.0"}))[:3]
['version', 'truncation', 'padding']

Nothing in a tokenizer.json is ever executed: components are looked up by
their ``"type"`` in the per-family registries, and only registered classes
can be built.
"""

from __future__ import annotations

import json
from typing import Any, Mapping, Optional

from .._errors import SerializationError

__all__ = ["KEYS", "VERSION", "parse_json", "read_document", "section", "added_token_entries", "write_document",
           "component_json"]

KEYS = ("version", "truncation", "padding", "added_tokens", "normalizer", "pre_tokenizer", "post_processor",
        "decoder", "model")
VERSION = "1.0"


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


def read_document(data: Any) -> Mapping[str, Any]:
    """Check the top level of a parsed tokenizer.json: an object, version "1.0", a model."""
    if not isinstance(data, Mapping):
        raise SerializationError(f"a tokenizer.json must hold a JSON object, got {type(data).__name__}")
    version = data.get("version")
    if version != VERSION:
        raise SerializationError(
            f"unknown tokenizer.json version {version!r}; tokkit reads version \"1.0\" (as HF 0.23 does)"
        )
    if data.get("model") is None:
        raise SerializationError('tokenizer.json has no "model"; every tokenizer needs one')
    return data


def section(data: Mapping[str, Any], key: str) -> Optional[Any]:
    """A section's JSON, or None when it is missing or ``null``."""
    return data.get(key)


def added_token_entries(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The ``added_tokens`` entries, each an object with a string ``"content"``.

    Their ``"id"`` is not used: HF re-adds the tokens in file order, so each
    gets the model's id or the next free one (HF: tokenizer/serialization.rs, ``visit_map``).
    """
    entries = data.get("added_tokens") or []
    if not isinstance(entries, list):
        raise SerializationError('"added_tokens" must be a list of objects')
    for entry in entries:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("content"), str):
            raise SerializationError(f'each "added_tokens" entry needs a string "content", got {entry!r:.100}')
    return entries


def component_json(component: Any, family: str) -> Optional[dict[str, Any]]:
    """A component's JSON object (None stays None); a component without JSON cannot be saved."""
    if component is None:
        return None
    to_dict = getattr(component, "to_dict", None)
    if to_dict is None:
        raise SerializationError(
            f"the {family} {component!r} cannot be serialized: custom components are not saved. "
            f"Register its class with tokkit.{family}s.register(\"Name\") and give it _fields, "
            f"or set tokenizer.{family} = None before saving"
        )
    result: dict[str, Any] = to_dict()
    return result


def write_document(sections: Mapping[str, Any]) -> dict[str, Any]:
    """The sections in HF's key order (missing ones are ``null``; ``added_tokens`` an empty list)."""
    document = {key: sections.get(key) for key in KEYS}
    if document["added_tokens"] is None:
        document["added_tokens"] = []
    return document
