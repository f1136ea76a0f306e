"""An Encoding's pickle state: the JSON object of HF's Rust struct (serde field names).

>>> from tokkit.encoding import Encoding
>>> state = encoding_state(Encoding(ids=[4], offsets=[(0, 2)]))
>>> state["offsets"], state["sequence_ranges"]
([[0, 2]], {})
>>> Encoding(**encoding_arguments(state, Encoding)).offsets
[(0, 2)]
"""

from __future__ import annotations

from typing import Any, Callable

from .columns import Columns

__all__ = ["encoding_arguments", "encoding_state"]


def encoding_state(encoding: Columns) -> dict[str, Any]:
    """HF's serde JSON object of ``encoding`` (overflowing encodings nested)."""
    return {
        "ids": encoding._ids,
        "type_ids": encoding._type_ids,
        "tokens": encoding._tokens,
        "words": encoding._words,
        "offsets": [list(o) for o in encoding._offsets],
        "special_tokens_mask": encoding._special_tokens_mask,
        "attention_mask": encoding._attention_mask,
        "overflowing": [encoding_state(o) for o in encoding._overflowing],
        "sequence_ranges": {str(k): {"start": s, "end": e} for k, (s, e) in encoding._sequence_ranges.items()},
    }


def encoding_arguments(data: dict[str, Any], build: Callable[..., Any]) -> dict[str, Any]:
    """The ``Encoding(...)`` keyword arguments of a state object (``build`` makes the overflowing ones)."""
    return {
        "ids": data["ids"], "type_ids": data["type_ids"], "tokens": data["tokens"], "word_ids": data["words"],
        "offsets": [tuple(o) for o in data["offsets"]], "special_tokens_mask": data["special_tokens_mask"],
        "attention_mask": data["attention_mask"],
        "overflowing": [build(**encoding_arguments(o, build)) for o in data["overflowing"]],
        "sequence_ranges": {int(k): (r["start"], r["end"]) for k, r in data["sequence_ranges"].items()},
    }  # fmt: skip
