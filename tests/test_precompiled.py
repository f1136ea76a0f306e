"""Precompiled (SentencePiece charsmap) against the HF wheel: text, alignments, JSON, errors.

HF's alignments are observed per normalized char: normalize a
``tokenizers.PreTokenizedString`` with the HF normalizer, isolate every char
with ``Split``, and read the splits' original char offsets.
"""

from __future__ import annotations

import base64
import json
import pickle
import struct

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st
from strategies import ASTRAL, COMBINING, JOINING, TAGS, WHITESPACE, adversarial_texts, texts
from tokenizers import normalizers as H
from tokenizers import pre_tokenizers as HP

from tokkit import NormalizedString, PreTokenizedString, SerializationError, Tokenizer
from tokkit import models as TM
from tokkit import normalizers as T
from tokkit import pre_tokenizers as TP
from tokkit._unicode.charsmap import CharsMap, CharsMapError
from tokkit._unicode.charsmap_build import build_blob
from tokkit._errors import ConfigurationError, TokkitError
from tokkit._unicode.grapheme import clusters
from tokkit._json.serde_json import dumps

from conftest import DATA

T5_JSON = json.loads((DATA / "t5-small.json").read_text(encoding="utf-8"))
T5_B64 = T5_JSON["normalizer"]["precompiled_charsmap"]
T5_BLOB = base64.b64decode(T5_B64)
HF_T5 = H.Precompiled(T5_BLOB)
OURS_T5 = T.Precompiled(T5_BLOB)
T5_KEYS = sorted(CharsMap(T5_BLOB).plan.keys)


# ==================== helpers =======================================================
def hf_aligned(normalizer: H.Normalizer, text: str) -> list[tuple[str, tuple[int, int]]]:
    pts = hf.PreTokenizedString(text)
    pts.normalize(lambda ns: normalizer.normalize(ns))
    HP.Split(hf.Regex(r"[\s\S]"), "isolated").pre_tokenize(pts)
    return [(s, o) for s, o, _ in pts.get_splits(offset_referential="original", offset_type="char")]


def our_aligned(normalizer: T.Normalizer, text: str) -> list[tuple[str, tuple[int, int]]]:
    ns = NormalizedString(text)
    normalizer.normalize(ns)
    return [(c, ns.offsets_of(i, i + 1)) for i, c in enumerate(ns.normalized)]


def assert_parity(ours: T.Normalizer, theirs: H.Normalizer, text: str) -> None:
    expected = theirs.normalize_str(text)
    assert ours.normalize_str(text) == expected, f"normalize_str({text!r})"
    assert our_aligned(ours, text) == hf_aligned(theirs, text), f"alignments of {text!r} -> {expected!r}"
    if ours._is_identity_on(text):
        assert expected == text


HAND_PICKED = [
    "", "a", "Hello world", "Ｈｅｌｌｏ　ｗｏｒｌｄ", "ﬁne ﬂow ﬃ", "Ａ\u0301x", "ﬁ\u0301", "e\u0301", "E\u0301\u0302",
    "각 \u1100\u1161\u11a8", "한국어", "👨\u200d👩\u200d👧", "👍🏽", "🇫🇷🇩🇪🇫", "\x01a\x02b\x7f", "\x01", "a\x01",
    "™\x1eg", "\u3000a\u3000", "مرحبا بالعالم ﻻ ﷺ", "नमस्ते क़ क\u093c", "ｶﾞｷﾞ ｶﾟ ﾊﾟ", "\r\n", "a\r\nb\n\t",
    "①②③ ⅷ ½ ² ㎏ ㍿", "\u0600a \u0600", "\u00a0\u2002\u200b\ufeff", "ǅǈ ŉ", "Å\u0301", "a\u0301\u0301\u0301",
    "\u0301abc", "µ ſ ß", "x\ufe0f\u20e3", "\U0001d400\U0001d7ce", "﹏﹍", "\u0e33 \u0eb3",
]  # fmt: skip


# ==================== the t5-small charsmap =========================================
@pytest.mark.parametrize("text", HAND_PICKED)
def test_t5_hand_picked_match_hf(text):
    assert_parity(OURS_T5, HF_T5, text)


