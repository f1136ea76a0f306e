"""tokenizer.json is read as strictly as HF reads it, and every refusal is a located SerializationError.

Each case changes a small valid document (or writes its text by hand, for what
Python's json cannot write: NaN, lone surrogates, 5000-digit numbers, repeated
keys) and loads it with tokkit and with the HF wheel: both load it, with the same
components and ids, or both refuse it, and then tokkit's message starts with the
JSON path of the problem.
"""

from __future__ import annotations

import json
from typing import Any, Optional

import pytest
import tokenizers as hf

import tokkit
from tokkit import SerializationError

BPE = {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2, "▁": 3}, "merges": [["a", "b"]]}
TOKEN = {"id": 4, "content": "[X]", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
         "special": True}
DOC = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": [TOKEN], "normalizer": None,
       "pre_tokenizer": None, "post_processor": None, "decoder": None, "model": BPE}
UNIGRAM = {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0], ["a", -1.5], ["b", "@score@"]]}


def text_with(value_text: str, **changes: Any) -> str:
    """The document with ``changes``, then ``"@@"`` replaced by raw JSON text (written as is)."""
    return json.dumps({**DOC, **changes}).replace('"@@"', value_text)


def extra(value_text: str) -> str:
    """``value_text`` in a field HF ignores (an unknown key of an added token), three levels deep."""
    return text_with(value_text, added_tokens=[{**TOKEN, "zzz": "@@"}])


def load(lib: Any, text: "str | bytes") -> Any:
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    try:
        return lib.Tokenizer.from_buffer(raw)
    except BaseException as exc:  # noqa: BLE001 - HF raises Exception or a PanicException
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        return exc


def nest(depth: int) -> str:
    return "[" * depth + "]" * depth


