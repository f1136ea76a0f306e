"""The per-word fast paths of the encoders: each against the slow path it replaces, and against HF.

* ``word.merge_scan`` (short BPE words without a heap) against the slow
  oracle (``oracle/slow_bpe_merge.py``) and HF's heap (``merge_heap``), on
  string-built merge tables in any rank order, with a prefix too;
* whole encodings through BPE (plain, prefix/suffix, byte fallback, unk) and
  the real gpt2 / phi-3 / t5-small files against HF, on short words over a
  small alphabet that hits many merges, unknown chars and byte fallback.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st
from oracle.slow_bpe_merge import slow_merge
from test_bpe_long_words import PREFIX, merge_tables

import tokkit
from tokkit.models import BPE
from tokkit.models.bpe.word import merge_heap, merge_scan

from conftest import DATA

short_words = st.text(st.sampled_from("abcd"), min_size=1, max_size=40)


@given(table=merge_tables(), word=short_words)
def test_merge_scan_matches_the_oracle_and_the_heap(table: Any, word: str) -> None:
    vocab, merges = table
    pairs = BPE(vocab, merges)._merges
    ids = [vocab[c] for c in word if c in vocab]
    if len(ids) < 2:  # as its callers do
        return
    expected = slow_merge(ids, [1] * len(ids), pairs)
    assert merge_scan(ids[:], [1] * len(ids), pairs) == expected
    assert merge_heap(ids[:], [1] * len(ids), pairs) == expected


@given(table=merge_tables(prefix=PREFIX), word=short_words)
def test_merge_scan_with_a_prefix_matches_the_heap(table: Any, word: str) -> None:
    vocab, merges = table
    pairs = BPE(vocab, merges, continuing_subword_prefix=PREFIX)._merges
    ids = [vocab[c if i == 0 else PREFIX + c] for i, c in enumerate(w for w in word if w in vocab)]
    if len(ids) < 2:
        return
    assert merge_scan(ids[:], [1] * len(ids), pairs) == merge_heap(ids[:], [1] * len(ids), pairs)


def _both(vocab: dict[str, int], merges: list[tuple[str, str]], **options: Any) -> tuple[Any, Any]:
    """The same BPE model (Whitespace pre-tokenizer) in HF and tokkit."""
    ours = tokkit.Tokenizer(tokkit.models.BPE(vocab, merges, **options))
    ours.pre_tokenizer = tokkit.pre_tokenizers.Whitespace()
    theirs = hf.Tokenizer.from_str(ours.to_str())
    return ours, theirs


def _same(ours: Any, theirs: Any, text: str) -> None:
    a, b = ours.encode(text), theirs.encode(text)
    assert (a.ids, a.tokens, a.offsets, a.word_ids) == (b.ids, b.tokens, b.offsets, b.word_ids), text


texts = st.lists(st.text(st.sampled_from("abcdé€x"), min_size=1, max_size=40), min_size=1, max_size=6).map(" ".join)


@given(table=merge_tables(), text=texts, unk=st.booleans(), fuse=st.booleans())
def test_bpe_words_match_hf(table: Any, text: str, unk: bool, fuse: bool) -> None:
    vocab, merges = table
    vocab = dict(vocab)
    options: dict[str, Any] = {"fuse_unk": fuse}
    if unk:
        vocab["<unk>"] = len(vocab)
        options["unk_token"] = "<unk>"
    _same(*_both(vocab, merges, **options), text)


@given(table=merge_tables(), text=texts)
def test_bpe_byte_fallback_words_match_hf(table: Any, text: str) -> None:
    vocab, merges = table
    vocab = dict(vocab)
    for byte in range(256):
        vocab.setdefault(f"<0x{byte:02X}>", len(vocab))
    _same(*_both(vocab, merges, byte_fallback=True), text)


@given(table=merge_tables(prefix=PREFIX), text=texts)
def test_bpe_prefix_words_match_hf(table: Any, text: str) -> None:
    vocab, merges = table
    _same(*_both(vocab, merges, continuing_subword_prefix=PREFIX, unk_token="a"), text)


@pytest.fixture(scope="module", params=["gpt2", "phi-3", "t5-small"])
def real(request: Any) -> tuple[Any, Any]:
    text = (DATA / f"{request.param}.json").read_text(encoding="utf-8")
    json.loads(text)
    return tokkit.Tokenizer.from_str(text), hf.Tokenizer.from_str(text)


real_texts = st.lists(st.text(st.sampled_from("etaoinshrdlu'-,. \t€é\u2581Ωx"), min_size=1, max_size=40),
                      min_size=1, max_size=5).map(" ".join)


@given(text=real_texts)
def test_real_files_match_hf_on_new_words(real: tuple[Any, Any], text: str) -> None:
    _same(*real, text)


@st.composite
def unigram_vocabs(draw: Any) -> tuple[list[tuple[str, float]], bool]:
    """Pieces over a small alphabet with "▁" (all single chars but one, so unk runs happen), and byte fallback."""
    chars = ["▁", "a", "b", "c", "d"]
    pieces = {"<unk>": 0.0}
    for char in chars[:-1]:
        pieces[char] = -draw(st.floats(1.0, 8.0))
    for _ in range(draw(st.integers(0, 25))):
        piece = "".join(draw(st.lists(st.sampled_from(chars), min_size=2, max_size=5)))
        pieces[piece] = -draw(st.floats(0.5, 12.0))
    fallback = draw(st.booleans())
    if fallback:
        for byte in range(256):
            pieces.setdefault(f"<0x{byte:02X}>", -20.0)
    return list(pieces.items()), fallback


unigram_texts = st.text(st.sampled_from("abcd▁ \t\n€x"), max_size=60)


@given(vocab=unigram_vocabs(), text=unigram_texts, scheme=st.sampled_from(["always", "never", "first"]),
       split=st.booleans())
def test_unigram_metaspace_runs_match_hf(vocab: Any, text: str, scheme: str, split: bool) -> None:
    pieces, fallback = vocab
    ours = tokkit.Tokenizer(tokkit.models.Unigram(pieces, unk_id=0, byte_fallback=fallback))
    ours.pre_tokenizer = tokkit.pre_tokenizers.Sequence([
        tokkit.pre_tokenizers.WhitespaceSplit(), tokkit.pre_tokenizers.Metaspace(prepend_scheme=scheme, split=split)])
    theirs = hf.Tokenizer.from_str(ours.to_str())
    for _ in range(2):  # new runs, then the cached ones
        _same(ours, theirs, text)
        _same(ours, theirs, "a " + text)


@given(table=merge_tables(), word=st.text(st.sampled_from("abcdx€"), max_size=40), byte_fallback=st.booleans(),
       unk=st.booleans(), ignore_merges=st.booleans())
def test_tokenize_lens_is_tokenize(table: Any, word: str, byte_fallback: bool, unk: bool, ignore_merges: bool) -> None:
    """``tokenize_lens`` (the encoders' uncached way to a new word) gives ``tokenize``'s tokens, or None
    exactly when a char needs byte offsets."""
    vocab, merges = table
    vocab = dict(vocab)
    if unk:
        vocab["<unk>"] = len(vocab)
    if byte_fallback:
        for byte in range(256):
            vocab.setdefault(f"<0x{byte:02X}>", len(vocab))
    model = BPE(vocab, merges, unk_token="<unk>" if unk else None, byte_fallback=byte_fallback,
                ignore_merges=ignore_merges)
    found = model.tokenize_lens(word)
    tokens = model.tokenize(word)
    if found is None:
        assert not word or (not ignore_merges or word not in vocab) and any(c not in vocab for c in word)
        return
    ids, values, lens = found
    ends = [sum(lens[:i + 1]) for i in range(len(lens))]
    assert [(t.id, t.value, t.offsets) for t in tokens] == list(zip(ids, values, zip([0] + ends[:-1], ends)))


def _whole_text_pair(vocab: dict[str, int], merges: list[tuple[str, str]]) -> tuple[Any, Any]:
    """A BPE over "▁"-joined words without a pre-tokenizer (phi-3's shape: Prepend + Replace), in both libraries."""
    vocab = {"▁": len(vocab), **vocab} if "▁" not in vocab else vocab
    vocab = {token: i for i, token in enumerate(vocab)}
    left = [t for t in vocab if t.strip("▁") and not t.startswith("▁")]
    merges = [("▁", left[0])] + merges if left else merges
    if left:
        vocab.setdefault("▁" + left[0], len(vocab))
    ours = tokkit.Tokenizer(tokkit.models.BPE(vocab, merges, byte_fallback=True))
    ours.normalizer = tokkit.normalizers.Sequence([tokkit.normalizers.Prepend("▁"),
                                                   tokkit.normalizers.Replace(" ", "▁")])
    return ours, hf.Tokenizer.from_str(ours.to_str())


@given(table=merge_tables(), text=texts)
def test_whole_text_pieces_match_hf(table: Any, text: str) -> None:
    ours, theirs = _whole_text_pair(*table)
    for _ in range(2):  # new pieces, then cached ones
        _same(ours, theirs, text)


@given(table=merge_tables(), text=texts)
def test_byte_level_words_match_hf(table: Any, text: str) -> None:
    vocab, merges = table
    alphabet = tokkit.pre_tokenizers.ByteLevel.alphabet()
    vocab = {**{char: i for i, char in enumerate(sorted(alphabet))}}
    for token in table[0]:
        vocab.setdefault(token, len(vocab))
    ours = tokkit.Tokenizer(tokkit.models.BPE(vocab, merges))
    ours.pre_tokenizer = tokkit.pre_tokenizers.ByteLevel(add_prefix_space=False)
    theirs = hf.Tokenizer.from_str(ours.to_str())
    for _ in range(2):
        _same(ours, theirs, text)
