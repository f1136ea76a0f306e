"""HF's ready-made tokenizers (``tokenizers.implementations``): recipes built on Tokenizer.

Signatures are HF's, defaults included: the ``train`` methods keep HF's list defaults
(``special_tokens=["<unk>"]``), which they only read, never mutate.

>>> from tokkit.implementations import BertWordPieceTokenizer
>>> BertWordPieceTokenizer().normalize("Héllo")
'hello'
"""

from .base_tokenizer import BaseTokenizer
from .bert_wordpiece import BertWordPieceTokenizer
from .byte_level_bpe import ByteLevelBPETokenizer
from .char_level_bpe import CharBPETokenizer
from .sentencepiece_bpe import SentencePieceBPETokenizer
from .sentencepiece_unigram import SentencePieceUnigramTokenizer

__all__ = [
    "BaseTokenizer", "BertWordPieceTokenizer", "ByteLevelBPETokenizer", "CharBPETokenizer",
    "SentencePieceBPETokenizer", "SentencePieceUnigramTokenizer",
]  # fmt: skip
