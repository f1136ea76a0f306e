"""Normalizers vs HF tokenizers 0.23.3: strings, alignments, JSON, repr, pickle.

Alignments are read from HF through a tokenizer that makes one token per
normalized char (WordLevel unk + ``Split([\\s\\S], isolated)``): its offsets
are the original span of each normalized char.
"""

from __future__ import annotations

import json
import pickle
import unicodedata

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st
from strategies import INTERESTING, texts
from tokenizers import normalizers as H

from tokkit import NormalizedString, Regex, SerializationError, UnknownComponentError
from tokkit import normalizers as T
from tokkit._errors import ConfigurationError, TokkitError


# ==================== helpers =======================================================
def hf_char_offsets(normalizer: H.Normalizer, text: str) -> list[tuple[int, int]]:
    tok = hf.Tokenizer(hf.models.WordLevel({"[UNK]": 0}, unk_token="[UNK]"))
    tok.normalizer = normalizer
    tok.pre_tokenizer = hf.pre_tokenizers.Split(hf.Regex(r"[\s\S]"), "isolated")
    return tok.encode(text).offsets


def our_char_offsets(normalizer: T.Normalizer, text: str) -> tuple[str, list[tuple[int, int]]]:
    ns = NormalizedString(text)
    normalizer.normalize(ns)
    return ns.normalized, [ns.offsets_of(i, i + 1) for i in range(len(ns))]


def assert_parity(ours: T.Normalizer, theirs: H.Normalizer, text: str) -> None:
    expected = theirs.normalize_str(text)
    assert ours.normalize_str(text) == expected, f"normalize_str({text!r})"
    normalized, offsets = our_char_offsets(ours, text)
    assert normalized == expected, f"normalize({text!r}).normalized"
    assert offsets == hf_char_offsets(theirs, text), f"alignments of {text!r} -> {expected!r}"


# (id, tokkit factory, HF factory): every normalizer and the interesting settings.
PAIRS = [
    ("NFD", T.NFD, H.NFD),
    ("NFKD", T.NFKD, H.NFKD),
    ("NFC", T.NFC, H.NFC),
    ("NFKC", T.NFKC, H.NFKC),
    ("Lowercase", T.Lowercase, H.Lowercase),
    ("Strip", T.Strip, H.Strip),
    ("Strip-left", lambda: T.Strip(right=False), lambda: H.Strip(right=False)),
    ("Strip-right", lambda: T.Strip(left=False), lambda: H.Strip(left=False)),
    ("Strip-none", lambda: T.Strip(False, False), lambda: H.Strip(False, False)),
    ("StripAccents", T.StripAccents, H.StripAccents),
    ("Replace-str", lambda: T.Replace("ll", "L"), lambda: H.Replace("ll", "L")),
    ("Replace-char-del", lambda: T.Replace("e", ""), lambda: H.Replace("e", "")),
    ("Replace-grow", lambda: T.Replace(" ", "▁▁"), lambda: H.Replace(" ", "▁▁")),
    ("Replace-regex", lambda: T.Replace(Regex(r"\s+"), " "), lambda: H.Replace(hf.Regex(r"\s+"), " ")),
    ("Replace-regex-set", lambda: T.Replace(Regex("[aeé]"), "<v>"), lambda: H.Replace(hf.Regex("[aeé]"), "<v>")),
    ("Prepend", T.Prepend, H.Prepend),
    ("Prepend-multi", lambda: T.Prepend("<s>"), lambda: H.Prepend("<s>")),
    ("Bert", T.BertNormalizer, H.BertNormalizer),
    ("Bert-cased", lambda: T.BertNormalizer(lowercase=False), lambda: H.BertNormalizer(lowercase=False)),
    ("Bert-strip", lambda: T.BertNormalizer(strip_accents=True, lowercase=False),
     lambda: H.BertNormalizer(strip_accents=True, lowercase=False)),
    ("Bert-raw", lambda: T.BertNormalizer(False, False, False, False),
     lambda: H.BertNormalizer(False, False, False, False)),
    ("Bert-noclean", lambda: T.BertNormalizer(clean_text=False), lambda: H.BertNormalizer(clean_text=False)),
    ("ByteLevel", T.ByteLevel, H.ByteLevel),
    ("Nmt", T.Nmt, H.Nmt),
    ("Seq-uncased", lambda: T.Sequence([T.NFD(), T.Lowercase(), T.StripAccents()]),
     lambda: H.Sequence([H.NFD(), H.Lowercase(), H.StripAccents()])),
    ("Seq-spm", lambda: T.Sequence([T.Nmt(), T.NFKC(), T.Replace(Regex(" {2,}"), " "), T.Prepend()]),
     lambda: H.Sequence([H.Nmt(), H.NFKC(), H.Replace(hf.Regex(" {2,}"), " "), H.Prepend()])),
    ("Seq-empty", lambda: T.Sequence([]), lambda: H.Sequence([])),
]  # fmt: skip
PAIR_IDS = [p[0] for p in PAIRS]

