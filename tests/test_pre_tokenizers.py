"""Pre-tokenizers: every one against the HF wheel (fast path, aligned path, split_words),
JSON both ways, repr, pickle, errors, and the Unicode tables they use."""

from __future__ import annotations

import json
import pickle

import pytest
import tokenizers
from hypothesis import given
from hypothesis import strategies as st
from strategies import texts
from tokenizers import pre_tokenizers as hp

import tokkit
from tokkit import TokkitError
from tokkit import pre_tokenizers as tp
from tokkit._errors import SerializationError
from tokkit._unicode import is_whitespace
from tokkit._unicode.char_classes import (
    _TABLES,
    NUMERIC,
    ONIG_LETTER,
    ONIG_NUMBER,
    PUNCTUATION,
    SPACE,
    WORD,
    is_word_char,
    script_of,
)

BEHAVIORS = ["removed", "isolated", "merged_with_previous", "merged_with_next", "contiguous"]


def build(expr: str, module: object, regex_cls: type) -> object:
    """Evaluate a constructor expression with HF's or tokkit's classes."""
    return eval(expr, {**vars(module), "Regex": regex_cls})  # noqa: S307 - test-only, fixed strings


def pair(expr: str) -> tuple[object, object]:
    return build(expr, tp, tokkit.Regex), build(expr, hp, tokenizers.Regex)


CONFIGS = (
    ["Whitespace()", "WhitespaceSplit()", "BertPreTokenizer()", "UnicodeScripts()"]
    + [f"Punctuation({b!r})" for b in BEHAVIORS]
    + ["Digits()", "Digits(individual_digits=True)"]
    + ["CharDelimiterSplit('x')", "CharDelimiterSplit(' ')", "CharDelimiterSplit(']')"]
    + ["FixedLength()", "FixedLength(length=1)", "FixedLength(3)"]
    + [f"ByteLevel(add_prefix_space={a}, use_regex={u})" for a in (True, False) for u in (True, False)]
    + [f"Metaspace(prepend_scheme={s!r}, split={sp})" for s in ("always", "first", "never") for sp in (True, False)]
    + ["Metaspace(replacement='_')", "Metaspace(replacement=' ')"]
    + [f"Split({p}, {b!r}, invert={i})" for p in ("' '", "'ab'", "''") for b in BEHAVIORS for i in (False, True)]
    + [f"Split(Regex({p!r}), {b!r}, invert={i})" for p in (r"\s+", "b*", "a|", "(?=b)") for b in BEHAVIORS for i in (False, True)]
    + [
        "Sequence([WhitespaceSplit(), Punctuation()])",
        "Sequence([WhitespaceSplit(), Punctuation('merged_with_next')])",
        "Sequence([WhitespaceSplit(), Digits()])",
        "Sequence([WhitespaceSplit(), CharDelimiterSplit(' ')])",
        "Sequence([Whitespace(), Digits(True)])",
        "Sequence([Punctuation(), WhitespaceSplit()])",
        "Sequence([WhitespaceSplit(), ByteLevel(use_regex=False)])",
        "Sequence([Split(Regex(r'\\s+'), 'isolated'), ByteLevel(add_prefix_space=True)])",
        "Sequence([Split(' ', 'isolated'), Metaspace(prepend_scheme='first')])",
        "Sequence([Metaspace(), Digits()])",
        "Sequence([ByteLevel(), Punctuation()])",
        "Sequence([Sequence([WhitespaceSplit(), CharDelimiterSplit('a')]), UnicodeScripts()])",
        "Sequence([UnicodeScripts(), FixedLength(2)])",
        "Sequence([])",
    ]
)

EDGE_TEXTS = [
    "",
    " ",
    "   ",
    "a",
    "Hello, I'm here!! Aren't you?",
    "the-final--countdown-",
    "  leading and trailing  ",
    "e\u0301t x\u200dy",  # marks and ZWJ are \w
    "五 ² ½ 123 ٣",  # numeric or not
    "a\x1cb\x1fc d",  # \x1c-\x1f: Python whitespace, not Rust's
    "\u3000ideographic\u00a0nbsp\u2028line",
    " Hi, 你好こんにちは123",  # UnicodeScripts leading space
    "どこ Where ー",
    "ab▁cd ▁ ▁▁x",
    "it's 'll 've 're 'd 'm 't",
    "  \n\n  x  \t",
    "😀👍🏽\u200d❤️ emoji",
    "\u0558\u058b\u0c5c new letters",  # letters newer than HF's tables
    "\u2e43 \u1dfb \u166d punctuation tables",
    "xaxbx--]]",
    "bab abba aabb",
]


