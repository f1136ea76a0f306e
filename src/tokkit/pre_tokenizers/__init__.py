"""Pre-tokenizers: cut normalized text into the words a model tokenizes (HF ``tokenizers.pre_tokenizers``).

>>> from tokkit.pre_tokenizers import Sequence, WhitespaceSplit, Digits
>>> Sequence([WhitespaceSplit(), Digits(individual_digits=True)]).pre_tokenize_str("a12 b")
[('a', (0, 1)), ('1', (1, 2)), ('2', (2, 3)), ('b', (4, 5))]

Register your own with ``@tokkit.pre_tokenizers.register("Name")`` on a
``PreTokenizer`` subclass so it saves and loads like a built-in one.
"""

from .base import PRE_TOKENIZERS, PreTokenizer, from_dict, register
from .bert import BertPreTokenizer
from .byte_level import ByteLevel
from .delimiter import CharDelimiterSplit
from .digits import Digits
from .fixed_length import FixedLength
from .metaspace import Metaspace
from .punctuation import Punctuation
from .sequence import Sequence
from .split import Split
from .unicode_scripts import UnicodeScripts
from .whitespace import Whitespace, WhitespaceSplit

__all__ = [
    "PRE_TOKENIZERS",
    "register",
    "from_dict",
    "PreTokenizer",
    "BertPreTokenizer",
    "ByteLevel",
    "CharDelimiterSplit",
    "Digits",
    "FixedLength",
    "Metaspace",
    "Punctuation",
    "Sequence",
    "Split",
    "UnicodeScripts",
    "Whitespace",
    "WhitespaceSplit",
]
