"""The fast encoder (and its word cache) is kept across calls: every change to the tokenizer is seen.

Each test encodes with a tokenizer (filling the kept cache), changes it the way users do
(in place or by replacement), encodes again, and compares with HF after the same change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
import tokenizers as hf

import tokkit
from parity import encoding_dict

DATA = Path(__file__).parent / "data"
LINES = (DATA / "english-nltk-head.txt").read_text(encoding="utf-8").splitlines()[:200]
TEXTS = LINES + ["Hello  world", " leading space", "UPPER lower Ünïcödé", "don't stop"]


def _both(name: str) -> tuple[tokkit.Tokenizer, hf.Tokenizer]:
    text = (DATA / f"{name}.json").read_text(encoding="utf-8")
    return tokkit.Tokenizer.from_str(text), hf.Tokenizer.from_str(text)


def _same(ours: tokkit.Tokenizer, theirs: hf.Tokenizer) -> None:
    for text in TEXTS:
        assert encoding_dict(ours.encode(text)) == encoding_dict(theirs.encode(text)), text
    assert [e.ids for e in ours.encode_batch(TEXTS)] == [e.ids for e in theirs.encode_batch(TEXTS)]


def _set_gpt2_prefix_space(lib: Any, tok: Any) -> None:
    tok.pre_tokenizer.add_prefix_space = True


def _replace_gpt2_pre_tokenizer(lib: Any, tok: Any) -> None:
    tok.pre_tokenizer = lib.pre_tokenizers.Sequence([lib.pre_tokenizers.WhitespaceSplit(),
                                                     lib.pre_tokenizers.ByteLevel(add_prefix_space=False)])


def _bert_keeps_case(lib: Any, tok: Any) -> None:
    tok.normalizer.lowercase = False


def _bert_strips_nothing(lib: Any, tok: Any) -> None:
    tok.normalizer.strip_accents = False


def _t5_metaspace_never(lib: Any, tok: Any) -> None:
    tok.pre_tokenizer[1] = lib.pre_tokenizers.Metaspace(prepend_scheme="never")


def _t5_item_in_place(lib: Any, tok: Any) -> None:
    tok.pre_tokenizer[1].prepend_scheme = "never"


def _bert_unk_changes(lib: Any, tok: Any) -> None:
    tok.model.continuing_subword_prefix = "@@"


def _phi3_ignores_merges(lib: Any, tok: Any) -> None:
    tok.model.ignore_merges = False


def _bert_added_token(lib: Any, tok: Any) -> None:
    tok.add_tokens(["hello", "world"])


CHANGES: list[tuple[str, Callable[[Any, Any], None]]] = [
    ("gpt2", _set_gpt2_prefix_space),
    ("gpt2", _replace_gpt2_pre_tokenizer),
    ("bert-base-uncased", _bert_keeps_case),
    ("bert-base-uncased", _bert_strips_nothing),
    ("bert-base-uncased", _bert_unk_changes),
    ("bert-base-uncased", _bert_added_token),
    ("t5-small", _t5_metaspace_never),
    ("t5-small", _t5_item_in_place),
    ("phi-3", _phi3_ignores_merges),
]


@pytest.mark.parametrize("name, change", CHANGES, ids=[f"{n}-{c.__name__.strip('_')}" for n, c in CHANGES])
def test_a_change_after_encoding_is_seen(name: str, change: Callable[[Any, Any], None]) -> None:
    ours, theirs = _both(name)
    _same(ours, theirs)  # fills the kept word cache
    change(tokkit, ours)
    change(hf, theirs)
    _same(ours, theirs)


def test_the_encoder_is_kept_while_nothing_changes() -> None:
    from tokkit._encode.fast import fast_encoder

    tok, _ = _both("gpt2")
    first = fast_encoder(tok)
    tok.encode_batch(TEXTS)
    tok.decode(tok.encode("hello").ids)
    assert fast_encoder(tok) is first
    tok.pre_tokenizer.trim_offsets = True
    assert fast_encoder(tok) is not first


def test_a_big_batch_leaves_no_word_cache_behind_and_small_ones_keep_it() -> None:
    from tokkit._encode.fast import fast_encoder

    tok, _ = _both("gpt2")
    kept = fast_encoder(tok)
    tok.encode_batch(TEXTS * 3, num_proc=1)  # Dataset.map-sized: the cache stays warm
    assert fast_encoder(tok) is kept
    big = [f"line {i} with a few words in it, to be counted " for i in range(12_000)]
    assert sum(map(len, big)) >= (1 << 19)
    tok.encode_batch(big, num_proc=1)
    assert fast_encoder(tok) is not kept
