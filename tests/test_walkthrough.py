"""The walk-through (``tokkit walkthrough``), run with tokkit and with HF, on the embedded WikiText-2 split."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from types import ModuleType

import pytest
import tokenizers as hf

import tokkit
from tokkit.cli import walkthrough


def run_walkthrough(lib: ModuleType, vocab_size: int = 25000) -> tuple[str, object]:
    """What ``tokkit walkthrough`` prints (each value labelled) when its program runs with ``lib`` as the import."""
    out = io.StringIO()
    with redirect_stdout(out):
        tokenizer = walkthrough(vocab_size=vocab_size, show_progress=False, lib=lib)
    return out.getvalue(), tokenizer


@pytest.fixture(scope="module")
def both() -> tuple[tuple[str, object], tuple[str, object]]:
    return run_walkthrough(tokkit), run_walkthrough(hf)


def test_walkthrough_prints_what_hf_prints(both) -> None:
    (ours, _), (theirs, _) = both
    assert ours == theirs
    labels = [line.split(":")[0] for line in ours.splitlines()]
    assert "vocabulary size after training" in labels and "decoded with the WordPiece decoder" in labels
    assert "  offsets" in labels and "  word_ids" in labels


def test_walkthrough_vocab_overlap(both) -> None:
    (_, ours), (_, theirs) = both
    a, b = set(ours.get_vocab()), set(theirs.get_vocab())
    assert len(a) == len(b)
    assert len(a & b) / len(b) >= 0.99
    specials = ["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"]
    assert [ours.token_to_id(s) for s in specials] == [theirs.token_to_id(s) for s in specials] == [0, 1, 2, 3, 4]


def test_walkthrough_ids_agree_where_vocab_ids_agree(both) -> None:
    (_, ours), (_, theirs) = both
    text = "This's me  ."
    a, b = ours.encode(text), theirs.encode(text)
    assert a.tokens == b.tokens
    for token, x, y in zip(a.tokens, a.ids, b.ids):
        assert x == ours.token_to_id(token) and y == theirs.token_to_id(token)