EDGE_TEXTS = [
    "", " ", "a", "Hello World!", "  padded \t\n", "e\u0301x", "ΟΔΟΣ", "İstanbul", "ǰ\u0323",
    "Héllò hôw are ü?", "a中b文", "\U00020000\U0002a700x", "ﬁ①Ｘ", "\u1e9b\u0323", "a\u0301\u0316\u0300",
    "\u0301\u0316 leading marks", "한국어 \u1100\u1161\u11a8", "\x00\ufffd\t\n\r\x0b\x0c\x1c\x85\u200b\ufeff",
    "\u2e43\u1dfb\u1ac0\U00011938\U00011935\U00011930", "\u0344\u0f73\u0f75", "\U0001f468\u200d\U0001f469",
    "\u00ad\u2028\u3000x", "ǅǄ", "\u0130\u0345\u03a3\u1e9e", "hello", "   ", "\u05e9\u05b8\u05c1",
    INTERESTING,
]  # fmt: skip


# ==================== parity: strings and alignments ==================================
@pytest.mark.parametrize("name, ours, theirs", PAIRS, ids=PAIR_IDS)
@pytest.mark.parametrize("text", EDGE_TEXTS, ids=range(len(EDGE_TEXTS)))
def test_edge_cases_match_hf(name, ours, theirs, text):
    assert_parity(ours(), theirs(), text)


@pytest.mark.parametrize("name, ours, theirs", PAIRS, ids=PAIR_IDS)
@given(text=texts)
def test_random_texts_match_hf(name, ours, theirs, text):
    assert_parity(ours(), theirs(), text)


@pytest.mark.parametrize("name, ours, theirs", PAIRS, ids=PAIR_IDS)
@given(text=texts)
def test_normalize_str_equals_aligned_path(name, ours, theirs, text):
    normalizer = ours()
    assert normalizer.normalize_str(text) == our_char_offsets(normalizer, text)[0]


# Text from anywhere in the code space: new scripts, unassigned and private-use chars.
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@pytest.mark.parametrize("form", ["NFD", "NFKD", "NFC", "NFKC"])
@given(text=any_text)
def test_unicode_forms_on_any_code_point(form, text):
    assert_parity(getattr(T, form)(), getattr(H, form)(), text)


@pytest.mark.parametrize("name", ["Lowercase", "StripAccents", "Bert", "Bert-strip"])
@given(text=any_text)
def test_tables_on_any_code_point(name, text):
    _, ours, theirs = PAIRS[PAIR_IDS.index(name)]
    assert_parity(ours(), theirs(), text)


# Canonical reordering with several marks moves the change flags along with the chars.
marks = st.text(st.sampled_from("ae\u0301\u0316\u0300\u0327\u0345\u0334\u05b8\u05c1ạ\u1ea5ǖ\u0344"), max_size=8)


@pytest.mark.parametrize("form", ["NFD", "NFKD", "NFC", "NFKC"])
@given(text=marks)
def test_reordering_alignments(form, text):
    assert_parity(getattr(T, form)(), getattr(H, form)(), text)


# ==================== HF quirks: alignments, context-free lowercase (HF: tokenizer/normalizer.rs) ===
def test_trap12_replace_takes_last_char_of_match():
    assert our_char_offsets(T.Replace("ll", "L"), "hello") == ("heLo", [(0, 1), (1, 2), (3, 4), (4, 5)])
    assert_parity(T.Replace("ll", "L"), H.Replace("ll", "L"), "hello")


def test_trap12_nfc_keeps_first_char_span():
    assert our_char_offsets(T.NFC(), "e\u0301x") == ("éx", [(0, 1), (2, 3)])


