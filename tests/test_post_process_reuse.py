"""The tokenizer hands its fresh encodings to the post-processor without copies: nothing it keeps may change."""

from __future__ import annotations

from pathlib import Path

import pytest
import tokenizers

import tokkit

DATA = Path(__file__).parent / "data"
TEXTS = ["Hello world, hello world!", "x" * 300, "a" * 2000 + " b " + "a" * 2000, "é" * 700, "中文" * 300, ""]


@pytest.mark.parametrize("name", ["bert-base-uncased.json", "gpt2.json", "t5-small.json", "phi-3.json"])
def test_encoding_twice_gives_the_same_and_returned_encodings_stay_put(name: str) -> None:
    tk = tokkit.Tokenizer.from_file(str(DATA / name))
    hf = tokenizers.Tokenizer.from_file(str(DATA / name))
    if tk.post_processor is None:
        tk.post_processor = tokkit.processors.TemplateProcessing(single="$A </s>", pair="$A $B </s>",
                                                                 special_tokens=[("</s>", 1)])
        hf.post_processor = tokenizers.processors.TemplateProcessing(single="$A </s>", pair="$A $B </s>",
                                                                     special_tokens=[("</s>", 1)])
    kept = []
    for round_ in range(3):
        for text in TEXTS:
            for pair in (None, text[:50]):
                got = tk.encode(text, pair)
                if round_ == 0:
                    expected = hf.encode(text, pair)
                    assert (got.ids, got.offsets, got.type_ids) == (expected.ids, expected.offsets, expected.type_ids)
                    kept.append((got, list(got.ids), list(got.offsets)))
                else:
                    first = kept[(TEXTS.index(text) * 2) + (pair is not None)]
                    assert (got.ids, got.offsets) == (first[1], first[2])
    for encoding, ids, offsets in kept:
        assert encoding.ids == ids and encoding.offsets == offsets  # later encodes did not grow them


def test_post_process_still_leaves_its_inputs_alone() -> None:
    tk = tokkit.Tokenizer.from_file(str(DATA / "bert-base-uncased.json"))
    encoding = tk.encode("hello world", add_special_tokens=False)
    before = (list(encoding.ids), list(encoding.type_ids))
    final = tk.post_process(encoding, encoding)
    assert (encoding.ids, encoding.type_ids) == before
    assert len(final.ids) == 2 * len(before[0]) + 3


def test_a_processor_overriding_process_is_still_called() -> None:
    calls = []

    class Counting(tokkit.processors.BertProcessing):
        def process(self, encoding, pair=None, add_special_tokens=True):
            calls.append(1)
            return super().process(encoding, pair, add_special_tokens)

    tk = tokkit.Tokenizer.from_file(str(DATA / "bert-base-uncased.json"))
    tk.post_processor = Counting(("[SEP]", 102), ("[CLS]", 101))
    assert tk.encode("hello").tokens == ["[CLS]", "hello", "[SEP]"] and calls == [1]
