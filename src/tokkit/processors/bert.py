"""BertProcessing: ``[CLS] A [SEP]`` and ``[CLS] A [SEP] B [SEP]`` (HF ``processors/bert.rs``)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from .._validation import require_fields
from ..encoding import Encoding
from .base import PostProcessor, _json_token_pair, _token_pair, register

__all__ = ["BertProcessing"]


def _wrap(
    enc: Encoding, head: Optional[tuple[str, int]], tail: tuple[str, int], seq: int, type_ids: list[int]
) -> Encoding:
    """``head + enc + tail`` as special tokens around ``enc`` (Bert/Roberta layout)."""
    n = len(enc._ids)
    front = [head] if head else []
    k = len(front)
    return Encoding._raw(
        [t[1] for t in front] + enc._ids + [tail[1]],
        type_ids,
        [t[0] for t in front] + enc._tokens + [tail[0]],
        [None] * k + enc._words + [None],
        [(0, 0)] * k + enc._offsets + [(0, 0)],
        [1] * k + [0] * n + [1],
        [1] * (n + k + 1),
        [],
        {seq: (k, k + n)},
    )


@register("BertProcessing")
class BertProcessing(PostProcessor):
    """``[CLS] A [SEP]`` and ``[CLS] A [SEP] B [SEP]``; B and its SEP get type id 1.

    Args:
        sep: the ``(token, id)`` of the separator.
        cls_token: the ``(token, id)`` of the classifier token.

    >>> BertProcessing(("[SEP]", 102), ("[CLS]", 101)).num_special_tokens_to_add(True)
    3
    """

    _fields = ("sep", "cls")

    def __init__(self, sep: tuple[str, int], cls_token: tuple[str, int]) -> None:
        self.sep = _token_pair(sep, "sep")
        self.cls = _token_pair(cls_token, "cls_token")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "BertProcessing":
        require_fields(data, "sep", "cls", what="post_processor")
        return cls(_json_token_pair(data, "sep"), _json_token_pair(data, "cls"))

    def added_tokens(self, is_pair: bool) -> int:
        """2 for a single sequence (``[CLS] A [SEP]``), 3 for a pair (``... B [SEP]``).

        >>> BertProcessing(("[SEP]", 1), ("[CLS]", 0)).added_tokens(True)
        3
        """
        return 3 if is_pair else 2

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        """Wrap the first encoding in ``[CLS] ... [SEP]`` and end the second with ``[SEP]``.

        >>> out = BertProcessing(("[SEP]", 1), ("[CLS]", 0)).process_encodings([Encoding(ids=[7], tokens=["hi"])], True)
        >>> [e.tokens for e in out]
        [['[CLS]', 'hi', '[SEP]']]
        """
        if not add_special_tokens:
            return encodings
        out = []
        for i, enc in enumerate(encodings):
            out.append(self._wrap_one(enc, i))
        return out

    def _wrap_one(self, enc: Encoding, i: int) -> Encoding:
        def wrap(e: Encoding) -> Encoding:
            if i == 0:
                return _wrap(e, self.cls, self.sep, 0, [0] + e._type_ids + [0])
            return _wrap(e, None, self.sep, 1, e._type_ids + [1])

        result = wrap(enc)
        result._overflowing = [wrap(o) for o in enc._overflowing]
        return result
