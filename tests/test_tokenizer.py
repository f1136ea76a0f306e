"""The Tokenizer pipeline against HF: encode (single, pair, pretokenized, batch), added
tokens, truncation, padding, decode, vocab queries, JSON both ways, pickling, errors."""

from __future__ import annotations

import json
import pickle

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st
from parity import assert_same_encoding, both_from_json, encoding_dict
from strategies import texts

import tokkit
from tokkit import Tokenizer, models, normalizers, pre_tokenizers, processors

VOCAB = {
    "[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "[PAD]": 3, "[MASK]": 4,
    "hello": 5, "world": 6, "the": 7, "a": 8, "b": 9, "c": 10, "##s": 11, "##ing": 12,
    "token": 13, "##ize": 14, ".": 15, ",": 16, "'": 17, "s": 18, "-": 19, "é": 20, "e": 21,
    "中": 22, "文": 23, "##a": 24, "##b": 25, "##c": 26, "!": 27, "?": 28, "i": 29, "##e": 30,
}


def wordpiece_json(normalizer: dict | None, pre_tokenizer: dict | None, post: dict | None = None,
                   added: list[dict] | None = None) -> str:
    return json.dumps({
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added or [],
        "normalizer": normalizer, "pre_tokenizer": pre_tokenizer, "post_processor": post,
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": VOCAB},
    })


BERT_NORM = {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
             "strip_accents": None, "lowercase": True}
SEQ_NORM = {"type": "Sequence", "normalizers": [{"type": "NFD"}, {"type": "Lowercase"}, {"type": "StripAccents"}]}
SEQ_PRE = {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, {"type": "Punctuation", "behavior": "Isolated"}]}
BERT_PROC = {"type": "BertProcessing", "sep": ["[SEP]", 2], "cls": ["[CLS]", 1]}
TEMPLATE = {
    "type": "TemplateProcessing",
    "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
               {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
    "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
             {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
             {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
    "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [1], "tokens": ["[CLS]"]},
                       "[SEP]": {"id": "[SEP]", "ids": [2], "tokens": ["[SEP]"]}},
}

CONFIGS = {
    "bert": (BERT_NORM, {"type": "BertPreTokenizer"}, BERT_PROC),
    "walkthrough": (SEQ_NORM, SEQ_PRE, TEMPLATE),
    "none": (None, None, None),
    "whitespace": ({"type": "Lowercase"}, {"type": "Whitespace"}, None),
}


def added_entry(content: str, **flags: bool) -> dict:
    entry = {"id": 0, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": True, "special": False}
    entry.update(flags)
    return entry


ADDED = [
    added_entry("[MASK]", special=True, normalized=False, lstrip=True),
    added_entry("<new>", special=True, normalized=False),
    added_entry("Tokenize", normalized=True),
    added_entry("ab", single_word=True, normalized=True),
    added_entry("xyz", rstrip=True, normalized=False),
]


@pytest.mark.parametrize("name", sorted(CONFIGS))
@given(text=texts, pair=st.one_of(st.none(), texts))
def test_encode_matches_hf(name: str, text: str, pair: str | None) -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS[name]))
    assert_same_encoding(ours.encode(text, pair), theirs.encode(text, pair), f"{name} {text!r} {pair!r}")


@pytest.mark.parametrize("name", sorted(CONFIGS))
@given(text=st.text(st.sampled_from(list("ab [MASK]<new>Tokenize xyz\té.")), max_size=40))
def test_added_tokens_match_hf(name: str, text: str) -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS[name], added=ADDED))
    assert_same_encoding(ours.encode(text), theirs.encode(text), f"{name} {text!r}")
    ids = theirs.encode(text).ids
    for skip in (True, False):
        assert ours.decode(ids, skip_special_tokens=skip) == theirs.decode(ids, skip_special_tokens=skip)


@given(words=st.lists(texts, max_size=5), pair=st.one_of(st.none(), st.lists(texts, max_size=4)))
def test_pretokenized_matches_hf(words: list[str], pair: list[str] | None) -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["walkthrough"]))
    assert_same_encoding(
        ours.encode(words, pair, is_pretokenized=True), theirs.encode(words, pair, is_pretokenized=True)
    )


