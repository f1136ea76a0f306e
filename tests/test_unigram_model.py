"""The Unigram model against the HF wheel: encoding, unk fusion, byte fallback, JSON, repr, files, errors.

Encodings are compared through a ``Tokenizer`` with no normalizer and no
pre-tokenizer, so both libraries report char offsets of the whole text.
Sampling (``alpha``) is random in both libraries and is tested statistically.
"""

from __future__ import annotations

import collections
import json
import math
import os
import pickle
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import texts
from tokenizers import Tokenizer as HFTokenizer
from tokenizers import models as hf_models

import tokkit
from tokkit._errors import ConfigurationError, MissingUnkTokenError, SerializationError, TokkitError
from tokkit._json.serde_json import dumps
from tokkit.models import Unigram, from_dict
from tokkit.models.unigram.lattice import Lattice, log_sum_exp
from tokkit._json.serde_json import serde_float

DATA = os.path.join(os.path.dirname(__file__), "data")
T5 = os.path.join(DATA, "t5-small.json")
CORPUS = os.path.join(DATA, "english-nltk-head.txt")  # the first 3,000 lines of the benchmark corpus


# -- helpers ---------------------------------------------------------------------------------
def hf_encode(vocab, unk_id, byte_fallback, text):
    """(id, token, char offsets) from HF, or "error"."""
    tokenizer = HFTokenizer(hf_models.Unigram(vocab, unk_id, byte_fallback))
    try:
        encoding = tokenizer.encode(text)
    except Exception:  # HF raises a bare Exception for MissingUnkId
        return "error"
    return list(zip(encoding.ids, encoding.tokens, encoding.offsets))


def kt_encode(vocab, unk_id, byte_fallback, text):
    tokenizer = tokkit.Tokenizer(Unigram(vocab, unk_id, byte_fallback))
    try:
        encoding = tokenizer.encode(text)
    except MissingUnkTokenError:
        return "error"
    return list(zip(encoding.ids, encoding.tokens, encoding.offsets))


def same_as_hf(vocab, text, unk_id=0, byte_fallback=False):
    expected = hf_encode(vocab, unk_id, byte_fallback, text)
    assert kt_encode(vocab, unk_id, byte_fallback, text) == expected
    return expected


def tokens_of(vocab, text, unk_id=0, byte_fallback=False):
    result = same_as_hf(vocab, text, unk_id, byte_fallback)
    return [token for _, token, _ in result]


def hf_model_json(model) -> str:
    return model.__getstate__().decode("utf-8")


ENCODE2 = [("<unk>", 0.0), ("ab", 0.0), ("cd", -0.1), ("abc", -0.2), ("a", -0.3), ("b", -0.4), ("c", -0.5),
           ("ABC", -0.5), ("abcdabcd", 20.0), ("q", 20.5), ("r", 20.5), ("qr", -0.5)]
BYTE_VOCAB = [("<unk>", 0.0), ("<0xE2>", -0.01), ("<0x85>", -0.02), ("<0xE2>", -0.03), ("<0x90>", -0.04),
              ("<0x91>", -0.05), ("<0x9B>", -0.06), ("Hello", -0.1), ("how", -0.2), ("are", -0.3), (" ", -0.4)]


# -- unks fuse into raw text; ties go to the longest last piece (HF: models/unigram/model.rs, encode_optimized) --
def test_trap11_unk_tokens_carry_raw_text_and_are_fused():
    vocab = [("<unk>", 0.0), ("a", -1.0), ("b", -2.0), ("ab", -2.5)]
    result = same_as_hf(vocab, "abxyb")
    assert [(i, t) for i, t, _ in result] == [(3, "ab"), (0, "xy"), (2, "b")]


def test_trap11_ties_go_to_the_longest_last_piece():
    assert tokens_of([("<unk>", 0.0), ("a", -1.0), ("b", -1.0), ("ab", -2.0)], "ab") == ["ab"]


