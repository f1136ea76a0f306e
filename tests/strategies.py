"""Hypothesis strategies for text that stresses tokenizers.

The alphabet mixes what breaks offset bookkeeping and Unicode tables:
combining marks, precomposed letters, CJK, emoji with ZWJ and modifiers,
control chars, every kind of whitespace, RTL scripts, chars whose case
mapping changes length (İ, ß, ŉ), and chars whose Unicode data changed
after 9.0.
"""

from __future__ import annotations

from hypothesis import strategies as st

INTERESTING = (
    "aAbBzZ09 .,!?'-_$+<=>^~`|\"#%&()*/:;@[]{}\\"
    "éÉèàçñüÅøß\u0130\u0149\u01f0\u1e9e\u03a3\u03c3\u03c2"  # precomposed, case-changing
    "e\u0301\u0300\u0308\u0327\u20dd\u0488\u0903"  # combining marks Mn/Me/Mc
    "中文字漢字ひらがなカタカナー한국어"  # CJK, kana, hangul
    "\U0001f600\U0001f44d\U0001f3fd\u200d\u2764\ufe0f\U0001f468\U0001f469"  # emoji, ZWJ, VS16
    "\t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\u200b\ufeff"
    "\x00\x01\x7f\x9f\ufffd\u00ad"  # controls, replacement, soft hyphen
    "\u05e9\u05dc\u05d5\u05dd\u0645\u0631\u062d\u0628\u0627\u200f"  # Hebrew, Arabic, RLM
    "\u0915\u094d\u0937\u093f\u0e01\u0e34"  # Devanagari, Thai
    "\u00b2\u00bd\u0660\u4e94\u2160\uff21\ufb01\u2e43\u1dfb\u0345"  # numerics, fullwidth, ligature
    "\U00020000\U0002a700\uf900\u3400"  # CJK extension ranges
    "▁Ġ"
)

interesting_chars = st.sampled_from(list(INTERESTING))
any_chars = st.characters(blacklist_categories=("Cs",))

#: Text biased towards the interesting alphabet, with arbitrary code points mixed in.
texts = st.text(st.one_of(interesting_chars, interesting_chars, any_chars), max_size=40)

#: Mostly-ASCII words separated by whitespace: realistic training text.
words = st.text(st.sampled_from(list("abcdeéfgh")), min_size=1, max_size=8)
sentences = st.lists(words, min_size=1, max_size=12).map(" ".join)
