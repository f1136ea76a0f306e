"""Post-processors against the HF wheel: JSON both ways, repr, pickle, errors, process()."""

from __future__ import annotations

import json
import pickle

import pytest
import tokenizers
from hypothesis import given
from hypothesis import strategies as st
from tokenizers import models
from tokenizers import processors as hp
from test_encoding import assert_same, hf_from_state, states, tk_from_state

from tokkit import ConfigurationError, SerializationError
from tokkit import processors as tp
from tokkit.encoding import Encoding

SPECIALS = [("[CLS]", 1), ("[SEP]", 2)]
MULTI = {"id": "[M]", "ids": [7, 8], "tokens": ["<m1>", "<m2>"]}


def both(name, *args, **kwargs):
    """The same processor built in HF and in tokkit."""
    return getattr(hp, name)(*args, **kwargs), getattr(tp, name)(*args, **kwargs)


CASES = {
    "bert": lambda: both("BertProcessing", ("[SEP]", 102), ("[CLS]", 101)),
    "roberta": lambda: both("RobertaProcessing", ("</s>", 2), ("<s>", 0)),
    "roberta_no_trim": lambda: both("RobertaProcessing", ("</s>", 2), ("<s>", 0), trim_offsets=False),
    "roberta_no_prefix": lambda: both("RobertaProcessing", ("</s>", 2), ("<s>", 0), True, False),
    "bytelevel": lambda: both("ByteLevel"),
    "bytelevel_no_prefix": lambda: both("ByteLevel", add_prefix_space=False, use_regex=False),
    "bytelevel_no_trim": lambda: both("ByteLevel", trim_offsets=False),
    "template_default": lambda: both("TemplateProcessing"),
    "template_bert": lambda: both(
        "TemplateProcessing", "[CLS] $0 [SEP]", "[CLS] $A [SEP] $B:1 [SEP]:1", [("[SEP]", 2), ("[CLS]", 1)]
    ),
    "template_multi": lambda: both(
        "TemplateProcessing", ["[M]:3", "$1", "[M]"], "$B:2 [M]:1 $a:4 [CLS]", [MULTI, (1, "[CLS]")]
    ),
    "template_twice": lambda: both("TemplateProcessing", "$A $A:5 [CLS]", "$B $A $b:7", SPECIALS),
}


def sequence_case():
    hf = hp.Sequence([hp.ByteLevel(), hp.BertProcessing(("[SEP]", 2), ("[CLS]", 1))])
    tk = tp.Sequence([tp.ByteLevel(), tp.BertProcessing(("[SEP]", 2), ("[CLS]", 1))])
    return hf, tk


CASES["sequence"] = sequence_case


@pytest.mark.parametrize("case", sorted(CASES))
class TestComponents:
    def test_json_repr_pickle(self, case):
        hf, tk = CASES[case]()
        assert tk.to_str() == hf.__getstate__().decode()
        assert repr(tk) == repr(hf)
        again = pickle.loads(pickle.dumps(tk))
        assert type(again) is type(tk) and again.to_str() == tk.to_str()
        loaded = tp.PostProcessor.from_dict(json.loads(hf.__getstate__()))
        assert loaded.to_str() == tk.to_str() and repr(loaded) == repr(hf)
        for is_pair in (False, True):
            assert tk.num_special_tokens_to_add(is_pair) == hf.num_special_tokens_to_add(is_pair)

    @given(states(ranges=False), st.one_of(st.none(), states(ranges=False)), st.booleans())
    def test_process(self, case, state, pair_state, add_special):
        hf_proc, tk_proc = CASES[case]()
        hf_pair = None if pair_state is None else hf_from_state(pair_state)
        tk_pair = None if pair_state is None else tk_from_state(pair_state)
        tk_enc = tk_from_state(state)
        expected = hf_proc.process(hf_from_state(state), hf_pair, add_special)
        assert_same(tk_proc.process(tk_enc, tk_pair, add_special), expected)
        assert_same(tk_enc, hf_from_state(state))  # inputs are left alone


