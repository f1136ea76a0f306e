"""Rows laid out by a fixed post-processing (``LayoutRows`` here, ``LayoutColumns`` from workers) behave
exactly as the Encodings ``encode`` builds, and as HF's ``encode_batch`` gives.

The size thresholds are lowered so that small batches take the parallel path, and chunks are
small so that single texts and pairs alternate between chunks.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, Iterator

import pytest
import tokenizers as hf

import tokkit
from parity import every_field, load_both
from tokkit._encode import batch
from tokkit.encoding import LayoutColumns, RowLayout

DATA = Path(__file__).parent / "data"
LINES = (DATA / "english-nltk-head.txt").read_text(encoding="utf-8").splitlines()[:300]
ODD = ["", " ", "日本語のテキスト", "naïve café", "x" * 2000, "emoji 🤗 end", "[CLS] inside [SEP] </s> <s>"]
TEXTS: list[Any] = LINES[:100] + ODD + [(LINES[0], LINES[1])] * 40 + LINES[100:] + [(LINES[2], "")] * 40 + ODD
NAMES = ("bert-base-uncased", "gpt2", "t5-small", "phi-3")


@pytest.fixture(autouse=True)
def parallel_for_small_batches(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(batch, "PARALLEL_FROM_CHARS", 0)
    monkeypatch.setattr(batch, "_MIN_CHARS_PER_PROCESS", 1)
    monkeypatch.setattr(batch, "_CHUNK", 37)
    yield




def _kinds(encodings: list[tokkit.Encoding]) -> set[str]:
    return {type(e._row[0]).__name__ for e in encodings if e._row is not None}


def _one_at_a_time(tok: tokkit.Tokenizer, items: list[Any], add_special_tokens: bool = True) -> list[tokkit.Encoding]:
    return [tok.encode(*((item,) if isinstance(item, str) else item), add_special_tokens=add_special_tokens)
            for item in items]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("num_proc", [1, 2])
@pytest.mark.parametrize("add_special_tokens", [True, False])
def test_laid_out_rows_equal_encode_and_hf(name: str, num_proc: int, add_special_tokens: bool) -> None:
    ours, theirs = load_both(name)
    rows = ours.encode_batch(TEXTS, add_special_tokens=add_special_tokens, num_proc=num_proc)
    expected_kinds = {"LayoutRows"} | ({"LayoutColumns", "BatchColumns"} if num_proc == 2 else set())
    assert _kinds(rows) == expected_kinds
    for index, (row, eager) in enumerate(zip(rows, _one_at_a_time(ours, TEXTS, add_special_tokens))):
        assert every_field(row) == every_field(eager), index
        assert row._texts == eager._texts and repr(row) == repr(eager)
    for row, expected in zip(rows, theirs.encode_batch(TEXTS, add_special_tokens=add_special_tokens)):
        assert every_field(row) == every_field(expected)


@pytest.mark.parametrize("num_proc", [1, 2])
def test_rows_change_lookup_and_pickle_as_encodings(num_proc: int) -> None:
    ours, _ = load_both("bert-base-uncased")
    rows = ours.encode_batch(LINES, num_proc=num_proc)
    eager = _one_at_a_time(ours, LINES)
    assert _kinds(rows) >= {"LayoutRows"}
    for a, b in zip(rows[:120], eager[:120]):
        assert pickle.loads(pickle.dumps(a)).tokens == b.tokens
        assert a._repr_html_() == b._repr_html_()
        for position in range(0, 12, 3):
            assert a.char_to_token(position) == b.char_to_token(position)
            assert a.char_to_word(position) == b.char_to_word(position)
            assert a.token_to_chars(position) == b.token_to_chars(position)
            assert a.token_to_sequence(position) == b.token_to_sequence(position)
            assert a.word_to_tokens(position) == b.word_to_tokens(position)
            assert a.word_to_chars(position) == b.word_to_chars(position)
    assert tokkit.Encoding.merge(rows[:4]).offsets == tokkit.Encoding.merge(eager[:4]).offsets
    for index, change in enumerate([lambda e: e.truncate(5, stride=2), lambda e: e.pad(90, direction="left"),
                                    lambda e: e.set_sequence_id(1), lambda e: e.truncate(4, direction="left")]):
        a, b = rows[10 + index], eager[10 + index]
        change(a)
        change(b)
        assert every_field(a) == every_field(b)
    untouched = rows[200]
    assert untouched.ids == eager[200].ids and untouched._row is not None


def test_texts_with_added_and_special_tokens() -> None:
    ours, theirs = load_both("t5-small")
    for tok in (ours, theirs):
        tok.add_tokens(["the", "café"])
        tok.add_special_tokens(["<mark>"])
    texts = [line + " <mark> café" for line in LINES] + ["<mark>", "</s>"]
    rows = ours.encode_batch(texts, num_proc=2)
    assert _kinds(rows) == {"LayoutRows", "LayoutColumns"}
    for row, eager, expected in zip(rows, _one_at_a_time(ours, texts), theirs.encode_batch(texts)):
        assert every_field(row) == every_field(eager) == every_field(expected)


@pytest.mark.parametrize("processor", [
    None,
    tokkit.processors.ByteLevel(trim_offsets=False),
    tokkit.processors.ByteLevel(trim_offsets=True),
    tokkit.processors.TemplateProcessing("<s> $A:1 </s>:1 </s>", special_tokens=[("<s>", 1), ("</s>", 2)]),
    tokkit.processors.TemplateProcessing("$A:3 $A:4", special_tokens=[]),
    tokkit.processors.TemplateProcessing(
        "[X] $A:2 [Y]:1", special_tokens=[{"id": "[X]", "ids": [5, 6], "tokens": ["x1", "x2"]}, ("[Y]", 7)]),
    tokkit.processors.RobertaProcessing(("</s>", 2), ("<s>", 0)),
])
def test_other_processors(processor: Any) -> None:
    ours, theirs = load_both("gpt2")
    ours.post_processor = processor
    theirs = hf.Tokenizer.from_str(ours.to_str())
    texts = LINES[:150]
    expected = theirs.encode_batch(texts)
    rows = ours.encode_batch(texts, num_proc=2)
    for row, eager, theirs_row in zip(rows, _one_at_a_time(ours, texts), expected):
        assert every_field(row) == every_field(eager) == every_field(theirs_row)


def test_truncation_padding_and_custom_processors_take_the_eager_path() -> None:
    ours, _ = load_both("bert-base-uncased")

    class Marked(tokkit.processors.TemplateProcessing):
        def process_encodings(self, encodings: list[tokkit.Encoding], add_special_tokens: bool) -> list[tokkit.Encoding]:
            return super().process_encodings(encodings, add_special_tokens) + [tokkit.Encoding(ids=[9], tokens=["!"])]

    marked = Marked("[CLS] $A [SEP]", special_tokens=[("[CLS]", 101), ("[SEP]", 102)])
    assert marked.single_layout(True) is None
    ours.post_processor = marked
    rows = ours.encode_batch(LINES, num_proc=1)
    assert all(row._row is None and row.tokens[-1] == "!" for row in rows)
    ours, _ = load_both("bert-base-uncased")
    ours.enable_truncation(8)
    assert all(row._row is None for row in ours.encode_batch(LINES, num_proc=1))
    ours.no_truncation()
    ours.enable_padding()
    assert not _kinds(ours.encode_batch(LINES, num_proc=1))


def test_layout_columns_take_only_model_rows() -> None:
    columns = LayoutColumns(["a"], RowLayout([], [], 0, False))
    with pytest.raises(TypeError, match="add_model_rows"):
        columns.add([tokkit.Encoding(ids=[0])])