@pytest.fixture(params=CONFIGS)
def config(request: pytest.FixtureRequest) -> tuple[object, object]:
    return pair(request.param)


def assert_matches_hf(ours: tp.PreTokenizer, theirs: hp.PreTokenizer, text: str) -> None:
    expected = theirs.pre_tokenize_str(text)
    assert ours.pre_tokenize_str(text) == expected, text
    assert ours._aligned_str(text) == expected, text
    assert ours.split_words(text) == [word for word, _ in expected], text


def test_edge_cases_match_hf(config: tuple[object, object]) -> None:
    ours, theirs = config
    for text in EDGE_TEXTS:
        assert_matches_hf(ours, theirs, text)


@pytest.mark.parametrize("expr", CONFIGS)
@given(text=texts)
def test_random_texts_match_hf(expr: str, text: str) -> None:
    assert_matches_hf(*pair(expr), text)


# -- the aligned path on pre-split input, against HF's PreTokenizedString ----------------
PRE_SPLITS = [(" ", "isolated"), (" ", "removed"), ("-", "merged_with_next"), ("a", "isolated")]


def _pre_split(pts: object, pattern: str, behavior: str) -> None:
    pts.split(lambda _i, ns: ns.split(pattern, behavior))  # type: ignore[attr-defined]


def assert_pre_split_matches(expr: str, text: str, pattern: str, behavior: str) -> None:
    ours, theirs = pair(expr)
    hf_pts = tokenizers.PreTokenizedString(text)
    _pre_split(hf_pts, pattern, behavior)
    theirs.pre_tokenize(hf_pts)
    pts = tokkit.PreTokenizedString(text)
    _pre_split(pts, pattern, behavior)
    ours.pre_tokenize(pts)
    assert pts.get_splits() == hf_pts.get_splits()


PER_SPLIT = [
    "ByteLevel()",
    "ByteLevel(add_prefix_space=False)",
    "Metaspace(prepend_scheme='first')",
    "Metaspace(prepend_scheme='always', split=False)",
    "Metaspace(prepend_scheme='never')",
    "UnicodeScripts()",
    "FixedLength(2)",
    "Sequence([Punctuation(), Digits()])",
    "BertPreTokenizer()",
]


@pytest.mark.parametrize("expr", PER_SPLIT)
def test_pre_split_edge_cases(expr: str) -> None:
    for text in EDGE_TEXTS:
        for pattern, behavior in PRE_SPLITS:
            assert_pre_split_matches(expr, text, pattern, behavior)


@pytest.mark.parametrize("expr", PER_SPLIT)
@given(text=texts, split=st.sampled_from(PRE_SPLITS))
def test_pre_split_random(expr: str, text: str, split: tuple[str, str]) -> None:
    assert_pre_split_matches(expr, text, *split)


def test_tokenized_splits_are_skipped() -> None:
    pts = tokkit.PreTokenizedString("ab cd")
    pts.split(lambda _i, ns: ns.split(" ", "removed"))
    pts.splits[0].tokens = []  # as if tokenized (an added token)
    tp.ByteLevel().pre_tokenize(pts)
    assert pts.pieces() == [("ab", (0, 2)), ("Ġcd", (3, 5))]


# -- pre-tokenizer behaviours verified on HF tokenizers 0.23.3 (HF: pre_tokenizers/) ------
def test_split_delimiter_behavior_table() -> None:
    expected = {
        "removed": ["the", "final", "countdown"],
        "isolated": ["the", "-", "final", "-", "-", "countdown", "-"],
        "merged_with_previous": ["the-", "final-", "-", "countdown-"],
        "merged_with_next": ["the", "-final", "-", "-countdown", "-"],
        "contiguous": ["the", "-", "final", "--", "countdown", "-"],
    }
    for behavior, words in expected.items():
        assert tp.Split("-", behavior).split_words("the-final--countdown-") == words
        assert tp.Punctuation(behavior).split_words("the-final--countdown-") == words


