"""The plain-string encode fast path must give exactly the aligned path's Encoding.

Three families of pipelines: WordPiece behind substring pre-tokenizers (BERT),
byte-level BPE behind a ByteLevel pre-tokenizer (GPT-2, RoBERTa), and BPE over
the whole text behind ``Prepend``/``Replace`` normalizers (Llama, phi-3).
Real files are checked against the HF wheel on the WikiText slice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st
from parity import assert_same_encoding, encoding_dict
from strategies import texts

from tokkit import AddedToken, Tokenizer
from tokkit._encode import pipeline as _pipeline
from tokkit._encode.fast import FastEncoder
from tokkit.pre_tokenizers import ByteLevel

DATA = Path(__file__).parent / "data"
ASCII = st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=60)
# Text where the byte-level and SentencePiece paths have work to do: spaces, accents, symbols.
SPACEY = st.text(st.sampled_from(list("ab c  é€\t\n'sl0 ▁😀中")), max_size=30)
ANY_TEXT = st.one_of(ASCII, texts, SPACEY)

NORMALIZERS = [
    None,
    {"type": "Sequence", "normalizers": [{"type": "NFD"}, {"type": "Lowercase"}, {"type": "StripAccents"}]},
    {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": None,
     "lowercase": True},
    {"type": "Strip", "strip_left": True, "strip_right": True},
    {"type": "Replace", "pattern": {"String": "ab"}, "content": "x"},
    {"type": "Nmt"},
    {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"},
                                         {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
    {"type": "Sequence", "normalizers": [{"type": "Lowercase"}, {"type": "Prepend", "prepend": "xy"}]},
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


def tokenizer_json(normalizer, pre_tokenizer, model) -> str:
    return json.dumps({
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": [],
        "normalizer": normalizer, "pre_tokenizer": pre_tokenizer, "post_processor": None, "decoder": None,
        "model": model,
    })


def tokenizer(normalizer, pre_tokenizer) -> Tokenizer:
    return Tokenizer.from_str(tokenizer_json(normalizer, pre_tokenizer, {
        "type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
        "max_input_chars_per_word": 100, "vocab": VOCAB}))


def assert_fast_equals_aligned(tok: Tokenizer, text: str, word_index=None) -> bool:
    """fast == aligned whenever the fast path answers; returns whether it did."""
    fast = FastEncoder(tok).encode(text, 0, word_index)
    aligned = _pipeline.encode_aligned(tok, text, 0, word_index)
    if fast is not None:
        assert encoding_dict(fast) == encoding_dict(aligned), text
    assert encoding_dict(_pipeline.encode_text(tok, text, 0, word_index)) == encoding_dict(aligned)
    return fast is not None


# -- WordPiece behind substring pre-tokenizers --------------------------------------------------
@pytest.mark.parametrize("n", range(len(NORMALIZERS)))
@pytest.mark.parametrize("p", range(len(PRE_TOKENIZERS)))
@given(text=st.one_of(ASCII, texts))
def test_fast_path_equals_aligned_path(n: int, p: int, text: str) -> None:
    assert_fast_equals_aligned(tokenizer(NORMALIZERS[n], PRE_TOKENIZERS[p]), text)


def test_fast_path_is_taken_for_plain_ascii() -> None:
    tok = tokenizer(NORMALIZERS[1], PRE_TOKENIZERS[2])
    tok.add_special_tokens(["[UNK]", "[CLS]"])
    fast = FastEncoder(tok)
    assert fast.encode("Hello, the world!", 0) is not None
    assert fast.encode("Hello [CLS] world", 0) is None  # an added token occurs: aligned path
    assert fast.encode("héllo", 0) is None


# -- byte-level BPE behind ByteLevel (GPT-2, RoBERTa) ---------------------------------------------
def byte_bpe(drop: str = "", merges=(("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("Ġ", "a"), ("a", "b"), ("Ã", "©"),
                                    ("'", "s"), ("Ġ", "Ġ"), ("ĠĠ", "Ġ"), ("Ċ", "Ċ"), ("l", "0"))) -> dict:
    """A byte-level BPE model; chars in ``drop`` are left out of the vocab (so BPE drops them)."""
    alphabet = [c for c in ByteLevel.alphabet() if c not in drop]
    vocab = {c: i for i, c in enumerate(alphabet)}
    merges = [(a, b) for a, b in merges if not set(a + b) & set(drop)]
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    return {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
            "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
            "vocab": vocab, "merges": [list(m) for m in merges]}


BYTE_PRE_TOKENIZERS = [
    {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
    {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
    {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": False},
]
BYTE_NORMALIZERS = [None, NORMALIZERS[1], NORMALIZERS[6], NORMALIZERS[7]]
BYTE_MODELS = [byte_bpe(), byte_bpe(drop="t©")]


@pytest.mark.parametrize("m", range(len(BYTE_MODELS)))
@pytest.mark.parametrize("n", range(len(BYTE_NORMALIZERS)))
@pytest.mark.parametrize("p", range(len(BYTE_PRE_TOKENIZERS)))
@given(text=ANY_TEXT)
def test_bytelevel_fast_path_equals_aligned_path(m: int, n: int, p: int, text: str) -> None:
    tok = Tokenizer.from_str(tokenizer_json(BYTE_NORMALIZERS[n], BYTE_PRE_TOKENIZERS[p], BYTE_MODELS[m]))
    assert_fast_equals_aligned(tok, text)


@given(words=st.lists(ANY_TEXT, max_size=4))
def test_bytelevel_pretokenized_words_keep_their_word_index(words: list[str]) -> None:
    tok = Tokenizer.from_str(tokenizer_json(None, BYTE_PRE_TOKENIZERS[1], BYTE_MODELS[0]))
    for index, word in enumerate(words):
        assert_fast_equals_aligned(tok, word, word_index=index)


def test_bytelevel_fast_path_is_taken_for_any_text() -> None:
    tok = Tokenizer.from_str(tokenizer_json(None, BYTE_PRE_TOKENIZERS[0], BYTE_MODELS[0]))
    for text in ["the cat's hat", "café €5 😀", "  spaces\n\nand\ttabs  ", ""]:
        assert assert_fast_equals_aligned(tok, text), text


def test_trap10_bpe_without_unk_drops_chars_on_the_fast_path() -> None:
    """A byte missing from the vocab is dropped; neighbours merge across it (HF: models/bpe/model.rs, merge_word)."""
    tok = Tokenizer.from_str(tokenizer_json(None, BYTE_PRE_TOKENIZERS[0], BYTE_MODELS[1]))
    for text in ["the tea", "été", "a\u00e9b the"]:
        assert assert_fast_equals_aligned(tok, text), text


def test_trap12_prefix_chars_take_the_first_chars_span() -> None:
    """ByteLevel's added space and Prepend's chars take the first char's span (HF: tokenizer/normalizer.rs, prepend)."""
    for normalizer, pre_tokenizer in [(None, BYTE_PRE_TOKENIZERS[1]), (NORMALIZERS[6], BYTE_PRE_TOKENIZERS[1]),
                                      (NORMALIZERS[7], BYTE_PRE_TOKENIZERS[0])]:
        text = tokenizer_json(normalizer, pre_tokenizer, BYTE_MODELS[0])
        ours, theirs = Tokenizer.from_str(text), hf.Tokenizer.from_str(text)
        for sample in ["éa the", "a", "the  cat", "😀x"]:
            if sample.isascii() or normalizer is not NORMALIZERS[7]:  # Lowercase needs ASCII
                assert FastEncoder(ours).encode(sample, 0) is not None
            assert_same_encoding(ours.encode(sample), theirs.encode(sample), sample)


