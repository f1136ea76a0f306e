"""Property-based comparison tests against HF ``tokenizers`` 0.23.3, for your own tokenizers.

``assert_same_as_hf(tokenizer_or_json, texts)`` / ``diff_with_hf(...)`` compare tokkit
with HF on texts and report the first difference readably; the Hypothesis strategies
of ``tokkit.testing.strategies`` draw adversarial text and tokenizer configurations.
Needs the ``testing`` extra (``pip install -e ".[testing]"`` in a checkout: Hypothesis and HF
``tokenizers``), imported only when used: ``import tokkit`` imports neither.

>>> from tokkit import Tokenizer, models, pre_tokenizers
>>> from tokkit.testing import assert_same_as_hf
>>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hello": 1}, unk_token="[UNK]"))
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> assert_same_as_hf(tok, ["hello world", "hello"])
"""

from __future__ import annotations

from ._extras import MissingExtraError
from .compare import DEFAULT_FIELDS, FIELDS, TokenizerSource, assert_same_as_hf, diff_with_hf
from .difference import Difference
from .encodings import ENCODING_FIELDS, assert_same_encoding, encoding_dict

__all__ = [
    "assert_same_as_hf", "diff_with_hf", "Difference", "FIELDS", "DEFAULT_FIELDS", "TokenizerSource",
    "MissingExtraError", "encoding_dict", "assert_same_encoding", "ENCODING_FIELDS",
]  # fmt: skip