def test_unicode_scripts_drops_leading_space() -> None:
    assert tp.UnicodeScripts().pre_tokenize_str(" Hi, 你好こんにちは123") == [
        ("Hi", (1, 3)),
        (", ", (3, 5)),
        ("你好こんにちは", (5, 12)),
        ("123", (12, 15)),
    ]
    assert tp.UnicodeScripts().pre_tokenize_str("   ") == []


def test_whitespace_word_chars_include_marks_and_zwj() -> None:
    assert tp.Whitespace().split_words("e\u0301t x\u200dy") == ["e\u0301t", "x\u200dy"]
    assert is_word_char("\u0301") and is_word_char("\u200d") and is_word_char("_")


def test_digits_numeric_is_rust_is_numeric() -> None:
    assert tp.Digits(True).split_words("五²½") == ["五", "²", "½"]
    assert tp.Digits().split_words("a五²½b") == ["a五", "²½", "b"]


def test_whitespace_split_x1c_is_not_whitespace() -> None:
    assert tp.WhitespaceSplit().pre_tokenize_str("a\x1cb c") == [("a\x1cb", (0, 3)), ("c", (4, 5))]
    assert tp.BertPreTokenizer().split_words("a\x1fb") == ["a\x1fb"]


def test_split_empty_matches_follow_oniguruma() -> None:
    # Python's finditer also yields (3, 3) after "bb"; the onig crate does not.
    assert tp.Split(tokkit.Regex("b*"), "contiguous").split_words("abba") == ["a", "bb", "a"]
    assert tp.Split("", "removed").split_words("abc") == ["a", "b", "c"]


def test_trap12_prefix_chars_take_the_first_chars_span() -> None:
    # A prepended 'Ġ'/'▁' shares the span of the split's first char (HF: tokenizer/normalizer.rs, prepend).
    for text in ["é", "ab", "\u3000x", "a b"]:
        for expr in ["ByteLevel()", "Metaspace()", "Metaspace(split=False)"]:
            ours, theirs = pair(expr)
            assert ours.pre_tokenize_str(text) == theirs.pre_tokenize_str(text)
    assert tp.ByteLevel().pre_tokenize_str("é") == [("ĠÃ©", (0, 1))]
    assert tp.Metaspace().pre_tokenize_str("a") == [("▁a", (0, 1))]


def test_metaspace_first_uses_original_offset() -> None:
    seq = tp.Sequence([tp.Split(" ", "isolated"), tp.Metaspace(prepend_scheme="first")])
    assert seq.pre_tokenize_str("a b") == [("▁a", (0, 1)), ("▁", (1, 2)), ("b", (2, 3))]


# -- JSON, repr, pickle ---------------------------------------------------------------------
def hf_json(hf_obj: object) -> dict:
    return json.loads(hf_obj.__getstate__())  # type: ignore[attr-defined]


def test_json_repr_pickle_match_hf(config: tuple[object, object]) -> None:
    ours, theirs = config
    assert ours.to_dict() == hf_json(theirs)
    assert ours.__getstate__() == theirs.__getstate__()
    assert repr(ours) == repr(theirs) and str(ours) == str(theirs)
    loaded = tp.PreTokenizer.from_dict(hf_json(theirs))
    assert type(loaded) is type(ours) and loaded.to_dict() == ours.to_dict()
    clone = pickle.loads(pickle.dumps(ours))
    assert clone.to_dict() == ours.to_dict()
    assert clone.pre_tokenize_str(EDGE_TEXTS[4]) == theirs.pre_tokenize_str(EDGE_TEXTS[4])


@pytest.mark.parametrize(
    "expr",
    ["Split('a\"b\\\\c\\n', 'removed')", "Split(Regex('\"\\\\s'), 'removed')", "CharDelimiterSplit('\"')",
     "Metaspace(replacement='\\n')", "Sequence([Sequence([Whitespace()]), Digits()])"],
)
def test_repr_of_odd_strings(expr: str) -> None:
    ours, theirs = pair(expr)
    assert repr(ours) == repr(theirs)