CASES: list[tuple[str, "str | bytes", Optional[str]]] = [
    # (what, the document, the path tokkit's message starts with when both refuse it; "!": HF
    # loads it and tokkit refuses it, as the README lists)
    ("nesting 127 levels", extra(nest(124)), None),
    ("nesting 128 levels", extra(nest(125)), "added_tokens[0].zzz[0]"),
    ("nesting 3000 levels", extra(nest(2997)), ""),
    ("normalizers Sequence nested 300 deep", json.dumps(DOC).replace(
        '"normalizer": null', '"normalizer": ' + '{"type": "Sequence", "normalizers": [' * 300 + "]}" * 300), ""),
    ("normalizers Sequence nested 60 deep", json.dumps(DOC).replace(
        '"normalizer": null', '"normalizer": ' + '{"type": "Sequence", "normalizers": [' * 60 + "]}" * 60), None),
    ("lone high surrogate", extra('"\\ud800"'), "added_tokens[0].zzz"),
    ("lone low surrogate", extra('"a\\uDC00"'), "added_tokens[0].zzz"),
    ("lone surrogate in a key", extra('{"\\ud800": 1}'), "added_tokens[0].zzz"),
    ("lone surrogate in a token", json.dumps(DOC).replace('"[X]"', '"[\\ud83d]"'), "added_tokens[0].content"),
    ("surrogate pair", extra('"\\ud83d\\ude00"'), None),
    ("escaped backslash, then ud800", extra('"\\\\ud800"'), None),
    ("5000-digit integer", extra("9" * 5000), ""),
    ("309-digit integer (past f64)", extra("9" * 309), "added_tokens[0].zzz"),
    ("308-digit integer (an f64)", extra("9" * 308), None),
    ("1e400", extra("1e400"), "added_tokens[0].zzz"),
    ("1e-400", extra("1e-400"), None),
    ("NaN", extra("NaN"), ""),
    ("Infinity", extra("Infinity"), ""),
    ("-Infinity", extra("-Infinity"), ""),
    ("lstrip 'no'", json.dumps({**DOC, "added_tokens": [{**TOKEN, "lstrip": "no"}]}), "added_tokens[0].lstrip"),
    ("lstrip 1", json.dumps({**DOC, "added_tokens": [{**TOKEN, "lstrip": 1}]}), "added_tokens[0].lstrip"),
    ("id -1", json.dumps({**DOC, "added_tokens": [{**TOKEN, "id": -1}]}), "added_tokens[0].id"),
    ("id 1.0", json.dumps({**DOC, "added_tokens": [{**TOKEN, "id": 1.0}]}), "added_tokens[0].id"),
    ("id 10**30", json.dumps({**DOC, "added_tokens": [{**TOKEN, "id": 10**30}]}), "added_tokens[0].id"),
    ("id 2**32", json.dumps({**DOC, "added_tokens": [{**TOKEN, "id": 2**32}]}), "added_tokens[0].id"),
    ("id -0 (a float for serde)", text_with("-0", added_tokens=[{**TOKEN, "id": "@@"}]), "added_tokens[0].id"),
    ("id NaN", text_with("NaN", added_tokens=[{**TOKEN, "id": "@@"}]), ""),
    ("id 2**32-1 (ignored)", json.dumps({**DOC, "added_tokens": [{**TOKEN, "id": 2**32 - 1}]}), None),
    ("added token without special", json.dumps({**DOC, "added_tokens": [
        {k: v for k, v in TOKEN.items() if k != "special"}]}), "added_tokens[0]"),
    ("added token field repeated", json.dumps(DOC).replace('"lstrip": false', '"lstrip": false, "lstrip": true'),
     "added_tokens[0].lstrip"),
    ("added token unknown key repeated", json.dumps(DOC).replace('"lstrip": false', '"q": 1, "lstrip": false, "q": 2'),
     None),
    ("no version", json.dumps({k: v for k, v in DOC.items() if k != "version"}), None),
    ("version 2.0", json.dumps({**DOC, "version": "2.0"}), "version"),
    ("version 1.0 as a number", json.dumps({**DOC, "version": 1.0}), "version"),
    ("unknown top-level key", json.dumps({**DOC, "extra": None}), "extra"),
    ("added_tokens null", json.dumps({**DOC, "added_tokens": None}), "added_tokens"),
    ("no added_tokens", json.dumps({k: v for k, v in DOC.items() if k != "added_tokens"}), None),
    ("model repeated, first one broken", json.dumps(DOC).replace('"model":', '"model": 5, "model":'), "model"),
    ("UTF-8 BOM", b"\xef\xbb\xbf" + json.dumps(DOC).encode(), ""),
    ("UTF-16", json.dumps(DOC).encode("utf-16"), ""),
    ("a surrogate smuggled into the bytes", json.dumps(DOC).replace('"[X]"', '"@@"').encode().replace(
        b"@@", b"\xed\xa0\x80"), ""),
    ("Unigram score 0 (an integer for an f64)", json.dumps({**DOC, "model": UNIGRAM}).replace('"@score@"', "0"), None),
    ("Unigram score 10**30", json.dumps({**DOC, "model": UNIGRAM}).replace('"@score@"', "1" + "0" * 30), None),
    ("Unigram score true", json.dumps({**DOC, "model": UNIGRAM}).replace('"@score@"', "true"), "model.vocab[2][1]"),
    ("BPE dropout 1 (an integer for an f32)", json.dumps({**DOC, "model": {**BPE, "dropout": 1}}), None),
    ("BPE vocab id 1.0", json.dumps({**DOC, "model": {**BPE, "vocab": {**BPE["vocab"], "b": 1.0}}}), "model.vocab.b"),
    ("WordPiece vocab is a file name", json.dumps({**DOC, "model": {
        "type": "WordPiece", "vocab": "vocab.txt", "unk_token": "a", "continuing_subword_prefix": "##",
        "max_input_chars_per_word": 100}}), "model.vocab"),
    ("truncation stride true", json.dumps({**DOC, "truncation": {
        "max_length": 5, "strategy": "LongestFirst", "stride": True}}), "truncation.stride"),
    ("truncation direction {\"Left\": null}", json.dumps({**DOC, "truncation": {
        "direction": {"Left": None}, "max_length": 5, "strategy": "LongestFirst", "stride": 0}}), None),
    ("padding Fixed 5.0", json.dumps({**DOC, "padding": {
        "strategy": {"Fixed": 5.0}, "direction": "Right", "pad_id": 0, "pad_type_id": 0, "pad_token": "x"}}),
     "padding.strategy.Fixed"),
    ("split behavior wrong", json.dumps({**DOC, "pre_tokenizer": {
        "type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"String": " "}, "behavior": "isolated",
                                               "invert": False}]}}), "pre_tokenizer.pretokenizers[0].behavior"),
    ("Metaspace split null", json.dumps({**DOC, "pre_tokenizer": {
        "type": "Metaspace", "replacement": "▁", "split": None}}), None),
    ("Metaspace str_rep 5", json.dumps({**DOC, "pre_tokenizer": {
        "type": "Metaspace", "replacement": "▁", "str_rep": 5}}), "pre_tokenizer.str_rep"),
    ("decoder type 5 (read untagged)", json.dumps({**DOC, "decoder": {
        "type": 5, "pattern": {"String": "a"}, "content": " "}}), None),
    ("model type 5", json.dumps({**DOC, "model": {**BPE, "type": 5}}), "model.type"),
    ("model type null", json.dumps({**DOC, "model": {**BPE, "type": None}}), "model.type"),
    ("decoder type null (read untagged)", json.dumps({**DOC, "decoder": {
        "type": None, "pattern": {"String": "a"}, "content": " "}}), None),
    ("padding past 16,777,216 tokens (refused on purpose, README)", json.dumps({**DOC, "padding": {
        "strategy": {"Fixed": 2**30}, "direction": "Right", "pad_id": 0, "pad_type_id": 0, "pad_token": "x"}}), "!"),
    ("normalizer type given twice", json.dumps(DOC).replace(
        '"normalizer": null', '"normalizer": {"type": "NFC", "type": "Nmt"}'), None),
    ("BertNormalizer tag, Sequence fields (read untagged)", json.dumps({**DOC, "normalizer": {
        "type": "BertNormalizer", "normalizers": [{"type": "NFC"}]}}), None),
    ("Bert tag (tagged), Sequence fields", json.dumps({**DOC, "normalizer": {
        "type": "Bert", "normalizers": [{"type": "NFC"}]}}), "normalizer"),
    ("model type given twice", json.dumps(DOC).replace('"type": "BPE"', '"type": "BPE", "type": "BPE"'), "model.type"),
    ("processor field given twice", json.dumps(DOC).replace('"post_processor": null', (
        '"post_processor": {"type": "BertProcessing", "sep": ["a", 1], "sep": ["b", 1], "cls": ["b", 1]}')), ""),
    ("processor type given twice (not its field)", json.dumps(DOC).replace('"post_processor": null', (
        '"post_processor": {"type": "BertProcessing", "type": "X", "sep": ["a", 1], "cls": ["b", 1]}')), None),
    ("template special token given twice, first broken", json.dumps({**DOC, "post_processor": {
        "type": "TemplateProcessing", "single": [{"Sequence": {"id": "A", "type_id": 0}}],
        "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
        "special_tokens": {"@": 0}}}).replace('"@": 0', '"x": 5, "x": {"id": "x", "ids": [1], "tokens": ["x"]}'),
     "post_processor.special_tokens.x"),
]


