"""Converters: SentencePiece and tiktoken models as tokkit tokenizers, and back to SentencePiece.

>>> from tokkit.converters import from_sentencepiece, to_sentencepiece, from_tiktoken
"""

from .sentencepiece import from_sentencepiece
from .sentencepiece_export import sentencepiece_bytes, to_sentencepiece
from .tiktoken import from_tiktoken

__all__ = ["from_sentencepiece", "to_sentencepiece", "sentencepiece_bytes", "from_tiktoken"]
