"""Training word counts: what ``Tokenizer.train`` feeds the trainers.

Training counts words with ``normalize_str`` + ``split_words`` when no added
token exists (the same words HF's ``extract_and_normalize`` would give), in
worker processes for large inputs; counts are sums, so the result does not
depend on how the input is cut up.

A plain ``ByteLevel`` pre-tokenizer has a faster plan (:class:`ByteLevelCounting`):
count coarse chunks of the whole batch first, then split and byte-map each
*distinct* chunk once.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from itertools import chain
from typing import Any, Callable, Iterable, Iterator, Optional

from .._support.gc import gc_paused

__all__ = ["file_lines", "flatten_texts", "count_words", "training_words_function", "counting_plan", "ByteLevelCounting"]

def file_lines(files: "str | os.PathLike[str] | list[str]") -> tuple[Iterator[str], int]:
    """The lines of text files, each with its ``"\\n"`` (as HF's ``train``), and their total size in bytes."""
    from .._errors import TrainingError

    paths = [os.fspath(files)] if isinstance(files, (str, os.PathLike)) else [os.fspath(p) for p in files]
    for path in paths:
        if not os.path.isfile(path):
            raise TrainingError(f"training file not found: {path!r}")

    def lines() -> Iterator[str]:
        for path in paths:
            with open(path, encoding="utf-8", newline="") as handle:
                yield from handle

    return lines(), sum(os.path.getsize(p) for p in paths)


def flatten_texts(iterator: Iterable[Any]) -> Iterator[str]:
    """Yield the texts of an iterator of str, of batches of str, or of a ``datasets`` Dataset."""
    from .._errors import TrainingError

    if isinstance(iterator, str):
        raise TrainingError("train_from_iterator needs an iterable of texts, not a single str: wrap it in a list")
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


def training_words_function(tokenizer: Any) -> Callable[[str], list[str]]:
    """What one text contributes to the word counts (HF's ``feed`` process closure)."""
    normalizer = tokenizer.normalizer
    pre_tokenizer = tokenizer.pre_tokenizer
    if tokenizer._added_vocabulary.is_empty():
        normalize = normalizer.normalize_str if normalizer is not None else None
        if pre_tokenizer is not None:
            split_words = pre_tokenizer.split_words
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


def training_batch_function(tokenizer: Any) -> Callable[[list[str]], Iterable[str]]:
    """The training words of a batch of texts, in one call.

    Joins the batch with newlines and splits it once when that provably gives
    the same words (``tokkit._encode.fast.lines_can_be_joined``): far fewer Python-level calls.
    """
    from .._encode.fast import lines_can_be_joined

    process = training_words_function(tokenizer)
    if lines_can_be_joined(tokenizer):
        return lambda texts: process("\n".join(texts))
    return lambda texts: chain.from_iterable(map(process, texts))


class WordCounting:
    """The generic plan: ``count(counts, texts)`` adds words; ``finish(counts)`` is the word counts."""

    def __init__(self, process_batch: Callable[[list[str]], Iterable[str]]) -> None:
        self._process_batch = process_batch

    def count(self, counts: Counter, texts: list[str]) -> None:
        counts.update(self._process_batch(texts))

    def finish(self, counts: Counter) -> dict[str, int]:
        return dict(counts)


# Oniguruma's \s exactly (what HF's GPT-2 regex uses); Python's isspace adds U+001C..U+001F.
_SPACE = r"\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SEP = "\x00"
# The GPT-2 regex with letters, numbers and other symbols fused into one class.
# Every GPT-2 match is whitespace only, or an optional " " + non-whitespace, so
# GPT-2 cuts inside these chunks only: the chunk is all the context it needs.
# _SEP ends a text: it is a boundary for the lookahead, like the end of a text.
_CHUNKS = re.compile(rf" ?[^{_SPACE}{_SEP}]+|[{_SPACE}]+(?![^{_SPACE}{_SEP}])|[{_SPACE}]+|{_SEP}")
_CHUNKS_ONE_TEXT = re.compile(rf" ?[^{_SPACE}]+|[{_SPACE}]+(?![^{_SPACE}])|[{_SPACE}]+")


class ByteLevelCounting:
    """Counting for a plain ``ByteLevel`` pre-tokenizer, exact and ~3x faster than word by word.

    ``count`` runs one coarse regex (stdlib ``re``) over the batch joined with
    ``"\\x00"`` (per text if a text holds ``"\\x00"``) and counts the chunks;
    ``finish`` splits each distinct chunk with the GPT-2 regex and maps its
    bytes, which is far less work than doing it per occurrence.

    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.BPE()); tok.pre_tokenizer = pre_tokenizers.ByteLevel()
    >>> plan = ByteLevelCounting(tok.pre_tokenizer, None)
    >>> counts = Counter(); plan.count(counts, ["it's  ok", "ok"]); plan.finish(counts)
    {'Ġit': 1, "'s": 1, 'Ġ': 1, 'Ġok': 2}
    """

    def __init__(self, pre_tokenizer: Any, normalize: Optional[Callable[[str], str]]) -> None:
        self._normalize = normalize
        self._prefix = pre_tokenizer.add_prefix_space
        self._use_regex = pre_tokenizer.use_regex

    def _texts(self, texts: list[str]) -> list[str]:
        if self._normalize is not None:
            texts = list(map(self._normalize, texts))
        if self._prefix:  # HF's add_prefix_space: per text, empty texts stay empty
            texts = [t if t[:1] == " " or not t else " " + t for t in texts]
        return texts

    def count(self, counts: Counter, texts: list[str]) -> None:
        texts = self._texts(texts)
        if not self._use_regex:
            counts.update(filter(None, texts))
            return
        joined = _SEP.join(texts)
        if joined.count(_SEP) != len(texts) - 1:  # a text holds the separator: go text by text
            counts.update(chain.from_iterable(map(_CHUNKS_ONE_TEXT.findall, texts)))
            return
        counts.update(_CHUNKS.findall(joined))
        # every _SEP chunk here is a separator (the texts hold none)
        left = counts.pop(_SEP, 0) - (len(texts) - 1)
        if left:
            counts[_SEP] = left

    def finish(self, counts: Counter) -> dict[str, int]:
        """Chunk counts -> word counts: one GPT-2 regex pass and one byte mapping over all chunks."""
        from ..pre_tokenizers.byte_level import byte_level

        chunks = list(counts)
        joined = _SEP.join(chunks)
        if joined.count(_SEP) != len(chunks) - 1:  # a chunk holds the separator (or no chunks)
            return self._finish_one_by_one(counts)
        if self._use_regex:
            raw = _sum_pieces(_gpt2_with_separator().for_text(joined).findall(joined), iter(counts.values()))
        else:
            raw = counts
        # byte_level works char by char and maps "\x00" (absent from the words) to one char of its own
        mapped = byte_level(_SEP.join(raw)).split(byte_level(_SEP))
        return dict(zip(mapped, raw.values()))

    def _finish_one_by_one(self, counts: Counter) -> dict[str, int]:
        from ..pre_tokenizers.byte_level import _GPT2, byte_level

        words: dict[str, int] = {}
        get = words.get
        for chunk, count in counts.items():
            for piece in _GPT2.for_text(chunk).findall(chunk) if self._use_regex else (chunk,):
                word = byte_level(piece)
                words[word] = get(word, 0) + count
        return words


def _sum_pieces(pieces: list[str], counts: Iterator[int]) -> dict[str, int]:
    """Add each chunk's count to its pieces; chunks are separated by ``_SEP`` pieces."""
    raw: dict[str, int] = {}
    get = raw.get
    count = next(counts, 0)
    for piece in pieces:
        if piece == _SEP:
            count = next(counts)
        else:
            raw[piece] = get(piece, 0) + count
    return raw


_GPT2_WITH_SEPARATOR: Any = None


def _gpt2_with_separator() -> Any:
    """HF's GPT-2 regex (``ByteLevel``'s, same classes) where ``_SEP`` ends a text and is a match of its own."""
    global _GPT2_WITH_SEPARATOR
    if _GPT2_WITH_SEPARATOR is None:
        from .._unicode.char_classes import ONIG_LETTER, ONIG_NUMBER, SPACE, ExactPattern

        _GPT2_WITH_SEPARATOR = ExactPattern(GPT2_SEPARATED_TEMPLATE, {"L": ONIG_LETTER, "N": ONIG_NUMBER, "S": SPACE})
    return _GPT2_WITH_SEPARATOR


#: ``pre_tokenizers.byte_level._GPT2``'s template with ``\x00`` as a text boundary (tested equal).
GPT2_SEPARATED_TEMPLATE = (
    r"'s|'t|'re|'ve|'m|'ll|'d| ?[{L}]+| ?[{N}]+| ?[^{S}{L}{N}\x00]+|[{S}]+(?![^{S}\x00])|[{S}]+|\x00"
)


def counting_plan(tokenizer: Any) -> Any:
    """The fastest exact plan for this tokenizer (``count`` + ``finish``)."""
    from ..pre_tokenizers import ByteLevel

    pre_tokenizer = tokenizer.pre_tokenizer
    if type(pre_tokenizer) is ByteLevel and tokenizer._added_vocabulary.is_empty():
        normalizer = tokenizer.normalizer
        return ByteLevelCounting(pre_tokenizer, normalizer.normalize_str if normalizer is not None else None)
    return WordCounting(training_batch_function(tokenizer))


def _batches(texts: Iterable[str], max_chars: int) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= max_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _num_workers() -> int:
    value = os.environ.get("TOKKIT_NUM_PROC")
    if value:
        return max(1, int(value))
    return max(1, os.cpu_count() or 1)


def count_words(tokenizer: Any, texts: Iterable[str], show_progress: bool = False, length: Optional[int] = None) -> dict[str, int]:
    """Count the training words of ``texts`` (normalized, pre-tokenized)."""
    from .._support.progress import progress_bar
    from .parallel import ParallelCounter

    plan = counting_plan(tokenizer)
    counts: Counter[str] = Counter()
    bar = progress_bar(show_progress, total=length, desc="Pre-processing sequences", unit=" seqs")
    parallel = ParallelCounter.for_tokenizer(plan.count, _num_workers())
    with gc_paused():
        _count_into(counts, texts, plan.count, parallel, bar)
        return plan.finish(counts)


def _count_into(counts: Counter[str], texts: Iterable[str], count_batch: Callable[[Counter, list[str]], None],
                parallel: Any, bar: Any) -> None:
    try:
        for batch in _batches(texts, 1 << 18):
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