def test_trap12_prepend_takes_first_char_span():
    assert our_char_offsets(T.Prepend("▁"), "ab") == ("▁ab", [(0, 1), (0, 1), (1, 2)])


def test_trap13_lowercase_has_no_final_sigma():
    assert T.Lowercase().normalize_str("ΟΔΟΣ") == "οδοσ" == H.Lowercase().normalize_str("ΟΔΟΣ")
    assert "ΟΔΟΣ".lower() == "οδος"  # what a naive implementation would give
    assert T.Lowercase().normalize_str("ΟΔΟΣ ΟΔΟΣ.") == "οδοσ οδοσ."


def test_lowercase_dotted_capital_i_grows():
    assert our_char_offsets(T.Lowercase(), "İx") == ("i\u0307x", [(0, 1), (0, 1), (1, 2)])
    assert_parity(T.Lowercase(), H.Lowercase(), "İİ")


def test_strip_accents_does_not_decompose():
    assert T.StripAccents().normalize_str("é") == "é" == H.StripAccents().normalize_str("é")
    assert T.StripAccents().normalize_str("e\u0301") == "e"


def test_bert_cjk_padding_shares_the_char_span():
    assert our_char_offsets(T.BertNormalizer(), "a中") == ("a 中 ", [(0, 1), (1, 2), (1, 2), (1, 2)])
    assert_parity(T.BertNormalizer(), H.BertNormalizer(), "x中文\U00020000y")


def test_unicode9_vs_14_differences():
    # U+1DFB is Mn since Unicode 9: StripAccents (9.0 tables) strips it, Bert (~8.0) keeps it.
    assert T.StripAccents().normalize_str("a\u1dfb") == "a"
    assert T.BertNormalizer().normalize_str("a\u1dfb") == "a\u1dfb"
    # U+1AC0 (Unicode 14 mark) is not a mark for HF; U+2E43 (Unicode 9 punctuation) is untouched.
    assert T.StripAccents().normalize_str("a\u1ac0") == "a\u1ac0"
    for text in ("a\u1dfb", "a\u1ac0\u0301", "\u2e43", "\U00011935\U00011930"):
        for name in ("NFC", "NFKD", "StripAccents", "Bert", "Bert-strip"):
            _, ours, theirs = PAIRS[PAIR_IDS.index(name)]
            assert_parity(ours(), theirs(), text)
    # U+11938 decomposes canonically since Unicode 13; HF (9.0) leaves it alone.
    assert unicodedata.normalize("NFD", "\U00011938") != "\U00011938"
    assert T.NFD().normalize_str("\U00011938") == "\U00011938"


def _fresh_unicode_norm_as_if_newer_python():
    """Private copies of ``normalization`` and ``categories`` that believe their data is older than Python's.

    ``categories`` takes ``_is_newer``, ``_newer_ranges`` and ``normalize`` from ``normalization``:
    its copy is loaded while the ``normalization`` copy stands in ``sys.modules``, so it uses that copy's.
    """
    import importlib.util
    import sys

    from tokkit._unicode import categories, normalization, normalization_data as _unicode_norm_data

    def fresh_copy(module):
        spec = importlib.util.spec_from_file_location(module.__name__ + "_newer", module.__file__)
        copy = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(copy)
        return copy

    saved = _unicode_norm_data.UNIDATA_VERSION
    _unicode_norm_data.UNIDATA_VERSION = "0.0.0"
    try:
        norm = fresh_copy(normalization)
        sys.modules[normalization.__name__] = norm
        cats = fresh_copy(categories)
    finally:
        sys.modules[normalization.__name__] = normalization
        _unicode_norm_data.UNIDATA_VERSION = saved
    assert not norm._SAME_DATA
    assert cats._is_newer is norm._is_newer and cats.normalize is norm.normalize
    return norm, cats


_NEWER = []


