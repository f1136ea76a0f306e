"""Decoders: turn a list of token strings back into text (HF ``decoders/*``, 0.23.3).

``decode_chain(tokens)`` maps tokens to tokens (so decoders can be chained
in a ``Sequence``); ``decode(tokens)`` joins the chain's output.

>>> WordPiece().decode(["hello", "##s", "world", "!"])
'hellos world!'
>>> ByteLevel().decode(["Ġhello", "Ġw", "Ã©"])
' hello wé'

What this module does not do: map ids to tokens (the tokenizer does).
"""

from .base import DECODERS, Decoder, register
from .bpe import BPEDecoder
from .byte_fallback import ByteFallback
from .byte_level import ByteLevel
from .ctc import CTC
from .decode_stream import DecodeStream
from .fuse import Fuse
from .metaspace import Metaspace
from .replace import Replace
from .sequence import Sequence
from .strip import Strip
from .wordpiece import WordPiece, cleanup  # noqa: F401 (cleanup: public helper)

__all__ = [
    "DECODERS", "register", "Decoder", "WordPiece", "ByteLevel", "Metaspace", "BPEDecoder",
    "CTC", "Replace", "ByteFallback", "Fuse", "Strip", "Sequence", "DecodeStream",
]  # fmt: skip
