"""RobertaProcessing: ``<s> A </s></s> B </s>``, with ByteLevel offset trimming (HF ``processors/roberta.rs``)."""

from __future__ import annotations

from typing import Any, Mapping

from .._validation import json_bool, json_field, require_fields
from ..encoding import Encoding
from .base import PostProcessor, _json_token_pair, _token_pair, register
from .bert import _wrap
from .byte_level import _trim_all

__all__ = ["RobertaProcessing"]


@register("RobertaProcessing")
class RobertaProcessing(PostProcessor):
    """``<s> A </s>`` and ``<s> A </s> </s> B </s>``; every type id is 0 (HF's Roberta quirk).

    Args:
        sep, cls_token: ``(token, id)`` tuples.
        trim_offsets: trim spaces out of offsets first (like the ByteLevel processor).
        add_prefix_space: whether the pre-tokenizer added a prefix space (kept in offsets).

    >>> from tokkit import Encoding
    >>> post = RobertaProcessing(("</s>", 2), ("<s>", 0))
    >>> post.process(Encoding(ids=[7], tokens=["hi"]), Encoding(ids=[8], tokens=["yo"])).tokens
    ['<s>', 'hi', '</s>', '</s>', 'yo', '</s>']
    """

    _fields = ("sep", "cls", "trim_offsets", "add_prefix_space")

    def __init__(
        self,
        sep: tuple[str, int],
        cls_token: tuple[str, int],
        trim_offsets: bool = True,
        add_prefix_space: bool = True,
    ) -> None:
        self.sep = _token_pair(sep, "sep")
        self.cls = _token_pair(cls_token, "cls_token")
        self.trim_offsets = bool(trim_offsets)
        self.add_prefix_space = bool(add_prefix_space)

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "RobertaProcessing":
        require_fields(data, "sep", "cls", "trim_offsets", "add_prefix_space", what="post_processor")
        return cls(
            _json_token_pair(data, "sep"), _json_token_pair(data, "cls"),
            json_field(data, "trim_offsets", json_bool), json_field(data, "add_prefix_space", json_bool),
        )  # fmt: skip

    def added_tokens(self, is_pair: bool) -> int:
        """2 for a single sequence (``<s> A </s>``), 4 for a pair (``... </s> B </s>``).

        >>> RobertaProcessing(("</s>", 2), ("<s>", 0)).added_tokens(True)
        4
        """
        return 4 if is_pair else 2

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        """Trim the offsets (``trim_offsets``), set every type id to 0, then add ``<s>`` and ``</s>``.

        >>> out = RobertaProcessing(("</s>", 2), ("<s>", 0)).process_encodings(
        ...     [Encoding(ids=[7], tokens=["hi"]), Encoding(ids=[8], tokens=["yo"])], True)
        >>> [e.tokens for e in out]
        [['<s>', 'hi', '</s>'], ['</s>', 'yo', '</s>']]
        """
        if self.trim_offsets:
            _trim_all(encodings, self.add_prefix_space)
        for enc in encodings:  # HF: "Roberta is weird, and every encoding is type_id=0"
            enc._type_ids = [0] * len(enc._ids)
        if not add_special_tokens:
            return encodings
        out = []
        for i, enc in enumerate(encodings):
            head = self.cls if i == 0 else self.sep
            seq = 0 if i == 0 else 1
            result = _wrap(enc, head, self.sep, seq, [0] * (len(enc._ids) + 2))
            result._overflowing = [
                _wrap(o, head, self.sep, seq, [0] * (len(o._ids) + 2)) for o in enc._overflowing
            ]
            out.append(result)
        return out