def test_added_tokens_take_the_aligned_path() -> None:
    """lstrip/rstrip (whitespace joins the token) and normalized added tokens need alignments: no fast path.

    HF: tokenizer/added_vocabulary.rs, find_matches and extract_and_normalize.
    """
    tok = Tokenizer.from_str(tokenizer_json(NORMALIZERS[1], BYTE_PRE_TOKENIZERS[0], BYTE_MODELS[0]))
    tok.add_tokens([AddedToken("<mask>", lstrip=True, rstrip=True), "Foo"])
    fast = FastEncoder(tok)
    assert fast.encode("hello   <mask>  world", 0) is None
    assert fast.encode("FOO bar", 0) is None  # "foo" is the normalized added token
    assert fast.encode("hello world", 0) is not None


def test_no_fast_path_for_dropout_or_unsafe_normalizers() -> None:
    model = dict(byte_bpe(), dropout=0.5)
    assert not FastEncoder(Tokenizer.from_str(tokenizer_json(None, BYTE_PRE_TOKENIZERS[0], model))).usable
    for normalizer in [
        {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"}, {"type": "NFKC"}]},
        {"type": "Sequence", "normalizers": [{"type": "Replace", "pattern": {"String": " "}, "content": "\u0301"},
                                             {"type": "NFC"}]},
        {"type": "Replace", "pattern": {"Regex": " "}, "content": "▁"},
    ]:
        tok = Tokenizer.from_str(tokenizer_json(normalizer, BYTE_PRE_TOKENIZERS[0], byte_bpe()))
        assert not FastEncoder(tok).usable, normalizer


# -- BPE over the whole text (Llama, phi-3) -------------------------------------------------------
def llama_like() -> Tokenizer:
    """phi-3's pipeline on a small vocab: Prepend + Replace, no pre-tokenizer, byte_fallback + fuse_unk."""
    merges = [("▁", "t"), ("h", "e"), ("▁t", "he"), ("▁", "a"), ("a", "b"), ("▁", "▁"), ("▁▁", "▁▁")]
    vocab = {"<unk>": 0, "<s>": 1}
    for c in "▁abcdehlst'é":
        vocab[c] = len(vocab)
    for b in range(256):
        if b not in (0xA9, 0xF0):  # some bytes missing: their chars become <unk>
            vocab[f"<0x{b:02X}>"] = len(vocab)
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    model = {"type": "BPE", "dropout": None, "unk_token": "<unk>", "continuing_subword_prefix": None,
             "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True, "ignore_merges": False,
             "vocab": vocab, "merges": [list(m) for m in merges]}
    tok = Tokenizer.from_str(tokenizer_json(NORMALIZERS[6], None, model))
    tok.add_special_tokens(["<s>", "<|end|>"])
    return tok


@given(text=ANY_TEXT)
def test_whole_text_bpe_fast_path_equals_aligned_path(text: str) -> None:
    tok = llama_like()
    taken = assert_fast_equals_aligned(tok, text)
    assert taken or "<s>" in text or "<|end|>" in text


def test_whole_text_bpe_matches_hf() -> None:
    tok = llama_like()
    theirs = hf.Tokenizer.from_str(tok.to_str())
    samples = ["the cat", " the  cat ", "é€😀 x", "", "a<s>b", "\u00e9\u00a9"]
    for ours_enc, their_enc, sample in zip(tok.encode_batch(samples), theirs.encode_batch(samples), samples):
        assert_same_encoding(ours_enc, their_enc, sample)


# -- Metaspace, alone or after WhitespaceSplit (T5, ALBERT) -----------------------------------------
def metaspace(scheme: str, split: bool) -> dict:
    return {"type": "Metaspace", "replacement": "▁", "prepend_scheme": scheme, "split": split}


META_PRE_TOKENIZERS = [
    metaspace("always", True),
    metaspace("first", True),
    metaspace("never", True),
    metaspace("first", False),
    {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, metaspace("always", True)]},
    {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, metaspace("first", True)]},
    {"type": "Sequence", "pretokenizers": [{"type": "Digits", "individual_digits": False}, metaspace("never", False)]},
]
META_NORMALIZERS = [None, NORMALIZERS[7], {"type": "Replace", "pattern": {"String": "a"}, "content": " "}]