@given(
    max_length=st.integers(0, 12), stride=st.integers(0, 4),
    strategy=st.sampled_from(["longest_first", "only_first", "only_second"]),
    direction=st.sampled_from(["left", "right"]), pad_direction=st.sampled_from(["left", "right"]),
    length=st.one_of(st.none(), st.integers(0, 16)), multiple=st.one_of(st.none(), st.integers(1, 5)),
    batch=st.lists(st.tuples(texts, st.one_of(st.none(), texts)), min_size=1, max_size=4),
)
def test_truncation_and_padding_match_hf(max_length, stride, strategy, direction, pad_direction, length,
                                         multiple, batch) -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["bert"]))
    results = []
    for tok in (ours, theirs):
        try:
            tok.enable_truncation(max_length, stride=stride, strategy=strategy, direction=direction)
        except Exception as exc:  # noqa: BLE001 - both must refuse the same settings
            results.append(("enable", type(exc).__name__ != "PanicException"))
            continue
        tok.enable_padding(direction=pad_direction, length=length, pad_to_multiple_of=multiple, pad_id=3)
        inputs = [a if b is None else (a, b) for a, b in batch]
        try:
            results.append([encoding_dict(e) for e in tok.encode_batch(inputs)])
        except BaseException as exc:  # noqa: BLE001 - HF panics where tokkit raises
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            results.append("error")
    assert results[0] == results[1]


def test_truncation_and_padding_properties() -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["bert"]))
    for tok in (ours, theirs):
        tok.enable_truncation(7, stride=2, strategy="only_first", direction="left")
        tok.enable_padding(length=9, pad_to_multiple_of=4, pad_id=3, pad_token="[PAD]")
    assert ours.truncation == theirs.truncation
    assert ours.padding == theirs.padding
    assert json.loads(ours.to_str()) == json.loads(theirs.to_str())
    assert ours.to_str(pretty=True) == theirs.to_str(pretty=True)
    for tok in (ours, theirs):
        tok.no_truncation()
        tok.no_padding()
    assert ours.truncation is None and ours.padding is None


def test_trap_14_truncation_below_added_specials() -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["bert"]))
    for max_length in (1, 2, 3):
        ours.enable_truncation(max_length)
        theirs.enable_truncation(max_length)
        assert_same_encoding(ours.encode("a b c the"), theirs.encode("a b c the"), f"max_length={max_length}")


def test_stride_error_like_hf() -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["bert"]))
    with pytest.raises(ValueError):
        theirs.enable_truncation(3, stride=3)
    with pytest.raises(tokkit.TruncationError, match="stride"):
        ours.enable_truncation(3, stride=3)
    with pytest.raises(tokkit.TokkitError, match="strategy"):
        ours.enable_truncation(5, strategy="middle_out")


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_json_round_trip_both_ways(name: str) -> None:
    text = wordpiece_json(*CONFIGS[name], added=ADDED)
    ours, theirs = both_from_json(text)
    assert ours.to_str() == theirs.to_str()
    assert ours.to_str(pretty=True) == theirs.to_str(pretty=True)
    # tokkit's JSON loads in HF and behaves identically
    reloaded = hf.Tokenizer.from_str(ours.to_str())
    sample = "Hello [MASK] the tokenize, ab xyz  world!"
    assert encoding_dict(reloaded.encode(sample)) == encoding_dict(ours.encode(sample))


def test_vocab_queries_match_hf() -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["whitespace"], added=ADDED))
    for tok, lib in ((ours, tokkit), (theirs, hf)):
        tok.add_tokens(["Foo", lib.AddedToken("bar", lstrip=True)])
        tok.add_special_tokens(["[X]", "hello"])
    assert ours.get_vocab() == theirs.get_vocab()
    assert ours.get_vocab(with_added_tokens=False) == theirs.get_vocab(with_added_tokens=False)
    assert ours.get_vocab_size() == theirs.get_vocab_size()
    assert ours.get_vocab_size(False) == theirs.get_vocab_size(False)
    assert repr(ours.get_added_tokens_decoder()) == repr(theirs.get_added_tokens_decoder())
    for i in range(0, 45):
        assert ours.id_to_token(i) == theirs.id_to_token(i), i
    for token in list(VOCAB) + ["Foo", "foo", "bar", "[X]", "nope", "tokenize", "Tokenize"]:
        assert ours.token_to_id(token) == theirs.token_to_id(token), token
    assert ours.to_str() == theirs.to_str()


def test_add_tokens_return_values_like_hf() -> None:
    ours, theirs = both_from_json(wordpiece_json(None, None))

    def calls(lib):
        return [
            ("add_tokens", ["x", "y", ""]), ("add_tokens", ["x"]), ("add_special_tokens", ["x"]),
            ("add_tokens", [lib.AddedToken("x", lstrip=True)]), ("add_special_tokens", ["hello", "[Z]"]),
            ("add_tokens", ["[Z]"]), ("add_special_tokens", [lib.AddedToken("w", normalized=True)]),
        ]

    for (method, arg), (_, hf_arg) in zip(calls(tokkit), calls(hf)):
        assert getattr(ours, method)(arg) == getattr(theirs, method)(hf_arg), (method, arg)
    assert ours.to_str() == theirs.to_str()


