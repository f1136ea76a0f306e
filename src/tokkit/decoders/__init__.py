"""Decoders: turn a list of token strings back into text (HF ``decoders/*``, 0.23.3).

``decode_chain(tokens)`` maps tokens to tokens (so decoders can be chained
in a ``Sequence``); ``decode(tokens)`` joins the chain's output.

>>> WordPiece().decode(["hello", "##s", "world", "!"])
'hellos world!'
>>> ByteLevel().decode(["Ġhello", "Ġw", "Ã©"])
' hello wé'

What this module does not do: map ids to tokens (the tokenizer does).
"""

from ._base import DECODERS, Decoder, register
from ._byte import ByteFallback, ByteLevel
from ._sequence import Fuse, Sequence
from ._stream import DecodeStream
from ._text import CTC, BPEDecoder, Metaspace, Replace, Strip, WordPiece, cleanup  # noqa: F401 (cleanup: public helper)

__all__ = [
    "DECODERS", "register", "Decoder", "WordPiece", "ByteLevel", "Metaspace", "BPEDecoder",
    "CTC", "Replace", "ByteFallback", "Fuse", "Strip", "Sequence", "DecodeStream",
]  # fmt: skip