JSON_CASES = [
    {"type": "Whitespace", "x": 1},
    {"type": "BertPreTokenizer"},
    {"type": "Punctuation"},
    {"type": "Punctuation", "behavior": "isolated"},
    {"type": "Punctuation", "behavior": "Bad"},
    {"type": "ByteLevel"},
    {"type": "ByteLevel", "add_prefix_space": False},
    {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False},
    {"type": "ByteLevel", "add_prefix_space": 1, "trim_offsets": True},
    {"type": "Metaspace"},
    {"type": "Metaspace", "replacement": "▁"},
    {"type": "Metaspace", "replacement": "▁", "add_prefix_space": False},
    {"type": "Metaspace", "replacement": "▁", "add_prefix_space": True},
    {"type": "Metaspace", "replacement": "▁", "add_prefix_space": False, "prepend_scheme": "first"},
    {"type": "Metaspace", "replacement": "▁", "add_prefix_space": False, "prepend_scheme": "never"},
    {"type": "Metaspace", "replacement": "ab"},
    {"type": "Metaspace", "replacement": ""},
    {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "bad"},
    {"type": "Metaspace", "replacement": "▁", "str_rep": "▁", "split": False},
    {"type": "Split", "pattern": {"String": "a"}, "behavior": "Removed"},
    {"type": "Split", "pattern": {"String": "a"}, "behavior": "Removed", "invert": False},
    {"type": "Split", "pattern": {"Regex": "("}, "behavior": "Removed", "invert": False},
    {"type": "Split", "pattern": "a", "behavior": "Removed", "invert": False},
    {"type": "Digits"},
    {"type": "Digits", "individual_digits": True},
    {"type": "CharDelimiterSplit", "delimiter": "x"},
    {"type": "CharDelimiterSplit", "delimiter": "xy"},
    {"type": "CharDelimiterSplit"},
    {"type": "Delimiter", "delimiter": "x"},
    {"type": "FixedLength"},
    {"type": "FixedLength", "length": 0},
    {"type": "FixedLength", "length": -1},
    {"type": "FixedLength", "length": 2.0},
    {"type": "Sequence"},
    {"type": "Sequence", "pretokenizers": [{"type": "Nope"}]},
    {"type": "Sequence", "pretokenizers": [{"type": "Sequence", "pretokenizers": [{"type": "Whitespace"}]}]},
    {"type": "Nope"},
    {},
    {"delimiter": "x"},
]


def hf_load(data: dict) -> dict | None:
    """The pre-tokenizer JSON HF writes after loading ``data``, or None if HF refuses it."""
    base = json.loads(tokenizers.Tokenizer(tokenizers.models.BPE()).to_str())
    base["pre_tokenizer"] = data
    try:
        loaded = tokenizers.Tokenizer.from_str(json.dumps(base))
    except Exception:  # HF's error type varies (Exception / ValueError)
        return None
    return json.loads(loaded.to_str())["pre_tokenizer"]


@pytest.mark.parametrize("data", JSON_CASES, ids=[json.dumps(d, ensure_ascii=False) for d in JSON_CASES])
def test_from_dict_like_hf(data: dict) -> None:
    expected = hf_load(data)
    if expected is None:
        with pytest.raises(SerializationError):
            tp.PreTokenizer.from_dict(data)
    else:
        assert tp.PreTokenizer.from_dict(data).to_dict() == expected


BAD_ARGUMENTS = [
    "Punctuation('bad')",
    "Punctuation('Isolated')",
    "Split('a', 'bad')",
    "Split(1, 'removed')",
    "CharDelimiterSplit('ab')",
    "CharDelimiterSplit('')",
    "Metaspace(replacement='ab')",
    "Metaspace(prepend_scheme='First')",
    "Metaspace(split=1)",
    "FixedLength(-1)",
    "FixedLength(2.0)",
    "ByteLevel(add_prefix_space=None)",
    "Digits(None)",
    "Sequence([1])",
    "Whitespace().pre_tokenize_str(None)",
]