# -- TemplateProcessing ---------------------------------------------------------------
def hf_error(f):
    try:
        f()
    except BaseException as exc:
        return exc
    raise AssertionError("HF did not raise")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"pair": "$A $A"},
        {"single": "$C"},
        {"single": "$A:x"},
        {"single": "$A:1:2"},
        {"single": "$-1"},
        {"single": "$A:4294967296"},
        {"single": "$١"},
        {"single": ""},
        {"single": "$A  $A"},
        {"single": "A:1"},
        {"single": ["$A"], "special_tokens": [{"id": "[X]", "ids": [1, 2], "tokens": ["a"]}]},
        {"single": ["$A"], "special_tokens": [{"id": "[X]", "ids": [1, 2]}]},
        {"single": ["$A"], "special_tokens": [(1, 2)]},
        {"single": ["$A"], "special_tokens": [["x", 1]]},
        {"single": 3},
        {"single": ["$A", 3]},
    ],
)
def test_template_errors_match_hf(kwargs):
    expected = hf_error(lambda: hp.TemplateProcessing(**kwargs))
    with pytest.raises(ConfigurationError) as mine:
        tp.TemplateProcessing(**kwargs)
    assert isinstance(mine.value, type(expected)) or type(expected) is Exception
    assert str(mine.value).startswith(str(expected).split("`")[0])


def test_template_missing_specials_lists_them():
    expected = hf_error(lambda: hp.TemplateProcessing(single="[CLS] $0 [SEP] [X]", special_tokens=[("[SEP]", 2)]))
    with pytest.raises(ConfigurationError) as mine:
        tp.TemplateProcessing(single="[CLS] $0 [SEP] [X]", special_tokens=[("[SEP]", 2)])
    ids = lambda text: set(text.split("`")[1].split(", "))  # noqa: E731  (HF's order is a hash order)
    assert ids(str(mine.value)) == ids(str(expected)) == {"[CLS]", "[X]"}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"single": "$+1 $b:007 $"},
        {"single": "$A:4294967295"},
        {"single": "x:1 $", "special_tokens": [("x", 1)]},
        {"single": 'a"\\\n:1 $', "special_tokens": [('a"\\\n', 1)]},
        {"single": ("$A", "x"), "special_tokens": [("x", 1), ("x", 2)]},
        {"single": "$A x", "special_tokens": ({"id": "x", "ids": [1], "tokens": ["y"]},)},
        {"single": "$B"},
        {"pair": "$B $A", "special_tokens": [("zz", 4), ("a", 3), ("Z", 1)]},
    ],
)
def test_template_accepted_like_hf(kwargs):
    hf, tk = hp.TemplateProcessing(**kwargs), tp.TemplateProcessing(**kwargs)
    assert tk.to_str() == hf.__getstate__().decode()
    assert tk.single == hf.single
    if "\n" not in str(kwargs.get("single")):  # HF's repr prints strings raw; tokkit's rust_repr escapes them
        assert repr(tk) == repr(hf)


def test_template_dollar_digit_is_sequence_a():
    """``$1`` is sequence A with type id 1, not sequence B."""
    tk = tp.TemplateProcessing(single="$1")
    assert tk.to_dict()["single"] == [{"Sequence": {"id": "A", "type_id": 1}}]
    assert tk.process(Encoding(ids=[5, 6])).type_ids == [1, 1]


def test_template_single_setter_keeps_counts_like_hf():
    hf, tk = CASES["template_bert"]()
    hf.single, tk.single = "$0 [X]", "$0 [X]"
    assert tk.single == hf.single and tk.to_str() == hf.__getstate__().decode()
    assert tk.num_special_tokens_to_add(False) == hf.num_special_tokens_to_add(False) == 2


def test_template_b_in_single_raises_instead_of_panicking():
    with pytest.raises(ConfigurationError, match=r"\$B"):
        tp.TemplateProcessing(single="$B").process(Encoding(ids=[1]))


def test_template_overflowing_cross_product():
    tok = tokenizers.Tokenizer(models.WordLevel({"a": 0, "b": 1, "c": 2, "[CLS]": 4, "[SEP]": 5}, unk_token="a"))
    tok.pre_tokenizer = tokenizers.pre_tokenizers.WhitespaceSplit()
    tok.enable_truncation(2)
    first, second = tok.encode("a b c a b"), tok.encode("c c a")
    hf_proc, tk_proc = both("TemplateProcessing", "[CLS] $A:3 [SEP]", "[CLS] $A:2 [SEP] $B:5 [SEP]:1", [("[SEP]", 5), ("[CLS]", 4)])
    from test_encoding import from_hf

    expected = hf_proc.process(first, second)
    result = tk_proc.process(from_hf(first), from_hf(second))
    assert len(result.overflowing) == 5
    assert_same(result, expected)


# -- JSON loading: HF's untagged rules -------------------------------------------------
def load_hf(pp):
    data = json.loads(tokenizers.Tokenizer(models.WordLevel({"a": 0}, unk_token="a")).to_str())
    data["post_processor"] = pp
    try:
        return repr(tokenizers.Tokenizer.from_str(json.dumps(data)).post_processor)
    except Exception:
        return None


