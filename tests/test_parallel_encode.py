"""``encode_batch`` split among forked workers gives exactly what one process gives, and what HF gives.

The size thresholds are lowered here so that small batches take the parallel path.
"""

from __future__ import annotations

import multiprocessing
import pickle
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import tokenizers as hf

import tokkit
from parity import encoding_dict, every_field, load_both
from tokkit._encode import batch

DATA = Path(__file__).parent / "data"
LINES = (DATA / "english-nltk-head.txt").read_text(encoding="utf-8").splitlines()[:400]
ODD = ["", " ", "日本語のテキスト", "naïve café", "\u0000\u0001 odd", "x" * 3000, "emoji 🤗🤗 end", "[CLS] inside [SEP]"]
TEXTS = LINES + ODD
NAMES = ("bert-base-uncased", "gpt2", "t5-small", "phi-3")


@pytest.fixture(autouse=True)
def parallel_for_small_batches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(batch, "PARALLEL_FROM_CHARS", 0)
    monkeypatch.setattr(batch, "_MIN_CHARS_PER_PROCESS", 1)
    monkeypatch.setattr(batch, "_CHUNK", 37)  # workers pack many chunks
    yield




def _assert_same_batches(ours: list[tokkit.Encoding], serial: list[tokkit.Encoding]) -> None:
    assert len(ours) == len(serial)
    for index, (a, b) in enumerate(zip(ours, serial)):
        assert every_field(a) == every_field(b), index


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("workers", [2, 3])
def test_split_batches_equal_one_process_and_hf(name: str, workers: int) -> None:
    ours, theirs = load_both(name)
    assert batch.worker_count(ours, TEXTS, workers) == workers - 1
    split = ours.encode_batch(TEXTS, num_proc=workers)
    assert any(getattr(e, "_row", None) is not None for e in split), "the workers' rows come back as columns"
    _assert_same_batches(split, ours.encode_batch(TEXTS, num_proc=1))
    for encoding, expected in zip(split, theirs.encode_batch(TEXTS)):
        assert encoding_dict(encoding) == encoding_dict(expected)


@pytest.mark.parametrize("name", ["bert-base-uncased", "t5-small"])
def test_pairs_truncation_overflow_and_padding(name: str) -> None:
    ours, theirs = load_both(name)
    for tok in (ours, theirs):
        tok.enable_truncation(24, stride=4)
        tok.enable_padding(pad_id=0, pad_token="<pad>" if name == "t5-small" else "[PAD]", pad_to_multiple_of=8)
    pairs = list(zip(TEXTS[::2], TEXTS[1::2]))
    split = ours.encode_batch(pairs, num_proc=2)
    _assert_same_batches(split, ours.encode_batch(pairs, num_proc=1))
    for encoding, expected in zip(split, theirs.encode_batch(pairs)):
        assert every_field(encoding) == every_field(expected)


def test_pretokenized_and_added_tokens() -> None:
    ours, theirs = load_both("gpt2")
    for tok in (ours, theirs):
        tok.add_tokens(["the", hf.AddedToken("ing", single_word=False) if tok is theirs else tokkit.AddedToken("ing")])
    words = [line.split() for line in LINES] + [["two", "words"]] * 50  # not a pair: words of one sequence
    split = ours.encode_batch(words, is_pretokenized=True, num_proc=2)
    serial = ours.encode_batch(words, is_pretokenized=True, num_proc=1)
    _assert_same_batches(split, serial)
    assert [getattr(e, "_texts", None) for e in split] == [getattr(e, "_texts", None) for e in serial]
    pairs = list(zip(LINES[::2], LINES[1::2]))
    assert [e._texts for e in ours.encode_batch(pairs, num_proc=2)] == pairs
    for encoding, expected in zip(split, theirs.encode_batch(words, is_pretokenized=True)):
        assert encoding_dict(encoding) == encoding_dict(expected)


def test_rows_from_columns_behave_as_encodings() -> None:
    ours, _ = load_both("bert-base-uncased")
    split, serial = ours.encode_batch(LINES, num_proc=2), ours.encode_batch(LINES, num_proc=1)
    start = next(i for i, e in enumerate(split) if getattr(e, "_row", None) is not None)
    lazy, plain = split[start:start + 50], serial[start:start + 50]
    for a, b in zip(lazy, plain):
        assert pickle.loads(pickle.dumps(a)).ids == b.ids
        assert a.char_to_token(3) == b.char_to_token(3) and a.word_to_tokens(1) == b.word_to_tokens(1)
        assert repr(a) == repr(b) and a._repr_html_() == b._repr_html_()
    untouched, same = split[start + 60], serial[start + 60]
    assert untouched._row is not None
    assert untouched.ids == same.ids and untouched.attention_mask == same.attention_mask
    assert not any(_is_set(untouched, name) for name in ("_ids", "_attention_mask")), "a getter keeps no list"
    merged = tokkit.Encoding.merge(lazy[:3])
    assert merged.ids == tokkit.Encoding.merge(plain[:3]).ids
    lazy[0].truncate(3)
    plain[0].truncate(3)
    assert every_field(lazy[0]) == every_field(plain[0])
    with pytest.raises(AttributeError):
        lazy[1].no_such_field  # noqa: B018


def _is_set(encoding: Any, name: str) -> bool:
    try:
        type(encoding).__dict__[name].__get__(encoding)
    except AttributeError:
        return False
    return True


def test_a_bad_input_in_a_workers_slice_raises_as_in_one_process() -> None:
    ours, _ = load_both("gpt2")
    bad: list[Any] = list(LINES) + [42]
    with pytest.raises(TypeError) as serial:
        ours.encode_batch(bad, num_proc=1)
    with pytest.raises(type(serial.value), match=re.escape(str(serial.value))):
        ours.encode_batch(bad, num_proc=2)


def test_no_worker_for_small_batches_or_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    ours, _ = load_both("gpt2")
    assert batch.worker_count(ours, LINES, 1) == 0
    monkeypatch.setenv("TOKKIT_NUM_PROC", "1")
    assert batch.worker_count(ours, LINES) == 0
    monkeypatch.undo()
    assert batch.worker_count(ours, LINES[:50], 2) == 0  # the real thresholds again
    ours.model.dropout = 0.5
    monkeypatch.setattr(batch, "PARALLEL_FROM_CHARS", 0)
    monkeypatch.setattr(batch, "_MIN_CHARS_PER_PROCESS", 1)
    assert batch.worker_count(ours, LINES, 2) == 0  # random draws: one stream, in one process


def _encode_in_pool_worker(args: tuple[str, list[str]]) -> list[list[int]]:
    text, lines = args
    batch.PARALLEL_FROM_CHARS, batch._MIN_CHARS_PER_PROCESS = 0, 1
    tok = tokkit.Tokenizer.from_str(text)
    assert batch.worker_count(tok, lines, 2) == 0  # a daemonic process may not have children
    return [e.ids for e in tok.encode_batch(lines, num_proc=2)]


def test_inside_a_daemonic_pool_worker() -> None:
    text = (DATA / "gpt2.json").read_text(encoding="utf-8")
    with multiprocessing.get_context("fork").Pool(1) as pool:
        ids = pool.map(_encode_in_pool_worker, [(text, LINES)])[0]
    assert ids == [e.ids for e in tokkit.Tokenizer.from_str(text).encode_batch(LINES, num_proc=1)]