def test_trap15_shortest_prefix_replaces_the_whole_grapheme():
    assert OURS_T5.normalize_str("Ａ\u0301x") == HF_T5.normalize_str("Ａ\u0301x") == "Ax"
    assert OURS_T5.normalize_str("ﬁ\u0301") == HF_T5.normalize_str("ﬁ\u0301") == "fi"


def test_removal_at_start_shifts_alignments_like_hf():
    # Nothing absorbs a removal at the very start: later chars take earlier spans (HF quirk).
    assert our_aligned(OURS_T5, "\x01ab") == hf_aligned(HF_T5, "\x01ab") == [("a", (0, 1)), ("b", (1, 2))]


def test_expansion_followed_by_removal_like_hf():
    assert our_aligned(OURS_T5, "™\x1eg") == hf_aligned(HF_T5, "™\x1eg")


@given(texts)
def test_t5_random_texts_match_hf(text):
    assert_parity(OURS_T5, HF_T5, text)


_JOINERS = "\u0301\u0308\u0327\u093c\u094d\u200d\u0903\ufe0f\U0001f3fb\u0600"
#: Text made of t5 charsmap keys (many multi-char), marks and joiners that extend clusters, and any char.
biased = st.lists(
    st.one_of(st.sampled_from(T5_KEYS), st.sampled_from(list(_JOINERS)), st.characters(blacklist_categories=("Cs",))),
    max_size=12,
).map("".join)


@given(biased)
def test_t5_texts_of_charsmap_keys_match_hf(text):
    assert_parity(OURS_T5, HF_T5, text)


def test_t5_every_key_alone_and_with_a_mark():
    text = "|".join(T5_KEYS) + "|" + "|".join(k + "\u0301" for k in T5_KEYS)
    assert OURS_T5.normalize_str(text) == HF_T5.normalize_str(text)
    assert our_aligned(OURS_T5, text) == hf_aligned(HF_T5, text)


def test_t5_every_code_point_matches_hf():
    chars = [chr(c) for c in range(1, 0x110000) if not 0xD800 <= c <= 0xDFFF]
    text = " ".join(chars)
    assert OURS_T5.normalize_str(text) == HF_T5.normalize_str(text)
    text = "a".join(c for c in chars if ord(c) < 0x30000)  # each char after a letter that starts keys
    assert OURS_T5.normalize_str(text) == HF_T5.normalize_str(text)


@given(adversarial_texts)
def test_t5_adversarial_texts_match_hf(text):
    assert_parity(OURS_T5, HF_T5, text)


# ==================== hand-made charsmaps ============================================
CUSTOM = {
    "a": "", "b": "BBB", "cd": "X", "e\u0301": "É", "ﬁ": "fi", "\u0301": "", "g": "g", "hi": "", "\u3000": " ",
    "é": "e", "x\u0301": "yy", "\r": "<", "\u0600": "P",
}  # fmt: skip
CUSTOM_BLOB = build_blob(CUSTOM)


@given(st.text(st.sampled_from(list("abcdeghix\u0301\u0308ﬁé\u3000\r\n\u0600 z")), max_size=14))
def test_custom_map_growth_removal_and_multichar_keys_match_hf(text):
    assert_parity(T.Precompiled(CUSTOM_BLOB), H.Precompiled(CUSTOM_BLOB), text)


@given(st.text(st.sampled_from(list("aé\u00e9\u0301\u4e2d\u03b1 ")), max_size=10))
def test_non_utf8_keys_use_the_byte_walk_like_hf(text):
    blob = build_blob({b"\xc3": "C3", b"\xe4": "", "a": "A"})  # keys that are a char's first byte only
    assert CharsMap(blob).plan.fast is False
    assert_parity(T.Precompiled(blob), H.Precompiled(blob), text)


def test_replacement_text_without_final_nul_runs_to_the_end():
    units = CharsMap(build_blob({"a": "x"})).units
    blob = struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + "xyz".encode()  # no NUL: runs to the end
    assert T.Precompiled(blob).normalize_str("ab") == H.Precompiled(blob).normalize_str("ab") == "xyzb"