@given(text=any_text)
def test_newer_python_fallback_still_matches_hf(text):
    # On Python 3.12+ the chars unknown to the generator's Unicode 14.0 are treated as
    # unassigned; on 3.11 (nothing newer) that path must still give HF's answers.
    if not _NEWER:
        _NEWER.append(_fresh_unicode_norm_as_if_newer_python())
    un, cats = _NEWER[0]
    for form in ("NFD", "NFKD", "NFC", "NFKC"):
        expected = getattr(H, form)().normalize_str(text)
        assert un.normalize(form, text) == expected
        assert "".join(c for c, _ in un.normalize_with_changes(form, text)) == expected
    assert cats.lowercase(text) == H.Lowercase().normalize_str(text)
    assert cats.strip_marks(text) == H.StripAccents().normalize_str(text)
    raw = H.BertNormalizer(clean_text=True, handle_chinese_chars=False, strip_accents=False, lowercase=False)
    assert cats.bert_clean_text(text) == raw.normalize_str(text)
    assert "".join(c for c in text if not cats.is_bert_control(c)).translate(
        {ord(c): " " for c in "\t\n\r\x0b\x0c\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
         "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"}) == raw.normalize_str(text)
    strip = H.BertNormalizer(clean_text=False, handle_chinese_chars=False, strip_accents=True, lowercase=False)
    assert cats.bert_strip_accents(text) == strip.normalize_str(text)


def test_bert_clean_text_keeps_unassigned_removes_format():
    # HF's is_other is Cc/Cf/Co: unassigned code points survive, U+200B (Cf) goes.
    text = "a\u0378b\u200bc\ue000d\x00e\ufffd"
    assert T.BertNormalizer(lowercase=False).normalize_str(text) == "a\u0378bcde"
    assert_parity(T.BertNormalizer(), H.BertNormalizer(), text)


# ==================== JSON, repr, pickle ==============================================
@pytest.mark.parametrize("name, ours, theirs", PAIRS, ids=PAIR_IDS)
def test_json_repr_pickle(name, ours, theirs):
    mine, reference = ours(), theirs()
    expected = json.loads(reference.__getstate__())
    assert mine.to_dict() == expected
    assert repr(mine) == repr(reference)
    again = T.Normalizer.from_dict(expected)
    assert type(again) is type(mine) and again.to_dict() == expected
    restored = pickle.loads(pickle.dumps(mine))
    assert type(restored) is type(mine) and restored.to_dict() == expected
    assert restored.normalize_str("Héllo ΟΔΟΣ 中") == mine.normalize_str("Héllo ΟΔΟΣ 中")


@pytest.mark.parametrize("name, ours, theirs", PAIRS, ids=PAIR_IDS)
def test_hf_loads_what_tokkit_writes(name, ours, theirs):
    tok = json.loads(hf.Tokenizer(hf.models.WordLevel({"a": 0}, unk_token="a")).to_str())
    tok["normalizer"] = ours().to_dict()
    loaded = hf.Tokenizer.from_str(json.dumps(tok)).normalizer
    assert repr(loaded) == repr(theirs())
    assert loaded.normalize_str("Héllo  WORLD 中") == theirs().normalize_str("Héllo  WORLD 中")


@pytest.mark.parametrize("content", ['"', "\n", "\\", "é\t", ""])
def test_repr_prints_strings_raw_like_hf(content):
    assert repr(T.Replace(content + "x", content)) == repr(H.Replace(content + "x", content))
    pattern = r"\s" + content.replace("\\", "\\\\")
    assert repr(T.Replace(Regex(pattern), content)) == repr(H.Replace(hf.Regex(pattern), content))
    assert repr(T.Prepend(content)) == repr(H.Prepend(content))


def test_unicode_normalizer_from_str():
    for name in ("nfc", "nfd", "nfkc", "nfkd"):
        assert repr(T.unicode_normalizer_from_str(name)) == repr(H.unicode_normalizer_from_str(name))
    with pytest.raises(ConfigurationError, match="nfc"):
        T.unicode_normalizer_from_str("NFX")


