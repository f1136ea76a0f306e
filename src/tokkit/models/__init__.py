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

import json
from typing import Any, Mapping

from .._json.component import from_dict_of
from .._errors import SerializationError
from .base import MODELS, Model
from .bpe import BPE
from .unigram import Unigram
from .wordlevel import WordLevel
from .wordpiece import WordPiece

__all__ = ["MODELS", "Model", "BPE", "WordPiece", "WordLevel", "Unigram", "register", "from_dict"]

#: Class decorator registering a model class under a JSON ``"type"`` name.
register = MODELS.register

# Order matters: serde tries the variants of the untagged enum in declaration order.
_LEGACY_ORDER = ("BPE", "WordPiece", "WordLevel", "Unigram")


def from_dict(data: Any) -> Model:
    """Build a model from its JSON object, typed or legacy untyped."""
    if isinstance(data, Mapping) and "type" not in data:
        return _from_legacy(data)
    return from_dict_of(MODELS, data)


def _from_legacy(data: Mapping[str, Any]) -> Model:
    errors = []
    for name in _LEGACY_ORDER:
        if name not in MODELS.names():
            continue
        try:
            return MODELS.get(name)._from_json(data)  # type: ignore[attr-defined]
        except (SerializationError, TypeError, ValueError, KeyError) as exc:
            errors.append(f"{name}: {exc}")
    raise SerializationError(
        "model JSON has no \"type\" and matches no model (data did not match any variant of untagged "
        f"enum ModelUntagged): {'; '.join(errors)}. Got {json.dumps(dict(data), ensure_ascii=False)[:200]}"
    )


def _model_from_dict(cls: type, data: Any) -> Model:
    return from_dict(data)


Model.from_dict = classmethod(_model_from_dict)  # type: ignore[assignment,method-assign]