# ==================== graphemes =====================================================
def test_graphemes_match_hf_on_every_code_point():
    """Every pair whose joining HF can show (under 6 bytes), HF vs tokkit's clusters.

    A charsmap mapping each byte to ``#`` makes HF print one ``#`` per short
    cluster and one per char of a long one (tools/gen_grapheme.py, the same probe).
    """
    hf_marks = H.Precompiled(build_blob({bytes((b,)): "#" for b in range(1, 256)}))
    chars = [chr(c) for c in range(1, 0x110000) if not 0xD800 <= c <= 0xDFFF]
    probes = [p for c in chars for p in ("a" + c, c + "a")]
    probes += [p for c in chars if ord(c) < 0x10000 for p in (c + "\u0301", "\u0600" + c)]
    for i in range(0, len(probes), 250_000):
        chunk = probes[i : i + 250_000]
        text = "\0" + "\0".join(chunk) + "\0"  # NUL is a control: clusters never cross it
        got = hf_marks.normalize_str(text)
        ours = "".join(c if c == "\0" else "#" if len(c.encode()) < 6 else "#" * len(c) for c in clusters(text))
        if got != ours:
            pairs = zip(chunk, got.split("\0")[1:-1], ours.split("\0")[1:-1])
            assert False, [(p, g, o) for p, g, o in pairs if g != o][:5]


def test_grapheme_examples():
    assert clusters("e\u0301x\r\n👍🏽\u0600a") == ["e\u0301", "x", "\r\n", "👍🏽", "\u0600a"]
    assert clusters("a\u05c8") == ["a", "\u05c8"]  # Unicode 17 Extend, unassigned for HF
    assert clusters("x\u0600\u05c8\u0301a\u05c8\u05c8") == ["x", "\u0600\u05c8\u0301", "a", "\u05c8", "\u05c8"]
    marks = H.Precompiled(build_blob({bytes((b,)): "#" for b in range(1, 256)}))
    assert [marks.normalize_str(t) for t in ("\u05c8\u05c8", "\u05c8\u0301", "\u0600\u05c8")] == ["##", "#", "#"]
    assert [len(clusters(t)) for t in ("\u05c8\u05c8", "\u05c8\u0301", "\u0600\u05c8")] == [2, 1, 1]


HF_MARKS = H.Precompiled(build_blob({bytes((b,)): "#" for b in range(1, 256)}))


def assert_marks_like_hf(probes: list[str]) -> None:
    """HF prints one ``#`` per cluster under 6 bytes and one per char of a longer one: compare with ours."""
    text = "\0" + "\0".join(probes) + "\0"
    got = HF_MARKS.normalize_str(text)
    ours = "".join(c if c == "\0" else "#" if len(c.encode()) < 6 else "#" * len(c) for c in clusters(text))
    if got != ours:
        pairs = zip(probes, got.split("\0")[1:-1], ours.split("\0")[1:-1])
        assert False, [(p, g, o) for p, g, o in pairs if g != o][:5]


def test_conjunct_needs_a_consonant_before_the_linker_like_hf():
    """UAX #29 GB9c as HF has it: a virama joins the next consonant only after a consonant (regex joins after any char)."""
    assert clusters("\u0915\u094d\u0924") == ["\u0915\u094d\u0924"]
    assert clusters("a\u094d\u0924") == ["a\u094d", "\u0924"]
    assert clusters("]\u094d\u0924x") == ["]\u094d", "\u0924", "x"]
    assert clusters("\u094d\u0924") == ["\u094d", "\u0924"]
    assert clusters("\u0915\u094d\u0301\u0924") == ["\u0915\u094d\u0301\u0924"]  # Extend may stand between
    assert clusters("\u0915a\u094d\u0924\u094d\u0915") == ["\u0915", "a\u094d", "\u0924\u094d\u0915"]
    assert_marks_like_hf(["a\u094d\u0924", "]\u094d\u0924\u0301", "\u0915\u094d\u0924\u0301", "\u094d\u0924\u0301"])


def test_conjuncts_match_hf_for_every_linker():
    """Every HF linker after consonants, letters, marks, controls, Prepend, ZWJ; before consonants and marks."""
    from tokkit._unicode.grapheme_incb_data import LINKERS

    linkers = [chr(c) for c in LINKERS[::2]]
    befores = ["", "\u0915", "\u1000", "\u1780", "a", "\u03ee", " ", "\u200b", "\u0600", "\u0301", "\u200d", "\u094d"]
    afters = ["\u0915", "\u0924\u0301", "\u1000\u0301", "\u1780", "\u0301\u0915\u0301", "\u200d\u0924\u0301", "a", "\U00011013"]
    assert_marks_like_hf([b + k + a for b in befores for k in linkers for a in afters])


