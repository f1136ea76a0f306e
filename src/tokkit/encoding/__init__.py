"""``Encoding``: the output of a tokenizer, with truncation and padding (HF ``tokenizer/encoding.rs``).

>>> enc = Encoding(ids=[1, 2, 3], tokens=["a", "b", "c"], offsets=[(0, 1), (2, 3), (4, 5)])
>>> enc.truncate(2, stride=1)
>>> enc.tokens, [o.tokens for o in enc.overflowing]
(['a', 'b'], [['b', 'c']])
"""

from .args import _U32_MAX, _USIZE_MAX, _ArgumentRangeError, _ArgumentTypeError, _parse_direction, _unsigned
from .encoding import Encoding, Offsets
from .padding import PaddingParams, pad_encodings
from .truncation import TruncationParams, truncate_encodings

__all__ = ["Encoding", "Offsets", "PaddingParams", "TruncationParams", "pad_encodings", "truncate_encodings"]
