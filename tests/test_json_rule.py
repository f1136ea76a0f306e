"""One rule reads every family's JSON (``Registry.build``), and it gives HF's answer in every family.

A JSON object names its component by ``"type"``; without one, or with a type the
family does not know, HF's wrapper enums try their untagged variants in order.
Each case here loads with tokkit and with the HF wheel: both succeed with the
same component, or both fail.
"""

from __future__ import annotations

import json

import pytest
import tokenizers as hf

import tokkit

BPE = {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": [["a", "b"]]}
CASES = [
    # (section, JSON)
    ("model", {"type": "Foo", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": [["a", "b"]]}),  # HF: typed never falls back
    ("model", {"vocab": {"a": 0, "b": 1, "ab": 2}, "merges": [["a", "b"]]}),
    ("model", {"vocab": {"[UNK]": 0, "a": 1}, "unk_token": "[UNK]"}),
    ("model", {"type": "WordLevel", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": [["a", "b"]], "unk_token": "a"}),
    ("normalizer", {"type": "Foo", "strip_left": True, "strip_right": True}),
    ("normalizer", {"strip_left": True, "strip_right": False}),
    ("normalizer", {"type": "Bert", "clean_text": True, "handle_chinese_chars": True, "lowercase": True}),
    ("normalizer", {"type": "Foo"}),
    ("pre_tokenizer", {"type": "Foo"}),
    ("pre_tokenizer", {"type": "Foo", "individual_digits": True}),
    ("decoder", {"type": "Foo", "prefix": "##", "cleanup": True}),
    ("decoder", {"suffix": "</w>"}),
    ("decoder", {"type": "Foo"}),
    ("post_processor", {"type": "Foo", "sep": ["[SEP]", 1], "cls": ["[CLS]", 0]}),
    ("post_processor", {"type": "BertProcessing", "sep": ["[SEP]", 1], "cls": ["[CLS]", 0],
                        "trim_offsets": True, "add_prefix_space": True}),  # HF reads it as Roberta
    ("post_processor", {"sep": ["[SEP]", 1], "cls": ["[CLS]", 0]}),
    ("post_processor", {"type": "Foo"}),
]


def load(lib, section: str, value: dict):
    document = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": [], "normalizer": None,
                "pre_tokenizer": None, "post_processor": None, "decoder": None, "model": BPE}
    document[section] = value
    try:
        return repr(getattr(lib.Tokenizer.from_str(json.dumps(document)), section))
    except Exception as exc:  # noqa: BLE001 - HF raises a bare Exception here
        return type(exc)


@pytest.mark.parametrize("section, value", CASES, ids=[f"{s}-{json.dumps(v)[:40]}" for s, v in CASES])
def test_every_family_reads_json_like_hf(section, value):
    ours, theirs = load(tokkit, section, value), load(hf, section, value)
    if isinstance(theirs, type):
        assert isinstance(ours, type) and issubclass(ours, tokkit.SerializationError), ours
    else:
        assert ours == theirs