@pytest.mark.parametrize("expr", BAD_ARGUMENTS)
def test_bad_arguments_raise_like_hf(expr: str) -> None:
    with pytest.raises(Exception):
        build(expr, hp, tokenizers.Regex)
    with pytest.raises(TokkitError):
        build(expr, tp, tokkit.Regex)


def test_fixed_length_zero_fails_only_on_text() -> None:
    assert repr(tp.FixedLength(0)) == repr(hp.FixedLength(0)) == "FixedLength(length=0)"
    assert tp.FixedLength(0).pre_tokenize_str("") == hp.FixedLength(0).pre_tokenize_str("") == []
    with pytest.raises(BaseException):  # HF: a Rust panic
        hp.FixedLength(0).pre_tokenize_str("abc")
    with pytest.raises(TokkitError, match="length"):
        tp.FixedLength(0).pre_tokenize_str("abc")


def test_attributes_and_setters_like_hf() -> None:
    for expr in ["Punctuation('merged_with_next')", "Split('a', 'merged_with_previous')"]:
        ours, theirs = pair(expr)
        assert ours.behavior == theirs.behavior
        ours.behavior = theirs.behavior = "contiguous"
        assert repr(ours) == repr(theirs)
        with pytest.raises(TokkitError):
            ours.behavior = "Contiguous"
    ours, theirs = pair("Metaspace()")
    ours.prepend_scheme = theirs.prepend_scheme = "first"
    ours.replacement = theirs.replacement = "x"
    assert repr(ours) == repr(theirs) and ours.prepend_scheme == theirs.prepend_scheme
    with pytest.raises(TokkitError):
        ours.prepend_scheme = "bad"
    with pytest.raises(TokkitError):
        ours.replacement = "xy"
    assert sorted(tp.ByteLevel.alphabet()) == sorted(hp.ByteLevel.alphabet())


def test_sequence_indexing_like_hf() -> None:
    punct, digits = tp.Punctuation(), tp.Digits()
    inner = tp.Sequence([punct, tp.Whitespace()])
    seq = tp.Sequence([inner, digits])  # flattened like HF
    assert repr(seq) == repr(hp.Sequence([hp.Sequence([hp.Punctuation(), hp.Whitespace()]), hp.Digits()]))
    seq[0].behavior = "removed"  # members are shared, as HF's Arc'd members
    assert punct.behavior == "removed" and seq.to_dict()["pretokenizers"][0]["behavior"] == "Removed"
    seq[1] = tp.WhitespaceSplit()
    assert type(seq[1]) is tp.WhitespaceSplit
    with pytest.raises(IndexError):
        seq[3]
    with pytest.raises(TokkitError):
        seq[0] = tp.Sequence([])


