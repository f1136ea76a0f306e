"""``tokkit.Regex`` matches exactly as HF's Oniguruma: user patterns in Split and Replace.

Every property compares against the HF wheel (``Split(Regex(p), "isolated")``
and ``Replace(Regex(p), "<>")``) on arbitrary Unicode, with extra weight on
the chars where Oniguruma's tables differ from the ``regex`` module's.
"""

from __future__ import annotations

import pickle

import pytest
import tokenizers
from hypothesis import given
from hypothesis import strategies as st
from strategies import texts

import tokkit
from tokkit._unicode.oniguruma import OnigPattern, _CLASSES

GPT2 = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"
GPT4 = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
        r"|\s*[\r\n]+|\s+(?!\S)|\s+")
LLAMA3 = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
          r"|\s*[\r\n]+|\s+(?!\S)|\s+")
O200K = (r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
         r"|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
         r"|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+")
MODEL_PATTERNS = [GPT2, GPT4, LLAMA3, O200K]
USER_PATTERNS = [
    r"\p{L}+", r"\p{N}", r"\p{P}+", r"\p{S}", r"\p{M}", r"\p{C}", r"\p{Lu}\p{Ll}*", r"\P{L}+", r"\p{^N}+",
    r"\w+", r"\W", r"\d+", r"\D+", r"\s+", r"\S+", r"\h+", r"\H", r"[\w\-]+", r"[^\w\s]", r"[\W\d]+",
    r"[[:alpha:]]+", r"[[:digit:]]", r"[[:alnum:]]+", r"[[:punct:]]", r"[[:upper:]]", r"[[:lower:]]+",
    r"[[:space:]]+", r"[[:^alpha:]]+", r"[[:graph:]]+", r"\p{Han}+|\p{Hiragana}+|\p{Katakana}+",
    r"\p{Latin}+", r"\p{Greek}|\p{Cyrillic}", r"\p{Alpha}+", r"\p{Word}+", r"\p{Digit}", r"\p{Punct}",
    r"\b", r"\B", r"\b\w", r"\w\b", r"(?i)\p{Lu}+", r"(?i)[a-z]+", r"(?i)hello", r"\p{Emoji}+",
    r"[\p{L}\p{M}]+", r"[^\p{L}\p{N}\p{Z}]+", r"\p{Nd}+|\p{No}", r"\p{Cn}", r"\p{Zs}",
]
# Chars on which a ``regex`` builtin and Oniguruma disagree (new Unicode, ²³¹¼½¾, ...).
DISAGREEING = sorted({chr(a) for cls in _CLASSES.values() for a, _ in cls.ranges()[:0]}
                     | set("\u00b2\u00b3\u00b9\u00bc\u00bd\u00be\u0295\u0558\u058b\u088f\u0c5c\u208f\u209d"
                           "\ua7ce\ua7dd\U000107bb\U00010940\U00011de0\U0001e5d0\U0001f6d8\u0130\u212a\u017f"))
hot_texts = st.text(st.one_of(st.sampled_from(DISAGREEING), st.sampled_from(list("aZ09 _-'\n")),
                              st.characters(blacklist_categories=("Cs",))), max_size=30)


def hf_split(pattern: str, text: str) -> list:
    pre = tokenizers.pre_tokenizers.Split(tokenizers.Regex(pattern), "isolated")
    return pre.pre_tokenize_str(text)


def tk_split(pattern: str, text: str) -> list:
    return tokkit.pre_tokenizers.Split(tokkit.Regex(pattern), "isolated").pre_tokenize_str(text)


def check(pattern: str, text: str) -> None:
    assert tk_split(pattern, text) == hf_split(pattern, text), (pattern, text)


@pytest.mark.parametrize("pattern", MODEL_PATTERNS, ids=["gpt2", "gpt4", "llama3", "o200k"])
@given(text=st.one_of(texts, hot_texts))
def test_model_patterns_like_hf(pattern, text):
    check(pattern, text)


@pytest.mark.parametrize("pattern", USER_PATTERNS)
@given(text=st.one_of(texts, hot_texts))
def test_user_patterns_like_hf(pattern, text):
    check(pattern, text)


@pytest.mark.parametrize("pattern", [r"\p{L}+", r"\w", r"[[:digit:]]+", r"\h", r"\b"])
@given(text=hot_texts)
def test_replace_normalizer_like_hf(pattern, text):
    hf = tokenizers.normalizers.Replace(tokenizers.Regex(pattern), "<>").normalize_str(text)
    assert tokkit.normalizers.Replace(tokkit.Regex(pattern), "<>").normalize_str(text) == hf


@pytest.mark.parametrize("pattern", [r"\p{L}", r"\w", r"\s", r"\d", r"\p{P}", r"[[:alpha:]]", r"[[:digit:]]",
                                     r"[[:punct:]]", r"\p{Cn}", r"\p{Han}"])
def test_whole_unicode_range_like_hf(pattern):
    """One pass over every code point (the generated tables must be the wheel's)."""
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    pattern += "+"
    assert tk_split(pattern, text) == hf_split(pattern, text)


@pytest.mark.parametrize("pattern, text", [
    (r"\w+", "x\u00b2 \u00bd"),          # Oniguruma's \w holds ²³¹¼½¾ (No)
    (r"\b", "a\u00b2 b"),                # and so does its word boundary
    (r"\h+", "deadBEEF gh"),             # \h is a hex digit, not horizontal space
    (r"[[:digit:]]+", "12\u0663\u0664"), # POSIX digit is Unicode Nd
    (r"[[:punct:]]+", "a+$<b"),          # POSIX punct is P and S
    (r"\p{L}+", "a\u0558b"),             # U+0558 (Unicode 17) is unassigned in Oniguruma
    (r"(?i)\p{Lu}+", "ABcdEF"),          # a property escape is not case-folded
    (r"\p{Ll}", "\u0295"),               # Oniguruma still has ʕ as Ll
    (r"[\P{L}]+", "ab12\u0558cd"),
])
def test_documented_oniguruma_differences(pattern, text):
    check(pattern, text)


def test_plain_patterns_stay_plain_regex():
    assert not isinstance(tokkit.Regex(r"a+|b").compiled, OnigPattern)
    compiled = tokkit.Regex(GPT2).compiled
    assert isinstance(compiled, OnigPattern) and compiled.for_text("hello world") is compiled.plain


def test_regex_round_trips():
    pattern = tokkit.Regex(r"\p{L}+\h")
    assert pickle.loads(pickle.dumps(pattern)) == pattern and repr(pattern) == "Regex('\\\\p{L}+\\\\h')"
    split = tokkit.pre_tokenizers.Split(pattern, "removed")
    hf = tokenizers.pre_tokenizers.Split(tokenizers.Regex(r"\p{L}+\h"), "removed")
    assert pickle.loads(pickle.dumps(split)).pre_tokenize_str("ab1x") == hf.pre_tokenize_str("ab1x") == [("x", (3, 4))]


def test_invalid_pattern_raises_configuration_error():
    with pytest.raises(tokkit.ConfigurationError, match="invalid regular expression"):
        tokkit.Regex(r"[a")