# -- encoding: hand cases ----------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("abc", ["abc"]), ("AB", ["AB"]), ("abcd", ["ab", "cd"]), ("abcc", ["abc", "c"]),
    ("xabcabaabcdd", ["x", "abc", "ab", "a", "ab", "cd", "d"]), ("xyz東京", ["xyz東京"]), ("ABC", ["ABC"]),
    ("abABCcd", ["ab", "ABC", "cd"]), ("ababcdabcdcd", ["ab", "abcdabcd", "cd"]), ("abqrcd", ["ab", "q", "r", "cd"]),
])
def test_hf_encode2_cases(text, expected):
    assert tokens_of(ENCODE2, text) == expected


def test_hf_doc_example():
    vocab = [("<unk>", 0.0), ("a", 0.0), ("b", 0.0), ("c", 0.0), ("d", 0.0), ("cd", 1.0), ("ab", 2.0),
             ("abc", 5.0), ("abcd", 10.0)]
    assert tokens_of(vocab, "abcdacdxx") == ["abcd", "a", "cd", "xx"]


def test_unk_fusion_multibyte_offsets_are_chars():
    result = same_as_hf([("<unk>", 0.0), ("a", -1.0)], "a東京😀a")
    assert result == [(1, "a", (0, 1)), (0, "東京😀", (1, 4)), (1, "a", (4, 5))]


def test_unk_fuses_with_a_literal_unk_piece():
    # A piece whose id is unk_id is fused with neighbouring unknown chars, like HF.
    assert tokens_of([("<unk>", 0.0), ("a", -1.0)], "x<unk>y") == ["x<unk>y"]


def test_fused_unk_text_that_is_itself_a_piece_gets_its_id():
    # unk edges score min_score - 10 = 20 each, beating the piece "xy" (30): the fused text is looked up again.
    result = same_as_hf([("<unk>", 40.0), ("xy", 30.0), ("a", 50.0)], "xy")
    assert result == [(1, "xy", (0, 2))]


def test_byte_fallback_all_bytes_present():
    result = same_as_hf(BYTE_VOCAB, "Hello⅐how are⅑⅑", byte_fallback=True)
    assert [t for _, t, _ in result][:4] == ["Hello", "<0xE2>", "<0x85>", "<0x90>"]
    assert {offsets for _, token, offsets in result if token.startswith("<0x")} == {(5, 6), (13, 15)}


def test_byte_fallback_partial_falls_back_to_unk():
    result = same_as_hf(BYTE_VOCAB, " unknown‰", byte_fallback=True)
    assert result == [(10, " ", (0, 1)), (0, "unknown‰", (1, 9))]


def test_byte_fallback_without_byte_pieces_uses_unk():
    assert same_as_hf([("<unk>", 0.0), ("a", -1.0)], "aé", byte_fallback=True) == [(1, "a", (0, 1)), (0, "é", (1, 2))]


def test_empty_string():
    assert same_as_hf([("<unk>", 0.0), ("a", -1.0)], "") == []
    assert Unigram().tokenize("") == []


def test_default_model_makes_everything_one_unk():
    assert same_as_hf([("<unk>", 0.0)], "hello wörld") == [(0, "hello wörld", (0, 11))]


def test_missing_unk_raises():
    assert hf_encode([("a", 0.0)], None, False, "ab") == "error"
    with pytest.raises(MissingUnkTokenError, match="unk_id"):
        Unigram([("a", 0.0)]).tokenize("ab")


def test_missing_unk_not_raised_when_the_unk_edge_loses():
    # HF only fails when an unk edge would become the best path to its end.
    assert same_as_hf([("xb", 5.0), ("x", 0.0)], "xb", unk_id=None) == [(0, "xb", (0, 2))]
    assert same_as_hf([("xb", 5.0), ("x", 0.0)], "bx", unk_id=None) == "error"


