"""Models: turn one pre-tokenized word into tokens (BPE, WordPiece, WordLevel, Unigram).

Every model has HF's Python API (``tokenize``, ``token_to_id``, ``id_to_token``,
``get_trainer``, ``save``) plus ``get_vocab``/``get_vocab_size``, and reads and
writes HF's model JSON.  Register your own model class by JSON type name with
``@tokkit.models.register("MyModel")``.

Untyped (legacy) model JSON is read like serde's untagged enum: it is tried as
BPE (needs ``vocab`` and ``merges``), then WordPiece (needs ``unk_token``,
``continuing_subword_prefix``, ``max_input_chars_per_word``, ``vocab``), then
WordLevel (needs ``vocab``, ``unk_token``).

>>> from_dict({"vocab": {"[UNK]": 0}, "unk_token": "[UNK]", "continuing_subword_prefix": "##",
...            "max_input_chars_per_word": 100})
WordPiece(unk_token="[UNK]", continuing_subword_prefix="##", max_input_chars_per_word=100, vocab={"[UNK]":0})
"""

from __future__ import annotations

from typing import Any

from .base import MODELS, Model
from .bpe import BPE
from .unigram import Unigram
from .wordlevel import WordLevel
from .wordpiece import WordPiece

__all__ = ["MODELS", "Model", "BPE", "WordPiece", "WordLevel", "Unigram", "register", "from_dict"]

#: Class decorator registering a model class under a JSON ``"type"`` name.
register = MODELS.register


def from_dict(data: Any) -> Model:
    """Build a model from its JSON object, typed or legacy untyped (``Model.from_dict``).

    >>> from_dict({"type": "WordLevel", "vocab": {"a": 0}, "unk_token": "a"})
    WordLevel(vocab={"a":0}, unk_token="a")
    """
    return MODELS.build(data)