def test_module_from_dict_and_bert_alias():
    data = {"type": "Bert", "clean_text": True, "handle_chinese_chars": False, "lowercase": False}
    bert = T.from_dict(data)
    assert isinstance(bert, T.BertNormalizer) and bert.strip_accents is None
    assert bert.to_dict()["type"] == "BertNormalizer"


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"clean_text": True, "handle_chinese_chars": True, "lowercase": True}, "BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True)"),
        ({"strip_left": True, "strip_right": False}, "Strip(strip_left=True, strip_right=False)"),
        ({"type": "Nope", "strip_left": True, "strip_right": False}, "Strip(strip_left=True, strip_right=False)"),
        ({"prepend": "x"}, 'Prepend(prepend="x")'),
        ({"pattern": {"String": "a"}, "content": "b"}, 'Replace(pattern=String("a"), content="b")'),
        ({"normalizers": [{"type": "NFC"}]}, "Sequence(normalizers=[NFC()])"),
        ({"type": "NFC", "extra": 1}, "NFC()"),
    ],
)  # fmt: skip
def test_legacy_json_like_hf(data, expected):
    tok = json.loads(hf.Tokenizer(hf.models.WordLevel({"a": 0}, unk_token="a")).to_str())
    tok["normalizer"] = data
    assert repr(hf.Tokenizer.from_str(json.dumps(tok)).normalizer) == expected
    assert repr(T.Normalizer.from_dict(data)) == expected


@pytest.mark.parametrize(
    "data",
    [
        {"type": "Strip"},
        {"type": "Strip", "strip_left": True},
        {"type": "Strip", "strip_left": None, "strip_right": False},
        {"type": "BertNormalizer"},
        {"type": "BertNormalizer", "clean_text": 1, "handle_chinese_chars": True, "lowercase": True},
        {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True, "strip_accents": "x", "lowercase": True},
        {"type": "Replace", "pattern": {"String": "a"}},
        {"type": "Replace", "pattern": "a", "content": "b"},
        {"type": "Replace", "pattern": {"Regex": "("}, "content": "b"},
        {"type": "Replace", "pattern": {"Foo": "a"}, "content": "b"},
        {"type": "Replace", "pattern": {"String": "a"}, "content": None},
        {"type": "Prepend"},
        {"type": "Prepend", "prepend": 5},
        {"type": "Sequence"},
        {"type": "Sequence", "normalizers": {}},
        {"type": "Sequence", "normalizers": [{"type": "Nope"}]},
        {},
        {"type": 5},
        [],
        "NFC",
    ],
)  # fmt: skip
def test_bad_json_raises_serialization_error(data):
    with pytest.raises(SerializationError):
        T.Normalizer.from_dict(data)


def test_unknown_type_is_unknown_component_error():
    with pytest.raises(UnknownComponentError, match="Nope"):
        T.Normalizer.from_dict({"type": "Nope"})


@pytest.mark.parametrize(
    "build",
    [
        lambda: T.Strip(left="x"),
        lambda: T.BertNormalizer(clean_text=1),
        lambda: T.BertNormalizer(strip_accents="yes"),
        lambda: T.Prepend(None),
        lambda: T.Replace(3, "x"),
        lambda: T.Replace("a", None),
        lambda: T.Replace(Regex("a"), 3),
        lambda: T.Sequence((T.NFC(),)),
        lambda: T.Sequence([T.NFC(), "NFD"]),
        lambda: T.Normalizer.custom(object()),
        lambda: T.NFC().normalize_str(3),
    ],
)
def test_bad_arguments_raise_tokkit_errors(build):
    with pytest.raises(TokkitError):
        build()


def test_replace_pattern_is_read_only_but_content_is_not():
    rep = T.Replace(Regex("a+"), "b")
    rep.content = "c"
    assert repr(rep) == 'Replace(pattern=Regex("a+"), content="c")' and rep.normalize_str("xaay") == "xcy"
    with pytest.raises(ConfigurationError):
        rep.pattern = "x"


def test_attributes_are_mutable_like_hf():
    strip, ref = T.Strip(), H.Strip()
    strip.left, ref.left = False, False
    assert repr(strip) == repr(ref) and strip.to_dict() == json.loads(ref.__getstate__())
    bert, ref = T.BertNormalizer(), H.BertNormalizer()
    bert.strip_accents, ref.strip_accents = False, False
    assert repr(bert) == repr(ref) and bert.normalize_str("É") == ref.normalize_str("É") == "é"
    prepend = T.Prepend()
    prepend.prepend = "#"
    assert prepend.normalize_str("a") == "#a"


# ==================== Sequence ========================================================
def test_sequence_flattens_like_hf():
    ours = T.Sequence([T.NFD(), T.Sequence([T.Lowercase(), T.NFC()])])
    theirs = H.Sequence([H.NFD(), H.Sequence([H.Lowercase(), H.NFC()])])
    assert repr(ours) == repr(theirs) and len(ours) == len(theirs) == 3
    assert repr(ours[1]) == repr(theirs[1]) == "Lowercase()"
    assert ours.to_dict() == json.loads(theirs.__getstate__())