def test_duplicate_pieces_behave_like_hf():
    vocab = [("<unk>", 0.0), ("a", -1.0), ("b", -3.0), ("a", -5.0), ("ab", -7.0)]
    hf_model = hf_models.Unigram(vocab, 0)
    model = Unigram(vocab, 0)
    # The trie finds "a" under its last id, with that id's score (-5): a+b=-8 loses to ab=-7.
    assert same_as_hf(vocab, "abab") == [(4, "ab", (0, 2)), (4, "ab", (2, 4))]
    assert same_as_hf(vocab, "ba") == [(2, "b", (0, 1)), (3, "a", (1, 2))]
    assert model.get_vocab() == HFTokenizer(hf_model).get_vocab() == {"<unk>": 0, "a": 3, "b": 2, "ab": 4}
    assert model.get_vocab_size() == HFTokenizer(hf_model).get_vocab_size() == 5
    assert [model.id_to_token(i) for i in range(6)] == [hf_model.id_to_token(i) for i in range(6)]
    assert model.token_to_id("a") == hf_model.token_to_id("a") == 3


@pytest.mark.parametrize("scores", [
    [-math.inf, -1.0, -2.0], [math.nan, -1.0, -1.0], [math.inf, 0.0, -1.0], [-1e308, -1e308, -1e308],
])
def test_non_finite_scores(scores):
    vocab = [("<unk>", 0.0), ("a", scores[0]), ("b", scores[1]), ("ab", scores[2])]
    for text in ("ab", "aab", "abx", "ba", "xab"):
        same_as_hf(vocab, text)


def test_empty_piece_is_never_matched():
    assert tokens_of([("<unk>", 0.0), ("", 5.0), ("a", -1.0)], "aa") == ["a", "a"]


# -- encoding: properties ------------------------------------------------------------------------
ALPHABET = "abé中 x😀"
pieces = st.text(st.sampled_from(ALPHABET), min_size=1, max_size=4)
scores = st.sampled_from([0.0, -0.5, -1.0, -1.5, -2.0, -3.0, 1.0, -10.0, -1e-5])
vocabs = st.lists(st.tuples(pieces, scores), max_size=12)


@given(vocab=vocabs, text=st.text(st.sampled_from(ALPHABET + "yz"), max_size=14),
       unk=st.sampled_from([0, None]), byte_fallback=st.booleans(), with_bytes=st.booleans())
def test_random_vocabs_match_hf(vocab, text, unk, byte_fallback, with_bytes):
    vocab = [("<unk>", 0.0)] + vocab
    if with_bytes:
        vocab += [(f"<0x{byte:02X}>", -4.0) for byte in "中é".encode()]
    same_as_hf(vocab, text, unk, byte_fallback)


@given(vocab=vocabs, text=texts)
def test_random_vocabs_on_stress_texts_match_hf(vocab, text):
    vocab = [("<unk>", -1.0)] + vocab + [(char, -2.0) for char in text[::3]]
    same_as_hf(vocab, text)


@given(vocab=vocabs, text=st.text(st.sampled_from(ALPHABET), max_size=10))
def test_lattice_viterbi_agrees_with_fast_path(vocab, text):
    model = Unigram([("<unk>", 0.0)] + vocab, 0)
    lattice = model._lattice(text)
    path = lattice.viterbi()
    assert "".join(lattice.piece(node) for node in path) == text
    fast = model._viterbi(text)
    ends = [lattice.positions[node] + lattice.lengths[node] for node in path]
    assert [fast[1][end] for end in ends] == [lattice.ids[node] for node in path]


# -- t5-small -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def t5_model():
    with open(T5, encoding="utf-8") as handle:
        data = json.loads(handle.read())
    return from_dict(data["model"])


@pytest.fixture(scope="module")
def corpus_words():
    words = []
    with open(CORPUS, encoding="utf-8") as handle:
        for line, _ in zip(handle, range(3000)):
            words.extend("\u2581" + word for word in line.split())
    for name in ("wikitext-slice.txt", "multilingual.txt"):
        with open(os.path.join(DATA, name), encoding="utf-8") as handle:
            words.extend("\u2581" + word for word in handle.read().split())
    extra = "naïve café Zürich 東京 Ελληνικά мир ﬁnance ½ emoji😀 x\u0301 <unk> ▁▁ 12345 e.g. C++".split()
    return sorted(set(words)) + ["\u2581" + word for word in extra]


def test_t5_json_round_trip_is_byte_identical(t5_model):
    hf = HFTokenizer.from_file(T5)
    assert dumps(t5_model.to_dict()) == hf.to_str().split('"model":', 1)[1][:-1]
    assert repr(t5_model) == repr(hf.model) and str(t5_model) == str(hf.model)


