"""Helpers to compare tokkit with HF tokenizers (the 0.23.3 wheel): ``tokkit.testing``'s, and two of the suite's own."""

from __future__ import annotations

import json
from typing import Any

import tokenizers as hf

import tokkit
from tokkit.testing import ENCODING_FIELDS, assert_same_encoding, encoding_dict  # noqa: F401 - re-exported


def both_from_json(text: str) -> tuple[tokkit.Tokenizer, hf.Tokenizer]:
    return tokkit.Tokenizer.from_str(text), hf.Tokenizer.from_str(text)


def canonical(text: str) -> Any:
    return json.loads(text)
