"""Training word counts: what ``Tokenizer.train`` feeds the trainers.

Training counts words with ``normalize_str`` + ``split_words`` when no added
token exists (the same words HF's ``extract_and_normalize`` would give), in
worker processes for large inputs; counts are sums, so the result does not
depend on how the input is cut up.

A GPT-2 byte-level pre-tokenizer has a faster plan (``byte_level.ByteLevelCounting``):
count coarse chunks of the whole batch first, then split and byte-map each
*distinct* chunk once; so has a pre-tokenizer that cuts at whitespace first
(``chunks.ChunkCounting``: whitespace chunks, each distinct one split once).
"""

from __future__ import annotations

import os
from collections import Counter
from itertools import chain
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Protocol

from .._errors import ArgumentTypeError, ConfigurationError, TrainingError
from .._support.gc import gc_paused
from .._support.processes import process_count
from .._support.progress import progress_bar
from .._support.word_counts import CompactWords
from ..capabilities import ByteLevelWords, CutsText, MetaspaceWords, NormalizerFastPath, fast_path_of
from ..protocols import Pipeline
from .byte_level import ByteLevelCounting
from .chunks import ChunkCounting
from .metaspace_counting import MetaspaceCounting
from .parallel import ParallelCounter, text_batches

__all__ = ["file_lines", "flatten_texts", "TextList", "count_words", "count_words_compact", "checked_counts",
           "training_words_function", "lines_can_be_joined", "counting_plan"]

#: Characters of text per batch handed to a counting plan.
_BATCH_CHARS = 1 << 18


def file_lines(files: "str | os.PathLike[str] | list[str]") -> tuple[Iterator[str], int]:
    """The lines of text files, each with its ``"\\n"`` (as HF's ``train``), and their total size in bytes."""
    paths = [os.fspath(files)] if isinstance(files, (str, os.PathLike)) else [os.fspath(p) for p in files]
    for path in paths:
        if not os.path.isfile(path):
            raise TrainingError(f"training file not found: {path!r}")

    def lines() -> Iterator[str]:
        for path in paths:
            with open(path, encoding="utf-8", newline="") as handle:
                yield from handle

    return lines(), sum(os.path.getsize(p) for p in paths)


