"""Real pretrained tokenizer.json files against HF on WikiText and multilingual text.

Files: bert-base-uncased (WordPiece), gpt2 (byte-level BPE), phi-3 (byte-fallback
BPE with a Prepend/Replace normalizer and 14 added tokens), t5-small (Unigram with
the Precompiled normalizer). Each is loaded from the same file by tokkit and by HF,
and every observable result is compared: single and pair encodes with and without
special tokens, batches with truncation (both directions, every strategy) and
padding, decode/decode_batch, the JSON (byte for byte) and HF loading tokkit's JSON.
"""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest
import tokenizers as hf
from parity import assert_same_encoding, encoding_dict

from tokkit import Tokenizer
from tokkit.testing import DEFAULT_FIELDS, assert_same_as_hf

from conftest import DATA

FILES = ["bert-base-uncased.json", "gpt2.json", "phi-3.json", "t5-small.json"]

#: The pad token each model's HF ``transformers`` tokenizer uses (gpt2 has none: eos).
PAD_TOKENS = {
    "bert-base-uncased.json": "[PAD]",
    "gpt2.json": "<|endoftext|>",
    "phi-3.json": "<|endoftext|>",
    "t5-small.json": "<pad>",
}


def _read_lines(name: str) -> list[str]:
    # newline="" keeps \r and the other line-break-like chars inside lines; only "\n" splits.
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return f.read().split("\n")


@pytest.fixture(scope="module")
def wikitext_lines() -> list[str]:
    return _read_lines("wikitext-slice.txt")


@pytest.fixture(scope="module")
def multilingual_lines() -> list[str]:
    return _read_lines("multilingual.txt")


@pytest.fixture(scope="module")
def all_lines(wikitext_lines, multilingual_lines) -> list[str]:
    return wikitext_lines + multilingual_lines


@pytest.fixture(scope="module", params=FILES)
def pair(request) -> tuple[Tokenizer, hf.Tokenizer]:
    path = str(DATA / request.param)
    return Tokenizer.from_file(path), hf.Tokenizer.from_file(path)


def _outcome(fn: Callable[[], Any]) -> tuple[str, Any]:
    """``("ok", result)`` or ``("error", None)``: HF panics (a BaseException) on some truncations."""
    try:
        return "ok", fn()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - pyo3's PanicException is not an Exception
        return "error", None


def _configure(tokenizers: tuple[Any, Any], truncation: dict | None, padding: dict | None) -> None:
    for tok in tokenizers:
        tok.no_truncation()
        tok.no_padding()
        if truncation is not None:
            tok.enable_truncation(**truncation)
        if padding is not None:
            tok.enable_padding(**padding)


def _reset(tokenizers: tuple[Any, Any]) -> None:
    _configure(tokenizers, None, None)


# -- JSON ---------------------------------------------------------------------------------


def test_multilingual_file_is_valid_and_covers_the_hard_cases(multilingual_lines) -> None:
    text = "\n".join(multilingual_lines)
    assert len(multilingual_lines) >= 150
    for needed in ("\x00", "\x1f", "\x7f", "\u200b", "\u200f", "\ufeff", "\u200d", "\t", "\r", "\u0130", "\u0131",
                   "ß", "e\u0301", "é", "\U0001f1eb", "\U0001f3fd", "Ａ", "∑", "ि", "\u0e34", "\u064e"):
        assert needed in text, repr(needed)
    assert "" in multilingual_lines


def test_json_round_trip_is_byte_identical(pair) -> None:
    ours, theirs = pair
    assert ours.to_str() == theirs.to_str()
    assert ours.to_str(pretty=True) == theirs.to_str(pretty=True)


def test_json_with_truncation_and_padding_is_byte_identical(pair, request) -> None:
    ours, theirs = pair
    name = request.node.callspec.params["pair"]
    pad = {"pad_token": PAD_TOKENS[name], "pad_id": theirs.token_to_id(PAD_TOKENS[name]), "direction": "left",
           "pad_to_multiple_of": 8}
    _configure(pair, {"max_length": 16, "stride": 4, "strategy": "only_second", "direction": "left"}, pad)
    try:
        assert ours.to_str() == theirs.to_str()
        assert ours.truncation == theirs.truncation
        assert ours.padding == theirs.padding
    finally:
        _reset(pair)


def test_hf_loading_tokkit_json_behaves_identically(pair, all_lines) -> None:
    ours, theirs = pair
    reloaded = hf.Tokenizer.from_str(ours.to_str())
    assert reloaded.to_str() == theirs.to_str()
    assert reloaded.get_vocab() == theirs.get_vocab()
    assert reloaded.get_added_tokens_decoder() == theirs.get_added_tokens_decoder()
    for line in all_lines[::7]:
        assert_same_encoding(reloaded.encode(line), theirs.encode(line), repr(line[:60]))


def test_vocab_and_added_tokens_match(pair) -> None:
    ours, theirs = pair
    assert ours.get_vocab_size() == theirs.get_vocab_size()
    assert ours.get_vocab_size(with_added_tokens=False) == theirs.get_vocab_size(with_added_tokens=False)
    assert ours.get_vocab() == theirs.get_vocab()
    assert {i: repr(t) for i, t in ours.get_added_tokens_decoder().items()} == {
        i: repr(t) for i, t in theirs.get_added_tokens_decoder().items()
    }
    for token_id in list(theirs.get_added_tokens_decoder()) + [0, 1, 5, 100, theirs.get_vocab_size() - 1]:
        assert ours.id_to_token(token_id) == theirs.id_to_token(token_id)


