"""Long words through BPE: the rank-bucket merge, the whole-list symbol and offset steps, huge inputs.

* ``buckets.merge_units`` and ``long_word.merge_words`` against the slow
  oracle (``oracle/slow_bpe_merge.py``) and the per-word heap, on random
  merge tables whose ranks are in any order (a merge may create a pair that
  must go first) and where several merges make the same token;
* the long-word path of ``BPE`` (forced on short words) against the short
  one, with byte fallback, unk, fused unk, dropped chars, prefix and suffix;
  ``tokenize_columns`` and ``tokenize_columns_many`` against ``tokenize``;
* HF on whole texts past the long-word threshold (custom BPEs, no
  pre-tokenizer), and on 200 KB words of four kinds through the real
  gpt2.json and phi-3.json, alone or around an added token (the aligned path);
* NormalizedString's implicit alignments (a prefix, then the identity)
  against the same string holding the list.
"""

from __future__ import annotations

import gc
import json
import random
import re
from typing import Any

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st
from oracle.slow_bpe_merge import slow_merge

import tokkit
from tokkit.models import BPE
from tokkit.models.bpe import long_word, tokenizing
from tokkit.models.bpe.buckets import MergeTable, merge_units
from tokkit.models.bpe.long_word import merge_words
from tokkit.models.bpe.word import merge_ranked
from tokkit.normalized import past_prefix, unzip_tokens

from conftest import DATA

PREFIX, SUFFIX = "##", "</w>"


@st.composite
def merge_tables(draw: Any, prefix: str = "", suffix: str = "") -> tuple[dict[str, int], list[tuple[str, str]]]:
    """A vocab and merges in any rank order; every merge's result is the two strings joined (HF's rule)."""
    alphabet = draw(st.sampled_from(["ab", "abc", "abcd"]))
    tokens = list(alphabet)
    for char in alphabet:
        tokens += [prefix + char] if prefix else []
        tokens += [char + suffix, prefix + char + suffix] if suffix else []
    tokens = list(dict.fromkeys(tokens))
    merges = []
    for _ in range(draw(st.integers(0, 30))):
        left = draw(st.sampled_from(tokens))
        right = draw(st.sampled_from([t for t in tokens if t.startswith(prefix)]))
        new = left + right[len(prefix):]
        if len(new) > 7 + len(prefix) + len(suffix):
            continue
        tokens.append(new) if new not in tokens else None
        merges.append((left, right))
    merges = draw(st.permutations(merges))  # ranks in any order
    return {token: i for i, token in enumerate(tokens)}, list(merges)


words = st.text(st.sampled_from("abcd"), max_size=60)


@given(table=merge_tables(), word=words)
def test_bucket_merge_matches_the_oracle_and_the_heap(table: Any, word: str) -> None:
    vocab, merges = table
    pairs = BPE(vocab, merges)._merges
    ids = [vocab[c] for c in word if c in vocab]
    expected = slow_merge(ids, [1] * len(ids), pairs)
    if len(ids) > 1:  # as its callers do
        assert merge_ranked(ids[:], [1] * len(ids), pairs) == expected
    merge_table = MergeTable(pairs)
    assert not merge_table.degenerate
    symbols, starts = merge_units(ids, merge_table)
    assert (symbols, [b - a for a, b in zip(starts, starts[1:])]) == expected


@given(table=merge_tables(), batch=st.lists(words.filter(bool), max_size=6))
def test_many_words_merged_together_match_each_word_alone(table: Any, batch: list[str]) -> None:
    vocab, merges = table
    pairs = BPE(vocab, merges)._merges
    batch = [w for w in ("".join(c for c in word if c in vocab) for word in batch) if w]
    vocab_r = {i: t for t, i in vocab.items()}
    units = [[vocab[c] for c in w] for w in batch]
    merged = merge_words(units, MergeTable(pairs), vocab_r)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(long_word, "_GROUP", 8)  # several passes over groups of words
        assert merge_words(units, MergeTable(pairs), vocab_r) == merged
    assert len(merged) == len(batch)
    for word, (ids, values, offsets) in zip(batch, merged):
        expected, lens = slow_merge([vocab[c] for c in word], [1] * len(word), pairs)
        bounds = [sum(lens[:i]) for i in range(len(lens) + 1)]
        assert (ids, values, offsets) == (expected, [vocab_r[i] for i in expected], list(zip(bounds, bounds[1:])))


