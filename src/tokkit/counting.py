"""Word counts: the part of training that can be split, saved and summed.

Every trainer learns from the word counts of its corpus (the words the
tokenizer's normalizer and pre-tokenizer produce, with their frequencies).
``count_words`` computes them; ``Tokenizer.train_from_counts`` trains from
them and gives the same tokenizer as ``train_from_iterator`` on the texts.
Counts of two halves of a corpus add up to the counts of the whole, so they
can be computed anywhere (other processes, other machines) and merged with
``Counter.update``; ``write_counts`` / ``read_counts`` keep them in a file.

>>> from tokkit import Tokenizer, models, pre_tokenizers
>>> tok = Tokenizer(models.WordLevel(unk_token="[UNK]")); tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> count_words(tok, ["a b a", ["b c"]])
Counter({'a': 2, 'b': 2, 'c': 1})

The file form is one ``word<TAB>count`` line per word, UTF-8, in the order
given; inside a word a backslash is written ``\\\\``, a tab ``\\t``, a
newline ``\\n`` and a carriage return ``\\r`` (so any word fits on one line).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable, Mapping, Optional, Union

from ._errors import SerializationError
from ._support.files import atomic_write_text
from ._training import counting as _counting
from .tokenizer import Tokenizer

__all__ = ["count_words", "write_counts", "read_counts"]

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {value: key for key, value in _ESCAPES.items()}
_ESCAPED = re.compile(r"[\\\t\n\r]")
_ESCAPE_SEQUENCE = re.compile(r"\\(.)", re.DOTALL)


def count_words(tokenizer: Tokenizer, texts: Iterable[Any], *, num_proc: Optional[int] = None) -> Counter[str]:
    """The training word counts of ``texts`` (str, or batches of str, as ``train_from_iterator`` takes).

    ``num_proc``: worker processes (None: ``TOKKIT_NUM_PROC``, else one per CPU; 1: none). The counts
    are the same whatever it is.

    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.BPE())
    >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> count_words(tok, ["a rose is a rose", ["is a rose"]], num_proc=1)
    Counter({'a': 3, 'rose': 3, 'is': 2})
    """
    return Counter(_counting.count_words(tokenizer, _counting.flatten_texts(texts), num_proc=num_proc))


def write_counts(counts: Union[Mapping[str, int], Iterable[tuple[str, int]]], path: str) -> None:
    """Write word counts to ``path`` in the TSV form above (atomically).

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "counts.tsv")
    >>> write_counts({"a\\tb": 2, "c\\\\": 1}, path); read_counts(path)
    Counter({'a\\tb': 2, 'c\\\\': 1})
    """
    words = _counting.checked_counts(counts)
    lines = (f"{_ESCAPED.sub(lambda m: _ESCAPES[m.group()], word)}\t{count}\n" for word, count in words.items())
    atomic_write_text(path, "".join(lines))


def read_counts(path: str) -> Counter[str]:
    """Read word counts written by ``write_counts`` (a bad line is a SerializationError naming it).

    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_counts({"a\\tb": 2, "rose": 1}, os.path.join(folder, "counts.tsv"))
    ...     print(read_counts(os.path.join(folder, "counts.tsv")))
    Counter({'a\\tb': 2, 'rose': 1})
    """
    counts: Counter[str] = Counter()
    with open(path, encoding="utf-8", newline="\n") as handle:
        for number, line in enumerate(handle, 1):
            word, tab, count = line.rstrip("\n").rpartition("\t")
            if not tab or not count.isdigit() or not count.isascii():
                raise SerializationError(f"{path}, line {number}: expected word<TAB>count, got {line[:60]!r}")
            counts[_unescape(word, path, number)] += int(count)
    return counts


def _unescape(word: str, path: str, number: int) -> str:
    def replace(match: "re.Match[str]") -> str:
        escaped = match.group()
        if escaped not in _UNESCAPES:
            raise SerializationError(f"{path}, line {number}: unknown escape {escaped!r} (use \\\\ \\t \\n \\r)")
        return _UNESCAPES[escaped]

    return _ESCAPE_SEQUENCE.sub(replace, word)