# -- encode -------------------------------------------------------------------------------


@pytest.mark.parametrize("add_special_tokens", [True, False])
def test_every_line_encodes_and_decodes_identically(pair, all_lines, add_special_tokens) -> None:
    """Every field of every line's Encoding; HF's ids (with special tokens) decoded, skipping them and not."""
    ours, theirs = pair
    fields = DEFAULT_FIELDS if add_special_tokens else [f for f in DEFAULT_FIELDS if f != "decode"]
    assert_same_as_hf(ours, all_lines, fields=fields, add_special_tokens=add_special_tokens, reference=theirs)


def test_consecutive_lines_encode_identically_as_pairs(pair, all_lines) -> None:
    ours, theirs = pair
    fields = [f for f in DEFAULT_FIELDS if f != "decode"]
    for add in (True, False):
        assert_same_as_hf(ours, list(zip(all_lines[::3], all_lines[1::3])), pairs=True, fields=fields,
                          add_special_tokens=add, reference=theirs)  # fmt: skip


def test_added_tokens_inside_text(pair, multilingual_lines) -> None:
    ours, theirs = pair
    specials = [t.content for t in theirs.get_added_tokens_decoder().values()]
    for i, line in enumerate(multilingual_lines[:60]):
        token = specials[i % len(specials)]
        text = f"{line[:20]}{token}{line[20:40]} {token} {token}{token}"
        for add in (True, False):
            assert_same_encoding(
                ours.encode(text, add_special_tokens=add), theirs.encode(text, add_special_tokens=add), repr(text)
            )
        ids = theirs.encode(text).ids
        assert ours.decode(ids, skip_special_tokens=False) == theirs.decode(ids, skip_special_tokens=False)
        assert ours.decode(ids) == theirs.decode(ids)


# -- batches: truncation and padding ---------------------------------------------------------

TRUNCATIONS = [
    {"max_length": 16, "stride": 4, "strategy": "longest_first", "direction": "right"},
    {"max_length": 16, "stride": 4, "strategy": "longest_first", "direction": "left"},
    {"max_length": 16, "stride": 4, "strategy": "only_first", "direction": "right"},
    {"max_length": 16, "stride": 4, "strategy": "only_second", "direction": "left"},
    {"max_length": 16, "stride": 0, "strategy": "only_second", "direction": "right"},
]


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _batch_outcome(tok: Any, batch: list[Any], add: bool) -> tuple[str, Any]:
    return _outcome(lambda: [encoding_dict(e) for e in tok.encode_batch(batch, add_special_tokens=add)])


@pytest.mark.parametrize("truncation", TRUNCATIONS, ids=lambda t: f"{t['strategy']}-{t['direction']}-{t['stride']}")
def test_batches_with_truncation_and_padding(pair, all_lines, request, truncation) -> None:
    ours, theirs = pair
    name = request.node.callspec.params["pair"]
    pad_token = PAD_TOKENS[name]
    padding = {"pad_token": pad_token, "pad_id": theirs.token_to_id(pad_token), "pad_to_multiple_of": 8}
    if truncation["direction"] == "left":
        padding["direction"] = "left"
    lines = all_lines[::5]
    singles = lines
    # Pair overflows are the cross product of both sides' windows: keep the pairs short.
    pairs = [(a[:120], b[:120]) for a, b in zip(lines[::2], lines[1::2])]
    _configure(pair, truncation, padding)
    try:
        for batch in _chunks(singles, 8) + _chunks(pairs, 4):
            for add in (True, False):
                expected = _batch_outcome(theirs, batch, add)
                assert _batch_outcome(ours, batch, add) == expected, repr(batch)[:200]
                if expected[0] == "ok":
                    ids = [e["ids"] for e in expected[1]]
                    for skip in (True, False):
                        assert ours.decode_batch(ids, skip_special_tokens=skip) == theirs.decode_batch(
                            ids, skip_special_tokens=skip
                        )
    finally:
        _reset(pair)


def test_single_encodes_are_padded_to_fixed_length(pair, multilingual_lines, request) -> None:
    ours, theirs = pair
    pad_token = PAD_TOKENS[request.node.callspec.params["pair"]]
    padding = {"length": 20, "pad_token": pad_token, "pad_id": theirs.token_to_id(pad_token)}
    _configure(pair, {"max_length": 24}, padding)
    try:
        for line in multilingual_lines[::4]:
            assert_same_encoding(ours.encode(line), theirs.encode(line), repr(line[:60]))
    finally:
        _reset(pair)


# -- kept from the first round -----------------------------------------------------------------


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


def test_phi3_byte_fallback_and_prepend_normalizer() -> None:
    path = str(DATA / "phi-3.json")
    ours, theirs = Tokenizer.from_file(path), hf.Tokenizer.from_file(path)
    for text in ("", " ", "  leading", "é中\U0001f600\x00", "<|user|>hi<|end|>", "a<s>b</s>"):
        assert_same_encoding(ours.encode(text), theirs.encode(text), repr(text))
        ids = theirs.encode(text).ids
        assert ours.decode(ids, skip_special_tokens=False) == theirs.decode(ids, skip_special_tokens=False)
