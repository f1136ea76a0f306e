"""Converters: SentencePiece and tiktoken models as tokkit tokenizers, and back to SentencePiece.

>>> from tokkit.converters import from_sentencepiece, to_sentencepiece, from_tiktoken, convert
"""

from .sentencepiece import from_sentencepiece

__all__ = ["from_sentencepiece"]
