"""``Encoding``: the output of a tokenizer, with truncation and padding (HF ``tokenizer/encoding.rs``).

``encoding`` holds the class; ``lookups`` and ``ops`` its algorithms as plain
functions; ``truncation`` and ``padding`` the tokenizer's parameters and the
batch functions that apply them.

>>> enc = Encoding(ids=[1, 2, 3], tokens=["a", "b", "c"], offsets=[(0, 1), (2, 3), (4, 5)])
>>> enc.truncate(2, stride=1)
>>> enc.tokens, [o.tokens for o in enc.overflowing]
(['a', 'b'], [['b', 'c']])
"""

from ..normalized import set_encoding_type
from .batch import BatchColumns, vocabulary_table
from .columns import Offsets
from .encoding import Encoding
from .layout_rows import LayoutColumns, LayoutRows, RowLayout
from .ops import merge_into
from .padding import PaddingParams, pad_encodings
from .truncation import TruncationParams, check_stride, effective_params, truncate_encodings

set_encoding_type(Encoding)  # PreTokenizedString.to_encoding (a layer below) builds these

__all__ = [
    "BatchColumns", "Encoding", "LayoutColumns", "LayoutRows", "Offsets", "PaddingParams", "TruncationParams", "check_stride", "effective_params", "merge_into",
    "pad_encodings", "RowLayout", "truncate_encodings", "vocabulary_table",
]  # fmt: skip
