"""Encoding, truncation and padding against the HF wheel.

Encodings are built two ways: by HF's own pipeline (a WordLevel model with a
WhitespaceSplit pre-tokenizer, so tokens are easy to rebuild), and from
random serde states that both libraries load (``Encoding.__setstate__``).
Every property and every lookup method is then compared.
"""

from __future__ import annotations

import copy
import json
import pickle
import warnings

import pytest
import tokenizers
from hypothesis import given
from hypothesis import strategies as st
from tokenizers import Encoding as HFEncoding
from tokenizers import models, pre_tokenizers, processors

from tokkit import TruncationError
from tokkit.encoding import Encoding, PaddingParams, TruncationParams, pad_encodings, truncate_encodings
from tokkit.encoding.truncation import check_stride, effective_params
from tokkit.processors import BertProcessing, TemplateProcessing, default_process

VOCAB = {w: i for i, w in enumerate(["[UNK]", "[CLS]", "[SEP]", "[PAD]", "a", "b", "c", "dd", "eee", "ff"])}
WORDS = ["a", "b", "c", "dd", "eee", "ff", "zz", "yyy"]  # zz and yyy are unknown


def hf_tokenizer() -> tokenizers.Tokenizer:
    tok = tokenizers.Tokenizer(models.WordLevel(VOCAB, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    return tok


def from_hf(hf: HFEncoding) -> Encoding:
    """Rebuild an HF encoding with the tokkit constructor (ranges come from HF's state)."""
    state = json.loads(hf.__getstate__())
    ranges = {int(k): (r["start"], r["end"]) for k, r in state["sequence_ranges"].items()}
    return Encoding(
        hf.ids, hf.type_ids, hf.tokens, hf.word_ids, hf.offsets, hf.special_tokens_mask,
        hf.attention_mask, [from_hf(o) for o in hf.overflowing], ranges,
    )  # fmt: skip


def hf_from_state(state: dict) -> HFEncoding:
    enc = HFEncoding()
    enc.__setstate__(json.dumps(state).encode())
    return enc


def tk_from_state(state: dict) -> Encoding:
    enc = Encoding()
    enc.__setstate__(json.dumps(state).encode())
    return enc


def call(f, *args):
    """Result of ``f(*args)``, or the builtin exception class it raised (most specific first)."""
    try:
        return f(*args)
    except (ValueError, TypeError, OverflowError) as exc:
        return next(k.__name__ for k in (OverflowError, TypeError, ValueError) if isinstance(exc, k))


def assert_same(tk: Encoding, hf: HFEncoding) -> None:
    """Every property and lookup of ``tk`` equals HF's."""
    assert len(tk) == len(hf) and repr(tk) == repr(hf)
    for name in ("ids", "type_ids", "tokens", "offsets", "attention_mask", "special_tokens_mask",
                 "word_ids", "sequence_ids", "n_sequences"):  # fmt: skip
        assert getattr(tk, name) == getattr(hf, name), name
    n = len(hf)
    for i in range(n + 2):
        for name in ("token_to_chars", "token_to_word", "token_to_sequence"):
            assert getattr(tk, name)(i) == getattr(hf, name)(i), (name, i)
    max_char = max([e for _, e in hf.offsets] + [0])
    max_word = max([w for w in hf.word_ids if w is not None] + [0])
    for seq in (0, 1, 2):
        for pos in range(max_char + 2):
            assert tk.char_to_token(pos, seq) == hf.char_to_token(pos, seq), (pos, seq)
            assert tk.char_to_word(pos, seq) == hf.char_to_word(pos, seq), (pos, seq)
        for word in range(max_word + 2):
            assert tk.word_to_tokens(word, seq) == hf.word_to_tokens(word, seq), (word, seq)
            assert tk.word_to_chars(word, seq) == hf.word_to_chars(word, seq), (word, seq)
    assert len(tk.overflowing) == len(hf.overflowing)
    for mine, theirs in zip(tk.overflowing, hf.overflowing):
        assert_same(mine, theirs)


# -- strategies --------------------------------------------------------------------
word_lists = st.lists(st.sampled_from(WORDS), max_size=7)
token_text = st.text(st.sampled_from(list("abĠ \t\u3000xé")), max_size=4)


@st.composite
def states(draw, depth: int = 1, ranges: bool = True) -> dict:
    """A random serde state of an HF Encoding (non-overlapping ranges, in bounds).

    ``ranges=False`` gives encodings as a model makes them (no sequence ranges),
    as processors expect: HF resolves overlapping ranges in hash order.
    """
    n = draw(st.integers(0, 7))
    ints = lambda hi: st.lists(st.integers(0, hi), min_size=n, max_size=n)  # noqa: E731
    words = draw(st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=n, max_size=n))
    if draw(st.booleans()):
        words = sorted(words, key=lambda w: -1 if w is None else w)
    offsets = [sorted(p) for p in draw(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), min_size=n, max_size=n))]
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=4))) if ranges else []
    ranges = {str(i): {"start": s, "end": e} for i, (s, e) in enumerate(zip(cuts[::2], cuts[1::2]))}
    overflowing = draw(st.lists(states(depth - 1, ranges), max_size=2)) if depth > 0 else []
    return {
        "ids": draw(ints(20)), "type_ids": draw(ints(2)),
        "tokens": draw(st.lists(token_text, min_size=n, max_size=n)), "words": words,
        "offsets": offsets, "special_tokens_mask": draw(ints(1)), "attention_mask": draw(ints(1)),
        "overflowing": overflowing, "sequence_ranges": ranges,
    }  # fmt: skip