def test_trap_5_added_token_ids_ignored_on_load() -> None:
    text = json.dumps({
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [dict(added_entry("<x>"), id=10), dict(added_entry("<y>"), id=5)],
        "normalizer": None, "pre_tokenizer": None, "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": {"a": 0, "b": 1}, "unk_token": "a"},
    })
    ours, theirs = both_from_json(text)
    assert ours.token_to_id("<x>") == theirs.token_to_id("<x>") == 2
    assert ours.token_to_id("<y>") == theirs.token_to_id("<y>") == 3


def test_trap_7_single_word_not_retried() -> None:
    ours, theirs = both_from_json(wordpiece_json(None, None))
    for tok, lib in ((ours, tokkit), (theirs, hf)):
        tok.add_tokens([lib.AddedToken("abc", single_word=True), "bc"])
    assert_same_encoding(ours.encode("xabc"), theirs.encode("xabc"))
    assert ours.encode("xabc").tokens == ["[UNK]"]


def test_trap_8_lstrip_rstrip_swallow_whitespace() -> None:
    ours, theirs = both_from_json(wordpiece_json(None, {"type": "WhitespaceSplit"}))
    for tok, lib in ((ours, tokkit), (theirs, hf)):
        tok.add_special_tokens([lib.AddedToken("<mask>", lstrip=True, rstrip=True)])
    enc = ours.encode("hello   <mask>  world")
    assert enc.tokens == ["hello", "   <mask>  ", "world"]
    assert enc.offsets[1] == (5, 16)
    assert_same_encoding(enc, theirs.encode("hello   <mask>  world"))


def test_trap_9_normalized_added_tokens_show_normalized_form() -> None:
    ours, theirs = both_from_json(wordpiece_json({"type": "Lowercase"}, None))
    for tok in (ours, theirs):
        tok.add_tokens(["Foo"])
    new_id = theirs.token_to_id("Foo")
    assert ours.encode("FOO").tokens == theirs.encode("FOO").tokens == ["foo"]
    assert ours.id_to_token(new_id) == theirs.id_to_token(new_id) == "foo"
    assert ours.token_to_id("foo") is None and theirs.token_to_id("foo") is None
    assert ours.decode([new_id]) == theirs.decode([new_id])
    # changing the normalizer re-normalizes the added tokens
    for tok in (ours, theirs):
        tok.normalizer = normalizers.Sequence([normalizers.Lowercase(), normalizers.Replace("o", "0")]) \
            if tok is ours else hf.normalizers.Sequence([hf.normalizers.Lowercase(), hf.normalizers.Replace("o", "0")])
    assert ours.id_to_token(new_id) == theirs.id_to_token(new_id) == "f00"


def test_encode_special_tokens_flag() -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["bert"], added=ADDED))
    for tok in (ours, theirs):
        tok.encode_special_tokens = True
    assert ours.encode_special_tokens is True
    assert_same_encoding(ours.encode("a [MASK] <new> b"), theirs.encode("a [MASK] <new> b"))


def test_post_process_and_num_special_tokens() -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["walkthrough"]))
    assert ours.num_special_tokens_to_add(False) == theirs.num_special_tokens_to_add(False) == 2
    assert ours.num_special_tokens_to_add(True) == theirs.num_special_tokens_to_add(True) == 3
    a = ours.encode("hello world", add_special_tokens=False)
    b = theirs.encode("hello world", add_special_tokens=False)
    assert_same_encoding(ours.post_process(a), theirs.post_process(b))


def test_decode_batch_and_unknown_ids() -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["bert"]))
    batch = [[1, 5, 11, 2, 999, 6], [3, 3], []]
    assert ours.decode_batch(batch) == theirs.decode_batch(batch)
    assert ours.decode_batch(batch, skip_special_tokens=False) == theirs.decode_batch(batch, skip_special_tokens=False)
    ours.decoder = None
    theirs.decoder = None
    assert ours.decode([5, 6, 1]) == theirs.decode([5, 6, 1])


def test_pickle_round_trip() -> None:
    ours, _ = both_from_json(wordpiece_json(*CONFIGS["bert"], added=ADDED))
    ours.enable_truncation(5)
    clone = pickle.loads(pickle.dumps(ours))
    assert clone.to_str() == ours.to_str()
    assert encoding_dict(clone.encode("hello [MASK] world")) == encoding_dict(ours.encode("hello [MASK] world"))


