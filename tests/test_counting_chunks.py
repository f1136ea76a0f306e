"""Training word counts: the whitespace-chunk plan (``tokkit._training.chunks``) against the word-by-word oracle
and HF, list slices counted in worker processes, and the ASCII form of the byte-level split.

The oracle is the per-text training words (``training_words_function``: normalize
one text, pre-tokenize it), counted text by text; HF's words come from its own
normalizer and pre-tokenizer, text by text.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st

import tokkit
from counting_checks import words_by_hf, words_by_plan, words_one_text_at_a_time
from tokkit._training import counting
from tokkit._training.chunks import ChunkCounting, whitespace_chunks

# whitespace of every kind (\x1c..\x1f are whitespace to Python only), punctuation, digits, accents
ALPHABET = "ab Z\t\n\r\u3000\x85\xa0\x1c\x1f.,'!1²é\u0301ﬁ_-"
texts = st.text(st.sampled_from(ALPHABET), max_size=12)
batches = st.lists(texts, max_size=8)


def _normalizers(lib: Any) -> dict[str, Callable[[], Any]]:
    n = lib.normalizers
    return {
        "none": lambda: None,
        "bert-like": lambda: n.Sequence([n.NFD(), n.Lowercase(), n.StripAccents()]),
        "nfkc": lambda: n.NFKC(),
        "bert": lambda: n.BertNormalizer(),
    }


def _pre_tokenizers(lib: Any) -> dict[str, Callable[[], Any]]:
    p = lib.pre_tokenizers
    return {
        "whitespace-split+punctuation": lambda: p.Sequence([p.WhitespaceSplit(), p.Punctuation()]),
        "whitespace-split": lambda: p.WhitespaceSplit(),
        "whitespace": lambda: p.Whitespace(),
        "bert": lambda: p.BertPreTokenizer(),
        "whitespace+digits": lambda: p.Sequence([p.Whitespace(), p.Digits(individual_digits=True)]),
    }


def _tokenizer(lib: Any, normalizer: str, pre_tokenizer: str) -> Any:
    tok = lib.Tokenizer(lib.models.WordLevel(unk_token="[UNK]"))
    made = _normalizers(lib)[normalizer]()
    if made is not None:
        tok.normalizer = made
    tok.pre_tokenizer = _pre_tokenizers(lib)[pre_tokenizer]()
    return tok





@given(batch=batches, cut=st.integers(0, 8), normalizer=st.sampled_from(sorted(_normalizers(tokkit))),
       pre_tokenizer=st.sampled_from(sorted(_pre_tokenizers(tokkit))))
def test_chunk_counting_equals_word_by_word(batch: list[str], cut: int, normalizer: str, pre_tokenizer: str) -> None:
    tok = _tokenizer(tokkit, normalizer, pre_tokenizer)
    assert words_by_plan(tok, [batch[:cut], batch[cut:]], ChunkCounting) == words_one_text_at_a_time(tok, batch)


@given(batch=batches, normalizer=st.sampled_from(sorted(_normalizers(tokkit))),
       pre_tokenizer=st.sampled_from(sorted(_pre_tokenizers(tokkit))))
def test_chunk_counting_equalswords_by_hf(batch: list[str], normalizer: str, pre_tokenizer: str) -> None:
    ours = _tokenizer(tokkit, normalizer, pre_tokenizer)
    theirs = _tokenizer(hf, normalizer, pre_tokenizer)
    assert words_by_plan(ours, [batch], ChunkCounting) == words_by_hf(theirs, batch)


@pytest.mark.parametrize("text", ["a\x1cb c", "a\u3000b\x85c\xa0d", "\x1f", "", " \n\t ", "ab\x1e\x1d  cd\x1c"])
def test_whitespace_chunks_cut_at_rust_whitespace_only(text: str) -> None:
    expected = [word for word, _ in hf.pre_tokenizers.WhitespaceSplit().pre_tokenize_str(text)]
    assert whitespace_chunks(text) == expected


def test_counting_plan_takes_chunks_only_where_lines_can_be_joined() -> None:
    tok = _tokenizer(tokkit, "bert-like", "whitespace-split+punctuation")
    assert isinstance(counting.counting_plan(tok), ChunkCounting)
    tok.add_tokens(["[NEW]"])  # an added token: words are counted text by text
    assert not isinstance(counting.counting_plan(tok), ChunkCounting)
    metaspace = tokkit.Tokenizer(tokkit.models.Unigram())
    metaspace.pre_tokenizer = tokkit.pre_tokenizers.Metaspace()
    assert not isinstance(counting.counting_plan(metaspace), ChunkCounting)



@pytest.mark.parametrize("num_proc", [2, 3])
def test_a_list_counted_in_slices_gives_the_counts_of_one_process(num_proc: int,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from tokkit._training import parallel

    lines = [f"word{i % 50}, again{i % 7}! é{i}" for i in range(300)] + ["it's  a \u3000test\x1c", ""]
    for pre_tokenizer in ("bert", "byte-level"):
        tok = _tokenizer(tokkit, "bert-like", "bert")
        if pre_tokenizer == "byte-level":
            tok.pre_tokenizer = tokkit.pre_tokenizers.ByteLevel(add_prefix_space=False)
        alone = counting.count_words(tok, counting.flatten_texts(lines), num_proc=1)
        monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD_CHARS", 1)
        sliced = counting.flatten_texts(lines)
        assert isinstance(sliced, counting.TextList)
        assert counting.count_words(tok, sliced, num_proc=num_proc) == alone == words_one_text_at_a_time(tok, lines)
        monkeypatch.undo()


def test_a_counting_worker_that_dies_is_a_training_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from tokkit._training import parallel

    parent = os.getpid()
    count = ChunkCounting.count

    def dying(self: ChunkCounting, counts: Counter[str], texts: list[str]) -> None:
        if os.getpid() != parent:
            os._exit(1)  # killed, say, by the out-of-memory killer
        count(self, counts, texts)

    monkeypatch.setattr(ChunkCounting, "count", dying)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD_CHARS", 1)
    tok = _tokenizer(tokkit, "none", "bert")
    with pytest.raises(tokkit.TrainingError, match="TOKKIT_NUM_PROC=1"):
        counting.count_words(tok, ["a b", "c d", "e f"], num_proc=2)


@given(text=st.text(st.characters(max_codepoint=127), max_size=40))
def test_the_ascii_gpt2_pattern_splits_ascii_like_the_exact_one(text: str) -> None:
    from tokkit._training import byte_level

    exact = byte_level._GPT2_SEPARATED.for_text(text).findall(text)
    assert byte_level._GPT2_ASCII_SEPARATED.findall(text) == exact
