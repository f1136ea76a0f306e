"""Components declare what the fast paths may assume; the plan asks them and never checks a type.

* every built-in declares what the old exact-type whitelists granted it;
* a subclass that changes the behaviour without declaring its own
  ``fast_path`` gets no guarantee (the aligned path), so it can never take
  a wrong fast path; a subclass that changes nothing keeps its parent's;
* a new component, defined and registered here and nowhere else, gets the
  fast path by declaring it, and the fast path then equals the aligned one.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from parity import encoding_dict
from strategies import texts

from tokkit import NormalizedString, Tokenizer, models, normalizers, pre_tokenizers
from tokkit._encode import pipeline as _pipeline
from tokkit._encode.fast import FastEncoder
from tokkit._training import counting
from tokkit.capabilities import (
    ByteLevelWords,
    CutsText,
    MetaspaceWords,
    ModelFastPath,
    NormalizerFastPath,
    OneToOne,
    declared_with,
)

VOCAB = {c: i for i, c in enumerate(["[UNK]"] + [chr(c) for c in range(32, 127)] + ["##" + chr(c) for c in range(32, 127)])}
ASCII_OR_NOT = st.one_of(st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30), texts)


def wordpiece(normalizer=None, pre_tokenizer=None) -> Tokenizer:
    tok = Tokenizer(models.WordPiece(VOCAB, unk_token="[UNK]"))
    tok.normalizer = normalizer
    tok.pre_tokenizer = pre_tokenizers.Whitespace() if pre_tokenizer is None else pre_tokenizer
    return tok


def fast_and_aligned(tok: Tokenizer, text: str):
    return FastEncoder(tok).encode(text, 0), _pipeline.encode_aligned(tok, text, 0)


# -- the built-ins declare what the whitelists granted --------------------------------------
def test_built_in_normalizers_declare_their_guarantees():
    N = normalizers
    expected = [
        (N.NFD(), OneToOne.ASCII_TEXT), (N.NFKC(), OneToOne.ASCII_TEXT), (N.Lowercase(), OneToOne.ASCII_TEXT),
        (N.StripAccents(), OneToOne.ASCII_TEXT), (N.ByteLevel(), OneToOne.ASCII_TEXT),
        (N.BertNormalizer(), OneToOne.ASCII_WITHOUT_CONTROLS), (N.BertNormalizer(clean_text=False), OneToOne.ASCII_TEXT),
        (N.Nmt(), OneToOne.ASCII_WITHOUT_CONTROLS), (N.Prepend("▁"), OneToOne.ANY_TEXT),
        (N.Replace(" ", "▁"), OneToOne.ANY_TEXT), (N.Replace("ab", "x"), OneToOne.NEVER), (N.Strip(), OneToOne.NEVER),
    ]
    for normalizer, one_to_one in expected:
        assert normalizer.trusted_fast_path().one_to_one == one_to_one, normalizer
    assert N.Prepend("xy").trusted_fast_path().prefix == "xy"
    assert N.Lowercase().trusted_fast_path().per_char and not N.ByteLevel().trusted_fast_path().per_char


def test_sequences_chain_their_children():
    N = normalizers
    seq = N.Sequence([N.Lowercase(), N.Prepend("▁"), N.Replace(" ", "▁")])
    assert seq.trusted_fast_path() == NormalizerFastPath(OneToOne.ASCII_TEXT, "▁", "▁▁", False)
    # An ASCII check is made on the input, so it may not follow a non-ASCII replacement.
    assert N.Sequence([N.Replace(" ", "▁"), N.Lowercase()]).trusted_fast_path().one_to_one == OneToOne.NEVER
    assert N.Sequence([N.NFD(), N.Strip()]).trusted_fast_path().one_to_one == OneToOne.NEVER


def test_built_in_pre_tokenizers_and_models_declare_theirs():
    P = pre_tokenizers
    for cut in (P.Whitespace(), P.WhitespaceSplit(), P.BertPreTokenizer(), P.Punctuation(), P.Digits(),
                P.CharDelimiterSplit("x"), P.Split(" ", "removed"), P.UnicodeScripts(), P.FixedLength(3),
                P.Sequence([P.WhitespaceSplit(), P.Digits()])):
        assert isinstance(cut.trusted_fast_path(), CutsText), cut
    assert isinstance(P.ByteLevel().trusted_fast_path(), ByteLevelWords)
    metaspace = P.Sequence([P.WhitespaceSplit(), P.Metaspace()]).trusted_fast_path()
    assert isinstance(metaspace, MetaspaceWords) and metaspace.cut.is_whitespace_split
    assert P.Sequence([P.Metaspace(), P.Digits()]).trusted_fast_path() is None
    assert P.Sequence([P.WhitespaceSplit(), P.Digits()]).trusted_fast_path().removes_whitespace_first
    assert not P.Sequence([P.Digits(), P.WhitespaceSplit()]).trusted_fast_path().removes_whitespace_first
    assert models.WordPiece().trusted_fast_path().deterministic
    assert not models.BPE(dropout=0.5).trusted_fast_path().deterministic
    assert models.BPE().trusted_fast_path().deterministic
    assert not models.Unigram(alpha=0.1).trusted_fast_path().deterministic


# -- subclasses: a changed behaviour loses the guarantee ---------------------------------------
class ShoutingLowercase(normalizers.Lowercase):
    """Changes what Lowercase does without saying anything about it."""

    def normalize(self, normalized: NormalizedString) -> None:
        normalized.uppercase()

    def normalize_str(self, sequence: str) -> str:
        return sequence.upper()


class PlainLowercase(normalizers.Lowercase):
    """Changes nothing: keeps Lowercase's guarantee."""


