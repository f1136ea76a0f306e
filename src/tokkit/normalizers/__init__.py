"""Normalizers: clean the raw text before pre-tokenization (HF ``normalizers/*``, 0.23.3).

Each normalizer has two paths that always agree:

* ``normalize(ns)`` edits a :class:`~tokkit.NormalizedString` in place and
  keeps HF's exact alignments (what ``encode`` offsets are built from);
* ``normalize_str(s)`` is the plain-string fast path (C-level ``str`` methods
  and compiled regexes), used for training and for fast encoding.

>>> Sequence([NFD(), Lowercase(), StripAccents()]).normalize_str("Héllo WÖRLD")
'hello world'
>>> BertNormalizer().normalize_str("Héllo\\t中文")
'hello  中  文 '

Register your own with ``@tokkit.normalizers.register("Name")`` on a
``Normalizer`` subclass so it saves and loads like a built-in one.

What this package does not do: the Unicode tables themselves (``tokkit._unicode.normalization``,
``tokkit._unicode.categories``) and the charsmap trie walk (``tokkit._unicode.charsmap``).
"""

from .base import Normalizer, from_dict, register
from .bert import BertNormalizer
from .byte_level import ByteLevel
from .lowercase import Lowercase
from .precompiled import Precompiled
from .prepend import Prepend
from .replace import Replace
from .sequence import Sequence
from .strip import Strip, StripAccents
from .unicode import NFC, NFD, NFKC, NFKD, Nmt, unicode_normalizer_from_str

#: HF's table of the Unicode forms by name (the family's registry is ``Normalizer``'s, ``base.NORMALIZERS``).
NORMALIZERS = {"nfc": NFC, "nfd": NFD, "nfkc": NFKC, "nfkd": NFKD}

__all__ = [
    "NORMALIZERS", "register", "from_dict", "Normalizer", "NFD", "NFKD", "NFC", "NFKC",
    "Lowercase", "Strip", "StripAccents", "Replace", "Prepend", "BertNormalizer", "ByteLevel",
    "Nmt", "Precompiled", "Sequence", "unicode_normalizer_from_str",
]  # fmt: skip
