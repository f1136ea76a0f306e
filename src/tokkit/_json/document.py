"""tokenizer.json as a document: HF's keys and their order, its version, each section read with its path.

This module knows the file's layout, not the components: the tokenizer
turns each section into a component through that family's registry.  Key
order is HF's (``version, truncation, padding, added_tokens, normalizer,
pre_tokenizer, post_processor, decoder, model``; HF: tokenizer/serialization.rs,
``serialize``).

>>> doc = read_document(parse_json('{"version": "1.0", "model": {"type": "WordLevel"}}'))
>>> read_sections(doc, {"model": dict, "normalizer": dict})
{'model': {'type': 'WordLevel'}}
>>> read_document(parse_json('{"model": {}, "vocab": {}}'))
Traceback (most recent call last):
...
tokkit._errors.SerializationError: vocab: unknown field `vocab`: HF's loader accepts only version, truncation, padding, added_tokens, normalizer, pre_tokenizer, post_processor, decoder, model; remove it
>>> list(write_document({"model": {}, "version": "1.0"}))[:3]
['version', 'truncation', 'padding']

Nothing in a tokenizer.json is ever executed: components are looked up by
their ``"type"`` in the per-family registries, and only registered classes
can be built.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from .._errors import SerializationError
from .._validation import describe
from .parse import parse_json

__all__ = ["KEYS", "VERSION", "NULLABLE", "parse_json", "read_document", "read_sections", "write_document",
           "component_json"]

KEYS = ("version", "truncation", "padding", "added_tokens", "normalizer", "pre_tokenizer", "post_processor",
        "decoder", "model")
VERSION = "1.0"
#: Sections HF reads as an ``Option``: ``null`` means none.  ``model`` and ``added_tokens`` refuse ``null``.
NULLABLE = frozenset(("truncation", "padding", "normalizer", "pre_tokenizer", "post_processor", "decoder"))


def read_document(data: Any) -> Mapping[str, Any]:
    """Check the top level of a parsed tokenizer.json as HF's ``TokenizerVisitor`` does.

    An object of the known keys only: HF's visitor does not skip the value of
    an unknown key, so any other key fails ("expected `,` or `}`").
    ``"version"`` may be missing; when present it is the string "1.0".  A
    ``"model"`` is required.
    """
    if not isinstance(data, Mapping):
        raise SerializationError(f"a tokenizer.json holds a JSON object, got {describe(data)}")
    for key in data:
        if key not in KEYS:
            raise SerializationError(
                f"unknown field `{key}`: HF's loader accepts only {', '.join(KEYS)}; remove it", (key,))
    for version in _occurrences(data, "version"):
        if not isinstance(version, str):
            raise SerializationError(f"expected a string (\"1.0\"), got {describe(version)}", ("version",))
        if version != VERSION:
            raise SerializationError(
                f"unknown tokenizer.json version {version[:20]!r}; tokkit reads version \"1.0\" (as HF 0.23 does)",
                ("version",))
    if data.get("model") is None:
        raise SerializationError('tokenizer.json has no "model" (or it is null); every tokenizer needs one')
    return data


def _occurrences(data: Mapping[str, Any], key: str) -> list[Any]:
    """Every value of ``key`` in file order: HF's visitor reads each one (a key given twice too)."""
    if key not in data:
        return []
    return [*getattr(data, "earlier", {}).get(key, ()), data[key]]


def read_sections(data: Mapping[str, Any], readers: Mapping[str, Callable[[Any], Any]]) -> dict[str, Any]:
    """Each present section through its reader (``null`` is None where HF allows it), errors located at the section.

    A key given twice is read twice, as HF's visitor does; the last value counts.

    >>> read_sections({"model": {"type": "BPE"}, "decoder": None}, {"model": dict, "decoder": dict})
    {'model': {'type': 'BPE'}, 'decoder': None}
    """
    sections: dict[str, Any] = {}
    for key, read in readers.items():
        for value in _occurrences(data, key):
            try:
                sections[key] = None if value is None and key in NULLABLE else read(value)
            except SerializationError as exc:
                raise exc.at(key) from None
    return sections


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
