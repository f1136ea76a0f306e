"""Word counts three ways, for the tests of the training counting plans: the plan, one text at a time, HF."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tokkit._training import counting


def words_one_text_at_a_time(tok: Any, texts: list[str]) -> Counter[str]:
    """The oracle: every text's training words, one text at a time (no plan, no joined batches)."""
    words_of = counting.training_words_function(tok)
    return Counter(word for text in texts for word in words_of(text))


def words_by_plan(tok: Any, batches: list[list[str]], plan_type: type) -> dict[str, int]:
    """The counts of the tokenizer's counting plan (which must be a ``plan_type``), batch by batch."""
    plan = counting.counting_plan(tok)
    assert isinstance(plan, plan_type)
    counts: Counter[str] = Counter()
    for batch in batches:
        plan.count(counts, batch)
    result: dict[str, int] = plan.finish(counts)
    return result


def words_by_hf(tok: Any, texts: list[str]) -> Counter[str]:
    """HF's words: its normalizer's ``normalize_str``, then its pre-tokenizer's ``pre_tokenize_str``."""
    normalize = tok.normalizer.normalize_str if tok.normalizer is not None else (lambda text: text)
    return Counter(word for text in texts for word, _ in tok.pre_tokenizer.pre_tokenize_str(normalize(text)))
