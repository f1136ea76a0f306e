"""tokkit: pure-Python tokenizers with HF tokenizers' API, results and tokenizer.json.

>>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
>>> tok = Tokenizer(models.WordPiece({"[UNK]": 0, "hello": 1, "##s": 2}, unk_token="[UNK]"))
>>> tok.normalizer = normalizers.Lowercase()
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> tok.encode("Hellos there").tokens
['hello', '##s', '[UNK]']
"""

from . import decoders, implementations, models, normalizers, pre_tokenizers, processors, trainers
from ._errors import (
    ConfigurationError,
    EncodeError,
    FileWriteError,
    InputTypeError,
    MissingUnkTokenError,
    PatternTimeoutError,
    SerializationError,
    TokkitError,
    TrainingError,
    TruncationError,
    UnknownComponentError,
)
from ._encode.inputs import (
    EncodeInput,
    InputSequence,
    Offsets,
    PreTokenizedEncodeInput,
    PreTokenizedInputSequence,
    TextEncodeInput,
    TextInputSequence,
)
from ._unicode.oniguruma import Regex
from .added_tokens import AddedToken
from .encoding import Encoding
from .implementations import (
    BertWordPieceTokenizer,
    ByteLevelBPETokenizer,
    CharBPETokenizer,
    SentencePieceBPETokenizer,
    SentencePieceUnigramTokenizer,
)
from .normalized import (
    NormalizedString,
    OffsetReferential,
    OffsetType,
    PreTokenizedString,
    SplitDelimiterBehavior,
    Token,
)
from .tokenizer import Tokenizer

__version__ = "0.1.0"

__all__ = [
    "AddedToken",
    "BertWordPieceTokenizer",
    "ByteLevelBPETokenizer",
    "CharBPETokenizer",
    "ConfigurationError",
    "EncodeError",
    "EncodeInput",
    "Encoding",
    "FileWriteError",
    "InputSequence",
    "InputTypeError",
    "MissingUnkTokenError",
    "NormalizedString",
    "OffsetReferential",
    "OffsetType",
    "Offsets",
    "PatternTimeoutError",
    "PreTokenizedEncodeInput",
    "PreTokenizedInputSequence",
    "PreTokenizedString",
    "Regex",
    "SentencePieceBPETokenizer",
    "SentencePieceUnigramTokenizer",
    "SerializationError",
    "SplitDelimiterBehavior",
    "TextEncodeInput",
    "TextInputSequence",
    "Token",
    "Tokenizer",
    "TokkitError",
    "TrainingError",
    "TruncationError",
    "UnknownComponentError",
    "decoders",
    "implementations",
    "models",
    "normalizers",
    "pre_tokenizers",
    "processors",
    "trainers",
]
