"""Models (BPE, WordPiece, WordLevel) against the HF wheel: encoding, JSON, repr, files, errors.

HF's Rust models report offsets in bytes of the word; tokkit reports chars.
``hf_tokens`` converts HF's byte offsets with the documented rule (a byte
range covers the chars holding its first and last byte), which is how HF's
pipeline maps them through the alignments.
"""

from __future__ import annotations

import json
import os
import pickle

import pytest
import tokenizers
from hypothesis import given
from hypothesis import strategies as st
from strategies import texts
from tokenizers import Tokenizer
from tokenizers import models as hf_models
from tokenizers import pre_tokenizers as hf_pre
from tokenizers import trainers as hf_trainers

import tokkit.models as kt_models
from tokkit._errors import MissingUnkTokenError, SerializationError, TokkitError
from tokkit.models import BPE, Model, WordLevel, WordPiece, from_dict
from tokkit._unicode import bytes_to_unicode

DATA = os.path.join(os.path.dirname(__file__), "data")
BYTE_CHARS = bytes_to_unicode()


# -- helpers ---------------------------------------------------------------------------------
def byte_span_to_chars(text: str, span: tuple[int, int]) -> tuple[int, int]:
    starts = []
    for index, char in enumerate(text):
        starts.extend([index] * len(char.encode("utf-8")))
    start, end = span
    char_start = starts[start] if start < len(starts) else len(text)
    char_end = starts[end - 1] + 1 if 0 < end <= len(starts) else (len(text) if end > len(starts) else char_start)
    return char_start, max(char_start, char_end)


def hf_tokens(model, text):
    return [(t.id, t.value, byte_span_to_chars(text, t.offsets)) for t in model.tokenize(text)]


def kt_tokens(model, text):
    return [(t.id, t.value, t.offsets) for t in model.tokenize(text)]


def outcome(model, text):
    """The tokens, or the error type when the model cannot encode ``text``."""
    try:
        return kt_tokens(model, text)
    except TokkitError as exc:
        return type(exc)


def hf_state(model) -> str:
    return model.__getstate__().decode("utf-8")


def hf_from_json(model_json: dict):
    full = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": [], "normalizer": None,
            "pre_tokenizer": None, "post_processor": None, "decoder": None, "model": model_json}
    return Tokenizer.from_str(json.dumps(full)).model


def slice_lines() -> list[str]:
    with open(os.path.join(DATA, "wikitext-slice.txt"), encoding="utf-8") as handle:
        return handle.read().splitlines()


def hf_trained(model, trainer):
    tok = Tokenizer(model)
    tok.pre_tokenizer = hf_pre.WhitespaceSplit()
    tok.train_from_iterator(slice_lines(), trainer)
    return json.loads(tok.to_str())["model"]


@pytest.fixture(scope="module")
def bpe_plain_json():
    return hf_trained(hf_models.BPE(unk_token="[UNK]"),
                      hf_trainers.BpeTrainer(vocab_size=800, special_tokens=["[UNK]"], show_progress=False))


@pytest.fixture(scope="module")
def bpe_affix_json():
    trainer = hf_trainers.BpeTrainer(vocab_size=800, special_tokens=["<unk>"], show_progress=False,
                                     continuing_subword_prefix="##", end_of_word_suffix="</w>")
    return hf_trained(hf_models.BPE(unk_token="<unk>"), trainer)


@pytest.fixture(scope="module")
def gpt2_json():
    with open(os.path.join(DATA, "gpt2.json"), encoding="utf-8") as handle:
        return json.load(handle)["model"]


@pytest.fixture(scope="module")
def bert_json():
    with open(os.path.join(DATA, "bert-base-uncased.json"), encoding="utf-8") as handle:
        return json.load(handle)["model"]


@pytest.fixture(scope="module")
def gpt2_pair(gpt2_json):
    return pair(gpt2_json)


@pytest.fixture(scope="module")
def bert_pair(bert_json):
    return pair(bert_json)


@pytest.fixture(scope="module")
def offset_models(gpt2_json):
    vocab = {"<unk>": 0, "a": 1, "<0xC3>": 2, "<0xA9>": 3, "b": 4, "ab": 5, "<0x61>": 6}
    cases = [gpt2_json, {"type": "BPE", "vocab": vocab, "merges": [["a", "b"]]},
             {"type": "BPE", "vocab": vocab, "merges": [["a", "b"]], "byte_fallback": True},
             {"type": "BPE", "vocab": vocab, "merges": [], "byte_fallback": True, "unk_token": "<unk>", "fuse_unk": True}]
    return [(Tokenizer(hf_from_json(case)), from_dict(case)) for case in cases]