@pytest.mark.parametrize("what, document, path", CASES, ids=[case[0] for case in CASES])
def test_read_like_hf(what: str, document: "str | bytes", path: Optional[str]) -> None:
    ours, theirs = load(tokkit, document), load(hf, document)
    if path == "!":  # HF loads it, tokkit refuses it on purpose
        assert isinstance(ours, SerializationError) and not isinstance(theirs, BaseException), (ours, theirs)
        return
    assert isinstance(ours, BaseException) == isinstance(theirs, BaseException), (ours, theirs)
    if isinstance(ours, BaseException):
        assert isinstance(ours, SerializationError), repr(ours)
        assert path is not None, f"both refuse it: {ours}"
        assert str(ours).startswith(path), str(ours)
        return
    assert path is None, "both load it"
    for section in ("normalizer", "pre_tokenizer", "post_processor", "decoder", "model"):
        assert repr(getattr(ours, section)) == repr(getattr(theirs, section)), section
    for text in ("ab a b", "a [X] b"):
        assert ours.encode(text).ids == theirs.encode(text).ids


def test_message_names_the_path_and_the_fix() -> None:
    document = json.dumps({**DOC, "added_tokens": [TOKEN] * 3 + [{**TOKEN, "lstrip": "no"}]})
    with pytest.raises(SerializationError) as caught:
        tokkit.Tokenizer.from_str(document)
    assert str(caught.value) == 'added_tokens[3].lstrip: expected a boolean (true or false), got string "no"'
    assert caught.value.path == ("added_tokens", 3, "lstrip")


def test_a_str_holding_a_raw_surrogate_is_refused() -> None:
    with pytest.raises(SerializationError, match="lone surrogate"):
        tokkit.Tokenizer.from_str(json.dumps(DOC, ensure_ascii=False).replace("[X]", "[\ud800]"))


@pytest.mark.parametrize("name", ["bert-base-uncased", "gpt2", "t5-small", "phi-3"])
def test_reading_a_real_file_leaves_no_reference_cycle(name: str) -> None:
    """Untagged variants that fail to read (t5's Precompiled, every decoder tried) keep no frames alive."""
    import gc
    from pathlib import Path

    text = (Path(__file__).parent / "data" / f"{name}.json").read_text(encoding="utf-8")
    gc.collect()
    gc.disable()
    try:
        tokenizer = tokkit.Tokenizer.from_str(text)
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert tokenizer.get_vocab_size() > 0