def test_sequence_from_json_keeps_nesting():
    data = {"type": "Sequence", "normalizers": [{"type": "NFD"}, {"type": "Sequence", "normalizers": [{"type": "Lowercase"}]}]}
    seq = T.Normalizer.from_dict(data)
    assert len(seq) == 2 and isinstance(seq[1], T.Sequence) and seq.to_dict() == data
    assert repr(seq) == "Sequence(normalizers=[NFD(), Sequence(normalizers=[Lowercase()])])"
    assert seq.normalize_str("ÉA") == "e\u0301a"


def test_sequence_item_access():
    seq = T.Sequence([T.NFD(), T.Lowercase()])
    seq[0] = T.NFKC()
    assert repr(seq) == "Sequence(normalizers=[NFKC(), Lowercase()])"
    assert type(seq[1]) is T.Lowercase
    with pytest.raises(IndexError):
        seq[5]
    with pytest.raises(ConfigurationError):
        seq[0] = T.Sequence([])
    assert [type(n).__name__ for n in seq] == ["NFKC", "Lowercase"]
    strip = T.Strip()
    seq = T.Sequence([strip])
    seq[0].left = False  # items are shared, as HF's are
    assert seq.to_dict()["normalizers"][0]["strip_left"] is False


# ==================== custom and registered normalizers ==============================
class Upper:
    def normalize(self, ns):
        ns.uppercase()


def test_custom_normalizer_works_but_cannot_be_saved():
    custom = T.Normalizer.custom(Upper())
    assert custom.normalize_str("abc") == "ABC"
    assert T.Sequence([T.NFD(), custom]).normalize_str("é") == "E\u0301"
    with pytest.raises(SerializationError, match="register"):
        custom.to_dict()
    with pytest.raises(SerializationError):
        pickle.dumps(custom)


def test_custom_normalizer_blocks_tokenizer_save():
    import tokkit

    tok = tokkit.Tokenizer(tokkit.models.WordLevel({"[UNK]": 0}, unk_token="[UNK]"))
    tok.normalizer = T.Normalizer.custom(Upper())
    with pytest.raises(SerializationError, match="cannot be serialized"):
        tok.to_str()


def test_registered_normalizer_round_trips():
    @T.register("TestDoubler")
    class Doubler(T.Normalizer):
        _fields = ("times",)

        def __init__(self, times=2):
            self.times = times

        def normalize(self, ns):
            ns.map_chars(lambda c: c * self.times)

    seq = T.Sequence([T.Lowercase(), Doubler(3)])
    data = seq.to_dict()
    assert data["normalizers"][1] == {"type": "TestDoubler", "times": 3}
    again = T.Normalizer.from_dict(data)
    assert again.normalize_str("Ab") == "aaabbb" == pickle.loads(pickle.dumps(seq)).normalize_str("Ab")


@pytest.mark.parametrize("content", ["X", "", "<>"])
@pytest.mark.parametrize("text", ["ab", "", "aé b", "\U0001F600x"])
def test_replace_with_an_empty_string_pattern_matches_at_every_position_like_hf(content: str, text: str) -> None:
    # HF compiles a String pattern as an escaped regex, and the empty regex matches everywhere.
    import tokkit

    assert T.Replace("", content).normalize_str(text) == H.Replace("", content).normalize_str(text)
    assert tokkit.decoders.Replace("", content).decode([text, "c"]) == hf.decoders.Replace("", content).decode([text, "c"])
    vocab = {"a": 0, "b": 1, content or "b": 2}
    hf_tok, tk = hf.Tokenizer(hf.models.WordLevel(vocab, "a")), tokkit.Tokenizer(tokkit.models.WordLevel(vocab, "a"))
    hf_tok.normalizer, tk.normalizer = H.Replace("", content), T.Replace("", content)
    hf_tok.pre_tokenizer, tk.pre_tokenizer = hf.pre_tokenizers.Whitespace(), tokkit.pre_tokenizers.Whitespace()
    assert tk.encode(text).ids == hf_tok.encode(text).ids
    assert tk.encode(text).offsets == hf_tok.encode(text).offsets
