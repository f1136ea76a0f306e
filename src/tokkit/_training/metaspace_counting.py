"""Training word counts for a Metaspace pre-tokenizer that splits: space-separated chunks, each mapped once.

Metaspace (HF ``pre_tokenizers/metaspace.rs``) replaces every ``" "`` (only
that char: not tabs nor newlines) by its replacement, prepends one per
``prepend_scheme`` and splits before each replacement.  So the words of a
text are those of its ``str.split(" ")`` chunks: a chunk after a space is
``replacement + chunk`` (an empty one gives the lone replacement, as two
consecutive spaces do), and the first chunk is what the pre-tokenizer makes
of it alone (it is the text's start: the prefix rule applies to it).  A
replacement char inside a chunk cuts it further; such chunks go through the
pre-tokenizer itself.

``count`` joins a batch with ``" " + MARK`` (and puts ``MARK`` first), so one
``str.split(" ")`` and one ``Counter`` at C speed count every chunk, the
first chunks of the texts marked; ``finish`` maps each distinct chunk once.

>>> from tokkit import pre_tokenizers
>>> plan = MetaspaceCounting(None, pre_tokenizers.Metaspace().split_words, "▁")
>>> counts = Counter(); plan.count(counts, ["Hi  you\\n", " you"]); plan.finish(counts)
{'▁Hi': 1, '▁': 1, '▁you\\n': 1, '▁you': 1}

What this module does not do: decide when it applies (``counting.counting_plan``).
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Mapping, Optional

__all__ = ["MetaspaceCounting", "MARK"]

#: Marks the first chunk of each text in the counted keys (a batch holding it is counted text by text).
MARK = "\x00"


class MetaspaceCounting:
    """Counts words by space-separated chunk: ``count(counts, texts)`` adds a batch's chunks, ``finish`` maps them.

    ``split_words`` is the Metaspace pre-tokenizer's own (split=True), ``replacement`` its char;
    ``normalize`` (if any) is applied to each text first.
    """

    def __init__(self, normalize: Optional[Callable[[str], str]], split_words: Callable[[str], list[str]],
                 replacement: str) -> None:
        self._normalize = normalize
        self._split_words = split_words
        self._replacement = replacement

    def count(self, counts: Counter[str], texts: list[str]) -> None:
        if self._normalize is not None:
            texts = list(map(self._normalize, texts))
        joined = (" " + MARK).join(texts)
        if MARK in joined:  # a text holds the mark itself: each text's chunks, the first one marked
            for text in texts:
                first, *rest = text.split(" ")
                counts[MARK + first] += 1
                # a later chunk starting with the mark is keyed as a marked " " + chunk: same words
                counts.update(MARK + " " + chunk if chunk.startswith(MARK) else chunk for chunk in rest)
            return
        counts.update((MARK + joined).split(" "))

    def finish(self, counts: Mapping[str, int]) -> dict[str, int]:
        """Chunk counts -> word counts: a plain chunk after a space is ``replacement + chunk``."""
        words: dict[str, int] = {}
        get = words.get
        replacement, split_words = self._replacement, self._split_words
        for chunk, count in counts.items():
            if chunk.startswith(MARK):
                chunk_words = split_words(chunk[1:])  # the text's start: the prefix rule decides
            elif replacement in chunk:
                chunk_words = split_words(" " + chunk)  # the space gives a replacement: no prefix added
            else:
                word = replacement + chunk
                words[word] = get(word, 0) + count
                continue
            for word in chunk_words:
                words[word] = get(word, 0) + count
        return words
