"""Training word counts for Metaspace (``tokkit._training.metaspace_counting``) against the word-by-word oracle and HF.

The oracle is the per-text training words (``training_words_function``: normalize
one text, pre-tokenize it), counted text by text; HF's words come from its own
normalizer and pre-tokenizer, text by text.
"""

from __future__ import annotations

from typing import Any

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st

import tokkit
from counting_checks import words_by_hf, words_by_plan, words_one_text_at_a_time
from tokkit._training import counting
from tokkit._training.metaspace_counting import MARK, MetaspaceCounting

# spaces (runs, leading, trailing), other whitespace that Metaspace keeps, the replacement itself, the mark
ALPHABET = ["a", "b", " ", " ", "\t", "\n", "▁", "_", "é", MARK, "\u3000"]
texts = st.text(st.sampled_from(ALPHABET), max_size=12)
batches = st.lists(texts, max_size=8)
SCHEMES = ["always", "first", "never"]
REPLACEMENTS = ["▁", "_"]


def _tokenizer(lib: Any, scheme: str, replacement: str, lowercase: bool) -> Any:
    tok = lib.Tokenizer(lib.models.Unigram())
    if lowercase:
        tok.normalizer = lib.normalizers.Lowercase()
    tok.pre_tokenizer = lib.pre_tokenizers.Metaspace(replacement=replacement, prepend_scheme=scheme)
    return tok





@given(batch=batches, cut=st.integers(0, 8), scheme=st.sampled_from(SCHEMES), replacement=st.sampled_from(REPLACEMENTS),
       lowercase=st.booleans())
def test_metaspace_counting_equals_word_by_word(batch: list[str], cut: int, scheme: str, replacement: str,
                                                lowercase: bool) -> None:
    tok = _tokenizer(tokkit, scheme, replacement, lowercase)
    assert words_by_plan(tok, [batch[:cut], batch[cut:]], MetaspaceCounting) == words_one_text_at_a_time(tok, batch)


@given(batch=batches, scheme=st.sampled_from(SCHEMES), replacement=st.sampled_from(REPLACEMENTS))
def test_metaspace_counting_equalswords_by_hf(batch: list[str], scheme: str, replacement: str) -> None:
    ours = _tokenizer(tokkit, scheme, replacement, False)
    theirs = _tokenizer(hf, scheme, replacement, False)
    assert words_by_plan(ours, [batch], MetaspaceCounting) == words_by_hf(theirs, batch)


@pytest.mark.parametrize("batch", [["a  b", " a", "a ", "", " ", "▁a b", "a▁b c\n"], [f"x{MARK} {MARK}y z", "a b"]])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_metaspace_counting_edge_cases(batch: list[str], scheme: str) -> None:
    tok = _tokenizer(tokkit, scheme, "▁", False)
    theirs = words_by_hf(_tokenizer(hf, scheme, "▁", False), batch)
    assert words_by_plan(tok, [batch], MetaspaceCounting) == words_one_text_at_a_time(tok, batch) == theirs


def test_metaspace_plan_only_where_it_applies() -> None:
    tok = _tokenizer(tokkit, "always", "▁", False)
    tok.pre_tokenizer = tokkit.pre_tokenizers.Metaspace(split=False)  # one word per text: the generic plan
    assert not isinstance(counting.counting_plan(tok), MetaspaceCounting)
    tok = _tokenizer(tokkit, "always", "▁", False)
    tok.add_tokens(["[NEW]"])  # an added token: words are counted text by text
    assert not isinstance(counting.counting_plan(tok), MetaspaceCounting)
    tok = _tokenizer(tokkit, "always", "▁", False)
    tok.pre_tokenizer = tokkit.pre_tokenizers.Sequence([tokkit.pre_tokenizers.WhitespaceSplit(),
                                                        tokkit.pre_tokenizers.Metaspace()])
    assert not isinstance(counting.counting_plan(tok), MetaspaceCounting)


def test_a_metaspace_list_counted_in_slices_gives_the_counts_of_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from tokkit._training import parallel

    lines = [f"word{i % 50}  again{i % 7}! é{i}\n" for i in range(300)] + [" it's a ▁test", ""]
    tok = _tokenizer(tokkit, "always", "▁", False)
    alone = counting.count_words(tok, counting.flatten_texts(lines), num_proc=1)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD_CHARS", 1)
    in_workers = counting.count_words(tok, counting.flatten_texts(lines), num_proc=2)
    assert in_workers == alone == words_one_text_at_a_time(tok, lines)