def test_t5_tokenizer_file_round_trip_like_hf():
    # serde_json (no float_roundtrip) reads some scores one ulp off; HF writes those values back.
    hf = HFTokenizer.from_file(T5)
    ours = tokkit.Tokenizer.from_file(T5)
    assert ours.to_str() == hf.to_str()
    assert tokkit.Tokenizer.from_str(ours.to_str()).to_str() == HFTokenizer.from_str(hf.to_str()).to_str()


def test_t5_words_match_hf(t5_model, corpus_words):
    hf = HFTokenizer(HFTokenizer.from_file(T5).model)
    expected = hf.encode_batch(corpus_words)
    for word, encoding in zip(corpus_words, expected):
        got = [(t.id, t.value, t.offsets) for t in t5_model.tokenize(word)]
        assert got == list(zip(encoding.ids, encoding.tokens, encoding.offsets)), word


def test_serde_float_matches_hf_loading():
    rng = random.Random(7)
    literals = [repr(-rng.random() * 10 ** rng.randint(-12, 3)) for _ in range(300)]
    literals += ["-" + str(rng.randint(0, 99)) + "." + "".join(rng.choices("0123456789", k=rng.randint(1, 24)))
                 for _ in range(300)]
    literals += ["1e-320", "-0.0", "12345678901234567890123.5", "1.5E+3", "0.1", "-2.0122928619384766"]
    vocab = ",".join(f'["p{i}",{literal}]' for i, literal in enumerate(literals))
    model_json = '{"type":"Unigram","unk_id":null,"vocab":[' + vocab + '],"byte_fallback":false}'
    hf = HFTokenizer.from_str('{"version":"1.0","truncation":null,"padding":null,"added_tokens":[],'
                              '"normalizer":null,"pre_tokenizer":null,"post_processor":null,"decoder":null,'
                              '"model":' + model_json + "}")
    expected = [score for _, score in json.loads(hf.to_str())["model"]["vocab"]]
    assert [serde_float(literal) for literal in literals] == expected
    # Through the JSON loader (correctly rounded floats), shortest literals are read like HF too.
    shortest = [i for i, literal in enumerate(literals) if repr(float(literal)) == literal]
    model = from_dict(json.loads(model_json))
    assert [model.vocab[i][1] for i in shortest] == [expected[i] for i in shortest]


# -- constructor and errors ---------------------------------------------------------------------
def test_default_constructor():
    assert repr(Unigram()) == repr(hf_models.Unigram()) == 'Unigram(unk_id=0, vocab=[("<unk>", 0)], byte_fallback=False)'
    assert repr(Unigram(byte_fallback=True)) == repr(hf_models.Unigram(byte_fallback=True))


@pytest.mark.parametrize("kwargs, error", [
    (dict(unk_id=0), ConfigurationError),
    (dict(vocab=[], unk_id=0), ConfigurationError),
    (dict(vocab=[("a", 0.0)], unk_id=1), ConfigurationError),
    (dict(vocab=[("a", 0.0)], unk_id=-1), ConfigurationError),
    (dict(vocab=[("a", 0.0, 1)], unk_id=0), ConfigurationError),
    (dict(vocab=[(1, 0.0)], unk_id=0), ConfigurationError),
    (dict(vocab=[("a", "x")], unk_id=0), ConfigurationError),
    (dict(vocab={"a": 0.0}, unk_id=0), ConfigurationError),
    (dict(vocab=[("a", 0.0)], unk_id=0, nbest_size=-1), ConfigurationError),
    (dict(vocab=[("a", 0.0)], unk_id=0, alpha="x"), ConfigurationError),
])
def test_bad_arguments_raise(kwargs, error):
    with pytest.raises(Exception):
        hf_models.Unigram(**kwargs)
    with pytest.raises(error):
        Unigram(**kwargs)


def test_unk_id_out_of_range_message_names_the_fix():
    with pytest.raises(ConfigurationError, match="larger than vocabulary size.*index of the unk piece"):
        Unigram([("a", 0.0)], unk_id=3)


