"""Converters: SentencePiece and tiktoken models as tokkit tokenizers, and back to SentencePiece.

* :func:`from_sentencepiece` (a ``.model`` path or its bytes; no protobuf needed) gives
  ``sentencepiece``'s ids; :func:`to_sentencepiece` writes a ``.model`` back.
* :func:`from_tiktoken` (a ``tiktoken.Encoding``, or ranks + pattern + special tokens)
  gives ``tiktoken``'s ids.
* :func:`convert` converts files (``tokkit convert``).

>>> from tokkit.converters import from_sentencepiece, to_sentencepiece, from_tiktoken, convert
"""

from .files import FORMATS, convert, read_tiktoken_ranks
from .sentencepiece import from_sentencepiece
from .sentencepiece_export import sentencepiece_bytes, to_sentencepiece
from .tiktoken import PATTERNS, from_tiktoken

__all__ = [
    "from_sentencepiece", "to_sentencepiece", "sentencepiece_bytes", "from_tiktoken", "convert",
    "read_tiktoken_ranks", "FORMATS", "PATTERNS",
]  # fmt: skip