def test_custom_pre_tokenizer_runs_but_cannot_be_saved() -> None:
    class Halves:
        def pre_tokenize(self, pts: tokkit.PreTokenizedString) -> None:
            pts.split(lambda _i, ns: [ns[: len(ns) // 2], ns[len(ns) // 2 :]])

    custom = tp.PreTokenizer.custom(Halves())
    seq = tp.Sequence([tp.WhitespaceSplit(), custom])
    assert seq.pre_tokenize_str("abcd ef") == [("ab", (0, 2)), ("cd", (2, 4)), ("e", (5, 6)), ("f", (6, 7))]
    for obj in (custom, seq):
        with pytest.raises(SerializationError, match="register"):
            obj.to_dict()
        with pytest.raises(SerializationError):
            pickle.dumps(obj)
    with pytest.raises(TokkitError):
        tp.PreTokenizer.custom(object())


def test_registered_user_pre_tokenizer_round_trips() -> None:
    @tp.register("TestPairs")
    class Pairs(tp.PreTokenizer):
        _fields = ("size",)

        def __init__(self, size: int = 2) -> None:
            self.size = size

        def pre_tokenize(self, pts: tokkit.PreTokenizedString) -> None:
            pts.split(lambda _i, ns: [ns.slice(i, min(i + self.size, len(ns))) for i in range(0, len(ns), self.size)])

    seq = tp.Sequence([tp.WhitespaceSplit(), Pairs(3)])
    loaded = tp.PreTokenizer.from_dict(json.loads(json.dumps(seq.to_dict())))
    assert loaded.pre_tokenize_str("abcde f") == [("abc", (0, 3)), ("de", (3, 5)), ("f", (6, 7))]


def test_subclass_of_builtin_does_not_use_fast_path() -> None:
    class Loud(tp.Whitespace):
        def pre_tokenize(self, pts: tokkit.PreTokenizedString) -> None:
            pts.split(lambda _i, ns: [ns])

    assert Loud().pre_tokenize_str("a b") == [("a b", (0, 3))]
    assert tp.Sequence([Loud()]).split_words("a b") == ["a b"]


# -- Unicode tables -------------------------------------------------------------------------
SAMPLE = [chr(c) for c in range(0, 0x110000, 61) if not 0xD800 <= c <= 0xDFFF] + list("\u0301\u200d\u0558\u2e43²½五ー")


def test_tables_agree_with_builtin_classes_on_ascii() -> None:
    # ExactPattern skips the check on ASCII text: this must hold for any regex version.
    for table in _TABLES:
        assert [c for c in map(chr, range(128)) if (c in table) != table.in_builtin(c)] == [], table


def test_space_table_is_rust_whitespace() -> None:
    assert all((c in SPACE) == is_whitespace(c) for c in SAMPLE + [chr(c) for c in range(0x3001)])


def _isolated(pre_tokenizer: hp.PreTokenizer) -> set[str]:
    out = pre_tokenizer.pre_tokenize_str("a" + "a".join(SAMPLE) + "a")
    return {s for s, _ in out if len(s) == 1 and s != "a"}


def _onig(body: str) -> set[str]:
    kept = hp.Split(tokenizers.Regex(body), "removed").pre_tokenize_str("".join(SAMPLE))
    unmatched = {i for _, (a, b) in kept for i in range(a, b)}
    return {c for i, c in enumerate(SAMPLE) if i not in unmatched}


def test_tables_match_hf_on_sampled_code_points() -> None:
    assert {c for c in SAMPLE if c in NUMERIC} == _isolated(hp.Digits(True))
    assert {c for c in SAMPLE if c in PUNCTUATION} == _isolated(hp.Punctuation())
    assert {c for c in SAMPLE if c in ONIG_LETTER} == _onig(r"\p{L}")
    assert {c for c in SAMPLE if c in ONIG_NUMBER} == _onig(r"\p{N}")
    words = hp.Whitespace().pre_tokenize_str("".join("a" + c + " " for c in SAMPLE))
    hf_word = {s[1] for s, _ in words if len(s) == 2}
    assert {c for c in SAMPLE if c in WORD} == hf_word


def test_scripts_match_hf_on_sampled_pairs() -> None:
    probe = hp.UnicodeScripts()
    chars = [c for c in SAMPLE if c != "a"][::7]
    for left, right in zip(chars, chars[1:] + chars[:1]):
        text = "a" + left + right
        assert tp.UnicodeScripts().pre_tokenize_str(text) == probe.pre_tokenize_str(text), (left, right)
    assert script_of(" ") == 0 and script_of("ひ") == script_of("カ") == script_of("ー") == script_of("中")


def test_an_empty_sequence_encodes_an_empty_text_to_nothing_as_hf() -> None:
    # pre_tokenize_str keeps the empty piece, but encode drops empty splits before pre-tokenizing.
    import tokenizers as hf_lib

    import tokkit

    model = {"type": "WordLevel", "vocab": {"[UNK]": 0, "a": 1}, "unk_token": "[UNK]"}
    document = json.dumps({"version": "1.0", "truncation": None, "padding": None, "added_tokens": [],
                           "normalizer": None, "pre_tokenizer": {"type": "Sequence", "pretokenizers": []},
                           "post_processor": None, "decoder": None, "model": model})
    for text in ("", " ", "a", "a b"):
        assert tokkit.Tokenizer.from_str(document).encode(text).ids == hf_lib.Tokenizer.from_str(document).encode(text).ids
    assert tokkit.Tokenizer.from_str(document).pre_tokenizer.pre_tokenize_str("") == [("", (0, 0))]
