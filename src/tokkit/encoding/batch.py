"""A batch of encodings as flat columns, and Encodings that read their lists from them on first use.

A worker process that encodes part of a batch sends its result as a handful
of arrays (ids, type ids, offsets, word ids, masks, each for the whole part,
plus each row's bounds), not as pickled Encoding objects: that is a few
large buffers instead of millions of small objects on both sides.  Tokens
travel as exceptions only: a token that is the vocabulary's string for its
id (nearly all) is looked up again when read.

Back in the caller, each row becomes an ``Encoding`` whose lists are built
from the columns only when something reads them (``Encoding.__getattr__``
calls ``BatchColumns.field``; ``Encoding._from_columns`` makes them); what
nobody reads is never built.

>>> from tokkit.encoding import Encoding
>>> rows = [Encoding(ids=[5, 6], tokens=["a", "zz"], offsets=[(0, 1), (1, 3)]), Encoding(ids=[7], tokens=["c"])]
>>> columns = BatchColumns.pack(rows, ["", "", "", "", "", "a", "b", "c"])
>>> again = Encoding._from_columns(columns)
>>> [e.ids for e in again], [e.tokens for e in again], again[0].offsets
([[5, 6], [7]], [['a', 'zz'], ['c']], [(0, 1), (1, 3)])
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from itertools import accumulate, chain, compress, count
from operator import attrgetter, itemgetter, ne
from typing import Any, Optional, Sequence

from .columns import Columns

__all__ = ["BatchColumns", "vocabulary_table"]

_START, _END = itemgetter(0), itemgetter(1)
_IDS, _TYPE_IDS, _TOKENS, _WORDS = attrgetter("_ids"), attrgetter("_type_ids"), attrgetter("_tokens"), attrgetter("_words")
_OFFSETS, _SPECIAL, _ATTENTION = attrgetter("_offsets"), attrgetter("_special_tokens_mask"), attrgetter("_attention_mask")
_RANGES, _OVERFLOWING = attrgetter("_sequence_ranges"), attrgetter("_overflowing")
_chain = chain.from_iterable
_NO_WORD = -1  # word id None in the words column


def vocabulary_table(vocab: dict[str, int]) -> list[Optional[str]]:
    """``table[id]`` is the token of ``id`` in ``vocab`` (None where no token has that id).

    >>> vocabulary_table({"a": 0, "c": 2})
    ['a', None, 'c']
    """
    table: list[Optional[str]] = [None] * (max(vocab.values(), default=-1) + 1)
    for token, token_id in vocab.items():
        table[token_id] = token
    return table


class BatchColumns:
    """The fields of many encodings, one flat column each, and where each row starts.

    >>> columns = BatchColumns(["a", "b"]); len(columns), list(columns.bounds)
    (0, [0])
    """

    def __init__(self, table: Sequence[Optional[str]]) -> None:
        self.table = table  # id -> token, the same list on both sides (forked): tokens travel as exceptions
        self.bounds = array("q", [0])  # row i's tokens are [bounds[i], bounds[i + 1])
        # Ids are u32 in HF; an offset or word index past 2**32 (2**31) cannot fit: OverflowError.
        self.ids, self.type_ids = array("I"), array("I")
        self.starts, self.ends, self.words = array("I"), array("I"), array("i")
        self.special, self.attention = array("b"), array("b")
        self.odd_positions: list[int] = []  # tokens that are not table[id], in order
        self.odd_tokens: list[str] = []
        # Rows whose sequence ranges are not empty, flat: row, how many, then (sequence, start, end) each.
        self.ranges = array("q")
        self.overflowing: dict[int, list[Any]] = {}  # rows with overflowing encodings (rare: pickled as they are)
        self.shows_texts = array("b")  # 1 where the row had its input texts (for _repr_html_; the caller has them)
        self._range_rows: Optional[dict[int, int]] = None

    @classmethod
    def pack(cls, encodings: Sequence[Columns], table: Sequence[Optional[str]]) -> "BatchColumns":
        """The columns of ``encodings`` (the worker's side).

        >>> from tokkit.encoding import Encoding
        >>> columns = BatchColumns.pack([Encoding(ids=[1, 0], tokens=["b", "?"])], ["a", "b"])
        >>> list(columns.ids), columns.odd_positions, columns.odd_tokens
        ([1, 0], [1], ['?'])
        """
        columns = cls(table)
        columns.add(encodings)
        return columns

    def add(self, encodings: Sequence[Columns]) -> None:
        """Append ``encodings`` as rows: whole-batch steps, no per-token Python code.

        A value that does not fit its column (an offset past 2**32) raises OverflowError.

        >>> from tokkit.encoding import Encoding
        >>> columns = BatchColumns(["a"]); columns.add([Encoding(ids=[0], tokens=["a"])]); columns.add([Encoding()])
        >>> len(columns), list(columns.bounds)
        (2, [0, 1, 1])
        """
        row = len(self)
        self._add_tokens(encodings)
        self.type_ids.extend(_chain(map(_TYPE_IDS, encodings)))
        self.special.extend(_chain(map(_SPECIAL, encodings)))
        self.attention.extend(_chain(map(_ATTENTION, encodings)))
        for index, ranges in enumerate(map(_RANGES, encodings), row):
            if ranges:
                self.ranges.extend((index, len(ranges)))
                for sequence, (start, end) in ranges.items():
                    self.ranges.extend((sequence, start, end))
        self.overflowing.update((index, list(o)) for index, o in enumerate(map(_OVERFLOWING, encodings), row) if o)
        self.shows_texts.extend([getattr(e, "_texts", None) is not None for e in encodings])

    def _add_tokens(self, encodings: Sequence[Columns]) -> None:
        """Append the rows' bounds, ids, offsets, word ids and odd tokens (the columns every row kind has)."""
        row, base = len(self), len(self.ids)
        ids = list(_chain(map(_IDS, encodings)))
        self.ids.fromlist(ids)  # a list at once: faster than extend
        self.bounds.extend(accumulate(map(len, map(_IDS, encodings)), initial=base))
        del self.bounds[row]  # ``initial`` repeats the last bound
        offsets = list(_chain(map(_OFFSETS, encodings)))
        self.starts.extend(map(_START, offsets))
        self.ends.extend(map(_END, offsets))
        words = list(_chain(map(_WORDS, encodings)))
        self.words.fromlist([_NO_WORD if w is None else w for w in words] if None in words else words)
        self._note_odd_tokens(ids, list(_chain(map(_TOKENS, encodings))), base)

    def _note_odd_tokens(self, ids: list[int], tokens: list[str], base: int) -> None:
        """Keep the tokens that are not ``table[id]`` (with their positions); the others are looked up again."""
        table = self.table
        try:
            expected: list[Optional[str]] = list(map(table.__getitem__, ids))
        except IndexError:
            expected = [table[i] if 0 <= i < len(table) else None for i in ids]
        if expected != tokens:
            odd = list(compress(count(), map(ne, expected, tokens)))
            self.odd_tokens.extend(map(tokens.__getitem__, odd))
            self.odd_positions.extend(position + base for position in odd)

    def __len__(self) -> int:
        return len(self.bounds) - 1

    # -- one row's field, as the list an Encoding holds ------------------------------------
    def field(self, name: str, row: int) -> Any:
        """Row ``row``'s value of the Encoding slot ``name`` (a fresh list or dict).

        >>> from tokkit.encoding import Encoding
        >>> rows = [Encoding(ids=[1], tokens=["b"]), Encoding(ids=[0, 1], tokens=["a", "b"], word_ids=[None, 0])]
        >>> columns = BatchColumns.pack(rows, ["a", "b"])
        >>> columns.field("_words", 1), columns.field("_tokens", 1), columns.field("_offsets", 0)
        ([None, 0], ['a', 'b'], [(0, 0)])
        """
        a, b = self.bounds[row], self.bounds[row + 1]
        if name == "_ids":
            return self.ids[a:b].tolist()
        if name == "_attention_mask":
            return self.attention[a:b].tolist()
        if name == "_type_ids":
            return self.type_ids[a:b].tolist()
        if name == "_special_tokens_mask":
            return self.special[a:b].tolist()
        if name == "_offsets":
            return list(zip(self.starts[a:b].tolist(), self.ends[a:b].tolist()))
        if name == "_words":
            words = self.words[a:b].tolist()
            return words if _NO_WORD not in words else [None if w == _NO_WORD else w for w in words]
        if name == "_tokens":
            return self._tokens(a, b)
        if name == "_sequence_ranges":
            return self._ranges(row)
        if name == "_overflowing":
            return list(self.overflowing.get(row, []))
        raise AttributeError(name)

    def _ranges(self, row: int) -> dict[int, tuple[int, int]]:
        if self._range_rows is None:  # where each row's ranges start in the flat column, found once
            self._range_rows = {}
            flat, position = self.ranges, 0
            while position < len(flat):
                self._range_rows[flat[position]] = position
                position += 2 + 3 * flat[position + 1]
        found = self._range_rows.get(row)
        if found is None:
            return {}
        flat = self.ranges
        triples = flat[found + 2:found + 2 + 3 * flat[found + 1]]
        return {triples[i]: (triples[i + 1], triples[i + 2]) for i in range(0, len(triples), 3)}

    def _tokens(self, a: int, b: int) -> list[str]:
        table = self.table
        try:
            tokens: list[Any] = list(map(table.__getitem__, self.ids[a:b]))
        except IndexError:  # an id past the table: its token is one of the exceptions patched below
            tokens = [table[i] if i < len(table) else None for i in self.ids[a:b]]
        first = bisect_left(self.odd_positions, a)
        for index in range(first, len(self.odd_positions)):
            position = self.odd_positions[index]
            if position >= b:
                break
            tokens[position - a] = self.odd_tokens[index]
        return tokens
