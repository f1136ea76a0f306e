"""Alphabets of text that stresses tokenizers, for the Hypothesis strategies of ``strategies``.

Plain data (no Hypothesis here): each alphabet gathers chars that broke a
tokenizer's offsets, Unicode tables or special-token matching somewhere.

>>> "\\u200d" in JOINING and "\\u3000" in WHITESPACE
True
"""

from __future__ import annotations

__all__ = [
    "INTERESTING", "COMBINING", "SCRIPT_BASES", "ASTRAL", "TAGS", "JOINING", "WHITESPACE", "CHARSMAP_KEYS",
    "SPECIAL_LIKE", "ADVERSARIAL_CHARS",
]  # fmt: skip

#: Combining marks, precomposed and case-changing letters (İ, ß, ŉ), CJK, emoji with ZWJ and
#: modifiers, controls, every kind of whitespace, RTL scripts, and chars whose Unicode data changed after 9.0.
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

#: Combining marks of scripts whose clusters are complex: Indic viramas, nuktas and vowel signs,
#: Thai and Lao, Hebrew points, Arabic harakat, Myanmar, Khmer, Tibetan, Sinhala.
COMBINING = (
    "\u094d\u093c\u093f\u0940\u0902\u0903\u09cd\u09bc\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0d3b"
    "\u0e31\u0e34\u0e38\u0e47\u0e48\u0e4c\u0e33\u0eb1\u0eb3\u0ec8"
    "\u05b0\u05b4\u05bc\u05c1\u05c2\u05c7\u05c8\u064b\u0650\u0651\u0670\u0f71\u0f80\u0f84"
    "\u1039\u103a\u17d2\u17c6\u0dca\u0dcf\u1b44\ua953\u0301\u0308\u20dd\u302a\u3099\u309a"
)
#: Base chars of those scripts, so marks also land where they belong.
SCRIPT_BASES = "कतषनक़ক্তਕગଓகతಕമกขນאשבمحဗកශᬓꤰaZ1"
#: Astral chars: emoji and their modifiers, math letters, CJK ext B, Brahmi, private use, noncharacters.
ASTRAL = (
    "\U0001f600\U0001f44d\U0001f3fb\U0001f3ff\U0001f1eb\U0001f1f7\U0001f9d1\U0001d400\U0001d7ce"
    "\U00020000\U0002a6d6\U00011003\U00011046\U0001107f\U000110bd\U000f0000\U0010fffd\U0001fffe\U0010ffff"
    "\U0001f7da\U0001f1ae\u00a9\u00ae"
)
#: Tag characters (emoji tag sequences: U+E0001 LANGUAGE TAG, U+E0020-U+E007F) and nearby unassigned ones.
TAGS = "\U000e0000\U000e0001\U000e0002\U000e0020\U000e0041\U000e0067\U000e007e\U000e007f\U000e0080\U000e0100\U000e01ef"
#: Variation selectors, joiners, and format chars that clusters join or split on.
JOINING = "\ufe00\ufe0e\ufe0f\u180b\u180f\u200c\u200d\u2060\u00ad\u034f\u061c\u0600\u0890\U000110bd\u206a"
#: Every char Python or Unicode calls whitespace, plus the ones only some tables call so.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u180e"
    + "".join(map(chr, range(0x2000, 0x200C)))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
#: Short chars that SentencePiece charsmaps rewrite (NBSP, superscripts, spacing accents, ligatures, fullwidth):
#: followed by a mark they make a cluster under 6 bytes, which HF's Precompiled looks up whole.
CHARSMAP_KEYS = (
    "\xa0\xb2\xb4\xa8\xaa\xbc\xb5\xaf\xb8\u0132\u01c4\u02bc\u02dc\u0385\u03d0\u2002\u2126\uff21\uff3b\ufb01\u3000"
)
#: Special tokens of common tokenizers, and look-alikes that almost match them.
SPECIAL_LIKE = (
    "[UNK]", "[MASK]", "[CLS]", "[SEP]", "[PAD]", "<pad>", "</s>", "<unk>", "<s>", "<|endoftext|>", "<|assistant|>",
    "[MASK", "MASK]", "[mask]", "<pad >", "< pad>", "</s", "<\u0301/s>", "</\u094ds>", "</s\u0301>", "[UNK\u200d]",
    "<|endoftext|", "\r\n", "\r", "\n\r", "▁", "▁▁", "Ġ", "<0x41>",
)  # fmt: skip
#: The single chars adversarial text is made of (besides arbitrary code points).
ADVERSARIAL_CHARS = (
    COMBINING + SCRIPT_BASES + ASTRAL + TAGS + JOINING + WHITESPACE + CHARSMAP_KEYS + ".,!?([{<>}])\"'-"
)
