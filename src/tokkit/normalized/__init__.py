"""NormalizedString and PreTokenizedString: text that remembers where it came from.

``NormalizedString`` keeps, for every normalized char, the span of original
chars it came from; ``PreTokenizedString`` holds the pieces a pre-tokenizer
cut; ``pattern`` says how text is cut.  Offsets reported by an Encoding come
from these alignments, so they stay exact through every stage.

>>> ns = NormalizedString("Héllo")
>>> ns.nfd(); ns.filter(lambda c: c.isascii()); ns.lowercase()
>>> ns.normalized, ns.offsets_of(1, 2)
('hello', (1, 2))
"""

from .normalized_string import Alignment, NormalizedString
from .pattern import Invert, Pattern, SplitDelimiterBehavior, apply_behavior, find_matches
from .pre_tokenized_string import OffsetReferential, OffsetType, PreTokenizedString, Split, SplitResult, set_encoding_type
from .token import Offsets, Token, TokenColumns, past_prefix, unzip_tokens

__all__ = [
    "Alignment", "Invert", "NormalizedString", "OffsetReferential", "OffsetType", "Offsets", "Pattern", "PreTokenizedString", "Split",
    "SplitDelimiterBehavior", "SplitResult", "Token", "TokenColumns", "apply_behavior", "find_matches",
    "past_prefix", "set_encoding_type", "unzip_tokens",
]  # fmt: skip