class TextList:
    """A list whose items are all str, as ``flatten_texts`` found it: its texts, and the list for worker slices.

    >>> list(flatten_texts(["a", "b"])), flatten_texts(["a", "b"]).texts
    (['a', 'b'], ['a', 'b'])
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts)


def flatten_texts(iterator: Iterable[Any]) -> Iterable[str]:
    """The texts of an iterator of str, of batches of str, or of a ``datasets`` Dataset.

    A list of str is checked at once and comes back as a ``TextList`` (forked
    counting workers read their slices of it); anything else is a generator.
    """
    if isinstance(iterator, str):
        raise TrainingError("train_from_iterator needs an iterable of texts, not a single str: wrap it in a list")
    if type(iterator) is list and iterator and set(map(type, iterator)) == {str}:
        return TextList(iterator)
    return _flattened(iterator)


def _flattened(iterator: Iterable[Any]) -> Iterator[str]:
    column_names = getattr(iterator, "column_names", None)
    if column_names is not None and hasattr(iterator, "__getitem__"):
        # a datasets.Dataset: use its "text" column (or its only column).
        column = "text" if "text" in column_names else (column_names[0] if len(column_names) == 1 else None)
        if column is None:
            raise TrainingError(
                f"cannot tell which column holds the text among {column_names}; pass "
                f"(row['my_column'] for row in dataset) instead"
            )
        iterator = (row[column] for row in iterator)
    for item in iterator:
        if isinstance(item, str):
            yield item
        elif isinstance(item, (list, tuple)) or hasattr(item, "__iter__"):
            for text in item:
                if not isinstance(text, str):
                    raise TrainingError(f"training batches must hold str, got {type(text).__name__}")
                yield text
        else:
            raise TrainingError(f"training items must be str or lists of str, got {type(item).__name__}")


def training_words_function(tokenizer: Pipeline) -> Callable[[str], list[str]]:
    """What one text contributes to the word counts (HF's ``feed`` process closure)."""
    normalizer = tokenizer.normalizer
    pre_tokenizer = tokenizer.pre_tokenizer
    if tokenizer._added_vocabulary.is_empty():
        normalize = normalizer.normalize_str if normalizer is not None else None
        if pre_tokenizer is not None:
            split_words = _split_words_function(pre_tokenizer)
            if normalize is None:
                return split_words
            return lambda text: split_words(normalize(text))
        if normalize is None:
            return lambda text: [text] if text else []
        return lambda text: [w] if (w := normalize(text)) else []

    def aligned_words(text: str) -> list[str]:
        pretokenized = tokenizer._added_vocabulary.extract_and_normalize(normalizer, text)
        if pre_tokenizer is not None:
            pre_tokenizer.pre_tokenize(pretokenized)
        return [piece.normalized.normalized for piece in pretokenized.splits]

    return aligned_words


def _split_words_function(pre_tokenizer: Any) -> Callable[[str], list[str]]:
    """The words a pre-tokenizer cuts a (normalized) text into."""
    split_words: Callable[[str], list[str]] = getattr(pre_tokenizer, "split_words", None) or (
        lambda text: [word for word, _ in pre_tokenizer.pre_tokenize_str(text)]  # any PreTokenizer protocol
    )
    return split_words


def lines_can_be_joined(tokenizer: Pipeline) -> bool:
    """Whether the training words of ``"\\n".join(texts)`` are those of the texts one by one.

    True when no added token exists, the normalizer works char by char and keeps
    ``"\\n"`` whitespace, and the pre-tokenizer first cuts at every whitespace
    and drops it: then no stage can see across the joining newline.  The
    components say so themselves (``tokkit.capabilities``).
    """
    if not tokenizer._added_vocabulary.is_empty() or tokenizer.pre_tokenizer is None:
        return False
    normalizer = tokenizer.normalizer
    if normalizer is not None and not fast_path_of(normalizer, NormalizerFastPath()).per_char:
        return False
    words = fast_path_of(tokenizer.pre_tokenizer, None)
    return isinstance(words, CutsText) and words.removes_whitespace_first


def training_batch_function(tokenizer: Pipeline) -> Callable[[list[str]], Iterable[str]]:
    """The training words of a batch of texts, in one call.

    Joins the batch with newlines and splits it once when that provably gives
    the same words (``lines_can_be_joined``): far fewer Python-level calls.
    """
    process = training_words_function(tokenizer)
    if lines_can_be_joined(tokenizer):
        return lambda texts: process("\n".join(texts))
    return lambda texts: chain.from_iterable(map(process, texts))


class WordCounting:
    """The generic plan: ``count(counts, texts)`` adds words; ``finish(counts)`` is the word counts."""

    def __init__(self, process_batch: Callable[[list[str]], Iterable[str]]) -> None:
        self._process_batch = process_batch

    def count(self, counts: Counter[str], texts: list[str]) -> None:
        counts.update(self._process_batch(texts))

    def finish(self, counts: Mapping[str, int]) -> Mapping[str, int]:
        return counts  # a Counter is a dict: no copy of millions of entries


class CountingPlan(Protocol):
    """``count(counts, texts)`` adds a batch's keys to ``counts``; ``finish(counts)`` gives the word counts.

    ``finish`` is linear: the word counts of two sets of key counts add up to those of their sum.
    """

    def count(self, counts: Counter[str], texts: list[str]) -> None: ...

    def finish(self, counts: Mapping[str, int]) -> Mapping[str, int]: ...


def counting_plan(tokenizer: Pipeline) -> CountingPlan:
    """The fastest exact plan for this tokenizer (``count`` + ``finish``)."""
    pre_tokenizer = tokenizer.pre_tokenizer
    words = fast_path_of(pre_tokenizer, None)
    if isinstance(words, ByteLevelWords) and ByteLevelCounting.applies_to(words) and tokenizer._added_vocabulary.is_empty():
        normalizer = tokenizer.normalizer
        return ByteLevelCounting(words, normalizer.normalize_str if normalizer is not None else None)
    if (isinstance(words, MetaspaceWords) and words.split and words.cut is None
            and tokenizer._added_vocabulary.is_empty()):
        normalizer = tokenizer.normalizer
        return MetaspaceCounting(normalizer.normalize_str if normalizer is not None else None,
                                 _split_words_function(pre_tokenizer), words.replacement)
    if lines_can_be_joined(tokenizer):
        normalizer = tokenizer.normalizer
        return ChunkCounting(normalizer.normalize_str if normalizer is not None else None,
                             _split_words_function(pre_tokenizer))
    return WordCounting(training_batch_function(tokenizer))


def _num_workers() -> int:
    return process_count()


def count_words(tokenizer: Pipeline, texts: Iterable[str], show_progress: bool = False, length: Optional[int] = None,
                num_proc: Optional[int] = None) -> dict[str, int]:
    """Count the training words of ``texts`` (normalized, pre-tokenized) in ``num_proc`` processes.

    ``num_proc`` None: ``TOKKIT_NUM_PROC``, else one per CPU; 1: no worker process.
    """
    return dict(_counted(tokenizer, texts, show_progress, length, num_proc))


def count_words_compact(tokenizer: Pipeline, texts: Iterable[str], show_progress: bool = False,
                        length: Optional[int] = None, num_proc: Optional[int] = None) -> CompactWords:
    """``count_words`` as a ``CompactWords``: what training keeps, far smaller than a dict of millions of words.

    The dict of counts is dropped as soon as the compact form exists.
    """
    return CompactWords.from_counts(_counted(tokenizer, texts, show_progress, length, num_proc))


def _counted(tokenizer: Pipeline, texts: Iterable[str], show_progress: bool, length: Optional[int],
             num_proc: Optional[int]) -> Mapping[str, int]:
    plan = counting_plan(tokenizer)
    counts: Counter[str] = Counter()
    bar = progress_bar(show_progress, total=length, desc="Pre-processing sequences", unit=" seqs")
    parallel = ParallelCounter.for_tokenizer(plan.count, _num_workers() if num_proc is None else max(1, num_proc))
    with gc_paused():
        words = _counted_as_list(parallel, texts, plan, bar)
        if words is not None:
            return words
        _count_into(counts, texts, plan.count, parallel, bar)
        return plan.finish(counts)


def _counted_as_list(parallel: Optional[ParallelCounter], texts: Iterable[str], plan: CountingPlan,
                     bar: Any) -> Optional[Mapping[str, int]]:
    """The word counts of a large list of texts, in slices, one per process; None if not that case."""
    listed = texts.texts if isinstance(texts, TextList) else texts if type(texts) is list else None
    if parallel is None or listed is None:
        return None
    bounds = parallel.list_bounds(listed)
    if bounds is None:
        return None
    try:
        return parallel.count_list(listed, bounds, plan.finish, _BATCH_CHARS, bar.update)
    finally:
        bar.close()


def _count_into(counts: Counter[str], texts: Iterable[str], count_batch: Callable[[Counter[str], list[str]], None],
                parallel: Any, bar: Any) -> None:
    try:
        for batch in text_batches(texts, _BATCH_CHARS):
            if parallel is not None and parallel.started_or_worth_it(batch):
                parallel.submit(batch)
            else:
                count_batch(counts, batch)
            bar.update(len(batch))
        if parallel is not None:
            parallel.collect_into(counts)
    finally:
        bar.close()
        if parallel is not None:
            parallel.close()


def checked_counts(counts: Any) -> dict[str, int]:
    """Word counts from a mapping or pairs ``word -> count``: str words, non-negative int counts.

    A word given twice adds up; a word counted 0 times is not in the corpus, so it is left out.

    >>> checked_counts([("ab", 2), ("c", 1), ("ab", 3), ("z", 0)])
    {'ab': 5, 'c': 1}
    """
    words: dict[str, int] = {}
    for item in counts.items() if isinstance(counts, Mapping) else counts:
        try:
            word, count = item
        except (TypeError, ValueError):
            raise ArgumentTypeError(f"counts: expected (word, count) pairs or a mapping, got {item!r:.60}") from None
        if not isinstance(word, str) or isinstance(count, bool) or not isinstance(count, int):
            raise ArgumentTypeError(f"counts: a word must be a str and its count an int, got {item!r:.60}")
        if count < 0:
            raise ConfigurationError(f"counts: {word!r:.40} has a negative count ({count})")
        if count:
            words[word] = words.get(word, 0) + count
    return words