OPTIONS = [
    {},  # a char outside the vocab is dropped
    {"unk_token": "<unk>"},
    {"unk_token": "<unk>", "fuse_unk": True},
    {"byte_fallback": True},
    {"byte_fallback": True, "unk_token": "<unk>", "fuse_unk": True},
]


def _models(vocab: dict[str, int], merges: list[tuple[str, str]], **options: Any) -> tuple[BPE, BPE]:
    vocab = dict(vocab)
    for token in ["<unk>"] + [f"<0x{b:02X}>" for b in "é".encode() + b"x"]:
        vocab.setdefault(token, len(vocab))
    return BPE(vocab, merges, **options), BPE(vocab, merges, **options)


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(o) or "dropped")
@given(table=merge_tables(), word=st.text(st.sampled_from("abcdxé"), min_size=1, max_size=40))
def test_long_word_path_matches_the_short_one(options: dict, table: Any, word: str) -> None:
    short, long = _models(*table, **options)
    expected = short.tokenize(word)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tokenizing, "_LONG_WORD", 1)  # every word takes the long-word path
        assert long.tokenize(word) == expected
        ids, values, offsets = unzip_tokens(expected)
        assert long.tokenize_columns(word) == (ids, values, offsets)
        assert long.tokenize_columns(word, 1) == (ids, values, past_prefix(offsets, 1))
        assert long.tokenize_columns_many([word, word[::-1]]) == [(ids, values, offsets),
                                                                   unzip_tokens(short.tokenize(word[::-1]))]


@pytest.mark.parametrize("affixes", [(PREFIX, ""), ("", SUFFIX), (PREFIX, SUFFIX)], ids=["prefix", "suffix", "both"])
@given(data=st.data(), word=st.text(st.sampled_from("abcd"), min_size=1, max_size=40))
def test_long_word_path_with_prefix_and_suffix(affixes: tuple[str, str], data: Any, word: str) -> None:
    prefix, suffix = affixes
    vocab, merges = data.draw(merge_tables(prefix, suffix))
    options = {"continuing_subword_prefix": prefix or None, "end_of_word_suffix": suffix or None}
    short, long = _models(vocab, merges, **options)
    expected = short.tokenize(word)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tokenizing, "_LONG_WORD", 1)
        assert long.tokenize(word) == expected
        assert long.tokenize_columns_many([word]) == [unzip_tokens(expected)]


def _bpe_json(options: dict, seed: int) -> str:
    """A tokenizer.json: a random BPE over ``abc`` (merges in random rank order), no pre-tokenizer."""
    rng = random.Random(seed)
    tokens, merges = list("abc"), []
    for _ in range(40):
        left, right = rng.choice(tokens), rng.choice(tokens)
        if len(left + right) <= 6:
            tokens += [left + right] if left + right not in tokens else []
            merges.append([left, right])
    rng.shuffle(merges)
    tokens += ["<unk>"] + [f"<0x{b:02X}>" for b in "é".encode() + b"x"]
    model = {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
             "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
             "vocab": {t: i for i, t in enumerate(tokens)}, "merges": merges, **options}
    document = json.loads(tokkit.Tokenizer(BPE()).to_str())
    document["model"] = model
    return json.dumps(document)


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(o) or "dropped")
@pytest.mark.parametrize("seed", [0, 1])
def test_whole_texts_past_the_threshold_match_hf(options: dict, seed: int) -> None:
    text_json = _bpe_json(options, seed)
    ours, theirs = tokkit.Tokenizer.from_str(text_json), hf.Tokenizer.from_str(text_json)
    rng = random.Random(seed)
    for alphabet in ("abc", "abcx", "abcé", "aabcxé"):
        text = "".join(rng.choice(alphabet) for _ in range(3000))
        a, b = ours.encode(text), theirs.encode(text)
        assert (a.ids, a.tokens, a.offsets) == (b.ids, b.tokens, b.offsets), alphabet
    assert gc.isenabled()


