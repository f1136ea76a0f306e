"""Real pretrained tokenizer.json files (bert-base-uncased, gpt2) against HF on WikiText."""

from __future__ import annotations

import json

import pytest
import tokenizers as hf
from parity import assert_same_encoding, encoding_dict

from tokkit import Tokenizer

from conftest import DATA


@pytest.fixture(scope="module")
def wikitext_lines() -> list[str]:
    return (DATA / "wikitext-slice.txt").read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module", params=["bert-base-uncased.json", "gpt2.json"])
def pair(request) -> tuple[Tokenizer, hf.Tokenizer]:
    path = str(DATA / request.param)
    return Tokenizer.from_file(path), hf.Tokenizer.from_file(path)


def test_json_round_trip_is_byte_identical(pair) -> None:
    ours, theirs = pair
    assert ours.to_str() == theirs.to_str()
    assert ours.to_str(pretty=True) == theirs.to_str(pretty=True)


def test_wikitext_lines_encode_identically(pair, wikitext_lines) -> None:
    ours, theirs = pair
    for line in wikitext_lines:
        assert_same_encoding(ours.encode(line), theirs.encode(line), repr(line[:60]))


def test_wikitext_pairs_batches_and_decode(pair, wikitext_lines) -> None:
    ours, theirs = pair
    lines = [line for line in wikitext_lines if line.strip()][:60]
    pairs = list(zip(lines[::2], lines[1::2]))
    for tok in (ours, theirs):
        tok.enable_truncation(64, stride=8)
        tok.enable_padding(pad_to_multiple_of=8)
    try:
        a = [encoding_dict(e) for e in ours.encode_batch(pairs)]
        b = [encoding_dict(e) for e in theirs.encode_batch(pairs)]
        assert a == b
        ids = [e["ids"] for e in b]
        assert ours.decode_batch(ids) == theirs.decode_batch(ids)
        assert ours.decode_batch(ids, skip_special_tokens=False) == theirs.decode_batch(ids, skip_special_tokens=False)
    finally:
        for tok in (ours, theirs):
            tok.no_truncation()
            tok.no_padding()


def test_walkthrough_debug_helpers() -> None:
    bert = Tokenizer.from_file(str(DATA / "bert-base-uncased.json"))
    hf_bert = hf.Tokenizer.from_file(str(DATA / "bert-base-uncased.json"))
    assert bert.normalizer.normalize_str("Héllò hôw are ü?") == "hello how are u?"
    assert bert.pre_tokenizer.pre_tokenize_str("hello how are  u?") == hf_bert.pre_tokenizer.pre_tokenize_str(
        "hello how are  u?"
    )
    gpt2 = Tokenizer.from_file(str(DATA / "gpt2.json"))
    hf_gpt2 = hf.Tokenizer.from_file(str(DATA / "gpt2.json"))
    result = gpt2.pre_tokenizer.pre_tokenize_str("hello how are  u?")
    assert result[:2] == [("hello", (0, 5)), ("Ġhow", (5, 9))]
    assert result == hf_gpt2.pre_tokenizer.pre_tokenize_str("hello how are  u?")


def test_legacy_bert_model_json_is_rewritten_typed() -> None:
    raw = json.loads((DATA / "bert-base-uncased.json").read_text(encoding="utf-8"))
    assert "type" not in raw["model"]  # the file uses HF's legacy untyped model JSON
    ours = json.loads(Tokenizer.from_file(str(DATA / "bert-base-uncased.json")).to_str())
    assert ours["model"]["type"] == "WordPiece"