# -- the Encoding class ------------------------------------------------------------
class TestEncodingBasics:
    def test_empty(self):
        assert_same(Encoding(), HFEncoding())
        assert Encoding().__getstate__() == HFEncoding().__getstate__()

    @pytest.mark.parametrize("pair", [None, "b a zz"])
    @pytest.mark.parametrize("processor", [None, "bert", "template"])
    def test_pipeline_encodings(self, pair, processor):
        tok = hf_tokenizer()
        if processor == "bert":
            tok.post_processor = processors.BertProcessing(("[SEP]", 2), ("[CLS]", 1))
        elif processor == "template":
            tok.post_processor = processors.TemplateProcessing(
                "[CLS] $A:3 [SEP]", "[CLS] $B:1 [SEP] $A", [("[CLS]", 1), ("[SEP]", 2)]
            )
        hf = tok.encode("a  dd zz\tc eee", pair)
        assert_same(from_hf(hf), hf)

    @given(states())
    def test_random_states(self, state):
        hf, tk = hf_from_state(state), tk_from_state(state)
        assert_same(tk, hf)
        assert json.loads(tk.__getstate__()) == json.loads(hf.__getstate__())

    def test_pickle_and_copy(self):
        hf = hf_tokenizer().encode("a b c", "dd")
        tk = from_hf(hf)
        assert_same(pickle.loads(pickle.dumps(tk)), hf)
        assert_same(copy.deepcopy(tk), hf)

    def test_words_is_deprecated(self):
        tk = Encoding(ids=[1, 2], word_ids=[0, 1])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert tk.words == [0, 1]
        assert caught[0].category is DeprecationWarning
        assert "please use Encoding.word_ids" in str(caught[0].message)

    def test_getters_return_copies(self):
        tk = Encoding(ids=[1, 2])
        tk.ids.append(3)
        tk.overflowing.append(Encoding())
        assert tk.ids == [1, 2] and tk.overflowing == []

    def test_constructor_defaults_and_errors(self):
        tk = Encoding(ids=[4, 5])
        assert tk.type_ids == [0, 0] and tk.word_ids == [None, None] and tk.attention_mask == [1, 1]
        with pytest.raises(ValueError, match="type_ids has 1 items"):
            Encoding(ids=[4, 5], type_ids=[0])

    def test_bad_arguments_raise_like_hf(self):
        tk, hf = from_hf(hf_tokenizer().encode("a b")), hf_tokenizer().encode("a b")
        for args in ((-1,), (1.5,), ("1",)):
            assert call(tk.char_to_token, *args) == call(hf.char_to_token, *args)
        assert call(tk.truncate, 1, 0, "up") == call(hf.truncate, 1, 0, "up") == "ValueError"
        assert call(lambda: tk.pad(5, direction="up")) == call(lambda: hf.pad(5, direction="up"))
        assert call(Encoding.merge, [1]) == call(HFEncoding.merge, [1]) == "TypeError"

    def test_set_sequence_id_quirk(self):
        # HF only fills sequence ids 0..n_sequences: a lone id 3 leaves everything as 0.
        hf, tk = hf_tokenizer().encode("a b c"), from_hf(hf_tokenizer().encode("a b c"))
        hf.set_sequence_id(3)
        tk.set_sequence_id(3)
        assert_same(tk, hf)
        assert tk.char_to_token(0, 3) == hf.char_to_token(0, 3) == 0


