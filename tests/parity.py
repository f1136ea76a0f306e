"""Helpers to compare tokkit with HF tokenizers (the 0.23.3 wheel): ``tokkit.testing``'s, and the suite's own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tokenizers as hf

import tokkit
from tokkit.testing import ENCODING_FIELDS, assert_same_encoding, encoding_dict  # noqa: F401 - re-exported


def both_from_json(text: str) -> tuple[tokkit.Tokenizer, hf.Tokenizer]:
    return tokkit.Tokenizer.from_str(text), hf.Tokenizer.from_str(text)


def canonical(text: str) -> Any:
    return json.loads(text)


def load_both(name: str) -> tuple[tokkit.Tokenizer, hf.Tokenizer]:
    """``tests/data/<name>.json`` read by tokkit and by HF."""
    return both_from_json((Path(__file__).parent / "data" / f"{name}.json").read_text(encoding="utf-8"))


def every_field(encoding: Any) -> dict[str, Any]:
    """Every field of an encoding (``encoding_dict``, n_sequences), the overflowing encodings' too."""
    result = encoding_dict(encoding)
    result["n_sequences"] = encoding.n_sequences
    result["overflowing"] = [every_field(o) for o in encoding.overflowing]
    return result