@pytest.mark.parametrize("n", range(len(META_NORMALIZERS)))
@pytest.mark.parametrize("p", range(len(META_PRE_TOKENIZERS)))
@given(text=ANY_TEXT)
def test_metaspace_fast_path_equals_aligned_path(n: int, p: int, text: str) -> None:
    model = json.loads(llama_like().to_str())["model"]
    tok = Tokenizer.from_str(tokenizer_json(META_NORMALIZERS[n], META_PRE_TOKENIZERS[p], model))
    assert_fast_equals_aligned(tok, text)


@given(words=st.lists(ANY_TEXT, max_size=4))
def test_metaspace_pretokenized_words_keep_their_word_index(words: list[str]) -> None:
    model = json.loads(llama_like().to_str())["model"]
    tok = Tokenizer.from_str(tokenizer_json(None, META_PRE_TOKENIZERS[5], model))
    for index, word in enumerate(words):
        assert_fast_equals_aligned(tok, word, word_index=index)


def test_metaspace_fast_path_matches_hf() -> None:
    model = json.loads(llama_like().to_str())["model"]
    samples = ["the cat", " the  cat ", "é€😀 x", "", "a▁b ▁▁c", "\u00e9\u00a9", "12ab 3"]
    for normalizer in META_NORMALIZERS:
        for pre_tokenizer in META_PRE_TOKENIZERS:
            text = tokenizer_json(normalizer, pre_tokenizer, model)
            ours, theirs = Tokenizer.from_str(text), hf.Tokenizer.from_str(text)
            for sample in samples:
                if sample.isascii() or normalizer is not NORMALIZERS[7]:  # Lowercase needs ASCII
                    assert FastEncoder(ours).encode(sample, 0) is not None
                assert_same_encoding(ours.encode(sample), theirs.encode(sample), f"{pre_tokenizer} {sample!r}")