LEGACY = [
    {"sep": ["[SEP]", 102], "cls": ["[CLS]", 101]},
    {"sep": ["</s>", 2], "cls": ["<s>", 0], "trim_offsets": True, "add_prefix_space": True},
    {"type": "BertProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0], "trim_offsets": False, "add_prefix_space": True},
    {"type": "Foo", "sep": ["</s>", 2], "cls": ["<s>", 0]},
    {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0]},
    {"add_prefix_space": True, "trim_offsets": False, "use_regex": False},
    {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False},
    {"type": "ByteLevel"},
    {"type": "BertProcessing", "sep": ["[SEP]", 102, 3], "cls": ["[CLS]", 101]},
    {"type": "BertProcessing", "sep": ["[SEP]", -1], "cls": ["[CLS]", 101]},
    {"type": "BertProcessing", "sep": [102, "[SEP]"], "cls": ["[CLS]", 101]},
    {"single": [{"Sequence": {"id": "A", "type_id": 0}}], "pair": [], "special_tokens": {}},
    {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "X", "type_id": 0}}], "pair": [], "special_tokens": {}},
    {"type": "TemplateProcessing", "single": [], "pair": []},
    {"type": "TemplateProcessing", "single": [{"Sequence": {"id": "C", "type_id": 0}}], "pair": [], "special_tokens": {}},
    {"type": "TemplateProcessing", "single": [], "pair": [], "special_tokens": {"b": {"id": "b", "ids": [], "tokens": []}, "a": {"id": "q", "ids": [1, 2], "tokens": ["x"]}}},
    {"type": "Sequence", "processors": [{"type": "Sequence", "processors": [{"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True}]}]},
    {"processors": [{"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True}]},
    {"type": "Sequence", "sep": ["[SEP]", 102], "cls": ["[CLS]", 101]},
]


@pytest.mark.parametrize("data", LEGACY, ids=range(len(LEGACY)))
def test_json_loading_like_hf(data):
    expected = load_hf(data)
    if expected is None:
        with pytest.raises(SerializationError):
            tp.PostProcessor.from_dict(data)
    else:
        assert repr(tp.PostProcessor.from_dict(data)) == expected


def test_registered_type_is_not_hijacked_by_shape():
    @tp.register("MySep")
    class MySep(tp.PostProcessor):
        _fields = ("sep", "cls")

        def __init__(self, sep, cls):
            self.sep, self.cls = sep, cls

    loaded = tp.PostProcessor.from_dict({"type": "MySep", "sep": ["x", 1], "cls": ["y", 2]})
    assert type(loaded) is MySep and loaded.to_dict()["type"] == "MySep"


# -- offsets trimming ------------------------------------------------------------------
def test_pair_first_token_keeps_prefix_space():
    """In a pair, the second sequence's first Ġ is kept (offsets.start == 0 counts as first)."""
    state = {"ids": [1, 2], "type_ids": [0, 0], "tokens": ["Ġa", "Ġb"], "words": [0, 1],
             "offsets": [[0, 2], [2, 4]], "special_tokens_mask": [0, 0], "attention_mask": [1, 1],
             "overflowing": [], "sequence_ranges": {}}  # fmt: skip
    hf_proc, tk_proc = both("ByteLevel")
    expected = hf_proc.process(hf_from_state(state), hf_from_state(state))
    result = tk_proc.process(tk_from_state(state), tk_from_state(state))
    assert result.offsets == expected.offsets == [(0, 2), (3, 4), (0, 2), (3, 4)]


# -- custom, errors ---------------------------------------------------------------------
class Doubler:
    def added_tokens(self, is_pair):
        return 0

    def process_encodings(self, encodings, add_special_tokens):
        return encodings + encodings


def test_custom_processor_works_but_cannot_be_saved():
    proc = tp.PostProcessor.custom(Doubler())
    assert proc.process(Encoding(ids=[1, 2])).ids == [1, 2, 1, 2]
    with pytest.raises(SerializationError, match="register"):
        proc.to_str()
    with pytest.raises(SerializationError):
        pickle.dumps(proc)


def test_constructor_argument_errors():
    with pytest.raises(TypeError):
        tp.BertProcessing(("[SEP]", 1))  # missing cls_token
    with pytest.raises(ConfigurationError):
        tp.BertProcessing((1, "[SEP]"), ("[CLS]", 2))
    with pytest.raises(OverflowError):
        tp.BertProcessing(("[SEP]", -1), ("[CLS]", 2))
    with pytest.raises(TypeError):
        tp.Sequence([1])
    with pytest.raises(TypeError):
        tp.BertProcessing(("a", 1), ("b", 2)).process([1])


def test_sequence_getitem():
    seq = tp.Sequence([tp.ByteLevel(), tp.BertProcessing(("a", 1), ("b", 2))])
    assert repr(seq[1]) == repr(hp.BertProcessing(("a", 1), ("b", 2)))
    with pytest.raises(IndexError, match="Index not found"):
        seq[2]


# -- full pipeline: byte-level BPE, arbitrary Unicode pairs, truncation + overflow -----------------
from strategies import texts  # noqa: E402

from parity import assert_same_encoding  # noqa: E402

import os  # noqa: E402

import tokkit  # noqa: E402

GPT2_PATH = os.path.join(os.path.dirname(__file__), "data", "gpt2.json")
PIPELINE_PROCESSORS = {
    "roberta": lambda m: m.RobertaProcessing(("</s>", 2), ("<s>", 0)),
    "roberta_no_trim": lambda m: m.RobertaProcessing(("</s>", 2), ("<s>", 0), trim_offsets=False),
    "roberta_no_prefix": lambda m: m.RobertaProcessing(("</s>", 2), ("<s>", 0), True, False),
    "bytelevel": lambda m: m.ByteLevel(),
    "bytelevel_no_prefix": lambda m: m.ByteLevel(add_prefix_space=False),
    "bytelevel_no_trim": lambda m: m.ByteLevel(trim_offsets=False),
    "bert": lambda m: m.BertProcessing(("[SEP]", 3), ("[CLS]", 4)),
    "template": lambda m: m.TemplateProcessing("[CLS] $A [SEP]", "[CLS] $A [SEP] $B:1 [SEP]:1",
                                               [("[CLS]", 4), ("[SEP]", 3)]),
    "sequence": lambda m: m.Sequence([m.ByteLevel(), m.TemplateProcessing("$A [SEP]", "$A [SEP] $B:1",
                                                                          [("[SEP]", 3)])]),
}


class _Built(dict):
    def __repr__(self) -> str:  # keep Hypothesis failure reports short
        return "<gpt2 tokenizers>"


@pytest.fixture(scope="module")
def gpt2_tokenizers():
    """(add_prefix_space of the pre-tokenizer) -> processor name -> (HF, tokkit) byte-level BPE tokenizers."""
    built = _Built()
    for prefix in (False, True):
        for name, make in PIPELINE_PROCESSORS.items():
            hf = tokenizers.Tokenizer.from_file(GPT2_PATH)
            hf.pre_tokenizer = tokenizers.pre_tokenizers.ByteLevel(add_prefix_space=prefix)
            hf.post_processor = make(hp)
            built[prefix, name] = (hf, tokkit.Tokenizer.from_str(hf.to_str()))
    return built


truncations = st.one_of(st.none(), st.fixed_dictionaries({
    "max_length": st.integers(0, 12), "stride": st.integers(0, 3),
    "strategy": st.sampled_from(["longest_first", "only_first", "only_second"]),
    "direction": st.sampled_from(["left", "right"])}))


def outcome(tokenizer, text, pair, add_special):
    try:
        return tokenizer.encode(text, pair, add_special_tokens=add_special), None
    except BaseException as exc:  # HF raises Exception, panics on stride >= max_length
        return None, type(exc).__name__


@pytest.mark.parametrize("name", sorted(PIPELINE_PROCESSORS))
@given(text=texts, pair=st.one_of(st.none(), texts), add_special=st.booleans(), prefix=st.booleans(),
       truncation=truncations)
def test_byte_level_pipeline_pairs_truncation_like_hf(gpt2_tokenizers, name, text, pair, add_special, prefix,
                                                      truncation):
    hf, tk = gpt2_tokenizers[prefix, name]
    hf.no_truncation()
    tk.no_truncation()
    if truncation is not None:
        try:
            hf.enable_truncation(**truncation)
        except ValueError:  # stride >= max_length - added specials
            with pytest.raises(tokkit.TokkitError, match="stride"):
                tk.enable_truncation(**truncation)
            return
        tk.enable_truncation(**truncation)
    expected, hf_error_name = outcome(hf, text, pair, add_special)
    if hf_error_name is not None:
        with pytest.raises(Exception):
            tk.encode(text, pair, add_special_tokens=add_special)
        return
    assert_same_encoding(tk.encode(text, pair, add_special_tokens=add_special), expected, f"{name} {text!r} {pair!r}")