def test_emoji_sequences_use_hfs_pictographs():
    """GB11 with HF's Extended_Pictographic: 18 chars regex (Unicode 17) no longer counts still join after ZWJ."""
    from tokkit._unicode.grapheme_incb_data import MORE_PICTOGRAPHS

    assert clusters("\u00a9\u200d\U0001f7da") == ["\u00a9\u200d\U0001f7da"]
    assert clusters("\U0001f7da\u200d\u00a9\u0301x") == ["\U0001f7da\u200d\u00a9\u0301", "x"]
    emoji = [chr(c) for a, b in zip(MORE_PICTOGRAPHS[::2], MORE_PICTOGRAPHS[1::2]) for c in range(a, b + 1)]
    emoji += [chr(c) for c in range(0x1F1A0, 0x1F200)] + [chr(c) for c in range(0x1F7C0, 0x1F800)] + ["\u00a9", "a", "\u0301"]
    probes = [p for c in emoji for p in ("\u00a9\u200d" + c, c + "\u200d\u00a9\u0301", "\u00ae\u200d" + c + "\u200d\u00a9\u0301")]
    assert_marks_like_hf(probes + ["\U0001f600\u200d\U0001f7da\u200d\u00a9\u0301", "\U0001f7da\u0301\u200d\u00a9\u0301"])


def test_conjuncts_in_long_text_match_hf():
    """Real Hindi, Bengali, Khmer and Myanmar words with odd linkers among them: only those are re-cut."""
    words = ["नमस्ते", "क्षत्रिय", "संस्कृत", "वाक्", "ক্ত", "ស្រី", "မြန်မာ", "a\u094d\u0924", "\xa0\u094d\u0924",
             "\u0915\u093c\u094d\u0924", "\u0915\u094d\u0301\u0924\u0301", "]\u17d2\u1780", "\u0915\u094d", "\u094d"]
    text = " ".join(words[i % len(words)] + words[(3 * i) % len(words)] for i in range(200))
    assert_marks_like_hf([text, text.replace(" ", "")])


_INDIC = "\u00a9\U0001f7da\U0001f600\u0915\u0924\u094d\u093c\u093f\u0301\u200d\u200c\u1000\u1039\u1780\u17d2\u0995\u09cd\u0600a ]\r\n\U00011013\U00011046"


@given(st.text(st.sampled_from(list(_INDIC)), max_size=10))
def test_indic_clusters_match_hf(text):
    assert_marks_like_hf([text])
    assert OURS_T5.normalize_str(text) == HF_T5.normalize_str(text)


# ==================== the t5 pipeline: Precompiled -> WhitespaceSplit -> Metaspace ====
HF_T5_PRE = hf.Tokenizer.from_str(json.dumps(T5_JSON)).pre_tokenizer
OURS_T5_PRE = TP.PreTokenizer.from_dict(T5_JSON["pre_tokenizer"])


def _splits(pts) -> list[tuple[str, tuple[int, int]]]:
    return [(s, tuple(o)) for s, o, *_ in pts.get_splits(offset_referential="original", offset_type="char")]


def assert_pipeline_parity(text: str) -> None:
    theirs = hf.PreTokenizedString(text)
    theirs.normalize(lambda ns: HF_T5.normalize(ns))
    HF_T5_PRE.pre_tokenize(theirs)
    ours = PreTokenizedString(text)
    ours.normalize(OURS_T5.normalize)
    OURS_T5_PRE.pre_tokenize(ours)
    assert _splits(ours) == _splits(theirs), text


@pytest.mark.parametrize("text", HAND_PICKED + ["  lead", "trail  ", "a  b", "\u3000\u3000x", "▁a ▁"])
def test_t5_pipeline_hand_picked(text):
    assert_pipeline_parity(text)


@given(st.one_of(texts, biased))
def test_t5_pipeline_random(text):
    assert_pipeline_parity(text)


# ==================== JSON, repr, pickle ============================================
def test_json_is_byte_identical_to_hf():
    assert OURS_T5.to_str() == HF_T5.__getstate__().decode()
    assert dumps(T.Normalizer.from_dict(T5_JSON["normalizer"]).to_dict()) == HF_T5.__getstate__().decode()


