"""The embedded default corpus: WikiText-2 (raw), test split.

``load_wikitext2()`` returns the split with the same rows as
``datasets.load_dataset("wikitext", "wikitext-2-raw-v1", split="test")``:
one row per line of the raw file, the line's text with its ``"\\n"``, and
``""`` for blank lines.  It needs no network, so the walk-through runs
anywhere.  WikiText-2 is CC BY-SA 3.0 (Merity et al., 2016).

>>> ds = load_wikitext2()
>>> len(ds), ds[1]["text"]
(4358, ' = Robert Boulter = \\n')
>>> ds[0:3]["text"]
['', ' = Robert Boulter = \\n', '']
"""

from __future__ import annotations

import lzma
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator, Union

__all__ = ["TextDataset", "load_wikitext2", "wikitext2_text"]


@lru_cache(maxsize=1)
def wikitext2_text() -> str:
    """The raw WikiText-2 test split, byte-exact, as one string."""
    blob = resources.files("tokkit").joinpath("data/wikitext-2-raw-test.txt.xz").read_bytes()
    return lzma.decompress(blob).decode("utf-8")


class TextDataset:
    """A tiny stand-in for a ``datasets.Dataset`` with one ``"text"`` column.

    Supports ``len``, ``ds[i]`` (a row dict), ``ds[i:j]`` (a column dict) and
    iteration over rows, which is what tokenizer-training code uses.

    >>> ds = TextDataset(["a", "b", "c"])
    >>> len(ds), ds[0], ds[1:]["text"], ds["text"][-1]
    (3, {'text': 'a'}, ['b', 'c'], 'c')
    """

    column_names = ["text"]

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, key: Union[int, slice, str]) -> Any:
        if isinstance(key, str):
            if key != "text":
                raise KeyError(f"unknown column {key!r}; this dataset has the column 'text'")
            return list(self._texts)
        if isinstance(key, slice):
            return {"text": self._texts[key]}
        return {"text": self._texts[key]}

    def __iter__(self) -> Iterator[dict[str, str]]:
        return ({"text": text} for text in self._texts)

    def __repr__(self) -> str:
        return f"TextDataset(features=['text'], num_rows={len(self)})"


def load_wikitext2() -> TextDataset:
    """WikiText-2 raw test split, rows as ``datasets`` gives them.

    >>> ds = load_wikitext2()
    >>> len(ds), ds[1]["text"]
    (4358, ' = Robert Boulter = \\n')
    """
    return TextDataset([line if line.strip() else "" for line in _lines(wikitext2_text())])


def _lines(text: str) -> list[str]:
    """Split like iterating a file: on ``"\\n"`` only, keeping it (``splitlines`` also cuts at U+2028...)."""
    lines = [line + "\n" for line in text.split("\n")]
    last = lines.pop()[:-1]
    if last:
        lines.append(last)
    return lines
