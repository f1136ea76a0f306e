"""Helpers to compare tokkit with HF tokenizers (the 0.23.3 wheel) field by field."""

from __future__ import annotations

import json
from typing import Any

import tokenizers as hf

import tokkit

ENCODING_FIELDS = (
    "ids",
    "type_ids",
    "tokens",
    "offsets",
    "attention_mask",
    "special_tokens_mask",
    "word_ids",
    "sequence_ids",
)


def encoding_dict(encoding: Any, with_overflow: bool = True) -> dict[str, Any]:
    """Every observable field of an Encoding (HF's or tokkit's), overflowing included."""
    out = {name: list(getattr(encoding, name)) for name in ENCODING_FIELDS}
    out["n_sequences"] = encoding.n_sequences
    if with_overflow:
        out["overflowing"] = [encoding_dict(o, with_overflow=True) for o in encoding.overflowing]
    return out


def both_from_json(text: str) -> tuple[tokkit.Tokenizer, hf.Tokenizer]:
    return tokkit.Tokenizer.from_str(text), hf.Tokenizer.from_str(text)


def assert_same_encoding(ours: Any, theirs: Any, context: str = "") -> None:
    a, b = encoding_dict(ours), encoding_dict(theirs)
    if a != b:
        for key in a:
            if a[key] != b[key]:
                raise AssertionError(f"{context}: field {key!r} differs\n tokkit: {a[key]!r}\n HF:     {b[key]!r}")
    assert a == b


def canonical(text: str) -> Any:
    return json.loads(text)