def pair(model_json: dict, **options):
    """The same model in HF and in tokkit, built from HF's JSON plus options."""
    data = dict(model_json, **options)
    return hf_from_json(data), from_dict(data)


WORDS = ["", "a", "the", "Robert", "Boulter", "television", "é", "naïve", "中文字", "x\u0301y", "\U0001f600ok",
         "aaaaaaaaaaaaaaaaaaaaaaaa", "don't", "@-@", "ﬁnal", "Ｔｏｋｙｏ", "\x00\x7f", "▁Ġ", "<unk>", "[UNK]"]
bpe_options = st.fixed_dictionaries({}, optional={
    "unk_token": st.sampled_from([None, "[UNK]"]), "fuse_unk": st.booleans(), "ignore_merges": st.booleans()})


# -- BPE encoding ----------------------------------------------------------------------------
class TestBPEEncode:
    @pytest.mark.parametrize("options", [{}, {"unk_token": None}, {"fuse_unk": True}, {"ignore_merges": True},
                                         {"dropout": 1.0}, {"dropout": 0.0}])
    def test_edge_words(self, bpe_plain_json, options):
        hf, kt = pair(bpe_plain_json, **options)
        for word in WORDS:
            assert kt_tokens(kt, word) == hf_tokens(hf, word), word

    def test_prefix_suffix_edge_words(self, bpe_affix_json):
        hf, kt = pair(bpe_affix_json)
        for word in WORDS + [w for line in slice_lines()[:40] for w in line.split()]:
            assert kt_tokens(kt, word) == hf_tokens(hf, word), word

    def test_byte_fallback(self, bpe_plain_json):
        vocab = dict(bpe_plain_json["vocab"])
        for b in range(256):
            vocab.setdefault(f"<0x{b:02X}>", len(vocab))
        for options in ({"byte_fallback": True}, {"byte_fallback": True, "unk_token": None},
                        {"byte_fallback": True, "fuse_unk": True}):
            hf, kt = pair(dict(bpe_plain_json, vocab=vocab), **options)
            for word in WORDS + ["a中b", "éé", "\U0001f600"]:
                assert kt_tokens(kt, word) == hf_tokens(hf, word), (options, word)

    def test_byte_fallback_partial_table_keeps_pending_unk_order(self):
        # '中' has no byte tokens -> unk stays pending; 'é' falls back to bytes first (HF order).
        vocab = {"<unk>": 0, "a": 1, "<0xC3>": 2, "<0xA9>": 3}
        hf = hf_models.BPE(vocab, [], unk_token="<unk>", byte_fallback=True)
        kt = BPE(vocab, [], unk_token="<unk>", byte_fallback=True)
        for word in ["中é", "a中éa", "éé中"]:
            assert kt_tokens(kt, word) == hf_tokens(hf, word)

    @given(text=texts, options=bpe_options)
    def test_hypothesis_plain(self, bpe_plain_json, text, options):
        hf, kt = pair(bpe_plain_json, **options)
        assert kt_tokens(kt, text) == hf_tokens(hf, text)

    @given(text=texts)
    def test_hypothesis_prefix_suffix(self, bpe_affix_json, text):
        hf, kt = pair(bpe_affix_json)
        assert kt_tokens(kt, text) == hf_tokens(hf, text)

    @given(text=st.text(max_size=30))
    def test_hypothesis_gpt2_bytes(self, gpt2_pair, text):
        hf, kt = gpt2_pair
        mapped = "".join(BYTE_CHARS[b] for b in text.encode("utf-8"))
        assert kt_tokens(kt, mapped) == hf_tokens(hf, mapped)
        assert kt_tokens(kt, text) == hf_tokens(hf, text)  # raw text: unknown chars dropped

    @given(text=st.text(st.sampled_from("abé中\U0001f600xĠ"), min_size=1, max_size=8))
    def test_char_offsets_are_what_hf_pipeline_reports(self, offset_models, text):
        # With no normalizer/pre-tokenizer, HF's Encoding offsets (chars) are the model's
        # byte offsets mapped through the text: dropped chars and <0xHH> pieces included.
        for hf_tok, kt in offset_models:
            encoding = hf_tok.encode(text)
            assert [(t.id, t.offsets) for t in kt.tokenize(text)] == list(zip(encoding.ids, encoding.offsets))

    def test_trap10_bpe_without_unk_drops_unknown_chars(self):
        model = BPE({"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4}, [("a", "b"), ("ab", "c")])
        assert kt_tokens(model, "abxxc") == [(4, "abc", (0, 3))]
        hf = hf_models.BPE({"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4}, [("a", "b"), ("ab", "c")])
        assert hf_tokens(hf, "abxxc") == [(4, "abc", (0, 3))]

    def test_merge_priority_is_rank_then_position(self):
        vocab = {"a": 0, "b": 1, "c": 2, "bc": 3, "ab": 4, "abc": 5}
        merges = [("b", "c"), ("a", "b"), ("a", "bc")]
        hf, kt = hf_models.BPE(vocab, merges), BPE(vocab, merges)
        for word in ["abc", "abcabc", "ababc", "cab"]:
            assert kt_tokens(kt, word) == hf_tokens(hf, word)

    def test_lower_rank_pair_created_by_a_merge_goes_first(self):
        vocab = {"a": 0, "aa": 1, "aaa": 2}
        merges = [("aa", "a"), ("a", "a")]
        for word in ["aaa", "aaaa", "aaaaa"]:
            assert kt_tokens(BPE(vocab, merges), word) == hf_tokens(hf_models.BPE(vocab, merges), word)

    def test_dropout_tokens_still_cover_the_word(self, bpe_plain_json):
        kt = from_dict(dict(bpe_plain_json, dropout=0.5))
        for word in ["television", "Boulter", "theatre"]:
            assert "".join(t.value for t in kt.tokenize(word)) == word

    def test_cache_is_shared_and_cleared_on_setattr(self, bpe_plain_json):
        hf, kt = pair(bpe_plain_json)
        assert kt.tokenize("naïve") is kt.tokenize("naïve")
        kt.unk_token = None
        hf.unk_token = None
        assert kt_tokens(kt, "naïve€") == hf_tokens(hf, "naïve€")


@pytest.mark.parametrize("cls, options", [
    (BPE, {"dropout": 0.0, "unk_token": "a", "continuing_subword_prefix": "##", "end_of_word_suffix": "</w>",
           "fuse_unk": True, "byte_fallback": True, "ignore_merges": True}),
    (WordPiece, {"unk_token": "a", "continuing_subword_prefix": "@@", "max_input_chars_per_word": 1}),
])
def test_options_are_declared_and_setting_one_clears_the_cache(cls, options):
    assert "__setattr__" not in vars(cls)  # declared properties, no attribute hook
    for name, value in options.items():
        model = cls({"a": 0, "b": 1, "ab": 2, "##b": 3}, *([[("a", "b")]] if cls is BPE else []))
        model.tokenize("ab")
        assert model._cache
        setattr(model, name, value)
        assert getattr(model, name) == value and getattr(model, "_" + name) == value
        assert not model._cache, name


def test_bpe_dropout_is_stored_as_f32():
    model = BPE()
    model.dropout = 0.1
    assert model.dropout == model._dropout == 0.10000000149011612
    model.dropout = None
    assert model.dropout is None


# -- WordPiece / WordLevel encoding --------------------------------------------------------
class TestWordPieceEncode:
    @pytest.mark.parametrize("max_chars", [100, 5, 0])
    def test_edge_words(self, bert_json, max_chars):
        hf, kt = pair(bert_json, max_input_chars_per_word=max_chars)
        for word in WORDS + ["unaffable", "hello", "##", "running"]:
            assert kt_tokens(kt, word) == hf_tokens(hf, word), word

    @given(text=texts)
    def test_hypothesis_bert(self, bert_pair, text):
        hf, kt = bert_pair
        assert kt_tokens(kt, text) == hf_tokens(hf, text)

    @given(word=st.text(st.sampled_from("abc#"), max_size=12))
    def test_hypothesis_small_vocab(self, word):
        vocab = {"[UNK]": 0, "a": 1, "ab": 2, "##b": 3, "##c": 4, "##bc": 5, "c": 6, "###": 7, "#": 8}
        assert kt_tokens(WordPiece(vocab), word) == hf_tokens(hf_models.WordPiece(vocab), word)

    def test_missing_unk_raises(self):
        with pytest.raises(MissingUnkTokenError, match="UNK"):
            WordPiece({"a": 0}).tokenize("ab")
        assert WordPiece({"a": 0}).tokenize("") == []


class TestWordLevelEncode:
    @given(word=texts)
    def test_hypothesis(self, word):
        vocab = {"<unk>": 3, "the": 0, "a": 1, "é": 7, "": 9}
        assert kt_tokens(WordLevel(vocab), word) == hf_tokens(hf_models.WordLevel(vocab), word)

    def test_unk_and_missing_unk(self):
        assert kt_tokens(WordLevel({"x": 0, "[U]": 1}, unk_token="[U]"), "yy") == [(1, "[U]", (0, 2))]
        with pytest.raises(MissingUnkTokenError):
            WordLevel({"a": 0}).tokenize("b")


# -- JSON, repr, pickle ------------------------------------------------------------------------
def model_cases():
    return [
        (lambda m: m.BPE(), None),
        (lambda m: m.BPE({"a": 0, "b": 1, "ab": 2, "é": 5}, [("a", "b")], dropout=0.1, unk_token="a",
                         continuing_subword_prefix="", end_of_word_suffix="", fuse_unk=True, byte_fallback=True,
                         ignore_merges=True), None),
        (lambda m: m.BPE(dropout=0.123456789), None),
        (lambda m: m.BPE(dropout=1.0), None),
        (lambda m: m.WordPiece(), None),
        (lambda m: m.WordPiece({"a\"\\": 0, "é\n": 3}, unk_token="x", max_input_chars_per_word=7,
                               continuing_subword_prefix="@@"), None),
        (lambda m: m.WordLevel(), None),
        (lambda m: m.WordLevel({"a": 0, "c": 5}, unk_token="c"), None),  # a hole at 1..4
        (lambda m: m.WordLevel({f"w{i}": i for i in range(150)}), None),
    ]


class TestSerialization:
    @pytest.mark.parametrize("index", range(len(model_cases())))
    def test_to_str_repr_str_match_hf(self, index):
        build, _ = model_cases()[index]
        hf, kt = build(hf_models), build(kt_models)
        assert kt.to_str() == hf_state(hf)
        assert repr(kt) == repr(hf)
        assert str(kt) == str(hf)
        assert Model.from_dict(json.loads(kt.to_str())).to_str() == kt.to_str()

    @pytest.mark.parametrize("name", ["bpe_plain_json", "bpe_affix_json", "gpt2_json", "bert_json"])
    def test_loaded_models_round_trip_like_hf(self, request, name):
        data = request.getfixturevalue(name)
        hf, kt = pair(data)
        assert kt.to_str() == hf_state(hf)
        assert repr(kt) == repr(hf) and str(kt) == str(hf)

    def test_legacy_untyped_json(self, bert_json):
        assert "type" not in bert_json
        assert isinstance(from_dict(bert_json), WordPiece)
        assert isinstance(from_dict({"vocab": {"a": 0}, "unk_token": "a"}), WordLevel)
        assert isinstance(from_dict({"vocab": {"a": 0}, "merges": []}), BPE)
        with pytest.raises(SerializationError, match="untagged"):
            from_dict({"vocab": {"a": 0}})

    def test_legacy_string_merges_and_duplicate_pair_keeps_last_rank(self):
        data = {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2, "c": 3, "abc": 4},
                "merges": ["a b", "ab c", "a b"]}
        assert from_dict(data).to_str() == hf_state(hf_from_json(data))
        assert from_dict(data).to_dict()["merges"] == [["ab", "c"], ["a", "b"]]

    def test_optional_fields_and_nulls(self):
        data = {"type": "BPE", "vocab": {"a": 0}, "merges": [], "fuse_unk": None, "dropout": None}
        assert from_dict(data).to_str() == hf_state(hf_from_json(data))

    def test_holes_are_skipped(self):
        data = {"type": "WordLevel", "vocab": {"a": 3, "b": 1}, "unk_token": "a"}
        assert from_dict(data).to_str() == hf_state(hf_from_json(data))

    @pytest.mark.parametrize("data", [
        {"type": "BPE", "vocab": {"a": 0}},
        {"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": [["a", "b"]]},
        {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b c"]},
        {"type": "BPE", "vocab": {"a": 0}, "merges": [], "dropout": 2.0},
        {"type": "BPE", "vocab": {"a": 0}, "merges": [], "fuse_unk": "yes"},
        {"type": "BPE", "vocab": [["a", 0]], "merges": []},
        {"type": "WordPiece", "vocab": {"a": 0}},
        {"type": "WordPiece", "vocab": {"a": 0}, "unk_token": "a", "continuing_subword_prefix": "##",
         "max_input_chars_per_word": "5"},
        {"type": "WordLevel", "vocab": {"a": 0}},
        {"type": "WordLevel", "vocab": {"a": 0}, "unk_token": None},
        {"type": "WordLevel", "vocab": {"a": -1}, "unk_token": "a"},
        {"type": "WordLevel", "vocab": {"a": 1.0}, "unk_token": "a"},
        {"type": "Nope", "vocab": {}},
        "not an object",
    ])
    def test_bad_json_raises_serialization_error(self, data):
        with pytest.raises(SerializationError):
            from_dict(data)
        if isinstance(data, dict) and data.get("type") != "Nope":
            with pytest.raises(BaseException):  # HF rejects (or panics on) the same JSON
                hf_from_json(data)

    @pytest.mark.parametrize("index", range(len(model_cases())))
    def test_pickle_round_trip(self, index):
        kt = model_cases()[index][0](kt_models)
        clone = pickle.loads(pickle.dumps(kt))
        assert type(clone) is type(kt) and clone.to_str() == kt.to_str()
        if isinstance(kt, BPE):
            kt.dropout = clone.dropout = None  # dropout is random: compare the deterministic encoding
        assert outcome(clone, "abé") == outcome(kt, "abé")


# -- files -----------------------------------------------------------------------------------
class TestFiles:
    def test_bpe_save_matches_hf_and_round_trips(self, tmp_path, bpe_affix_json):
        hf, kt = pair(bpe_affix_json)
        (tmp_path / "hf").mkdir()
        (tmp_path / "kt").mkdir()
        hf_paths = hf.save(str(tmp_path / "hf"), "p")
        kt_paths = kt.save(str(tmp_path / "kt"), "p")
        assert [os.path.basename(p) for p in kt_paths] == [os.path.basename(p) for p in hf_paths]
        for a, b in zip(hf_paths, kt_paths):
            assert open(a, "rb").read() == open(b, "rb").read()
        assert BPE.read_file(*kt_paths) == hf_models.BPE.read_file(*hf_paths)
        loaded = BPE.from_file(*kt_paths, unk_token="<unk>", continuing_subword_prefix="##",
                               end_of_word_suffix="</w>")
        assert loaded.to_str() == kt.to_str()
        assert BPE(*kt_paths, unk_token="<unk>", continuing_subword_prefix="##",
                   end_of_word_suffix="</w>").to_str() == kt.to_str()

    def test_wordpiece_and_wordlevel_files(self, tmp_path):
        vocab = {"a": 0, "b": 1, "ab": 5, "é": 2}
        for hf, kt, name in [(hf_models.WordPiece(vocab), WordPiece(vocab), "vocab.txt"),
                             (hf_models.WordLevel(vocab), WordLevel(vocab), "vocab.json")]:
            (tmp_path / type(kt).__name__).mkdir()
            folder = str(tmp_path / type(kt).__name__)
            hf_path = hf.save(folder, "hf")[0]
            kt_path = kt.save(folder)[0]
            assert os.path.basename(kt_path) == name
            assert open(hf_path, "rb").read() == open(kt_path, "rb").read()
            assert type(kt).read_file(kt_path) == type(hf).read_file(hf_path)
            assert type(kt).from_file(kt_path).get_vocab() == type(kt).read_file(kt_path)

    def test_wordpiece_read_file_trims_like_rust(self, tmp_path):
        path = tmp_path / "v.txt"
        path.write_bytes("a  \nb\r\n\nc\u3000\nd\x1f\n".encode("utf-8"))
        assert WordPiece.read_file(str(path)) == hf_models.WordPiece.read_file(str(path))

    def test_missing_folder_or_file_raises(self, tmp_path):
        with pytest.raises(TokkitError):
            BPE().save(str(tmp_path / "nope"))
        with pytest.raises(TokkitError):
            WordPiece.from_file(str(tmp_path / "nope.txt"))
        (tmp_path / "m.txt").write_text("#version: 0.2\na b c\n")
        (tmp_path / "v.json").write_text('{"a": 0, "b": 1}')
        with pytest.raises(SerializationError, match="line 1"):
            BPE.read_file(str(tmp_path / "v.json"), str(tmp_path / "m.txt"))


# -- constructor errors and API --------------------------------------------------------------
class TestConstructors:
    @pytest.mark.parametrize("build", [
        lambda: BPE({"a": 0}),
        lambda: BPE(None, []),
        lambda: BPE({"a": 0, "b": 1}, [("a", "b")]),
        lambda: BPE({"a": 0, "b": 1, "ab": 2}, [("a", "c")]),
        lambda: BPE({"a": 0}, [], dropout=1.5),
        lambda: BPE({"a": "x"}, []),
        lambda: BPE({"a": 0}, "merges.txt"),
        lambda: BPE({"a": 0}, [("a",)]),
        lambda: BPE(cache_capacity=-1),
        lambda: WordPiece({"a": 0}, max_input_chars_per_word=-1),
        lambda: WordPiece({"a": "x"}),
        lambda: WordPiece(unk_token=None),
        lambda: WordLevel({1: 0}),
    ])
    def test_bad_arguments_raise_tokkit_error(self, build):
        with pytest.raises(TokkitError):
            build()

    def test_prefix_is_stripped_without_checking(self):
        # HF panics here ("slice index starts at 1 but ends at 0"); tokkit raises a clear error.
        with pytest.raises(TokkitError, match="shorter than continuing_subword_prefix"):
            BPE({"a": 0, "b": 1, "ab": 2}, [("a", "b")], continuing_subword_prefix="##")
        model = BPE({"a": 0, "xyb": 1, "ab": 2}, [("a", "xyb")], continuing_subword_prefix="##")
        hf = hf_models.BPE({"a": 0, "xyb": 1, "ab": 2}, [("a", "xyb")], continuing_subword_prefix="##")
        assert model.to_str() == hf_state(hf)

    def test_accepts_none_where_hf_raises_type_error(self):
        assert BPE(fuse_unk=None, cache_capacity=None).fuse_unk is False
        assert WordLevel(unk_token=None).unk_token == "<unk>"

    def test_api_and_attributes(self):
        hf = hf_models.BPE({"a": 0, "b": 1, "ab": 2}, [("a", "b")], dropout=0.1)
        kt = BPE({"a": 0, "b": 1, "ab": 2}, [("a", "b")], dropout=0.1)
        assert kt.dropout == hf.dropout
        assert (kt.token_to_id("ab"), kt.id_to_token(1), kt.token_to_id("zz"), kt.id_to_token(9)) == \
               (hf.token_to_id("ab"), hf.id_to_token(1), hf.token_to_id("zz"), hf.id_to_token(9))
        assert kt.get_vocab() == {"a": 0, "b": 1, "ab": 2} and kt.get_vocab_size() == 3
        assert type(kt.get_trainer()).__name__ == type(hf.get_trainer()).__name__
        assert type(WordPiece().get_trainer()).__name__ == "WordPieceTrainer"
        assert type(WordLevel().get_trainer()).__name__ == "WordLevelTrainer"

    def test_hf_version(self):
        assert tokenizers.__version__ == "0.23.3"


# -- BPE options inside a Tokenizer, dropout, cache, long words ------------------------------
def with_bytes(model_json: dict) -> dict:
    vocab = dict(model_json["vocab"])
    for b in range(256):
        vocab.setdefault(f"<0x{b:02X}>", len(vocab))
    return dict(model_json, vocab=vocab)


def tokenizer_pair(model_json: dict, pre_tokenizer: bool = True):
    """HF and tokkit Tokenizers (WhitespaceSplit or no pre-tokenizer) around the same BPE JSON."""
    import tokkit

    hf = Tokenizer(hf_from_json(model_json))
    if pre_tokenizer:
        hf.pre_tokenizer = hf_pre.WhitespaceSplit()
    return hf, tokkit.Tokenizer.from_str(hf.to_str())


def same_encoding(hf, kt, text):
    a, b = hf.encode(text), kt.encode(text)
    assert (b.ids, b.tokens, b.offsets) == (a.ids, a.tokens, a.offsets), text


all_bpe_options = st.fixed_dictionaries({
    "unk": st.booleans(), "fuse_unk": st.booleans(), "byte_fallback": st.booleans(),
    "ignore_merges": st.booleans(), "affix": st.booleans(), "bytes": st.booleans(), "pre": st.booleans()})


@pytest.fixture(scope="module")
def option_tokenizers(bpe_plain_json, bpe_affix_json):
    """Every option combination, built once: (options tuple) -> (hf, tokkit)."""
    cache = {}

    def get(o):
        key = tuple(sorted(o.items()))
        if key not in cache:
            base = bpe_affix_json if o["affix"] else bpe_plain_json
            unk = base["unk_token"] if o["unk"] else None
            data = dict(with_bytes(base) if o["bytes"] else base, unk_token=unk, fuse_unk=o["fuse_unk"],
                        byte_fallback=o["byte_fallback"], ignore_merges=o["ignore_merges"])
            cache[key] = tokenizer_pair(data, o["pre"])
        return cache[key]
    return get


class TestBPEOptions:
    @given(text=texts, options=all_bpe_options)
    def test_hypothesis_every_option_in_a_tokenizer(self, option_tokenizers, text, options):
        # unk with/without fuse, byte_fallback (prefix/suffix bytes too), ignore_merges, "##"+"</w>",
        # chars missing from the vocab dropped (later offsets shift): ids, tokens and char offsets.
        hf, kt = option_tokenizers(options)
        if options["affix"] and options["byte_fallback"] and options["bytes"]:
            # Known difference: prefix/suffix bytes push HF's offsets past the word (garbage
            # offsets, even into other words); tokkit clamps them.  Ids and tokens agree.
            a, b = hf.encode(text), kt.encode(text)
            assert (b.ids, b.tokens) == (a.ids, a.tokens)
        else:
            same_encoding(hf, kt, text)

    @pytest.mark.parametrize("word", ["naïve", "中", "a中b", "##", "</w>", "x\u0301", "théâtre"])
    def test_byte_fallback_covers_prefix_and_suffix_bytes(self, option_tokenizers, word):
        opts = dict(unk=True, fuse_unk=False, byte_fallback=True, ignore_merges=False, affix=True, bytes=True, pre=True)
        hf, kt = option_tokenizers(opts)
        a, b = hf.encode("the " + word + " end"), kt.encode("the " + word + " end")
        assert (b.ids, b.tokens) == (a.ids, a.tokens)  # offsets: see the known difference above
        assert any(t.startswith("<0x") for t in kt.encode("中").tokens)

    def test_dropout_one_means_no_merges_and_zero_means_none(self, bpe_plain_json):
        for dropout in (1.0, 0.0):
            hf, kt = tokenizer_pair(dict(bpe_plain_json, dropout=dropout))
            for line in slice_lines()[:20]:
                same_encoding(hf, kt, line)
        _, kt = tokenizer_pair(dict(bpe_plain_json, dropout=1.0))
        assert kt.encode("television").tokens == list("television")

    def test_dropout_is_seeded_by_python_random_and_skips_the_cache(self, bpe_plain_json):
        import random

        kt = from_dict(dict(bpe_plain_json, dropout=0.5))
        words = ["television", "theatre", "Boulter", "performance"] * 20
        random.seed(1234)
        first = [kt_tokens(kt, w) for w in words]
        random.seed(1234)
        assert [kt_tokens(kt, w) for w in words] == first
        assert len({tuple(t) for t in first}) > 4 and not kt._cache

    def test_dropout_statistics_match_hf(self, bpe_plain_json):
        # HF's RNG cannot be seeded: compare the mean number of tokens over many draws.
        hf, kt = pair(bpe_plain_json, dropout=0.3)
        word = "internationally"
        n = 400
        hf_mean = sum(len(hf.tokenize(word)) for _ in range(n)) / n
        kt_mean = sum(len(kt.tokenize(word)) for _ in range(n)) / n
        merged = len(pair(bpe_plain_json)[1].tokenize(word))
        assert merged < kt_mean < len(word) and abs(kt_mean - hf_mean) < 0.6, (kt_mean, hf_mean)

    def test_cache_capacity_and_long_words(self, bpe_plain_json):
        assert hasattr(hf_models.BPE, "_clear_cache") and hasattr(hf_models.BPE, "_resize_cache")
        kt = BPE(dict(bpe_plain_json["vocab"]), [tuple(m) for m in bpe_plain_json["merges"]], cache_capacity=2)
        for word in ["a", "the", "television", "x" * 300]:
            kt.tokenize(word)
        assert list(kt._cache) == ["a", "the"]
        kt._clear_cache()
        kt.tokenize("y" * 300)  # words of 256+ chars are never cached (HF: bytes)
        assert not kt._cache
        kt._resize_cache(0)
        kt.tokenize("the")
        assert not kt._cache
        assert BPE({"a": 0}, [], cache_capacity=0).tokenize("a")[0].value == "a"

    @pytest.mark.parametrize("merges", [[("a", "c")], [("a", "b"), ("b", "a")]])
    def test_merge_outside_vocab_error_like_hf(self, merges):
        vocab = {"a": 0, "b": 1, "ab": 2}
        with pytest.raises(Exception) as hf_error:
            hf_models.BPE(vocab, merges)
        needle = str(hf_error.value).split(": ", 1)[1]  # "Token `c` out of vocabulary"
        with pytest.raises(TokkitError, match=needle):
            BPE(vocab, merges)
        data = {"type": "BPE", "vocab": vocab, "merges": [list(m) for m in merges]}
        with pytest.raises(SerializationError, match=needle):
            from_dict(data)

    def test_both_merge_formats_load_the_same(self):
        vocab = {"a": 0, "b": 1, "ab": 2, "c": 3, "abc": 4}
        pairs = {"type": "BPE", "vocab": vocab, "merges": [["a", "b"], ["ab", "c"]]}
        legacy = dict(pairs, merges=["a b", "ab c"])
        assert from_dict(legacy).to_str() == from_dict(pairs).to_str() == hf_state(hf_from_json(legacy))

    def test_read_file_and_from_file_like_hf(self, tmp_path, bpe_plain_json):
        hf = hf_from_json(bpe_plain_json)
        paths = hf.save(str(tmp_path))
        assert BPE.read_file(*paths) == hf_models.BPE.read_file(*paths)
        kt = BPE.from_file(*paths, unk_token="[UNK]", dropout=0.25)
        assert kt.to_str() == hf_state(hf_models.BPE.from_file(*paths, unk_token="[UNK]", dropout=0.25))


# -- long words: a whole line is one word (phi-3, Llama with byte_fallback) -----------------
METASPACE_VOCAB = {"<unk>": 0, "▁": 1, "a": 2, "b": 3, "▁a": 4, "ab": 5, "▁ab": 6, "▁▁": 7, "ba": 8, "<0x78>": 9}
METASPACE_MERGES = [("a", "b"), ("▁", "a"), ("▁", "ab"), ("▁", "▁"), ("b", "a")]


class TestLongWords:
    @pytest.mark.parametrize("options", [{}, {"unk_token": "<unk>"}, {"unk_token": "<unk>", "fuse_unk": True},
                                         {"byte_fallback": True}, {"ignore_merges": True}])
    @given(word=st.text(st.sampled_from("ab▁▁x"), max_size=60))
    def test_metaspace_pieces_merge_like_the_whole_word(self, options, word):
        # tokkit merges "▁..." pieces separately (and caches them) when no merge can cross a "▁".
        hf = hf_models.BPE(METASPACE_VOCAB, METASPACE_MERGES, **options)
        kt = BPE(METASPACE_VOCAB, METASPACE_MERGES, **options)
        assert kt._segments is not None
        assert kt_tokens(kt, word) == hf_tokens(hf, word)

    @given(word=st.text(st.sampled_from("ab▁"), max_size=40))
    def test_no_pieces_when_a_merge_crosses_metaspace(self, word):
        vocab = dict(METASPACE_VOCAB, **{"b▁": 10})
        merges = METASPACE_MERGES + [("b", "▁")]
        kt = BPE(vocab, merges)
        assert kt._segments is None
        assert kt_tokens(kt, word) == hf_tokens(hf_models.BPE(vocab, merges), word)

    def test_prefix_disables_pieces(self):
        model = BPE(METASPACE_VOCAB, METASPACE_MERGES)
        model.end_of_word_suffix = "</w>"
        assert model._segments is None
        model.end_of_word_suffix = None
        assert model._segments is not None

    def test_phi3_lines_and_one_long_line_like_hf(self):
        import tokkit

        path = os.path.join(DATA, "phi-3.json")
        hf, kt = Tokenizer.from_file(path), tokkit.Tokenizer.from_file(path)
        lines = slice_lines()[:60] + ["naïve 中文 \U0001f600 x\u0301  double  spaces"]
        for line in lines:
            same_encoding(hf, kt, line)
        same_encoding(hf, kt, " ".join(lines)[:6000])


@pytest.mark.parametrize("options", [{"unk_token": "<unk>"}, {"unk_token": "<unk>", "ignore_merges": True},
                                     {"unk_token": "<unk>", "byte_fallback": True, "fuse_unk": True}])
@given(text=st.text(st.sampled_from("ab ▁x中"), max_size=40))
def test_metaspace_whole_line_tokenizer_like_hf(options, text):
    # No pre-tokenizer: the whole line is one word (the fast path caches its "▁" pieces).
    vocab = dict(METASPACE_VOCAB, **{"▁ab▁": 10})  # reachable only through ignore_merges
    hf, kt = tokenizer_pair(dict(type="BPE", vocab=vocab, merges=[list(m) for m in METASPACE_MERGES], **options),
                            pre_tokenizer=False)
    same_encoding(hf, kt, text)
    same_encoding(hf, kt, "▁ab▁")
    if options.get("ignore_merges"):
        assert kt.model.segments_function() is None


@pytest.mark.parametrize("text", ["x\u2581", " \u2581", "ax\u2581b"])
def test_metaspace_whole_line_dropped_chars_like_hf(text):
    hf, kt = tokenizer_pair(dict(type="BPE", vocab=METASPACE_VOCAB, merges=[list(m) for m in METASPACE_MERGES]),
                            pre_tokenizer=False)
    assert BPE(METASPACE_VOCAB, METASPACE_MERGES).tokenize(text) == kt.model.tokenize(text)  # the model is right
    same_encoding(hf, kt, text)
