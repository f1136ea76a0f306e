"""Huge inputs through Unigram tokenizers: the same results as HF, and the long-word paths against oracles.

A word of ``_LONG_WORD`` chars or more is tokenized by ``best_path.long_word_tokens``
(whole-list operations), and a Metaspace piece of ``_LONG_PIECE`` chars or more
skips the fast path's caches (``_encode/metaspace.py``).  Here:

* the model on random small vocabularies and words, with both paths forced,
  against the slow oracle (``oracle/slow_unigram_encode.py``) and the HF wheel;
* the Metaspace fast path with long pieces forced, against the aligned path and HF;
* t5-small on 200 KB texts (one word of random letters, of English without
  spaces, of ``"a"``, of CJK ideographs, mixed words, and English with its
  spaces) against HF: ids, tokens, offsets, word ids;
* the aligned Metaspace's skipped split (``_one_piece``) against the split itself.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import test_fast_path as fp
import tokenizers as hf
from hypothesis import example, given
from hypothesis import strategies as st
from oracle.slow_unigram_encode import slow_encode
from parity import assert_same_encoding

import tokkit
from tokkit._encode import metaspace as metaspace_path
from tokkit._encode.fast import FastEncoder
from tokkit._errors import MissingUnkTokenError
from tokkit.models import Unigram
from tokkit.models.unigram import model as unigram_module
from tokkit.normalized import NormalizedString
from tokkit.pre_tokenizers.metaspace import _one_piece

DATA = Path(__file__).parent / "data"
SIZE = 200_000


# -- the model: both paths against the oracle and HF ----------------------------------------------
# Words mix pieces, chars no piece covers (unk runs) and the unk piece's own text (HF fuses it too).
words = st.lists(st.sampled_from(["a", "b", "ab", "中", " ", "x", "😀", "é", "<unk>"]), max_size=10).map("".join)
pieces = st.text(st.sampled_from("abé中 x😀"), min_size=1, max_size=4)
scores = st.sampled_from([0.0, -0.5, -1.0, -1.5, -2.0, -3.0, 1.0, -10.0, -1e-5])  # ties on purpose
BYTES = [(f"<0x{byte:02X}>", -4.0) for byte in "中é".encode()]


def both_paths(model: Unigram, word: str) -> list:
    """``model.tokenize(word)`` through the short-word loop and the long-word path (or "error" for each)."""
    out = []
    for threshold in (10**9, 1):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(unigram_module, "_LONG_WORD", threshold)
            try:
                out.append([(t.id, t.value, t.offsets) for t in model._encode_word(word)])
            except MissingUnkTokenError:
                out.append("error")
    return out


def columns(model: Unigram, word: str):
    """``model.tokenize_ends(word)`` as ``(id, token, offsets)``, or None, or "error"."""
    try:
        found = model.tokenize_ends(word)
    except MissingUnkTokenError:
        return "error"
    if found is None:
        return None
    ids, tokens, ends = found
    return list(zip(ids, tokens, zip([0] + ends[:-1], ends)))


def hf_tokens(vocab, unk_id, byte_fallback, word):
    tokenizer = hf.Tokenizer(hf.models.Unigram(vocab, unk_id, byte_fallback))
    try:
        encoding = tokenizer.encode(word)
    except Exception:  # HF raises a bare Exception for a missing unk id
        return "error"
    return list(zip(encoding.ids, encoding.tokens, encoding.offsets))


@example(vocab=[("x", -1.0)], word="中<unk>x😀<unk>", unk=0, byte_fallback=False, with_bytes=False)  # "<unk>" fused
@example(vocab=[("a", -1.0)], word="<unk><unk>a", unk=0, byte_fallback=False, with_bytes=False)  # no unk edge
@example(vocab=[], word="é中<unk>", unk=0, byte_fallback=True, with_bytes=True)
@given(vocab=st.lists(st.tuples(pieces, scores), max_size=12), word=words,
       unk=st.sampled_from([0, None]), byte_fallback=st.booleans(), with_bytes=st.booleans())
def test_both_paths_match_the_oracle_and_hf(vocab, word, unk, byte_fallback, with_bytes):
    vocab = [("<unk>", -1.0)] + vocab + (BYTES if with_bytes else [])
    try:
        expected = slow_encode(vocab, unk, byte_fallback, word)
    except LookupError:
        expected = "error"
    model = Unigram(vocab, unk, byte_fallback)
    assert both_paths(model, word) == [expected, expected]
    assert hf_tokens(vocab, unk, byte_fallback, word) == expected
    # Columns are the same tokens; None only for an empty word or byte fallback (tokens sharing a span).
    found = columns(model, word)
    if found is None:
        assert not word or any(a == c and b == d for (_, _, (a, b)), (_, _, (c, d)) in zip(expected, expected[1:]))
    else:
        assert found == expected


def test_long_word_tokens_share_the_piece_strings_and_offsets_ints():
    model = tokkit.Tokenizer.from_file(str(DATA / "t5-small.json")).model
    tokens = model.tokenize("▁" + "internationalization" * 20)
    assert all(t.value is model.id_to_token(t.id) for t in tokens)
    assert all(a.offsets[1] is b.offsets[0] for a, b in zip(tokens, tokens[1:]))


# -- the Metaspace fast path with long pieces --------------------------------------------------------
UNIGRAM = {"type": "Unigram", "unk_id": 0, "byte_fallback": True, "vocab": [
    ["<unk>", 0.0], ["▁", -2.0], ["a", -3.0], ["b", -3.0], ["ab", -4.0], ["▁a", -3.5], ["c", -3.0], ["é", -5.0],
    ["the", -4.0], ["▁the", -4.5], ["l", -3.0], ["s", -3.0], ["0", -3.0], ["▁▁", -6.0],
] + [[f"<0x{byte:02X}>", -8.0] for byte in "😀".encode()]}
# Without "▁" in the vocab, the prefix "▁" becomes three <0xHH> tokens sharing its span (tokens that do not tile).
NO_SPACE = dict(UNIGRAM, vocab=[piece for piece in UNIGRAM["vocab"] if "▁" not in piece[0]]
                + [[f"<0x{byte:02X}>", -8.0] for byte in "▁".encode()])
MODELS = {"unigram": UNIGRAM, "unigram-no-space": NO_SPACE, "bpe": json.loads(fp.llama_like().to_str())["model"]}


def metaspace_tokenizer(n: int, p: int, model: str) -> tokkit.Tokenizer:
    return tokkit.Tokenizer.from_str(fp.tokenizer_json(fp.META_NORMALIZERS[n], fp.META_PRE_TOKENIZERS[p],
                                                       MODELS[model]))


@pytest.mark.parametrize("model", sorted(MODELS))
@pytest.mark.parametrize("n", range(len(fp.META_NORMALIZERS)))
@pytest.mark.parametrize("p", range(len(fp.META_PRE_TOKENIZERS)))
@given(text=fp.ANY_TEXT)
def test_long_pieces_fast_path_equals_aligned_path(model: str, n: int, p: int, text: str) -> None:
    tok = metaspace_tokenizer(n, p, model)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(metaspace_path, "_LONG_PIECE", 2)  # nearly every piece takes the long-piece path
        fp.assert_fast_equals_aligned(tok, text)
        fp.assert_fast_equals_aligned(tok, text, word_index=3)


@pytest.mark.parametrize("model", sorted(MODELS))
def test_long_pieces_fast_path_matches_hf(model: str) -> None:
    samples = ["the cat", " the  cat ", "é€😀 x", "a▁b ▁▁c", "12ab 3", "▁" * 300,
               "ab" * 200 + " " + "the" * 150, " " + "é😀ab" * 100 + "\tcc\n" + "▁ab" * 90]
    for n, normalizer in enumerate(fp.META_NORMALIZERS):
        for p, pre_tokenizer in enumerate(fp.META_PRE_TOKENIZERS):
            ours = metaspace_tokenizer(n, p, model)
            theirs = hf.Tokenizer.from_str(fp.tokenizer_json(normalizer, pre_tokenizer, MODELS[model]))
            for sample in samples:
                assert_same_encoding(ours.encode(sample), theirs.encode(sample), f"{pre_tokenizer} {sample[:20]!r}")


# -- t5-small on 200 KB texts ------------------------------------------------------------------
def english() -> str:
    return (DATA / "wikitext-slice.txt").read_text(encoding="utf-8")


def repeat_to(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def mixed(parts: list[str]) -> str:
    return "Hello, " + "".join(random.Random(1).choices(parts, k=SIZE // 4)) + " world. " + "x" * 5000 + " end"


HUGE = {
    "letters": lambda: "".join(random.Random(0).choices("abcdefghijklmnopqrstuvwxyz", k=SIZE)),
    "english-without-spaces": lambda: repeat_to(re.sub(r"\s+", "", english()), SIZE),
    "aaaa": lambda: "a" * SIZE,
    "cjk": lambda: "".join(map(chr, random.Random(0).choices(range(0x4E00, 0xA000), k=SIZE))),
    # unk runs (CJK, emoji) inside one long word, long words between short ones (the fast path; with the
    # added token "<unk>" and a "▁", which T5's charsmap maps to " ", the aligned path)
    "mixed": lambda: mixed(["ab", "中文", "😀", "the", "é"]),
    "mixed-aligned": lambda: mixed(["ab", "中文", "😀", "<unk>", "▁x", "the", "é"]),
    "english": lambda: repeat_to(english(), SIZE),
    "english-one-line": lambda: repeat_to(english().replace("\n", " "), SIZE),
}


@pytest.fixture(scope="module")
def t5():
    path = str(DATA / "t5-small.json")
    return tokkit.Tokenizer.from_file(path), hf.Tokenizer.from_file(path)


@pytest.mark.parametrize("case", sorted(HUGE))
def test_t5_on_200kb_texts_matches_hf(t5, case: str) -> None:
    ours, theirs = t5
    text = HUGE[case]()
    # Only a text with a char T5's charsmap changes into several chars, or an added token, leaves the
    # fast path; "\n" -> " " maps char for char, so multi-line English stays on it.
    assert (FastEncoder(ours).encode(text, 0) is None) == (case == "mixed-aligned")
    assert_same_encoding(ours.encode(text), theirs.encode(text), case)


# -- the aligned Metaspace: a split that would give the piece back is skipped ---------------------------
NORMALIZERS = [None, tokkit.normalizers.Strip(), tokkit.normalizers.Replace("a", ""), tokkit.normalizers.NFKC(),
               tokkit.normalizers.Sequence([tokkit.normalizers.Replace("b", "▁"), tokkit.normalizers.Strip()])]


@pytest.mark.parametrize("n", range(len(NORMALIZERS)))
@given(text=st.one_of(fp.ANY_TEXT, st.text(st.sampled_from(" ab▁é"), max_size=8)), prefix=st.booleans())
def test_one_piece_means_the_split_gives_the_piece_back(n: int, text: str, prefix: bool) -> None:
    normalized = NormalizedString(text)
    if NORMALIZERS[n] is not None:
        NORMALIZERS[n].normalize(normalized)
    if prefix:
        normalized.prepend("▁")
    if _one_piece(normalized, "▁"):
        [piece] = normalized.split("▁", "merged_with_next")
        fields = ("original", "normalized", "alignments", "original_shift")
        assert [getattr(piece, f) for f in fields] == [getattr(normalized, f) for f in fields]


def test_a_stripped_piece_is_still_split() -> None:
    normalized = NormalizedString("  ab ")
    tokkit.normalizers.Strip().normalize(normalized)
    assert normalized.normalized == "ab" and not _one_piece(normalized, "▁")


@pytest.mark.parametrize("tail", [None, "Lowercase", "Replace", "NFKC"])
def test_precompiled_mapping_newlines_then_other_normalizers_matches_hf(tail) -> None:
    # The Precompiled head maps "\n" -> " " char for char; what follows it must see the mapped text.
    path = str(DATA / "t5-small.json")
    ours, theirs = tokkit.Tokenizer.from_file(path), hf.Tokenizer.from_file(path)
    if tail is not None:
        make = {"Lowercase": lambda m: m.Lowercase(), "Replace": lambda m: m.Replace(" ", "\n"),
                "NFKC": lambda m: m.NFKC()}[tail]
        ours.normalizer = tokkit.normalizers.Sequence([ours.normalizer, make(tokkit.normalizers)])
        theirs.normalizer = hf.normalizers.Sequence([theirs.normalizer, make(hf.normalizers)])
    for text in ["Hello\nWorld  x\n\nÉté ½", "\n", "a\r\nb", "ﬁ\nA"]:
        assert_same_encoding(ours.encode(text), theirs.encode(text), text)


@given(st.lists(st.sampled_from(["a", "b", " ", "\x1a", "\u2026", "\u00bd", "e\u0301", "\r\n", "\uff21", "\u3000",
                                 "\x00", "\ufeff", "x" * 40, "\u0f73"]), max_size=40))
def test_precompiled_spots_transform_as_the_whole_change_list(parts: list[str]) -> None:
    # The range-by-range path (few changed spots) against one transform over the whole text.
    normalizer = tokkit.Tokenizer.from_file(str(DATA / "t5-small.json")).normalizer
    text = "".join(parts)
    by_spots = tokkit.NormalizedString(text)
    normalizer.normalize(by_spots)
    whole = tokkit.NormalizedString(text)
    changes = normalizer._charsmap.changes(text)
    if changes is not None:
        whole.transform(changes)
    assert (by_spots.normalized, by_spots.alignments) == (whole.normalized, whole.alignments)