def test_accepted_arguments_match_hf():
    for args in ([("a", 1)], None), ([], None), ([("a", True)], 0):
        assert repr(Unigram(*args)) == repr(hf_models.Unigram(*args))


def test_alpha_and_nbest_size_properties():
    model = Unigram([("<unk>", 0.0)], 0, alpha=0.25, nbest_size=3)
    assert (model.alpha, model.nbest_size) == (0.25, 3)
    model.alpha, model.nbest_size = None, None
    assert (model.alpha, model.nbest_size) == (None, None)
    with pytest.raises(ConfigurationError):
        model.nbest_size = -2


def test_byte_fallback_setter_clears_the_cache():
    assert "__setattr__" not in vars(Unigram)  # declared properties, no attribute hook
    model = Unigram(BYTE_VOCAB, 0)
    assert [t.value for t in model.tokenize("⅐")] == ["⅐"]
    model.byte_fallback = True
    assert [t.value for t in model.tokenize("⅐")] == ["<0xE2>", "<0x85>", "<0x90>"]
    with pytest.raises(ConfigurationError):
        model.byte_fallback = 1
    assert model.byte_fallback is True


# -- JSON, repr, pickle, files --------------------------------------------------------------------
JSON_VOCABS = [
    ([("<unk>", 0.0)], 0, False),
    ([("<unk>", 0.0), ("a", -1.5), ("ab", -1e-5), ("b", -2.0), ("c", -1.2345e-05), ("d", -1e-7)], 0, True),
    ([("a", -0.5), ("<unk>", 0.0)], 1, False),
    ([("a", -0.5)], None, False),
    ([(f"p{i}", -i / 7) for i in range(150)], 3, False),
]


@pytest.mark.parametrize("vocab, unk_id, byte_fallback", JSON_VOCABS)
def test_json_repr_str_match_hf(vocab, unk_id, byte_fallback):
    hf_model = hf_models.Unigram(vocab, unk_id, byte_fallback)
    model = Unigram(vocab, unk_id, byte_fallback)
    assert model.to_str() == hf_model_json(hf_model)
    assert model.to_dict() == json.loads(hf_model_json(hf_model))
    assert repr(model) == repr(hf_model)
    assert str(model) == str(hf_model)
    again = from_dict(json.loads(model.to_str()))
    assert again == model and again.to_str() == model.to_str()
    assert pickle.loads(pickle.dumps(model)).to_str() == model.to_str()


def test_json_byte_identical_inside_a_tokenizer():
    vocab, unk_id, byte_fallback = JSON_VOCABS[1]
    hf = HFTokenizer(hf_models.Unigram(vocab, unk_id, byte_fallback))
    ours = tokkit.Tokenizer(Unigram(vocab, unk_id, byte_fallback))
    assert ours.to_str() == hf.to_str()
    assert ours.to_str(pretty=True) == hf.to_str(pretty=True)
    assert tokkit.Tokenizer.from_str(hf.to_str()).to_str() == hf.to_str()


def test_legacy_untyped_json():
    model = from_dict({"unk_id": 0, "vocab": [["<unk>", 0.0], ["a", -1]]})
    assert isinstance(model, Unigram)
    assert model.to_str() == '{"type":"Unigram","unk_id":0,"vocab":[["<unk>",0.0],["a",-1.0]],"byte_fallback":false}'


@pytest.mark.parametrize("data, message", [
    ({"type": "Unigram", "unk_id": 0}, "Missing vocab"),
    ({"type": "Unigram", "unk_id": 3, "vocab": [["<unk>", 0.0]]}, "larger than vocabulary size"),
    ({"type": "Unigram", "unk_id": 0, "vocab": []}, "empty"),
    ({"type": "Unigram", "unk_id": 0, "vocab": [["a", 0.0]], "byte_fallback": None}, "byte_fallback"),
    ({"type": "Unigram", "unk_id": 0, "vocab": [["a", True]]}, "score"),
    ({"type": "Unigram", "unk_id": 0, "vocab": [["a"]]}, "pair"),
    ({"type": "Unigram", "unk_id": -1, "vocab": [["a", 0.0]]}, "unk_id"),
    ({"type": "Unigram", "unk_id": True, "vocab": [["a", 0.0]]}, "unk_id"),
    ({"type": "Unigram", "unk_id": 0, "vocab": {"a": 0.0}}, "list"),
])
def test_bad_json_raises_serialization_error(data, message):
    base = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": [], "normalizer": None,
            "pre_tokenizer": None, "post_processor": None, "decoder": None, "model": data}
    with pytest.raises(Exception):
        HFTokenizer.from_str(json.dumps(base))
    with pytest.raises(SerializationError, match=message):
        from_dict(data)