def test_save_and_from_file_and_buffer(tmp_path) -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["bert"], added=ADDED))
    path = tmp_path / "tokenizer.json"
    ours.save(str(path))
    theirs.save(str(tmp_path / "hf.json"))
    assert path.read_bytes() == (tmp_path / "hf.json").read_bytes()
    assert Tokenizer.from_file(str(path)).to_str() == ours.to_str()
    assert Tokenizer.from_buffer(path.read_bytes()).to_str() == ours.to_str()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tokkit-")]


def test_repr_matches_hf() -> None:
    ours, theirs = both_from_json(wordpiece_json(*CONFIGS["bert"], added=ADDED))
    assert repr(ours) == repr(theirs)
    assert repr(ours.encode("hello")) == repr(theirs.encode("hello"))
    for length in (None, 12):
        for tok in (ours, theirs):
            tok.enable_truncation(9, stride=1, strategy="only_second", direction="left")
            tok.enable_padding(length=length, pad_to_multiple_of=4, pad_token="[PAD]", pad_id=3)
        assert repr(ours) == repr(theirs)


BAD_JSON = {
    "truncated file": '{"version": "1.0", "model": {',
    "wrong top-level type": "[]",
    "unknown version": '{"version": "2.0"}',
    "no model": '{"version": "1.0", "model": null}',
    "unknown model type": '{"version": "1.0", "model": {"type": "Nope", "vocab": {}}}',
    "unknown normalizer type": '{"version": "1.0", "normalizer": {"type": "Nope"}, '
                               '"model": {"type": "WordLevel", "vocab": {}, "unk_token": "x"}}',
    "normalizer without type": '{"version": "1.0", "normalizer": {"lowercase": true}, '
                               '"model": {"type": "WordLevel", "vocab": {}, "unk_token": "x"}}',
    "vocab of wrong type": '{"version": "1.0", "model": {"type": "WordLevel", "vocab": [1, 2], "unk_token": "x"}}',
    "bad added token": '{"version": "1.0", "added_tokens": [{"id": 1}], '
                       '"model": {"type": "WordLevel", "vocab": {}, "unk_token": "x"}}',
    "bad truncation": '{"version": "1.0", "truncation": {"max_length": "ten"}, '
                      '"model": {"type": "WordLevel", "vocab": {}, "unk_token": "x"}}',
}


@pytest.mark.parametrize("case", sorted(BAD_JSON))
def test_bad_tokenizer_json_raises_serialization_error(case: str) -> None:
    with pytest.raises(hf_error_types()):
        hf.Tokenizer.from_str(BAD_JSON[case])
    with pytest.raises(tokkit.SerializationError) as info:
        Tokenizer.from_str(BAD_JSON[case])
    assert str(info.value)  # the message names the problem


def hf_error_types() -> tuple[type, ...]:
    return (Exception,)


def test_unknown_type_error_lists_known_types() -> None:
    with pytest.raises(tokkit.UnknownComponentError, match="Lowercase"):
        Tokenizer.from_str(BAD_JSON["unknown normalizer type"])


def test_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(tokkit.SerializationError, match="cannot read"):
        Tokenizer.from_file(str(tmp_path / "missing.json"))


def test_bad_encode_inputs() -> None:
    ours, _ = both_from_json(wordpiece_json(None, None))
    with pytest.raises(TypeError, match="TextInputSequence"):
        ours.encode(["a", "b"])
    with pytest.raises(TypeError, match="PreTokenizedInputSequence"):
        ours.encode("a", is_pretokenized=True)
    with pytest.raises(TypeError, match="TextEncodeInput"):
        ours.encode_batch([1])
    with pytest.raises(tokkit.TokkitError):
        ours.add_tokens("abc")


def test_custom_component_cannot_be_saved_but_encodes() -> None:
    class Upper:
        def normalize(self, normalized: tokkit.NormalizedString) -> None:
            normalized.uppercase()

    tok = Tokenizer(models.WordLevel({"A": 0, "[UNK]": 1}, unk_token="[UNK]"))
    tok.normalizer = normalizers.Normalizer.custom(Upper())
    assert tok.encode("a").tokens == ["A"]
    with pytest.raises(tokkit.SerializationError, match="register"):
        tok.to_str()


def test_tokkit_components_build_like_hf() -> None:
    ours = Tokenizer(models.WordPiece(VOCAB, unk_token="[UNK]"))
    ours.normalizer = normalizers.BertNormalizer()
    ours.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    ours.post_processor = processors.BertProcessing(("[SEP]", 2), ("[CLS]", 1))
    theirs = hf.Tokenizer.from_str(wordpiece_json(*CONFIGS["bert"]))
    theirs.decoder = None
    assert ours.to_str() == theirs.to_str()
