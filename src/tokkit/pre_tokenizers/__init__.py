"""Pre-tokenizers: cut normalized text into the words a model tokenizes (HF ``tokenizers.pre_tokenizers``).

>>> from tokkit.pre_tokenizers import Sequence, WhitespaceSplit, Digits
>>> Sequence([WhitespaceSplit(), Digits(individual_digits=True)]).pre_tokenize_str("a12 b")
[('a', (0, 1)), ('1', (1, 2)), ('2', (2, 3)), ('b', (4, 5))]

Register your own with ``@tokkit.pre_tokenizers.register("Name")`` on a
``PreTokenizer`` subclass so it saves and loads like a built-in one.
"""

from ._base import PRE_TOKENIZERS, PreTokenizer, from_dict, register
from ._chunks import FixedLength, UnicodeScripts
from ._rewriting import ByteLevel, Metaspace
from ._sequence import Sequence
from ._split import Split
from ._splitters import BertPreTokenizer, CharDelimiterSplit, Digits, Punctuation, Whitespace, WhitespaceSplit

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
