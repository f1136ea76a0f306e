"""Post-processors: add special tokens, set type ids and sequence ids, trim offsets.

A post-processor receives the encoding of each input sequence (one, or two
for a pair) after truncation and returns the final merged encoding.  The
components follow HF's ``processors/*`` (0.23.3), quirks included: each
quirk is named where it is reproduced.

>>> from tokkit.encoding import Encoding
>>> bert = BertProcessing(("[SEP]", 102), ("[CLS]", 101))
>>> bert.process(Encoding(ids=[7, 8], tokens=["hi", "you"])).tokens
['[CLS]', 'hi', 'you', '[SEP]']

What this module does not do: truncation and padding (``tokkit.encoding``).
"""

from .base import PROCESSORS, PostProcessor, default_process, register
from .bert import BertProcessing
from .byte_level import ByteLevel
from .roberta import RobertaProcessing
from .sequence import Sequence
from .template import TemplateProcessing

__all__ = [
    "PROCESSORS",
    "register",
    "PostProcessor",
    "TemplateProcessing",
    "BertProcessing",
    "RobertaProcessing",
    "ByteLevel",
    "Sequence",
    "default_process",
]
