"""``Encoding`` changes: truncate into overflowing windows, pad, merge."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, Iterable

from .args import _U32_MAX, _ArgumentTypeError, _parse_direction, _unsigned
from .._errors import TruncationError

if TYPE_CHECKING:
    from .encoding import Encoding

__all__ = ["EncodingOps"]


class EncodingOps:
    """Mixin of ``Encoding``: ``truncate``, ``pad`` and ``merge`` (HF ``encoding.rs``).

    It works on the Encoding's slots and holds no state of its own.
    """

    __slots__ = ()

    def truncate(self, max_length: int, stride: int = 0, direction: str = "right") -> None:
        """Keep ``max_length`` tokens; the rest become overflowing windows.

        Windows advance by ``max_length - stride``, so consecutive windows
        share ``stride`` tokens.  ``stride >= max_length`` raises
        ``TruncationError`` (HF panics).  The sequence ranges are dropped.

        >>> from tokkit.encoding import Encoding
        >>> e = Encoding(ids=[1, 2, 3, 4, 5]); e.truncate(2, direction="left")
        >>> e.ids, [o.ids for o in e.overflowing]
        ([4, 5], [[2, 3], [1]])
        """
        left = _parse_direction(direction, "Invalid truncation direction value : {}")
        self._truncate(_unsigned(max_length, "max_length"), _unsigned(stride, "stride"), left)

    def _truncate(self, max_len: int, stride: int, left: bool) -> None:
        n = len(self._ids)
        if max_len >= n:
            return
        if max_len == 0:
            from .encoding import Encoding  # imported here: .encoding imports this module

            whole = Encoding._raw(
                self._ids, self._type_ids, self._tokens, self._words, self._offsets,
                self._special_tokens_mask, self._attention_mask,
                self._overflowing, self._sequence_ranges,
            )  # fmt: skip
            empty = Encoding._raw([], [], [], [], [], [], [], [whole], {})
            self._assign(empty)
            return
        if stride >= max_len:
            raise TruncationError(
                f"`stride` must be strictly less than `max_len={max_len}` (note that `max_len` may "
                "be shorter than the max length of the original model, as it subtracts the number "
                f"of special characters); got stride={stride}"
            )
        windows = _windows(n, max_len, max_len - stride, left)
        first = self._slice(*windows[0])
        first._overflowing = [self._slice(s, e) for s, e in windows[1:]]
        self._assign(first)

    def pad(
        self,
        length: int,
        direction: str = "right",
        pad_id: int = 0,
        pad_type_id: int = 0,
        pad_token: str = "[PAD]",
        **kwargs: Any,
    ) -> None:
        """Pad to ``length`` tokens (overflowing encodings too); longer ones stay as they are.

        >>> from tokkit.encoding import Encoding
        >>> e = Encoding(ids=[7]); e.pad(3, direction="left", pad_id=0)
        >>> e.ids, e.attention_mask, e.special_tokens_mask
        ([0, 0, 7], [0, 0, 1], [1, 1, 0])
        """
        for key in kwargs:  # HF prints and ignores unknown options
            warnings.warn(f"Ignored unknown kwarg option {key}", stacklevel=2)
        left = _parse_direction(direction, "Unknown `direction`: `{}`. Use one of `left` or `right`")
        if not isinstance(pad_token, str):
            raise _ArgumentTypeError(f"pad_token must be a str, got {type(pad_token).__name__}")
        self._pad(
            _unsigned(length, "length"), _unsigned(pad_id, "pad_id", _U32_MAX),
            _unsigned(pad_type_id, "pad_type_id", _U32_MAX), pad_token, left,
        )  # fmt: skip

    def _pad(self, length: int, pad_id: int, pad_type_id: int, pad_token: str, left: bool) -> None:
        for overflow in self._overflowing:
            overflow._pad(length, pad_id, pad_type_id, pad_token, left)
        missing = length - len(self._ids)
        if missing <= 0:
            return
        if left:
            self._ids[:0] = [pad_id] * missing
            self._type_ids[:0] = [pad_type_id] * missing
            self._tokens[:0] = [pad_token] * missing
            self._words[:0] = [None] * missing
            self._attention_mask[:0] = [0] * missing
            self._special_tokens_mask[:0] = [1] * missing
            self._offsets[:0] = [(0, 0)] * missing
            self._sequence_ranges = {
                k: (s + missing, e + missing) for k, (s, e) in self._sequence_ranges.items()
            }
        else:
            self._ids.extend([pad_id] * missing)
            self._type_ids.extend([pad_type_id] * missing)
            self._tokens.extend([pad_token] * missing)
            self._words.extend([None] * missing)
            self._attention_mask.extend([0] * missing)
            self._special_tokens_mask.extend([1] * missing)
            self._offsets.extend([(0, 0)] * missing)

    @staticmethod
    def merge(encodings: Iterable["Encoding"], growing_offsets: bool = True) -> "Encoding":
        """Concatenate encodings; with ``growing_offsets`` each one's offsets move past the previous end.

        >>> from tokkit.encoding import Encoding
        >>> a, b = Encoding(ids=[1], offsets=[(0, 2)]), Encoding(ids=[2], offsets=[(0, 3)])
        >>> Encoding.merge([a, b]).offsets
        [(0, 2), (2, 5)]
        """
        from .encoding import Encoding  # imported here: .encoding imports this module

        result = Encoding._raw([], [], [], [], [], [], [], [], {})
        for encoding in encodings:
            if not isinstance(encoding, Encoding):
                raise _ArgumentTypeError(
                    f"'{type(encoding).__name__}' object is not an instance of 'Encoding'"
                )
            result._merge_with(encoding._copy(), bool(growing_offsets))
        return result

    def _merge_with(self, pair: "Encoding", growing_offsets: bool) -> None:
        """Append ``pair`` in place (HF ``merge_with``); ``pair`` is consumed.

        Overflowing encodings combine as a cross product: each of ours with
        ``pair`` and with each of its overflowing, then ourselves with each of
        its overflowing.
        """
        overflowings: list[Encoding] = []
        for mine in self._overflowing:
            combined = mine._copy()
            combined._merge_with(pair._copy(), growing_offsets)
            overflowings.append(combined)
            for theirs in pair._overflowing:
                combined = mine._copy()
                combined._merge_with(theirs._copy(), growing_offsets)
                overflowings.append(combined)
        for theirs in pair._overflowing:
            combined = self._copy()
            combined._merge_with(theirs._copy(), growing_offsets)
            overflowings.append(combined)

        base = len(self._ids)
        for seq_id, (start, end) in pair._sequence_ranges.items():
            self._sequence_ranges[seq_id] = (base + start, base + end)
        self._ids.extend(pair._ids)
        self._type_ids.extend(pair._type_ids)
        self._tokens.extend(pair._tokens)
        self._words.extend(pair._words)
        shift = self._offsets[-1][1] if growing_offsets and self._offsets else 0
        if shift:
            self._offsets.extend([(s + shift, e + shift) for s, e in pair._offsets])
        else:
            self._offsets.extend(pair._offsets)
        self._special_tokens_mask.extend(pair._special_tokens_mask)
        self._attention_mask.extend(pair._attention_mask)
        self._overflowing = overflowings


def _windows(n: int, max_len: int, step: int, left: bool) -> list[tuple[int, int]]:
    """The ``(start, stop)`` token windows of HF's ``truncate``, first window first."""
    windows: list[tuple[int, int]] = []
    if not left:
        for start in range(0, n, step):
            stop = min(start + max_len, n)
            windows.append((start, stop))
            if stop == n:
                break
        return windows
    for last in range(n - 1, -1, -step):
        stop = last + 1
        start = max(stop - max_len, 0)
        windows.append((start, stop))
        if start == 0:
            break
    return windows