class TestTruncateMethod:
    @given(states(), st.integers(0, 8), st.integers(0, 8), st.sampled_from(["left", "right"]))
    def test_truncate(self, state, max_length, stride, direction):
        hf, tk = hf_from_state(state), tk_from_state(state)
        if stride >= max_length and 0 < max_length < len(hf):
            with pytest.raises(TruncationError, match="strictly less than"):
                tk.truncate(max_length, stride, direction)
            return
        hf.truncate(max_length, stride, direction)
        tk.truncate(max_length, stride, direction)
        assert_same(tk, hf)

    def test_stride_windows(self):
        tk = Encoding(ids=list(range(7)))
        tk.truncate(4, 2)
        assert tk.ids == [0, 1, 2, 3] and [o.ids for o in tk.overflowing] == [[2, 3, 4, 5], [4, 5, 6]]
        tk = Encoding(ids=list(range(7)))
        tk.truncate(4, 2, "left")
        assert tk.ids == [3, 4, 5, 6] and [o.ids for o in tk.overflowing] == [[1, 2, 3, 4], [0, 1, 2]]


class TestPadMethod:
    @given(states(), st.integers(0, 10), st.sampled_from(["left", "right"]), st.integers(0, 9))
    def test_pad(self, state, length, direction, pad_id):
        hf, tk = hf_from_state(state), tk_from_state(state)
        hf.pad(length, direction=direction, pad_id=pad_id, pad_type_id=1, pad_token="<p>")
        tk.pad(length, direction=direction, pad_id=pad_id, pad_type_id=1, pad_token="<p>")
        assert_same(tk, hf)


class TestMerge:
    @given(st.lists(states(), max_size=3), st.booleans())
    def test_merge(self, state_list, growing):
        hf = HFEncoding.merge([hf_from_state(s) for s in state_list], growing)
        tk = Encoding.merge([tk_from_state(s) for s in state_list], growing)
        assert_same(tk, hf)

    def test_merge_does_not_change_inputs(self):
        a, b = Encoding(ids=[1], offsets=[(0, 2)]), Encoding(ids=[2], offsets=[(0, 3)])
        Encoding.merge([a, b])
        assert a.ids == [1] and b.offsets == [(0, 3)]


# -- truncate_encodings / pad_encodings through the pipeline ----------------------
def tk_pipeline(hf_plain, a, b, trunc, pad, processor_pair, add_special):
    """tokkit's post_process on encodings rebuilt from HF's raw (unprocessed) ones."""
    tk_proc, hf_proc = processor_pair
    enc = from_hf(hf_plain.encode(a, add_special_tokens=False))
    pair = None
    if b is not None:
        pair = from_hf(hf_plain.encode(b, add_special_tokens=False))
        pair._type_ids = [1] * len(pair)  # the tokenizer encodes the pair with type id 1
    if trunc is not None:
        added = tk_proc.num_special_tokens_to_add(pair is not None) if tk_proc else 0
        enc, pair = truncate_encodings(enc, pair, effective_params(trunc, added, add_special))
    final = tk_proc.process(enc, pair, add_special) if tk_proc else default_process(enc, pair, add_special)
    if pad is not None:
        pad_encodings([final], pad)
    return final


PROCESSOR_PAIRS = {
    "none": (None, None),
    "bert": (BertProcessing(("[SEP]", 2), ("[CLS]", 1)), processors.BertProcessing(("[SEP]", 2), ("[CLS]", 1))),
    "template": (
        TemplateProcessing("[CLS] $A [SEP]", "$A [SEP] $B:1", [("[CLS]", 1), ("[SEP]", 2)]),
        processors.TemplateProcessing("[CLS] $A [SEP]", "$A [SEP] $B:1", [("[CLS]", 1), ("[SEP]", 2)]),
    ),
}


