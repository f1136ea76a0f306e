"""Training word counts for pre-tokenizers that cut at whitespace first: each distinct chunk is split once.

When ``counting.lines_can_be_joined`` holds, the pre-tokenizer's first step
cuts at every whitespace char and drops it, and its later steps only cut the
pieces: the words of a text are the words of its whitespace-separated chunks,
one chunk after the other.  Text repeats its chunks ("the", "said,"), so
``count`` counts the chunks of a whole batch (``str.split`` and a ``Counter``,
both at C speed) and ``finish`` splits each *distinct* chunk once: far less
work than splitting every occurrence, and the same counts.

>>> from tokkit import pre_tokenizers
>>> plan = ChunkCounting(None, pre_tokenizers.BertPreTokenizer().split_words)
>>> counts = Counter(); plan.count(counts, ["Hi, you!", "you!"]); plan.finish(counts)
{'Hi': 1, ',': 1, 'you': 2, '!': 2}

What this module does not do: decide when it applies (``counting.counting_plan``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Callable, Mapping, Optional

from .._unicode.char_classes import SPACE

__all__ = ["ChunkCounting"]

# Rust's char::is_whitespace (WhitespaceSplit's, BertPreTokenizer's) is Python's str.isspace
# without U+001C..U+001F: str.split() cuts exactly there on a text free of those four.
_PYTHON_ONLY_SPACES = ("\x1c", "\x1d", "\x1e", "\x1f")
_CHUNK = re.compile(f"[^{SPACE.class_body()}]+")


def whitespace_chunks(text: str) -> list[str]:
    """The runs of non-whitespace chars of ``text`` (Rust's ``char::is_whitespace``), in order.

    >>> whitespace_chunks("a\\x1cb \\u3000c\\n")
    ['a\\x1cb', 'c']
    """
    if any(char in text for char in _PYTHON_ONLY_SPACES):
        chunks: list[str] = _CHUNK.findall(text)
        return chunks
    return text.split()


class ChunkCounting:
    """Counts words by whitespace chunk: ``count(counts, texts)`` adds a batch's chunks, ``finish`` splits them.

    ``normalize`` must work char by char and keep ``"\\n"`` whitespace, and
    ``split_words`` must cut at whitespace first (what ``lines_can_be_joined`` checks).
    """

    def __init__(self, normalize: Optional[Callable[[str], str]], split_words: Callable[[str], list[str]]) -> None:
        self._normalize = normalize
        self._split_words = split_words

    def count(self, counts: Counter[str], texts: list[str]) -> None:
        text = "\n".join(texts)
        if self._normalize is not None:
            text = self._normalize(text)
        counts.update(whitespace_chunks(text))

    def finish(self, counts: Mapping[str, int]) -> dict[str, int]:
        """Chunk counts -> word counts: the chunks of each count split in one call (joined by a space)."""
        by_count: defaultdict[int, list[str]] = defaultdict(list)
        for chunk, count in counts.items():
            by_count[count].append(chunk)
        words: dict[str, int] = {}
        get = words.get
        for count, chunks in by_count.items():
            for word, times in Counter(self._split_words(" ".join(chunks))).items():
                words[word] = get(word, 0) + times * count
        return words