def test_missing_optional_fields_use_hf_defaults():
    model = from_dict({"type": "Unigram", "vocab": [["<unk>", 0.0]]})
    assert (model.unk_id, model.byte_fallback) == (None, False)


@pytest.mark.parametrize("prefix", [None, "pre"])
def test_save_writes_hf_file(tmp_path, prefix):
    vocab, unk_id, byte_fallback = JSON_VOCABS[1]
    hf_dir, kt_dir = tmp_path / "hf", tmp_path / "kt"
    hf_dir.mkdir()
    kt_dir.mkdir()
    hf_paths = hf_models.Unigram(vocab, unk_id, byte_fallback).save(str(hf_dir), prefix)
    kt_paths = Unigram(vocab, unk_id, byte_fallback).save(str(kt_dir), prefix)
    assert [os.path.basename(p) for p in kt_paths] == [os.path.basename(p) for p in hf_paths]
    assert open(kt_paths[0], encoding="utf-8").read() == open(hf_paths[0], encoding="utf-8").read()


def test_get_trainer():
    from tokkit.trainers import UnigramTrainer

    assert isinstance(Unigram().get_trainer(), UnigramTrainer)


def test_pickle_drops_sampling_settings_like_hf():
    hf_model = pickle.loads(pickle.dumps(hf_models.Unigram([("<unk>", 0.0)], 0, alpha=0.5, nbest_size=2)))
    model = pickle.loads(pickle.dumps(Unigram([("<unk>", 0.0)], 0, alpha=0.5, nbest_size=2)))
    assert (model.alpha, model.nbest_size) == (hf_model.alpha, hf_model.nbest_size) == (None, None)


# -- sampling -------------------------------------------------------------------------------------
SAMPLE_VOCAB = [("<unk>", 0.0), ("a", -1.0), ("b", -1.2), ("ab", -1.5)]


def _distribution(model, text, draws):
    counts = collections.Counter(tuple(t.value for t in model.tokenize(text)) for _ in range(draws))
    return {key: count / draws for key, count in counts.items()}


@pytest.mark.parametrize("alpha, nbest_size, text", [(0.5, None, "ab"), (1.0, None, "abab"), (0.5, 2, "abx"),
                                                     (1.0, 0, "abab"), (2.0, 3, "abab")])
def test_sampling_distribution_close_to_hf(alpha, nbest_size, text):
    draws = 3000
    random.seed(1)
    ours = _distribution(Unigram(SAMPLE_VOCAB, 0, alpha=alpha, nbest_size=nbest_size), text, draws)
    theirs = _distribution(hf_models.Unigram(SAMPLE_VOCAB, 0, alpha=alpha, nbest_size=nbest_size), text, draws)
    assert set(ours) == set(theirs)
    assert all(abs(ours[key] - theirs[key]) < 0.06 for key in ours), (ours, theirs)


def test_sampling_reproducible_with_random_seed():
    """Deliberate difference: HF samples with an unseeded thread_rng; tokkit uses the global ``random``."""
    model = Unigram(SAMPLE_VOCAB, 0, alpha=0.3)
    random.seed(1234)
    first = [[t.value for t in model.tokenize("ababab")] for _ in range(50)]
    random.seed(1234)
    assert [[t.value for t in model.tokenize("ababab")] for _ in range(50)] == first
    assert len({tuple(tokens) for tokens in first}) > 1


@given(vocab=vocabs, text=st.text(st.sampled_from(ALPHABET + "y"), min_size=1, max_size=10),
       alpha=st.sampled_from([0.1, 0.5, 1.0]), nbest=st.sampled_from([None, 0, 1, 2, 5]))
