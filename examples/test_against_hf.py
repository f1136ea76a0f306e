"""A property-based test of your own tokenizer against HF tokenizers: run it with pytest.

    pip install -e ".[testing]"          # in the tokkit checkout: Hypothesis and HF tokenizers 0.23.3
    pytest examples/test_against_hf.py

Hypothesis draws adversarial text (combining marks, zero-width chars, whitespace
runs, CJK, emoji with ZWJ...) and ``assert_same_as_hf`` encodes it with tokkit
and with HF from the same tokenizer.json; a failure names the input, the field
and the first differing position.
"""

from __future__ import annotations

import json

from hypothesis import given, settings

from tokkit import Tokenizer
from tokkit.testing import assert_same_as_hf, strategies

VOCAB = ["[UNK]", "[CLS]", "[SEP]", "[PAD]", "the", "token", "##s", "##izer", "un", "##known", "a", "b", "c", "e",
         "##e", "##a", "##b", "##c", "中", "文", "!", "?"]  # fmt: skip

#: A BERT-style tokenizer of your own, as the tokenizer.json both libraries read.
CONFIG = json.dumps({
    "version": "1.0",
    "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                      "normalized": False, "special": True} for i, t in enumerate(VOCAB[:4])],
    "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                   "strip_accents": None, "lowercase": True},
    "pre_tokenizer": {"type": "BertPreTokenizer"},
    "post_processor": {"type": "BertProcessing", "sep": ["[SEP]", 2], "cls": ["[CLS]", 1]},
    "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
    "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
              "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(VOCAB)}},
})  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(strategies.texts())
def test_texts_encode_and_decode_like_hf(text: str) -> None:
    assert_same_as_hf(CONFIG, [text])


@settings(max_examples=40, deadline=None)
@given(strategies.adversarial_texts(), strategies.adversarial_texts())
def test_pairs_encode_like_hf(first: str, second: str) -> None:
    assert_same_as_hf(CONFIG, [(first, second)], pairs=True)


def test_with_truncation_like_hf() -> None:
    """A tokkit Tokenizer works too: HF loads its JSON (truncation included)."""
    tokenizer = Tokenizer.from_str(CONFIG)
    tokenizer.enable_truncation(6, stride=2)
    assert_same_as_hf(tokenizer, ["the tokenizers of the unknown", "中文 abc!"], fields=["ids", "overflowing"])
