"""Absurd padding and truncation lengths are refused when set, not when memory runs out."""

from __future__ import annotations

import pytest
import tokenizers

import tokkit
from tokkit.encoding.padding import MAX_PADDED_LENGTH

VOCAB = {"[UNK]": 0, "[PAD]": 1, "a": 2}


def both() -> list:
    return [tokenizers.Tokenizer(tokenizers.models.WordLevel(VOCAB, "[UNK]")),
            tokkit.Tokenizer(tokkit.models.WordLevel(VOCAB, "[UNK]"))]


@pytest.mark.parametrize("call", [
    lambda t: t.enable_truncation(2**64), lambda t: t.enable_truncation(-1),
    lambda t: t.enable_truncation(8, stride=2**64), lambda t: t.enable_padding(length=2**64),
    lambda t: t.enable_padding(pad_to_multiple_of=2**64), lambda t: t.enable_padding(length=-3),
])
def test_lengths_outside_usize_are_an_overflow_error_as_in_hf(call) -> None:
    for tok in both():
        with pytest.raises(OverflowError):
            call(tok)


def test_the_largest_usize_truncation_is_accepted_as_in_hf() -> None:
    hf, tk = both()
    hf.enable_truncation(2**64 - 1)
    tk.enable_truncation(2**64 - 1)
    assert tk.truncation == hf.truncation
    assert tk.encode("a a a").ids == hf.encode("a a a").ids


@pytest.mark.parametrize("kwargs", [{"length": 10**12}, {"pad_to_multiple_of": 10**12}, {"length": MAX_PADDED_LENGTH + 1}])
def test_padding_that_cannot_fit_in_memory_is_refused_when_set(kwargs) -> None:
    # A deliberate difference: HF accepts it and fails when it allocates the padded encoding.
    tk = both()[1]
    with pytest.raises(tokkit.ConfigurationError, match="cannot fit in memory"):
        tk.enable_padding(**kwargs)
    assert tk.padding is None


def test_padding_up_to_the_cap_is_accepted_and_pads_like_hf() -> None:
    hf, tk = both()
    for tok in (hf, tk):
        tok.enable_padding(length=40, pad_token="[PAD]", pad_id=1)
    assert tk.encode("a a").ids == hf.encode("a a").ids
    tk.enable_padding(length=MAX_PADDED_LENGTH)
    assert tk.padding["length"] == MAX_PADDED_LENGTH
