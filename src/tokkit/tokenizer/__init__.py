"""Tokenizer: the pipeline normalizer -> pre-tokenizer -> model -> post-processor.

The public API is HF's ``tokenizers.Tokenizer`` (0.23.3), method for method.

>>> from tokkit import Tokenizer, models, pre_tokenizers
>>> tok = Tokenizer(models.WordLevel({"hello": 0, "world": 1, "[UNK]": 2}, unk_token="[UNK]"))
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> enc = tok.encode("hello big world")
>>> enc.tokens, enc.ids, enc.offsets
(['hello', '[UNK]', 'world'], [0, 2, 1], [(0, 5), (6, 9), (10, 15)])
"""

from .core import InputTypeError, Tokenizer

__all__ = ["Tokenizer", "InputTypeError"]