def test_repr_like_hf():
    assert repr(OURS_T5) == repr(HF_T5)
    small = build_blob({"a": "b"})
    assert repr(T.Precompiled(small)) == repr(H.Precompiled(small))


def test_pickle_round_trips():
    # HF itself cannot unpickle a Precompiled (its __new__ needs the charsmap); tokkit can.
    again = pickle.loads(pickle.dumps(OURS_T5))
    assert again == OURS_T5 and again.normalize_str("ﬁ") == "fi"


def test_sequence_with_precompiled_round_trips_and_hf_loads_it():
    seq = T.Sequence([T.Precompiled(CUSTOM_BLOB), T.Lowercase()])
    text = dumps(seq.to_dict())
    assert T.Normalizer.from_dict(json.loads(text)) == seq
    full = dict(T5_JSON, normalizer=json.loads(text))
    assert hf.Tokenizer.from_str(json.dumps(full)).normalizer.normalize_str("aBcd") == seq.normalize_str("aBcd")


@pytest.mark.parametrize("accepted", [bytes, bytearray, memoryview, list, tuple])
def test_constructor_accepts_bytes_like_and_int_sequences(accepted):
    small = build_blob({"a": "b"})
    assert T.Precompiled(accepted(small)).normalize_str("ab") == H.Precompiled(accepted(small)).normalize_str("ab")


# ==================== errors ========================================================
@pytest.mark.parametrize(
    "value, error",
    [("AAAA", TypeError), (None, TypeError), (5, TypeError), ([300], OverflowError), ([-1], OverflowError),
     (["a"], TypeError)],
)  # fmt: skip
def test_bad_constructor_arguments(value, error):
    with pytest.raises(error):
        H.Precompiled(value)
    with pytest.raises(error) as info:
        T.Precompiled(value)
    assert isinstance(info.value, ConfigurationError)


@pytest.mark.parametrize(
    "blob", [b"", b"\x04\x00\x00\x00", b"\x08\x00\x00\x00\x00\x00\x00\x00", b"\x00\x00\x00\x00\xff", T5_BLOB[:1000]]
)
def test_corrupt_blobs_fail_at_construction_like_hf(blob):
    with pytest.raises(Exception, match="Cannot parse precompiled_charsmap"):
        H.Precompiled(blob)
    with pytest.raises(ConfigurationError, match="Cannot parse precompiled_charsmap"):
        T.Precompiled(blob)


def test_empty_trie_is_accepted_but_fails_on_use_like_hf():
    empty = b"\x00\x00\x00\x00"
    assert repr(T.Precompiled(empty)) == repr(H.Precompiled(empty)) == 'Precompiled(precompiled_charsmap="AAAAAA==")'
    assert T.Precompiled(empty).normalize_str("") == H.Precompiled(empty).normalize_str("") == ""
    with pytest.raises(CharsMapError, match="index out of bounds"):
        T.Precompiled(empty).normalize_str("a")
    with pytest.raises(ConfigurationError):
        T.Precompiled(empty).normalize(NormalizedString("a"))


def test_bad_replacement_offset_fails_on_use_only():
    units = CharsMap(build_blob({"a": "é"})).units
    units[next(i for i, u in enumerate(units) if u & 0x80000000)] = 0x80000000 | 1  # inside "é"
    blob = struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + "é\0".encode()
    ours = T.Precompiled(blob)
    assert ours.normalize_str("bc") == "bc"
    with pytest.raises(CharsMapError, match="not a char boundary"):
        ours.normalize_str("ba")


@pytest.mark.parametrize(
    "charsmap, accepted",
    [("AAAAAA==", True), ("AAAAAA", True), ("AAAAAA=", True), ("AAAAAAA", True), ("AAAAAAA=", True),
     ("!!!", False), ("AAAA", False), ("", False), ("AAAAAB==", False), ("AAAAAA===", False), ("AAAA AA==", False),
     ("AAAAA", False), ("AAAAAAA==", False), ("AAAAAAAA=", False), ("AAAA=AA=", False), ("AAAAAP-_", False),
     ("AAAAAP8=", False), (5, False), (None, False)],
)  # fmt: skip
def test_json_base64_like_hf(charsmap, accepted):
    data = {"type": "Precompiled", "precompiled_charsmap": charsmap}
    try:
        hf.Tokenizer.from_str(json.dumps(dict(T5_JSON, normalizer=data)))
        hf_ok = True
    except BaseException:  # HF panics (PanicException derives from BaseException)
        hf_ok = False
    assert hf_ok is accepted
    if accepted:
        assert T.Normalizer.from_dict(data).to_dict()["precompiled_charsmap"] == base64.b64encode(
            base64.b64decode(charsmap + "=" * (-len(charsmap) % 4))
        ).decode()
    else:
        with pytest.raises(SerializationError, match="Precompiled"):
            T.Normalizer.from_dict(data)


