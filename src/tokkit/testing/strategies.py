"""Hypothesis strategies for comparison tests against HF: adversarial text and tokenizer configurations.

Text: :func:`texts` (biased towards chars that break tokenizers, arbitrary code points
mixed in), :func:`adversarial_texts` (marks where no base char is, scripts mixed in
words, tag chars, joiners, every whitespace, special-token look-alikes),
:func:`sentences` (realistic training text).  Configurations, as JSON dicts both
libraries load: :func:`normalizers`, :func:`pre_tokenizers`, :func:`models`,
:func:`post_processors`, :func:`decoders`, and whole tokenizer.json documents
(:func:`tokenizers`, :func:`tokenizer_jsons`).  No text has a lone surrogate
(neither library can encode one).

Importing this module imports Hypothesis (the ``testing`` extra).

>>> from hypothesis import given
>>> @given(texts())
... def test_no_surrogates(text):
...     assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
>>> test_no_surrogates()
"""

from __future__ import annotations

from typing import Literal

from ._extras import MissingExtraError

try:
    from hypothesis import strategies as st
except ImportError as error:  # the extra is missing: say which one installs it
    raise MissingExtraError.for_module("hypothesis") from error

from .configs import decoders, models, normalizers, post_processors, pre_tokenizers, tokenizer_jsons, tokenizers
from .text import ADVERSARIAL_CHARS, INTERESTING, SPECIAL_LIKE, COMBINING, JOINING, TAGS, CHARSMAP_KEYS, SCRIPT_BASES
from .text import ASTRAL

#: Lone surrogates: neither library can encode one.
_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)

__all__ = [
    "texts", "adversarial_texts", "words", "sentences", "normalizers", "pre_tokenizers", "models", "post_processors",
    "decoders", "tokenizers", "tokenizer_jsons",
]  # fmt: skip


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text biased towards ``text.INTERESTING`` (two draws in three), with arbitrary code points mixed in.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(texts(max_size=5))
    ... def test_short(text):
    ...     assert len(text) <= 5
    >>> test_short()
    """
    interesting = st.sampled_from(list(INTERESTING))
    any_char = st.characters(blacklist_categories=_SURROGATES)
    return st.text(st.one_of(interesting, interesting, any_char), max_size=max_size)


def words(alphabet: str = "abcdeéfgh", max_size: int = 8) -> st.SearchStrategy[str]:
    """Short non-empty words over a small alphabet (one accented letter).

    >>> from hypothesis import find
    >>> find(words(), lambda word: len(word) >= 3)
    'aaa'
    """
    return st.text(st.sampled_from(list(alphabet)), min_size=1, max_size=max_size)


def sentences(max_words: int = 12) -> st.SearchStrategy[str]:
    """Mostly-ASCII words separated by spaces: realistic training text.

    >>> from hypothesis import find
    >>> find(sentences(), lambda text: text.count(" ") >= 2)
    'a a a'
    """
    return st.lists(words(), min_size=1, max_size=max_words).map(" ".join)


def adversarial_texts(max_pieces: int = 16) -> st.SearchStrategy[str]:
    """Adversarial text: scripts mixed in words, marks after punctuation, brackets and at the start,
    astral and tag chars, variation selectors, ZWJ/ZWNJ, every whitespace, special-token look-alikes, CRLF.

    >>> from hypothesis import find
    >>> find(adversarial_texts(), lambda text: "[MASK]" in text)
    '[MASK]'
    """
    char = st.sampled_from(list(ADVERSARIAL_CHARS))
    marks = list(COMBINING + JOINING + TAGS)
    piece = st.one_of(
        char,
        char,
        st.sampled_from(SPECIAL_LIKE),
        # a mark right after punctuation, a bracket or a special token, where no base char joins it
        st.tuples(st.sampled_from(SPECIAL_LIKE + tuple(".,([<>])\" ")), st.sampled_from(marks)).map("".join),
        # a short char, then marks and a base of another script: clusters HF cuts by UAX #29 rules
        st.tuples(
            st.sampled_from(list(CHARSMAP_KEYS + SCRIPT_BASES + ".]) ")),
            st.text(st.sampled_from(list(COMBINING + JOINING + TAGS[:3])), min_size=1, max_size=3),
            st.sampled_from(list(SCRIPT_BASES + ASTRAL[:4])),
        ).map("".join),
        st.characters(blacklist_categories=_SURROGATES),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)