def _huge(kind: str, n: int) -> str:
    rng = random.Random(7)
    if kind == "letters":
        return "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=n))
    if kind == "english":
        base = re.sub(r"\s+", "", (DATA / "wikitext-slice.txt").read_text(encoding="utf-8"))
        return (base * (n // len(base) + 1))[:n]
    if kind == "a":
        return "a" * n
    return "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(n // 3))  # 200 KB of UTF-8


@pytest.fixture(scope="module", params=["gpt2", "phi-3"])
def real_pair(request: Any) -> tuple[tokkit.Tokenizer, hf.Tokenizer]:
    path = str(DATA / f"{request.param}.json")
    return tokkit.Tokenizer.from_file(path), hf.Tokenizer.from_file(path)


@pytest.mark.parametrize("kind", ["letters", "english", "a", "cjk"])
def test_200_kb_words_match_hf(real_pair: tuple[tokkit.Tokenizer, hf.Tokenizer], kind: str) -> None:
    ours, theirs = real_pair
    text = _huge(kind, 200_000)
    a, b = ours.encode(text), theirs.encode(text)
    assert a.ids == b.ids
    assert a.offsets == b.offsets
    assert a.tokens == b.tokens
    assert gc.isenabled()


spans = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=80)


@given(offsets=spans, k=st.integers(0, 3))
def test_past_prefix_both_ways_match_the_rule(offsets: list[tuple[int, int]], k: int) -> None:
    # Short lists take a loop, long ones whole-list steps: both give HF's prepend alignment.
    assert past_prefix(offsets, k) == [(max(a - k, 0), max(b - k, 1)) for a, b in offsets]


@given(cuts=st.lists(st.integers(1, 4), max_size=80), shift=st.sampled_from([None, 0, 1]))
def test_entry_lengths_both_ways(cuts: list[int], shift: Any) -> None:
    from tokkit._encode.words import entry_of

    bounds = [sum(cuts[:i]) for i in range(len(cuts) + 1)]
    offsets = list(zip(bounds, bounds[1:]))
    if shift is not None and offsets:
        offsets[len(offsets) // 2] = (offsets[len(offsets) // 2][0] + shift, offsets[len(offsets) // 2][1] + shift)
    word = "x" * bounds[-1]
    tiles = offsets == list(zip(bounds, bounds[1:])) and all(a < b for a, b in offsets)
    entry = entry_of(word, list(range(len(offsets))), ["t"] * len(offsets), offsets)
    assert entry.lens == (tuple(cuts) if tiles else None)


@pytest.mark.parametrize("kind", ["letters", "cjk"])
def test_200_kb_words_around_an_added_token_match_hf(real_pair: tuple[tokkit.Tokenizer, hf.Tokenizer],
                                                     kind: str) -> None:
    # An added token sends the text through the aligned path (NormalizedString, splits).
    ours, theirs = real_pair
    text = _huge(kind, 200_000)
    text = text[: len(text) // 2] + "<|endoftext|>" + text[len(text) // 2:]
    a, b = ours.encode(text), theirs.encode(text)
    assert (a.ids, a.offsets, a.word_ids) == (b.ids, b.offsets, b.word_ids)


OPERATIONS = st.lists(st.one_of(
    st.tuples(st.just("prepend"), st.sampled_from(["▁", "__"])),
    st.tuples(st.just("replace"), st.sampled_from([(" ", "▁"), ("a", "xy"), ("ab", "c")])),
    st.tuples(st.just("lowercase"), st.none()),
    st.tuples(st.just("slice"), st.tuples(st.integers(0, 5), st.integers(0, 50))),
), max_size=5)


@given(text=st.text(st.sampled_from("ab AÉ中"), max_size=60), operations=OPERATIONS,
       spans=st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=40))
def test_implicit_alignments_behave_as_the_list(text: str, operations: list, spans: list) -> None:
    from tokkit.normalized import NormalizedString

    lazy, listed = NormalizedString(text), NormalizedString(text, alignments=[(i, i + 1) for i in range(len(text))])
    for name, argument in operations:
        if name == "slice":
            start = min(argument[0], len(lazy))
            lazy, listed = lazy.slice(start, min(start + argument[1], len(lazy))), listed.slice(
                start, min(start + argument[1], len(listed)))
            if lazy is None or listed is None:
                assert lazy is listed
                return
        elif name == "replace":
            lazy.replace(*argument)
            listed.replace(*argument)
        else:
            getattr(lazy, name)(*([argument] if argument is not None else []))
            getattr(listed, name)(*([argument] if argument is not None else []))
    assert lazy.offsets_of_all(spans * 40) == listed.offsets_of_all(spans * 40)  # whole-list steps
    assert [lazy.offsets_of(a, b) for a, b in spans] == [listed.offsets_of(a, b) for a, b in spans]
    assert (lazy.normalized, lazy.original, lazy.original_shift, lazy.alignments) == (
        listed.normalized, listed.original, listed.original_shift, listed.alignments)