def test_json_missing_field_and_untagged_form_are_rejected_like_hf():
    with pytest.raises(SerializationError, match="precompiled_charsmap"):
        T.Normalizer.from_dict({"type": "Precompiled"})
    with pytest.raises(BaseException):
        hf.Tokenizer.from_str(json.dumps(dict(T5_JSON, normalizer={"precompiled_charsmap": T5_B64})))
    with pytest.raises(SerializationError):
        T.Normalizer.from_dict({"precompiled_charsmap": T5_B64})


def test_charsmap_is_read_only():
    with pytest.raises(AttributeError):
        OURS_T5.precompiled_charsmap = b""  # type: ignore[misc]
    assert OURS_T5.precompiled_charsmap == T5_BLOB


def test_errors_are_tokkit_errors():
    with pytest.raises(TokkitError):
        T.Precompiled(b"\x01")
    with pytest.raises(TokkitError):
        T.Precompiled(T5_BLOB).normalize_str(5)  # type: ignore[arg-type]


# ==================== through a Tokenizer ===========================================
def _tokenizers():
    vocab = {"[UNK]": 0, "▁hello": 1, "▁fi": 2, "ne": 3, "▁A": 4}
    theirs = hf.Tokenizer(hf.models.WordLevel(vocab, unk_token="[UNK]"))
    theirs.normalizer, theirs.pre_tokenizer = HF_T5, HF_T5_PRE
    ours = Tokenizer(TM.WordLevel(vocab, unk_token="[UNK]"))
    ours.normalizer, ours.pre_tokenizer = OURS_T5, OURS_T5_PRE
    return ours, theirs


def test_tokenizer_json_with_precompiled_is_byte_identical():
    ours, theirs = _tokenizers()
    assert ours.to_str() == theirs.to_str()
    assert Tokenizer.from_str(theirs.to_str()).to_str() == theirs.to_str()


@pytest.mark.parametrize("text", HAND_PICKED)
def test_tokenizer_encode_offsets_match_hf(text):
    ours, theirs = _tokenizers()
    mine, expected = ours.encode(text), theirs.encode(text)
    assert (mine.tokens, mine.offsets) == (expected.tokens, expected.offsets)


# ==================== adversarial charsmaps ===========================================
#: A charsmap that rewrites the chars adversarial text is made of: marks and tags deleted or grown,
#: astral chars shrunk, whitespace mapped, multi-char keys that start with a mark.
ADVERSARIAL = {
    "\u094d": "", "\u093c": "NUKTA", "\u0e31": "", "\u05bc": "\u05bc\u05bc", "\U000e0001": "", "\U000e0041": "A",
    "\U0001f600": ":)", "\U0001d400": "A", "\ufe0f": "", "\u200d": "", "\u3000": " ", "\u2028": "\n",
    "\u094d\u0924": "T", "\u0924\u094d": "t", "\U0001f44d\U0001f3fb": "+1", "\u0301": "", "[\u094d": "(",
}  # fmt: skip
ADVERSARIAL_BLOB = build_blob(ADVERSARIAL)


@given(st.one_of(adversarial_texts, st.text(st.sampled_from(list("[\u0924a " + "".join(ADVERSARIAL) + COMBINING[:20] + TAGS[:4] + ASTRAL[:6] + JOINING[:8] + WHITESPACE[-6:])), max_size=14)))
def test_adversarial_charsmap_matches_hf(text):
    assert_parity(T.Precompiled(ADVERSARIAL_BLOB), H.Precompiled(ADVERSARIAL_BLOB), text)


@given(adversarial_texts)
def test_t5_pipeline_adversarial(text):
    assert_pipeline_parity(text)