def hf_result(tok, a, b, add_special):
    try:
        return tok.encode(a, b, add_special_tokens=add_special)
    except BaseException as exc:  # pyo3's PanicException derives from BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return exc


@given(
    word_lists, st.one_of(st.none(), word_lists), st.integers(0, 9), st.integers(0, 3),
    st.sampled_from(["longest_first", "only_first", "only_second"]), st.sampled_from(["left", "right"]),
    st.sampled_from(sorted(PROCESSOR_PAIRS)), st.booleans(),
)  # fmt: skip
def test_truncate_encodings_vs_hf(a, b, max_length, stride, strategy, direction, processor, add_special):
    a, b = " ".join(a), None if b is None else " ".join(b)
    tk_proc, hf_proc = PROCESSOR_PAIRS[processor]
    tok = hf_tokenizer()
    if hf_proc is not None:
        tok.post_processor = hf_proc
    params = TruncationParams(max_length, stride, strategy, direction)
    added = tk_proc.num_special_tokens_to_add(False) if tk_proc else 0
    try:
        tok.enable_truncation(max_length, stride=stride, strategy=strategy, direction=direction)
    except ValueError as exc:
        with pytest.raises(TruncationError) as mine:
            check_stride(params, added)
        assert str(mine.value) == str(exc)
        return
    check_stride(params, added)
    expected = hf_result(tok, a, b, add_special)
    if isinstance(expected, BaseException):
        with pytest.raises(TruncationError) as mine:
            tk_pipeline(hf_tokenizer(), a, b, params, None, PROCESSOR_PAIRS[processor], add_special)
        if "Truncation error" in str(expected):
            assert str(mine.value) == str(expected)
        return
    result = tk_pipeline(hf_tokenizer(), a, b, params, None, PROCESSOR_PAIRS[processor], add_special)
    assert_same(result, expected)


@given(
    word_lists, st.one_of(st.none(), word_lists), st.one_of(st.none(), st.integers(0, 12)),
    st.one_of(st.none(), st.integers(0, 5)), st.sampled_from(["left", "right"]), st.sampled_from(sorted(PROCESSOR_PAIRS)),
)  # fmt: skip
def test_pad_encodings_vs_hf(a, b, length, multiple, direction, processor):
    a, b = " ".join(a), None if b is None else " ".join(b)
    tk_proc, hf_proc = PROCESSOR_PAIRS[processor]
    tok = hf_tokenizer()
    if hf_proc is not None:
        tok.post_processor = hf_proc
    tok.enable_truncation(3)  # overflowing encodings are padded too
    tok.enable_padding(direction=direction, pad_id=3, pad_type_id=2, pad_token="[PAD]", length=length, pad_to_multiple_of=multiple)
    expected = tok.encode(a, b)
    pad = PaddingParams(length, direction, multiple, 3, 2, "[PAD]")
    result = tk_pipeline(hf_tokenizer(), a, b, TruncationParams(3), pad, PROCESSOR_PAIRS[processor], True)
    assert_same(result, expected)


@given(st.lists(word_lists, min_size=1, max_size=4), st.one_of(st.none(), st.integers(1, 4)))
def test_pad_batch_vs_hf(batch, multiple):
    texts = [" ".join(words) for words in batch]
    tok = hf_tokenizer()
    tok.enable_padding(pad_to_multiple_of=multiple, pad_id=3)
    expected = tok.encode_batch(texts)
    plain = hf_tokenizer()
    mine = [from_hf(plain.encode(t)) for t in texts]
    pad_encodings(mine, PaddingParams(pad_to_multiple_of=multiple, pad_id=3))
    for tk, hf in zip(mine, expected):
        assert_same(tk, hf)


