"""The test suite's Hypothesis strategies: those of ``tokkit.testing.strategies``, drawn with their defaults.

The suite shares one instance of each (module-level names, as its tests were written
against); users get the same strategies from ``tokkit.testing.strategies``.
"""

from __future__ import annotations

from tokkit.testing import strategies as _public
from tokkit.testing.text import (  # noqa: F401 - re-exported for the tests
    ASTRAL, CHARSMAP_KEYS, COMBINING, INTERESTING, JOINING, SCRIPT_BASES, SPECIAL_LIKE, TAGS, WHITESPACE,
)  # fmt: skip

#: Text biased towards the interesting alphabet, with arbitrary code points mixed in.
texts = _public.texts()
#: Mostly-ASCII words separated by whitespace: realistic training text.
words = _public.words()
sentences = _public.sentences()
#: Adversarial text: scripts mixed in words, marks after punctuation, brackets and at the start,
#: astral and tag chars, variation selectors, ZWJ/ZWNJ, every whitespace, special-token look-alikes, CRLF.
adversarial_texts = _public.adversarial_texts()
