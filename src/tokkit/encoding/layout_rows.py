"""Rows of single texts whose post-processing is fixed: the model's tokens as columns, the special tokens once.

A post-processor such as ``TemplateProcessing("[CLS] $A [SEP]")`` does the
same to every single text: special tokens before and after the sequence, one
type id for the sequence's tokens, sequence range 0 over them.  A batch of
such texts keeps only what the model gave per text (ids, offsets, word ids;
tokens as exceptions to the vocabulary, as ``BatchColumns``) and the layout
once; each row's lists are laid out when read (``LayoutColumns.field``), so
nothing is copied per text to add the special tokens, and what nobody reads
is never built.

>>> from tokkit.encoding import Encoding
>>> layout = RowLayout(before=[(1, "[CLS]", 0)], after=[(2, "[SEP]", 0)], type_id=0, ranges=True)
>>> columns = LayoutColumns(["", "[CLS]", "[SEP]", "hi"], layout)
>>> columns.add_model_rows([Encoding(ids=[3], tokens=["hi"], offsets=[(0, 2)], word_ids=[0])])
>>> row = Encoding._from_columns(columns)[0]
>>> row.ids, row.tokens, row.offsets, row.word_ids, row.special_tokens_mask, row.sequence_ids
([1, 3, 2], ['[CLS]', 'hi', '[SEP]'], [(0, 0), (0, 2), (0, 0)], [None, 0, None], [1, 0, 1], [None, 0, None])
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from .batch import BatchColumns
from .columns import Columns, Offsets

__all__ = ["LayoutColumns", "LayoutRows", "RowLayout"]


class RowLayout:
    """What a post-processor does to every single text: ``(id, token, type id)`` of the special tokens
    ``before`` and ``after`` the sequence, the sequence's ``type_id``, and whether the row gets
    sequence range 0 over the sequence (``ranges``; HF's processors set it, no processor does not).

    >>> RowLayout([], [(2, "[SEP]", 0)], 0, True).after_ids
    [2]
    """

    def __init__(self, before: Sequence[tuple[int, str, int]], after: Sequence[tuple[int, str, int]],
                 type_id: int, ranges: bool) -> None:
        self.before_ids, self.before_tokens, self.before_types = _unzip(before)
        self.after_ids, self.after_tokens, self.after_types = _unzip(after)
        self.type_id, self.ranges = type_id, ranges

    def __repr__(self) -> str:
        return (f"RowLayout(before={self.before_tokens!r}, after={self.after_tokens!r}, type_id={self.type_id}, "
                f"ranges={self.ranges})")

    def field(self, name: str, n: int, model: Optional[list[Any]]) -> Any:
        """A row's value of the Encoding slot ``name``: the row has ``n`` model tokens, and ``model`` is
        the model's list for ``name`` (a fresh one, laid out in place) when ``name`` is one of the model's slots (``_MODEL_FIELDS``).

        >>> layout = RowLayout([(1, "[CLS]", 0)], [(2, "[SEP]", 1)], 1, True)
        >>> layout.field("_ids", 1, [7]), layout.field("_type_ids", 1, None), layout.field("_sequence_ranges", 1, None)
        ([1, 7, 2], [0, 1, 1], {0: (1, 2)})
        """
        before, after = len(self.before_ids), len(self.after_ids)
        if name == "_ids":
            return _around(self.before_ids, model, self.after_ids)
        if name == "_attention_mask":
            return [1] * (before + n + after)
        if name == "_type_ids":
            return self.before_types + [self.type_id] * n + self.after_types
        if name == "_special_tokens_mask":
            return [1] * before + [0] * n + [1] * after
        if name == "_offsets":
            return _around([(0, 0)] * before, model, [(0, 0)] * after)
        if name == "_words":
            return _around([None] * before, model, [None] * after)
        if name == "_tokens":
            return _around(self.before_tokens, model, self.after_tokens)
        if name == "_sequence_ranges":
            return {0: (before, before + n)} if self.ranges else {}
        if name == "_overflowing":
            return []
        raise AttributeError(name)


#: The Encoding slots a row's model tokens give (the layout gives the others), and their place in a ``ModelRow``.
_MODEL_FIELDS = {"_ids": 0, "_tokens": 1, "_words": 2, "_offsets": 3}


def _unzip(specials: Sequence[tuple[int, str, int]]) -> tuple[list[int], list[str], list[int]]:
    return [s[0] for s in specials], [s[1] for s in specials], [s[2] for s in specials]


class LayoutColumns(BatchColumns):
    """``BatchColumns`` of single texts' model tokens; every row is laid out by one ``RowLayout``.

    The type ids, special-token mask and attention mask columns stay empty: the layout gives them.

    >>> columns = LayoutColumns(["a"], RowLayout([], [], 0, False)); len(columns)
    0
    """

    def __init__(self, table: Sequence[Optional[str]], layout: RowLayout) -> None:
        super().__init__(table)
        self.layout = layout

    def add(self, encodings: Sequence[Columns]) -> None:
        """Not for laid-out rows: use ``add_model_rows``.

        >>> LayoutColumns([], RowLayout([], [], 0, False)).add([])
        Traceback (most recent call last):
        TypeError: LayoutColumns holds the model's tokens of single texts: use add_model_rows
        """
        raise TypeError("LayoutColumns holds the model's tokens of single texts: use add_model_rows")

    def add_model_rows(self, encodings: Sequence[Columns]) -> None:
        """Append the model's encodings of single texts (before post-processing: type ids 0, no special
        token, attention 1, nothing overflowing, no sequence range), as the pipeline makes them.

        >>> from tokkit.encoding import Encoding
        >>> columns = LayoutColumns(["a"], RowLayout([], [], 0, False))
        >>> columns.add_model_rows([Encoding(ids=[0], tokens=["a"]), Encoding()]); list(columns.bounds)
        [0, 1, 1]
        """
        self._add_tokens(encodings)

    def field(self, name: str, row: int) -> Any:
        """Row ``row``'s value of the Encoding slot ``name``, the layout's special tokens around the sequence.

        >>> columns = LayoutColumns(["a", "[SEP]"], RowLayout([], [(1, "[SEP]", 1)], 1, True))
        >>> from tokkit.encoding import Encoding
        >>> columns.add_model_rows([Encoding(ids=[0], tokens=["a"], offsets=[(0, 1)])])
        >>> columns.field("_type_ids", 0), columns.field("_sequence_ranges", 0), columns.field("_attention_mask", 0)
        ([1, 1], {0: (0, 1)}, [1, 1])
        """
        model = super().field(name, row) if name in _MODEL_FIELDS else None
        return self.layout.field(name, self.bounds[row + 1] - self.bounds[row], model)


#: A single text's model tokens as the pipeline gave them: ids, tokens, word ids, offsets.
ModelRow = tuple[list[int], list[str], list[Optional[int]], list[Offsets]]


class LayoutRows:
    """The model's lists of single texts, kept as they are, laid out by one ``RowLayout`` when read.

    ``LayoutColumns`` for the texts this process encodes itself: nothing to send, so nothing
    is packed; only the lists the rows need are kept (not type ids or masks).

    >>> from tokkit.encoding import Encoding
    >>> rows = LayoutRows(RowLayout([(1, "[CLS]", 0)], [], 0, True))
    >>> rows.add_model_rows([Encoding(ids=[3], tokens=["hi"], offsets=[(0, 2)], word_ids=[0])])
    >>> row = Encoding._from_columns(rows)[0]; row.ids, row.type_ids, row.offsets
    ([1, 3], [0, 0], [(0, 0), (0, 2)])
    """

    def __init__(self, layout: RowLayout) -> None:
        self.layout = layout
        self.rows: list[ModelRow] = []

    def __len__(self) -> int:
        return len(self.rows)

    def add_model_rows(self, encodings: Sequence[Columns]) -> None:
        """Keep the model's encodings of single texts (as ``LayoutColumns.add_model_rows`` takes them)."""
        self.rows.extend([(e._ids, e._tokens, e._words, e._offsets) for e in encodings])

    def field(self, name: str, row: int) -> Any:
        """Row ``row``'s value of the Encoding slot ``name`` (a fresh list or dict), as ``LayoutColumns.field``.

        >>> from tokkit.encoding import Encoding
        >>> rows = LayoutRows(RowLayout([], [(2, "</s>", 0)], 0, True))
        >>> rows.add_model_rows([Encoding(ids=[7], tokens=["hi"])])
        >>> rows.field("_special_tokens_mask", 0), rows.field("_sequence_ranges", 0)
        ([0, 1], {0: (0, 1)})
        """
        lists, index = self.rows[row], _MODEL_FIELDS.get(name)
        return self.layout.field(name, len(lists[0]), None if index is None else lists[index][:])


def _around(before: list[Any], middle: Optional[list[Any]], after: list[Any]) -> list[Any]:
    assert middle is not None  # the callers give the model's list for these slots
    if before:
        middle[:0] = before
    if after:
        middle.extend(after)
    return middle
