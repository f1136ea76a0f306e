"""The plain-string encode fast path must give exactly the aligned path's Encoding."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parity import encoding_dict
from strategies import texts

from tokkit import Tokenizer, _pipeline
from tokkit._fast import FastEncoder

ASCII = st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=60)

NORMALIZERS = [
    None,
    {"type": "Sequence", "normalizers": [{"type": "NFD"}, {"type": "Lowercase"}, {"type": "StripAccents"}]},
    {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None,
     "lowercase": True},
    {"type": "Strip", "strip_left": True, "strip_right": True},
    {"type": "Replace", "pattern": {"String": "ab"}, "content": "x"},
    {"type": "Nmt"},
]
PRE_TOKENIZERS = [
    None,
    {"type": "BertPreTokenizer"},
    {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, {"type": "Punctuation", "behavior": "Isolated"}]},
    {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": True},
    {"type": "Digits", "individual_digits": True},
]
VOCAB = {c: i for i, c in enumerate(["[UNK]"] + [chr(c) for c in range(32, 127)] + ["##" + chr(c) for c in range(97, 123)]
                                  + ["ab", "##ab", "the", "▁", "▁a"])}


def tokenizer(normalizer, pre_tokenizer) -> Tokenizer:
    return Tokenizer.from_str(json.dumps({
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": [],
        "normalizer": normalizer, "pre_tokenizer": pre_tokenizer, "post_processor": None, "decoder": None,
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": VOCAB},
    }))


@pytest.mark.parametrize("n", range(len(NORMALIZERS)))
@pytest.mark.parametrize("p", range(len(PRE_TOKENIZERS)))
@given(text=st.one_of(ASCII, texts))
def test_fast_path_equals_aligned_path(n: int, p: int, text: str) -> None:
    tok = tokenizer(NORMALIZERS[n], PRE_TOKENIZERS[p])
    fast = FastEncoder(tok).encode(text, 0)
    aligned = _pipeline.encode_aligned(tok, text, 0)
    if fast is not None:
        assert encoding_dict(fast) == encoding_dict(aligned)
    assert encoding_dict(_pipeline.encode_text(tok, text, 0)) == encoding_dict(aligned)


def test_fast_path_is_taken_for_plain_ascii() -> None:
    tok = tokenizer(NORMALIZERS[1], PRE_TOKENIZERS[2])
    tok.add_special_tokens(["[UNK]", "[CLS]"])
    fast = FastEncoder(tok)
    assert fast.encode("Hello, the world!", 0) is not None
    assert fast.encode("Hello [CLS] world", 0) is None  # an added token occurs: aligned path
    assert fast.encode("héllo", 0) is None