# -- params ----------------------------------------------------------------------------
class TestParams:
    def test_truncation_json_and_dict(self):
        tok = hf_tokenizer()
        tok.enable_truncation(10, stride=2, strategy="only_second", direction="left")
        params = TruncationParams(10, 2, "only_second", "left")
        hf_json = json.loads(tok.to_str())["truncation"]
        assert params.to_json() == hf_json and list(params.to_json()) == list(hf_json)
        assert params.as_dict() == tok.truncation and list(params.as_dict()) == list(tok.truncation)
        assert TruncationParams.from_json(hf_json) == params
        assert TruncationParams.from_json({"max_length": 5, "strategy": "OnlyFirst", "stride": 0}).direction == "right"

    @pytest.mark.parametrize("length,multiple", [(None, None), (12, 4), (0, 0)])
    def test_padding_json_and_dict(self, length, multiple):
        tok = hf_tokenizer()
        tok.enable_padding(direction="left", pad_id=3, pad_type_id=1, pad_token="<p>", length=length, pad_to_multiple_of=multiple)
        params = PaddingParams(length, "left", multiple, 3, 1, "<p>")
        hf_json = json.loads(tok.to_str())["padding"]
        assert params.to_json() == hf_json and list(params.to_json()) == list(hf_json)
        assert params.as_dict() == tok.padding and list(params.as_dict()) == list(tok.padding)
        assert PaddingParams.from_json(hf_json) == params

    def test_bad_choices_name_the_valid_ones(self):
        with pytest.raises(ValueError, match="Use one of `longest_first`, `only_first`, or `only_second`"):
            TruncationParams(5, strategy="foo")
        with pytest.raises(ValueError, match="Use one of `left` or `right`"):
            TruncationParams(5, direction="up")
        with pytest.raises(ValueError, match="Use one of `left` or `right`"):
            PaddingParams(direction="up")

    @pytest.mark.parametrize(
        "data",
        [{"max_length": 5}, {"max_length": 5, "strategy": "longest_first", "stride": 0},
         {"max_length": 5, "strategy": "LongestFirst", "stride": 0, "direction": "right"}, [1]],
    )  # fmt: skip
    def test_truncation_from_json_errors(self, data):
        from tokkit import SerializationError

        with pytest.raises(SerializationError):
            TruncationParams.from_json(data)

    def test_padding_from_json_errors(self):
        from tokkit import SerializationError

        with pytest.raises(SerializationError, match="direction"):
            PaddingParams.from_json({"strategy": "BatchLongest"})
        with pytest.raises(SerializationError, match="strategy"):
            PaddingParams.from_json({"strategy": "Longest", "direction": "Right", "pad_id": 0, "pad_type_id": 0, "pad_token": "x"})


# -- HF quirks and error messages --------------------------------------------------------
def test_only_second_without_pair_message():
    tok = hf_tokenizer()
    tok.enable_truncation(1, strategy="only_second")
    with pytest.raises(Exception) as hf_exc:
        tok.encode("a b c")
    with pytest.raises(TruncationError) as mine:
        truncate_encodings(Encoding(ids=[4, 5, 6]), None, TruncationParams(1, strategy="only_second"))
    assert str(mine.value) == str(hf_exc.value) == "Truncation error: Second sequence not provided"


def test_sequence_too_short_message():
    tok = hf_tokenizer()
    tok.enable_truncation(2, strategy="only_first")
    with pytest.raises(Exception) as hf_exc:
        tok.encode("a", "b c d")
    with pytest.raises(TruncationError) as mine:
        truncate_encodings(Encoding(ids=[4]), Encoding(ids=[5, 6, 7]), TruncationParams(2, strategy="only_first"))
    assert str(mine.value) == str(hf_exc.value)


@pytest.mark.parametrize("max_length", [1, 2])
def test_trap14_limit_below_added_specials(max_length):
    """max_length < processor's special tokens: usize wrap, no truncation (HF: tokenizer/mod.rs, post_process)."""
    tok = hf_tokenizer()
    tok.post_processor = processors.BertProcessing(("[SEP]", 2), ("[CLS]", 1))
    tok.enable_truncation(max_length)
    expected = tok.encode("a b c dd")
    pair = PROCESSOR_PAIRS["bert"]
    result = tk_pipeline(hf_tokenizer(), "a b c dd", None, TruncationParams(max_length), None, pair, True)
    assert_same(result, expected)
    assert result.tokens == (["[CLS]", "a", "b", "c", "dd", "[SEP]"] if max_length == 1 else ["[CLS]", "[SEP]"])


def test_stride_too_large_raises_instead_of_panicking():
    with pytest.raises(TruncationError, match="strictly less than `max_len=2`"):
        Encoding(ids=[1, 2, 3]).truncate(2, stride=2)