def test_samples_are_valid_segmentations(vocab, text, alpha, nbest):
    model = Unigram([("<unk>", 0.0)] + vocab, 0, alpha=alpha, nbest_size=nbest)
    tokens = model.tokenize(text)
    pos = 0
    for token in tokens:
        start, end = token.offsets
        assert start == pos and end > start
        if not token.value.startswith("<0x"):
            assert token.value == text[start:end]
            assert token.id == model.token_to_id(token.value) or token.id == 0
        pos = end
    assert pos == len(text)


def test_sampling_without_unk_id_raises():
    with pytest.raises(MissingUnkTokenError):
        Unigram([("a", 0.0)], None, alpha=0.5).tokenize("a")


def test_alpha_zero_is_deterministic_and_cached():
    model = Unigram(SAMPLE_VOCAB, 0, alpha=0.0)
    assert model.tokenize("ab") is model.tokenize("ab")


# -- lattice --------------------------------------------------------------------------------------
def _all_paths(model, text):
    """Every segmentation through the lattice, with its score (brute force)."""
    lattice = model._lattice(text)
    paths = []

    def walk(pos, nodes, score):
        if pos == len(text):
            paths.append((score, nodes))
            return
        for node in lattice.begin_nodes[pos]:
            walk(pos + lattice.lengths[node], nodes + [node], score + lattice.scores[node])

    walk(0, [], 0.0)
    return lattice, paths


distinct_scores = st.lists(st.floats(-8, -0.1), min_size=12, max_size=12, unique=True)


@given(piece_list=st.lists(pieces, max_size=12, unique=True), score_list=distinct_scores,
       text=st.text(st.sampled_from("abé中"), max_size=7), n=st.integers(1, 6))
def test_nbest_matches_brute_force(piece_list, score_list, text, n):
    model = Unigram([("<unk>", -20.0)] + list(zip(piece_list, score_list)), 0)
    lattice, paths = _all_paths(model, text)
    best = lattice.nbest(n)
    got = [sum(lattice.scores[node] for node in path) for path in best]
    expected = sorted((score for score, _ in paths), reverse=True)[:n]
    assert got == pytest.approx(expected)
    assert all("".join(lattice.piece(node) for node in path) == text for path in best)


@given(piece_list=st.lists(pieces, max_size=10, unique=True), score_list=distinct_scores,
       text=st.text(st.sampled_from("abé中"), min_size=1, max_size=6))
def test_populate_marginal_matches_brute_force(piece_list, score_list, text):
    model = Unigram([("<unk>", -9.0)] + list(zip(piece_list, score_list)), 0)
    lattice, paths = _all_paths(model, text)
    expected = [0.0] * (model.get_vocab_size() + 3)
    z = math.log(sum(math.exp(score) for score, _ in paths))
    for score, nodes in paths:
        for node in nodes:
            expected[lattice.ids[node]] += 2.0 * math.exp(score - z)
    got = [0.0] * len(expected)
    assert lattice.populate_marginal(2.0, got) == pytest.approx(2.0 * z)
    assert got == pytest.approx(expected, abs=1e-9)


def test_log_sum_exp_cutoff():
    assert log_sum_exp(0.0, -50.5, False) == 0.0
    assert log_sum_exp(0.0, -30.0, False) > 0.0
    assert log_sum_exp(3.0, 7.0, True) == 7.0


def test_lattice_gap_gives_empty_paths():
    lattice = Lattice("ab", 10, 11)
    lattice.insert(0, 1, -1.0, 1)
    assert lattice.viterbi() == [] and lattice.nbest(3) == [] and lattice.sample(0.5) == []


def test_lattice_empty_sentence():
    lattice = Lattice("", 10, 11)
    assert lattice.viterbi() == [] and lattice.nbest(2) == [[]] and lattice.sample(1.0) == []


def test_tokkit_errors_are_value_errors():
    assert issubclass(MissingUnkTokenError, TokkitError)
    with pytest.raises(ValueError):
        Unigram([("a", 0.0)]).tokenize("zz")
