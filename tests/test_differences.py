"""Deliberate differences from HF listed in the README that no other file tests."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues

import pytest
import tokenizers as hf

import tokkit
from tokkit import Tokenizer, models, pre_tokenizers, trainers


def test_word_counts_are_python_ints_and_do_not_overflow() -> None:
    # HF counts in i32: 3e9 would wrap. tokkit's counts are Python ints.
    trainer = trainers.BpeTrainer(vocab_size=10, show_progress=False)
    trainer.words = {"ab": 3_000_000_000, "ba": 2_999_999_999}
    model = models.BPE()
    trainer.train(model)
    assert model.get_vocab()["ab"] == 2  # the pair counted 3e9 times is merged first


def test_encode_batch_fast_keeps_offsets() -> None:
    vocab = {"[UNK]": 0, "hello": 1, "world": 2}
    ours = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    theirs = hf.Tokenizer(hf.models.WordLevel(vocab, unk_token="[UNK]"))
    ours.pre_tokenizer = pre_tokenizers.Whitespace()
    theirs.pre_tokenizer = hf.pre_tokenizers.Whitespace()
    a = ours.encode_batch_fast(["hello world"])[0]
    b = theirs.encode_batch_fast(["hello world"])[0]
    assert a.ids == b.ids == [1, 2]
    assert b.offsets == [(0, 0), (0, 0)] and b.tokens == ["", ""]  # HF drops them here
    assert a.offsets == [(0, 5), (6, 11)] and a.tokens == ["hello", "world"]
    assert a.offsets == ours.encode("hello world").offsets


@pytest.mark.parametrize("name", ["BpeTrainer", "WordPieceTrainer", "WordLevelTrainer", "UnigramTrainer"])
def test_unknown_trainer_keyword_is_ignored_with_a_warning(name: str) -> None:
    # HF prints "Ignored unknown kwargs option" and carries on; tokkit carries on too, with a warning.
    theirs = getattr(hf.trainers, name)(vocab_sise=100)  # accepted by HF
    with pytest.warns(UserWarning, match="unknown keyword argument 'vocab_sise'"):
        ours = getattr(trainers, name)(vocab_sise=100)
    assert repr(ours) == repr(theirs)


def test_vocab_size_below_alphabet_gives_hf_vocab_and_a_warning() -> None:
    vocabs = []
    for lib in (hf, tokkit):
        tok = lib.Tokenizer(lib.models.WordPiece(unk_token="[UNK]"))
        tok.pre_tokenizer = lib.pre_tokenizers.Whitespace()
        trainer = lib.trainers.WordPieceTrainer(vocab_size=5, special_tokens=["[UNK]"], show_progress=False)
        if lib is tokkit:
            with pytest.warns(UserWarning, match="raise vocab_size to at least 20"):
                tok.train_from_iterator(["abcdefghij"], trainer)
        else:
            tok.train_from_iterator(["abcdefghij"], trainer)
        vocabs.append(tok.get_vocab())
    assert sorted(vocabs[0]) == sorted(vocabs[1]) and len(vocabs[1]) == 20  # [UNK], 10 chars, 9 "##" chars


def test_added_tokens_with_the_same_normalized_pattern_match_the_smallest_id() -> None:
    # With Lowercase, "FOO" and "Foo" both match "foo". HF picks one in hash-map order (it varies
    # from process to process); tokkit always picks the token with the smallest id.
    vocab = {"[UNK]": 0, "a": 1}
    results = []
    for lib in (tokkit, hf):
        tok = lib.Tokenizer(lib.models.WordLevel(vocab, unk_token="[UNK]"))
        tok.normalizer = lib.normalizers.Lowercase()
        tok.add_tokens(["FOO", "Foo"])
        results.append(tok.encode("a foo").ids[-1])
    ours, theirs = results
    assert ours == 2  # "FOO", added first
    assert theirs in (2, 3)


def _encode_in_child(tokenizer: Tokenizer, results: "multiprocessing.queues.Queue[list[int]]") -> None:
    results.put(tokenizer.encode_batch(["hi", "there"])[1].ids)


def test_a_forked_child_encodes_with_parallelism_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # HF's rayon pool deadlocks a child forked after an encode when TOKENIZERS_PARALLELISM is true (HF's
    # own test asserts the hang); tokkit holds no pool across a fork, so the child just encodes.
    tokenizer = Tokenizer(models.WordLevel({"hi": 0, "there": 1, "[UNK]": 2}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.encode_batch(["hi", "there"])
    monkeypatch.setenv("TOKENIZERS_PARALLELISM", "true")
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_encode_in_child, args=(tokenizer, results))
    child.start()
    child.join(timeout=30)
    assert not child.is_alive() and child.exitcode == 0
    assert results.get(timeout=5) == [1]
