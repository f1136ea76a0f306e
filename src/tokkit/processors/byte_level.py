"""The ``ByteLevel`` post-processor and ``process_offsets`` (offset trimming shared with Roberta)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from .._unicode import WHITESPACE
from .._validation import json_bool, json_field, require_fields
from ..encoding import Encoding, RowLayout
from .base import PostProcessor, register

__all__ = ["ByteLevel", "process_offsets"]

_SPACES = "\u0120" + WHITESPACE  # 'Ġ' (the byte-level space) or whitespace


def process_offsets(encoding: Encoding, add_prefix_space: bool) -> None:
    """Trim leading/trailing spaces out of each token's offsets (HF ``process_offsets``).

    A first token (index 0, **or any token whose offsets start at 0**) keeps
    exactly one leading space when ``add_prefix_space``: that space was added.

    >>> e = Encoding(ids=[1, 2], tokens=["Ġhi", "Ġyou"], offsets=[(0, 2), (2, 6)])
    >>> process_offsets(e, True); e.offsets
    [(0, 2), (3, 6)]
    """
    offsets = encoding._offsets
    for i, token in enumerate(encoding._tokens):
        stripped = token.lstrip(_SPACES)
        lead = len(token) - len(stripped)
        trail = len(stripped) - len(stripped.rstrip(_SPACES)) if stripped else len(token)
        if not lead and not trail:
            continue
        start, end = offsets[i]
        if lead:
            if (i == 0 or start == 0) and add_prefix_space and lead == 1:
                lead = 0
            start = min(start + lead, end)
        if trail and end >= trail:
            end = max(end - trail, start)
        offsets[i] = (start, end)


def _trim_all(encodings: list[Encoding], add_prefix_space: bool) -> None:
    for encoding in encodings:
        process_offsets(encoding, add_prefix_space)
        for overflow in encoding._overflowing:
            process_offsets(overflow, add_prefix_space)


@register("ByteLevel")
class ByteLevel(PostProcessor):
    """Trims the byte-level spaces (``Ġ``) out of offsets; adds no token.

    >>> ByteLevel()
    ByteLevel(add_prefix_space=True, trim_offsets=True, use_regex=True)
    """

    _fields = ("add_prefix_space", "trim_offsets", "use_regex")

    def __init__(
        self,
        add_prefix_space: Optional[bool] = None,
        trim_offsets: Optional[bool] = None,
        use_regex: Optional[bool] = None,
        **kwargs: Any,
    ) -> None:
        # HF accepts and ignores any other keyword argument here.
        self.add_prefix_space = True if add_prefix_space is None else bool(add_prefix_space)
        self.trim_offsets = True if trim_offsets is None else bool(trim_offsets)
        self.use_regex = True if use_regex is None else bool(use_regex)

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "ByteLevel":
        require_fields(data, "add_prefix_space", "trim_offsets", what="post_processor")  # use_regex defaults to true
        return cls(
            json_field(data, "add_prefix_space", json_bool), json_field(data, "trim_offsets", json_bool),
            json_field(data, "use_regex", json_bool, True),
        )  # fmt: skip

    def single_layout(self, add_special_tokens: bool) -> Optional[RowLayout]:
        """Without ``trim_offsets``, a single encoding only gets sequence range 0 (None otherwise).

        >>> ByteLevel(trim_offsets=False).single_layout(True), ByteLevel().single_layout(True)
        (RowLayout(before=[], after=[], type_id=0, ranges=True), None)
        """
        if self.trim_offsets or type(self).process_encodings is not ByteLevel.process_encodings:
            return None
        return RowLayout([], [], 0, ranges=True)

    def process_encodings(self, encodings: list[Encoding], add_special_tokens: bool) -> list[Encoding]:
        """Trim the leading and trailing spaces (``Ġ``) out of the offsets, if ``trim_offsets``; no tokens are added.

        >>> enc = Encoding(ids=[5, 6], tokens=["ĠHi", "Ġyou"], offsets=[(0, 3), (3, 7)])
        >>> [e.offsets for e in ByteLevel(trim_offsets=True).process_encodings([enc], True)]
        [[(0, 3), (4, 7)]]
        """
        if self.trim_offsets:
            _trim_all(encodings, self.add_prefix_space)
        for i, enc in enumerate(encodings):
            enc._sequence_ranges[i] = (0, len(enc._ids))
        return encodings