def test_a_subclass_that_changes_normalize_gets_no_fast_path():
    assert ShoutingLowercase().trusted_fast_path() == NormalizerFastPath()
    assert PlainLowercase().trusted_fast_path().one_to_one == OneToOne.ASCII_TEXT
    tok = wordpiece(ShoutingLowercase())
    assert not FastEncoder(tok).usable
    assert tok.encode("ab cd").tokens == ["A", "##B", "C", "##D"]


def test_a_subclass_that_changes_pre_tokenize_gets_no_fast_path():
    class EveryChar(pre_tokenizers.Whitespace):
        def pre_tokenize(self, pretok):
            pretok.split(lambda _, ns: [ns.slice(i, i + 1) for i in range(len(ns))])

    tok = wordpiece(pre_tokenizer=EveryChar())
    assert EveryChar().trusted_fast_path() is None and not FastEncoder(tok).usable
    assert tok.encode("ab c").tokens == ["a", "b", " ", "c"]
    assert counting.count_words(tok, ["ab"]) == {"a": 1, "b": 1}


def test_a_subclass_that_changes_tokenize_is_not_cached():
    class Random(models.WordPiece):
        def tokenize(self, sequence):
            return super().tokenize(sequence[::-1])

    assert Random(VOCAB).trusted_fast_path() == ModelFastPath()
    assert declared_with(models.WordPiece(), "fast_path", "tokenize")
    tok = Tokenizer(Random(VOCAB, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    assert not FastEncoder(tok).usable and tok.encode("ab").tokens == ["b", "##a"]


def test_objects_outside_the_families_get_the_aligned_path():
    class Upper:  # any object with the Normalizer protocol's methods, wrapped as HF requires
        def normalize(self, normalized):
            normalized.uppercase()

        def normalize_str(self, sequence):
            return sequence.upper()

    tok = wordpiece(normalizers.Normalizer.custom(Upper()))
    assert not FastEncoder(tok).usable and tok.encode("ab").tokens == ["A", "##B"]


# -- a new component, declared here only ----------------------------------------------------------
@normalizers.register("AsciiUpper")
class AsciiUpper(normalizers.Normalizer):
    """Uppercases ASCII letters only: one char for one char on any text."""

    _TABLE = str.maketrans({c: c.upper() for c in "abcdefghijklmnopqrstuvwxyz"})

    def normalize(self, normalized: NormalizedString) -> None:
        normalized.normalized = normalized.normalized.translate(self._TABLE)  # same length: alignments kept

    def normalize_str(self, sequence: str) -> str:
        return sequence.translate(self._TABLE)

    def fast_path(self) -> NormalizerFastPath:
        return NormalizerFastPath(OneToOne.ANY_TEXT, per_char=True)


@given(text=ASCII_OR_NOT)
def test_a_new_normalizer_declaring_its_guarantee_takes_the_fast_path_and_agrees(text):
    tok = wordpiece(normalizers.Sequence([AsciiUpper(), normalizers.Prepend("#")]))
    fast, aligned = fast_and_aligned(tok, text)
    assert fast is not None
    assert encoding_dict(fast) == encoding_dict(aligned)


def test_a_new_normalizer_saves_loads_and_trains_like_a_built_in():
    tok = wordpiece(AsciiUpper())
    again = Tokenizer.from_str(tok.to_str())
    assert isinstance(again.normalizer, AsciiUpper) and again.encode("ab").tokens == ["A", "##B"]
    assert counting.lines_can_be_joined(tok)
    assert counting.count_words(tok, ["ab cd", "ab"]) == {"AB": 2, "CD": 1}
