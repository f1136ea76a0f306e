"""Component combinations of published tokenizers, built in HF and replayed by tokkit.

Each configuration mirrors a published tokenizer.json (CLIP, Falcon, OLMo, ChatGLM,
Whisper, Marian, Llama, RoBERTa): it is built with HF's Python API, its model
trained by HF on the WikiText slice (so vocab and merges are realistic), saved
with ``to_str`` and loaded by tokkit. Both then encode and decode the WikiText
slice and the multilingual lines identically, and write the same JSON.
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from typing import Any, Callable

import pytest
import tokenizers as hf
from parity import assert_same_encoding
from tokenizers import Regex
from tokenizers import decoders as D
from tokenizers import models as M
from tokenizers import normalizers as N
from tokenizers import pre_tokenizers as P
from tokenizers import processors as PP
from tokenizers import trainers as T

import tokkit

from conftest import DATA

GPT4_REGEX = (
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+"
    r"|\s+(?!\S)|\s+"
)
CLIP_REGEX = r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"
BYTE_TOKENS = [f"<0x{b:02X}>" for b in range(256)]


def _read_lines(name: str) -> list[str]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return f.read().split("\n")


@lru_cache(maxsize=None)
def _lines() -> tuple[str, ...]:
    return tuple(_read_lines("wikitext-slice.txt") + _read_lines("multilingual.txt"))


def _train(tok: hf.Tokenizer, trainer: Any) -> hf.Tokenizer:
    tok.train([str(DATA / "wikitext-slice.txt")], trainer)
    return tok


def _bpe_trainer(vocab_size: int = 800, **kwargs: Any) -> T.BpeTrainer:
    return T.BpeTrainer(vocab_size=vocab_size, show_progress=False, **kwargs)


def _t5() -> dict[str, Any]:
    return json.loads((DATA / "t5-small.json").read_text(encoding="utf-8"))


def _with_byte_tokens(tok: hf.Tokenizer) -> hf.Tokenizer:
    """Append ``<0x00>``..``<0xFF>`` to a trained BPE vocab (what byte_fallback needs)."""
    raw = json.loads(tok.to_str())
    vocab = raw["model"]["vocab"]
    for token in BYTE_TOKENS:
        vocab.setdefault(token, len(vocab))
    return hf.Tokenizer.from_str(json.dumps(raw))


# -- configurations ----------------------------------------------------------------------------


def clip_like(behavior: str) -> hf.Tokenizer:
    tok = hf.Tokenizer(M.BPE(unk_token="<|endoftext|>", end_of_word_suffix="</w>"))
    tok.normalizer = N.Sequence([N.NFC(), N.Replace(Regex(r"\s+"), " "), N.Lowercase()])
    invert = behavior == "removed"  # CLIP keeps the matches by removing what is between them
    tok.pre_tokenizer = P.Sequence(
        [
            P.Split(Regex(CLIP_REGEX), behavior=behavior, invert=invert),
            P.ByteLevel(add_prefix_space=False, use_regex=False),
        ]
    )
    tok.decoder = D.BPEDecoder(suffix="</w>")
    specials = ["<|startoftext|>", "<|endoftext|>"]
    _train(tok, _bpe_trainer(special_tokens=specials, end_of_word_suffix="</w>",
                             initial_alphabet=P.ByteLevel.alphabet()))  # fmt: skip
    tok.post_processor = PP.RobertaProcessing(
        ("<|endoftext|>", tok.token_to_id("<|endoftext|>")),
        ("<|startoftext|>", tok.token_to_id("<|startoftext|>")),
        trim_offsets=False,
        add_prefix_space=False,
    )
    return tok


def falcon_like() -> hf.Tokenizer:
    tok = hf.Tokenizer(M.BPE())
    tok.pre_tokenizer = P.Sequence(
        [
            P.Punctuation(),
            P.ByteLevel(add_prefix_space=False),
            P.Digits(individual_digits=True),
            P.Split(Regex("[0-9][0-9][0-9]"), behavior="isolated"),
        ]
    )
    tok.decoder = D.ByteLevel()
    tok.post_processor = PP.ByteLevel(trim_offsets=True)
    specials = [">>TITLE<<", ">>ABSTRACT<<", "<|endoftext|>"]
    return _train(tok, _bpe_trainer(special_tokens=specials, initial_alphabet=P.ByteLevel.alphabet()))


def olmo_like() -> hf.Tokenizer:
    tok = hf.Tokenizer(M.BPE())
    tok.pre_tokenizer = P.Sequence(
        [P.Split(Regex(GPT4_REGEX), behavior="isolated"), P.ByteLevel(add_prefix_space=False, use_regex=False)]
    )
    tok.decoder = D.ByteLevel()
    _train(tok, _bpe_trainer(special_tokens=["<|endoftext|>", "<|padding|>"], initial_alphabet=P.ByteLevel.alphabet()))
    tok.post_processor = PP.TemplateProcessing(
        single="$A <|endoftext|>", pair="$A <|endoftext|> $B:1 <|endoftext|>:1",
        special_tokens=[("<|endoftext|>", tok.token_to_id("<|endoftext|>"))],
    )  # fmt: skip
    return tok


def chatglm_like(split: str) -> hf.Tokenizer:
    tok = hf.Tokenizer(M.BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    if split == "merged_with_next":
        tok.normalizer = N.Sequence([N.Prepend("\u2581"), N.Replace(" ", "\u2581")])
        tok.pre_tokenizer = P.Split("\u2581", behavior="merged_with_next")
        tok.decoder = D.Sequence([D.Replace("\u2581", " "), D.ByteFallback(), D.Fuse(), D.Strip(" ", 1, 0)])
    else:
        tok.pre_tokenizer = P.Metaspace()
        tok.decoder = D.Sequence([D.Metaspace(), D.ByteFallback(), D.Fuse()])
    _train(tok, _bpe_trainer(special_tokens=["<unk>", "<sop>", "<eop>"], limit_alphabet=300))
    tok = _with_byte_tokens(tok)
    tok.post_processor = PP.TemplateProcessing(
        single="[gMASK]:0 <sop>:0 $A:0", pair="[gMASK]:0 <sop>:0 $A:0 $B:1 <eop>:1",
        special_tokens=[("[gMASK]", 0), ("<sop>", tok.token_to_id("<sop>")), ("<eop>", tok.token_to_id("<eop>"))],
    )  # fmt: skip
    return tok


def whisper_like() -> hf.Tokenizer:
    tok = hf.Tokenizer.from_file(str(DATA / "gpt2.json"))
    languages = ["en", "zh", "de", "es", "ru", "ko", "fr", "ja", "pt", "tr", "pl", "ca", "nl", "ar", "sv", "it"]
    specials = ["<|startoftranscript|>"] + [f"<|{lang}|>" for lang in languages]
    specials += ["<|translate|>", "<|transcribe|>", "<|startoflm|>", "<|startofprev|>", "<|nocaptions|>",
                 "<|notimestamps|>"]  # fmt: skip
    tok.add_special_tokens(specials)
    timestamps = [hf.AddedToken(f"<|{i * 0.02:.2f}|>", special=False, normalized=False) for i in range(1501)]
    tok.add_tokens(timestamps)
    tok.add_tokens([" Hello", "wörld", hf.AddedToken("<|ts|>", lstrip=True, rstrip=True)])
    tok.post_processor = PP.TemplateProcessing(
        single="<|startoftranscript|> <|notimestamps|> $A <|endoftext|>",
        pair="$A $B:1 <|endoftext|>",
        special_tokens=[
            (t, tok.token_to_id(t)) for t in ("<|startoftranscript|>", "<|notimestamps|>", "<|endoftext|>")
        ],
    )
    return tok


def marian_like(model: str) -> hf.Tokenizer:
    t5 = _t5()
    charsmap = base64.b64decode(t5["normalizer"]["precompiled_charsmap"])
    if model == "unigram":
        raw = json.loads(hf.Tokenizer(M.Unigram()).to_str())
        raw["model"] = t5["model"]
        raw["added_tokens"] = t5["added_tokens"]
        tok = hf.Tokenizer.from_str(json.dumps(raw))
    else:
        tok = hf.Tokenizer(M.BPE(unk_token="<unk>"))
    tok.normalizer = N.Sequence(
        [N.Precompiled(charsmap), N.Strip(left=True, right=True), N.Replace(Regex(" {2,}"), "\u2581")]
    )
    tok.pre_tokenizer = P.Metaspace(prepend_scheme="always")
    tok.decoder = D.Metaspace(prepend_scheme="always")
    if model != "unigram":
        _train(tok, _bpe_trainer(special_tokens=["</s>", "<unk>", "<pad>"], limit_alphabet=400))
    tok.post_processor = PP.TemplateProcessing(
        single="$A </s>", pair="$A $B </s>", special_tokens=[("</s>", tok.token_to_id("</s>"))]
    )
    return tok


def llama_like() -> hf.Tokenizer:
    tok = hf.Tokenizer(M.BPE(unk_token="<unk>", byte_fallback=True, fuse_unk=True))
    tok.pre_tokenizer = P.Metaspace(prepend_scheme="first", split=False)
    tok.decoder = D.Sequence([D.Replace("\u2581", " "), D.ByteFallback(), D.Fuse(), D.Strip(" ", 1, 0)])
    _train(tok, _bpe_trainer(special_tokens=["<unk>", "<s>", "</s>"], limit_alphabet=200))
    tok = _with_byte_tokens(tok)
    tok.post_processor = PP.TemplateProcessing(
        single="<s> $A", pair="<s> $A <s>:1 $B:1", special_tokens=[("<s>", tok.token_to_id("<s>"))]
    )
    tok.add_special_tokens(["<|user|>", "<|assistant|>"])
    return tok


def roberta_like(trim_offsets: bool, add_prefix_space: bool) -> hf.Tokenizer:
    tok = hf.Tokenizer(M.BPE())
    tok.pre_tokenizer = P.ByteLevel(add_prefix_space=add_prefix_space)
    tok.decoder = D.ByteLevel()
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    _train(tok, _bpe_trainer(special_tokens=specials, initial_alphabet=P.ByteLevel.alphabet()))
    tok.add_special_tokens([hf.AddedToken("<mask>", lstrip=True)])
    tok.post_processor = PP.RobertaProcessing(
        ("</s>", tok.token_to_id("</s>")), ("<s>", tok.token_to_id("<s>")),
        trim_offsets=trim_offsets, add_prefix_space=add_prefix_space,
    )  # fmt: skip
    return tok


CONFIGS: dict[str, Callable[[], hf.Tokenizer]] = {
    "clip-removed": lambda: clip_like("removed"),
    "clip-isolated": lambda: clip_like("isolated"),
    "falcon": falcon_like,
    "olmo": olmo_like,
    "chatglm-split": lambda: chatglm_like("merged_with_next"),
    "chatglm-metaspace": lambda: chatglm_like("metaspace"),
    "whisper": whisper_like,
    "marian-unigram": lambda: marian_like("unigram"),
    "marian-bpe": lambda: marian_like("bpe"),
    "llama": llama_like,
    "roberta-trim-prefix": lambda: roberta_like(True, True),
    "roberta-trim": lambda: roberta_like(True, False),
    "roberta-prefix": lambda: roberta_like(False, True),
    "roberta-plain": lambda: roberta_like(False, False),
}


@pytest.fixture(scope="module", params=list(CONFIGS))
def pair(request) -> tuple[tokkit.Tokenizer, hf.Tokenizer]:
    theirs = CONFIGS[request.param]()
    return tokkit.Tokenizer.from_str(theirs.to_str()), theirs


# -- tests -------------------------------------------------------------------------------------


def test_json_is_identical(pair) -> None:
    ours, theirs = pair
    assert ours.to_str() == theirs.to_str()
    assert ours.to_str(pretty=True) == theirs.to_str(pretty=True)
    assert hf.Tokenizer.from_str(ours.to_str()).to_str() == theirs.to_str()


def test_lines_encode_identically(pair) -> None:
    ours, theirs = pair
    for line in _lines():
        for add in (True, False):
            assert_same_encoding(
                ours.encode(line, add_special_tokens=add), theirs.encode(line, add_special_tokens=add), repr(line[:60])
            )


def test_lines_decode_identically(pair) -> None:
    ours, theirs = pair
    for line in _lines():
        ids = theirs.encode(line).ids
        for skip in (True, False):
            assert ours.decode(ids, skip_special_tokens=skip) == theirs.decode(ids, skip_special_tokens=skip), (
                repr(line[:60])
            )


def test_pairs_and_batches_encode_identically(pair) -> None:
    ours, theirs = pair
    lines = _lines()[::4]
    pairs = list(zip(lines[::2], lines[1::2]))
    for first, second in pairs:
        assert_same_encoding(ours.encode(first, second), theirs.encode(first, second), repr((first[:30], second[:30])))
    for tok in (ours, theirs):
        tok.enable_truncation(32, stride=4)
        tok.enable_padding(pad_to_multiple_of=8, pad_token="<pad>")
    try:
        a, b = ours.encode_batch(pairs[:24]), theirs.encode_batch(pairs[:24])
        for x, y in zip(a, b):
            assert_same_encoding(x, y)
        ids = [e.ids for e in b]
        assert ours.decode_batch(ids) == theirs.decode_batch(ids)
    finally:
        for tok in (ours, theirs):
            tok.no_truncation()
            tok.no_padding()


def test_hf_loading_tokkit_json_encodes_identically(pair) -> None:
    ours, theirs = pair
    reloaded = hf.Tokenizer.from_str(ours.to_str())
    for line in _lines()[::9]:
        assert_same_encoding(reloaded.encode(line), theirs.encode(line), repr(line[:60]))


def test_whisper_timestamps_and_added_tokens() -> None:
    theirs = whisper_like()
    ours = tokkit.Tokenizer.from_str(theirs.to_str())
    assert ours.get_vocab_size() == theirs.get_vocab_size() == 50257 + 23 + 1501 + 3
    text = "<|startoftranscript|><|en|><|0.00|> Hello wörld!<|2.40|><|2.40|>x<|30.00|>  <|ts|>  y<|30.02|>"
    for add in (True, False):
        assert_same_encoding(ours.encode(text, add_special_tokens=add), theirs.encode(text, add_special_tokens=add))
    ids = theirs.encode(text).ids
    for skip in (True, False):
        assert ours.decode(ids, skip_special_tokens=skip) == theirs.decode(ids, skip_special_tokens=skip)
    ours.encode_special_tokens = theirs.encode_special_tokens = True
    assert_same_encoding(ours.encode(text), theirs.encode(text))


# -- subtle HF parity quirks, end to end through both pipelines -----------------------------------


def _same_everywhere(theirs: hf.Tokenizer, texts: list[str]) -> tokkit.Tokenizer:
    ours = tokkit.Tokenizer.from_str(theirs.to_str())
    assert ours.to_str() == theirs.to_str()
    for text in texts:
        for add in (True, False):
            assert_same_encoding(ours.encode(text, add_special_tokens=add), theirs.encode(text, add_special_tokens=add))
        ids = theirs.encode(text).ids
        for skip in (True, False):
            assert ours.decode(ids, skip_special_tokens=skip) == theirs.decode(ids, skip_special_tokens=skip)
    return ours


def test_trap6_special_tokens_added_before_training_keep_their_ids() -> None:
    def build(module: Any) -> Any:
        tok = module.Tokenizer(module.models.BPE())
        tok.add_special_tokens(["<s>"])
        tok.train_from_iterator(["<s>hello <s>hello"], module.trainers.BpeTrainer(show_progress=False))
        return tok

    ours, theirs = build(tokkit), build(hf)
    assert theirs.token_to_id("<s>") == 0 and theirs.id_to_token(0) == "<s>"
    assert ours.to_str() == theirs.to_str()
    for token_id in range(theirs.get_vocab_size()):
        assert ours.id_to_token(token_id) == theirs.id_to_token(token_id)
    assert_same_encoding(ours.encode("<s>hello<s>"), theirs.encode("<s>hello<s>"))


def test_trap10_bpe_without_unk_drops_unknown_chars() -> None:
    vocab = {"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4}
    theirs = hf.Tokenizer(M.BPE(vocab, [("a", "b"), ("ab", "c")]))
    assert theirs.encode("abxxc").tokens == ["abc"]
    _same_everywhere(theirs, ["abxxc", "xx", "x a b c x", "abc\u0301"])


def test_trap11_unigram_unknown_pieces_are_fused_raw_text() -> None:
    theirs = hf.Tokenizer(M.Unigram([("<unk>", 0.0), ("a", -1.0), ("b", -2.0), ("ab", -2.5)], unk_id=0))
    assert theirs.encode("abxyb").tokens == ["ab", "xy", "b"]
    _same_everywhere(theirs, ["abxyb", "xyz", "ab", "é中b"])


def test_trap12_alignment_edge_cases_through_the_pipeline() -> None:
    theirs = hf.Tokenizer(M.WordLevel({"[UNK]": 0, "heLo": 1}, unk_token="[UNK]"))
    theirs.normalizer = N.Sequence([N.NFC(), N.Replace("ll", "L")])
    theirs.pre_tokenizer = P.Metaspace()
    _same_everywhere(theirs, ["hello", "e\u0301x hello", "  hello  e\u0301\u0301", "\u2581hello"])


def test_trap13_lowercase_has_no_context() -> None:
    theirs = hf.Tokenizer(M.WordLevel({"[UNK]": 0, "οδοσ": 1}, unk_token="[UNK]"))
    theirs.normalizer = N.Lowercase()
    assert theirs.encode("ΟΔΟΣ").ids == [1]
    _same_everywhere(theirs, ["ΟΔΟΣ", "\u0130I", "ΣΑΣ"])


def test_trap14_truncation_below_the_number_of_specials() -> None:
    path = str(DATA / "bert-base-uncased.json")
    ours, theirs = tokkit.Tokenizer.from_file(path), hf.Tokenizer.from_file(path)
    for max_length in (1, 2, 3):
        ours.enable_truncation(max_length)
        theirs.enable_truncation(max_length)
        for args in (("a b c d",), ("a b c d", "e f")):
            assert_same_encoding(ours.encode(*args), theirs.encode(*args))


def test_trap15_decoder_and_precompiled_quirks() -> None:
    t5 = _t5()
    charsmap = base64.b64decode(t5["normalizer"]["precompiled_charsmap"])
    theirs = hf.Tokenizer(M.WordLevel({"[UNK]": 0, "▁a▁b": 1, "▁c": 2, "Ax": 3, "fi": 4}, unk_token="[UNK]"))
    theirs.normalizer = N.Precompiled(charsmap)
    theirs.decoder = D.Metaspace()
    ours = _same_everywhere(theirs, ["\uff21\u0301x", "\ufb01\u0301", "Ax fi"])
    assert ours.decode([1, 2]) == theirs.decode([1, 2]) == "ab c"
    theirs.decoder = D.ByteFallback()
    ours.decoder = tokkit.decoders.ByteFallback()
    tokens = ["<0xC3>", "<0xA9>", "<0xC3>"]
    assert ours.decoder.decode(tokens) == theirs.decoder.decode(tokens) == "\ufffd\ufffd\ufffd"