# -- real files -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wikitext_lines() -> list[str]:
    return (DATA / "wikitext-slice.txt").read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("name, share", [("gpt2.json", 1.0), ("t5-small.json", 1.0), ("bert-base-uncased.json", 0.8)])
def test_real_file_fast_path_equals_aligned_on_wikitext(name: str, share: float, wikitext_lines: list[str]) -> None:
    """Every line takes the fast path with gpt2 and t5; BERT's normalizer needs ASCII lines."""
    tok = Tokenizer.from_file(str(DATA / name))
    fast = FastEncoder(tok)
    used = 0
    for line in wikitext_lines:
        encoding = fast.encode(line, 0)
        if encoding is not None:
            used += 1
            assert encoding_dict(encoding) == encoding_dict(_pipeline.encode_aligned(tok, line, 0)), line
    assert used >= len(wikitext_lines) * share


@pytest.mark.parametrize("name", ["gpt2.json", "t5-small.json", "bert-base-uncased.json"])
def test_real_file_encode_batch_matches_hf(name: str, wikitext_lines: list[str]) -> None:
    ours, theirs = Tokenizer.from_file(str(DATA / name)), hf.Tokenizer.from_file(str(DATA / name))
    lines = wikitext_lines + [" Café — naïve 😀 ", "  two  spaces", "\ttab\n"]
    for ours_enc, their_enc, line in zip(ours.encode_batch(lines), theirs.encode_batch(lines), lines):
        assert_same_encoding(ours_enc, their_enc, line)


@pytest.mark.parametrize("name", ["gpt2.json", "t5-small.json"])
@given(text=ANY_TEXT)
def test_real_file_fast_path_equals_aligned_path(name: str, text: str) -> None:
    assert_fast_equals_aligned(_loaded(name), text)


_LOADED: dict[str, Tokenizer] = {}


def _loaded(name: str) -> Tokenizer:
    if name not in _LOADED:
        _LOADED[name] = Tokenizer.from_file(str(DATA / name))
    return _LOADED[name]
