"""``Encoding``: the output of a tokenizer, with HF's exact semantics.

An Encoding holds parallel lists (ids, type ids, tokens, word ids, char
offsets, special-token mask, attention mask), the ``overflowing`` encodings
produced by truncation, and ``sequence_ranges``: for each input sequence id
the ``(start, end)`` token range it covers.  Every method follows HF's Rust
``tokenizer/encoding.rs`` (0.23.3), including its odd corners, which are
named in the comments.

>>> enc = Encoding(ids=[1, 2, 3], tokens=["a", "b", "c"], offsets=[(0, 1), (2, 3), (4, 5)])
>>> enc.truncate(2, stride=1)
>>> enc.tokens, [o.tokens for o in enc.overflowing]
(['a', 'b'], [['b', 'c']])

What this module does not do: build encodings from text (the tokenizer
does), or decide how many special tokens a post-processor adds.
"""

from __future__ import annotations

import json
import operator
import warnings
from typing import Any, Iterable, Optional, Sequence

from ._errors import ConfigurationError, TruncationError

__all__ = ["Encoding"]

Offsets = tuple[int, int]
_USIZE_MAX = 2**64 - 1
_U32_MAX = 2**32 - 1


class _ArgumentTypeError(ConfigurationError, TypeError):
    """A wrong argument type (HF raises TypeError here)."""


class _ArgumentRangeError(ConfigurationError, OverflowError):
    """An integer outside the Rust type's range (HF raises OverflowError here)."""


def _unsigned(value: Any, name: str, limit: int = _USIZE_MAX) -> int:
    """``value`` as a non-negative int, like pyo3's ``usize``/``u32`` extraction."""
    if type(value) is int and 0 <= value <= limit:
        return value
    try:
        number = operator.index(value)
    except TypeError:
        raise _ArgumentTypeError(
            f"{name} must be an int, got {type(value).__name__} {value!r:.40}"
        ) from None
    if number < 0:
        raise _ArgumentRangeError(f"{name} must be >= 0, got {number} (can't convert negative int to unsigned)")
    if number > limit:
        raise _ArgumentRangeError(f"{name} must be <= {limit}, got {number}")
    return number


def _parse_direction(direction: Any, message: str) -> bool:
    """True for "left", False for "right"; anything else raises ``message``."""
    if direction == "right":
        return False
    if direction == "left":
        return True
    raise ConfigurationError(message.format(direction))


class Encoding:
    """The result of encoding a sequence (or pair): ids, tokens, offsets and masks.

    The constructor is what the tokenizer uses; HF's Python ``Encoding()``
    takes no argument and gives an empty encoding, as this one does.  A list
    left empty while ``ids`` is not gets HF's defaults for a plain token:
    type id 0, token ``""``, word None, offsets (0, 0), special mask 0,
    attention 1.

    Args:
        ids: token ids.
        type_ids, tokens, word_ids, offsets, special_tokens_mask,
            attention_mask: parallel lists, one item per id.
        overflowing: encodings cut off by truncation.
        sequence_ranges: ``{sequence_id: (start, end)}`` token ranges.

    >>> Encoding(ids=[5, 6], tokens=["hi", "there"])
    Encoding(num_tokens=2, attributes=[ids, type_ids, tokens, offsets, attention_mask, special_tokens_mask, overflowing])
    """

    __slots__ = (
        "_ids", "_type_ids", "_tokens", "_words", "_offsets",
        "_special_tokens_mask", "_attention_mask", "_overflowing", "_sequence_ranges",
    )  # fmt: skip

    def __init__(
        self,
        ids: Iterable[int] = (),
        type_ids: Iterable[int] = (),
        tokens: Iterable[str] = (),
        word_ids: Iterable[Optional[int]] = (),
        offsets: Iterable[Offsets] = (),
        special_tokens_mask: Iterable[int] = (),
        attention_mask: Iterable[int] = (),
        overflowing: Iterable["Encoding"] = (),
        sequence_ranges: Optional[dict[int, tuple[int, int]]] = None,
    ) -> None:
        self._ids = list(ids)
        n = len(self._ids)
        self._type_ids = _filled(type_ids, n, 0, "type_ids")
        self._tokens = _filled(tokens, n, "", "tokens")
        self._words = _filled(word_ids, n, None, "word_ids")
        self._offsets = _filled(offsets, n, (0, 0), "offsets")
        if self._offsets and type(self._offsets[0]) is not tuple:  # e.g. JSON lists
            self._offsets = [(int(s), int(e)) for s, e in self._offsets]
        self._special_tokens_mask = _filled(special_tokens_mask, n, 0, "special_tokens_mask")
        self._attention_mask = _filled(attention_mask, n, 1, "attention_mask")
        self._overflowing = list(overflowing)
        for item in self._overflowing:
            if not isinstance(item, Encoding):
                raise _ArgumentTypeError(f"overflowing must hold Encodings, got {type(item).__name__}")
        self._sequence_ranges = {
            int(k): (int(v[0]), int(v[1])) for k, v in (sequence_ranges or {}).items()
        }

    @classmethod
    def _raw(
        cls, ids: list, type_ids: list, tokens: list, words: list, offsets: list,
        special: list, attention: list, overflowing: list, ranges: dict,
    ) -> "Encoding":  # fmt: skip
        """Build from lists the caller hands over (no copy, no checks: internal)."""
        enc = cls.__new__(cls)
        enc._ids, enc._type_ids, enc._tokens, enc._words = ids, type_ids, tokens, words
        enc._offsets, enc._special_tokens_mask, enc._attention_mask = offsets, special, attention
        enc._overflowing, enc._sequence_ranges = overflowing, ranges
        return enc

    @classmethod
    def _special(cls, ids: Sequence[int], tokens: Sequence[str], type_id: int) -> "Encoding":
        """Special tokens as an encoding: offsets (0, 0), no word, special mask 1."""
        n = len(ids)
        return cls._raw(
            list(ids), [type_id] * n, list(tokens), [None] * n, [(0, 0)] * n,
            [1] * n, [1] * n, [], {},
        )  # fmt: skip

    def _copy(self) -> "Encoding":
        """A deep copy (HF's ``clone``)."""
        return Encoding._raw(
            self._ids[:], self._type_ids[:], self._tokens[:], self._words[:], self._offsets[:],
            self._special_tokens_mask[:], self._attention_mask[:],
            [o._copy() for o in self._overflowing], dict(self._sequence_ranges),
        )  # fmt: skip

    def _slice(self, start: int, stop: int) -> "Encoding":
        """Tokens ``[start, stop)`` as a new encoding without overflow or ranges."""
        return Encoding._raw(
            self._ids[start:stop], self._type_ids[start:stop], self._tokens[start:stop],
            self._words[start:stop], self._offsets[start:stop],
            self._special_tokens_mask[start:stop], self._attention_mask[start:stop], [], {},
        )  # fmt: skip

    # -- Python protocol ------------------------------------------------------
    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return (
            f"Encoding(num_tokens={len(self._ids)}, attributes=[ids, type_ids, tokens, offsets, "
            "attention_mask, special_tokens_mask, overflowing])"
        )

    def __getstate__(self) -> bytes:
        """HF's pickle state: the serde JSON of the Rust struct."""
        from ._serde_json import dumps

        return dumps(self._to_state()).encode("utf-8")

    def __setstate__(self, state: bytes) -> None:
        try:
            data = json.loads(state)
            other = Encoding._from_state(data)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise ConfigurationError(f"Error while attempting to unpickle Encoding: {exc}") from None
        for name in Encoding.__slots__:
            setattr(self, name, getattr(other, name))

    def _to_state(self) -> dict[str, Any]:
        return {
            "ids": self._ids,
            "type_ids": self._type_ids,
            "tokens": self._tokens,
            "words": self._words,
            "offsets": [list(o) for o in self._offsets],
            "special_tokens_mask": self._special_tokens_mask,
            "attention_mask": self._attention_mask,
            "overflowing": [o._to_state() for o in self._overflowing],
            "sequence_ranges": {
                str(k): {"start": s, "end": e} for k, (s, e) in self._sequence_ranges.items()
            },
        }

    @classmethod
    def _from_state(cls, data: dict[str, Any]) -> "Encoding":
        return cls(
            data["ids"], data["type_ids"], data["tokens"], data["words"],
            [tuple(o) for o in data["offsets"]], data["special_tokens_mask"],
            data["attention_mask"], [cls._from_state(o) for o in data["overflowing"]],
            {int(k): (r["start"], r["end"]) for k, r in data["sequence_ranges"].items()},
        )  # fmt: skip

    # -- properties (each returns a fresh list, as HF's getters do) -----------
    @property
    def ids(self) -> list[int]:
        """The token ids."""
        return self._ids[:]

    @property
    def type_ids(self) -> list[int]:
        """The type id of each token (segment A/B)."""
        return self._type_ids[:]

    @property
    def tokens(self) -> list[str]:
        """The token strings."""
        return self._tokens[:]

    @property
    def offsets(self) -> list[Offsets]:
        """The ``(start, end)`` char span of each token in its input sequence."""
        return self._offsets[:]

    @property
    def attention_mask(self) -> list[int]:
        """1 for real tokens, 0 for padding."""
        return self._attention_mask[:]

    @property
    def special_tokens_mask(self) -> list[int]:
        """1 for special (and padding) tokens, 0 for tokens from the input."""
        return self._special_tokens_mask[:]

    @property
    def overflowing(self) -> list["Encoding"]:
        """Copies of the encodings that truncation cut off."""
        return [o._copy() for o in self._overflowing]

    @property
    def word_ids(self) -> list[Optional[int]]:
        """The index of the word each token comes from (None for special tokens)."""
        return self._words[:]

    @property
    def words(self) -> list[Optional[int]]:
        """Deprecated alias of ``word_ids`` (warns, like HF)."""
        warnings.warn(
            "Deprecated in 0.9.4: Encoding.words is deprecated, please use Encoding.word_ids instead.",
            DeprecationWarning,
            stacklevel=2,
        )
        return self._words[:]

    @property
    def n_sequences(self) -> int:
        """How many input sequences this encoding holds (1 when no ranges are set)."""
        return len(self._sequence_ranges) or 1

    @property
    def sequence_ids(self) -> list[Optional[int]]:
        """The input sequence of each token (None for special tokens).

        HF fills ids ``0..n_sequences`` only, and a missing id covers every
        token: after ``set_sequence_id(3)`` on a fresh encoding, all are 0.
        """
        n = len(self._ids)
        result: list[Optional[int]] = [None] * n
        for seq_id in range(self.n_sequences):
            start, end = self._sequence_range(seq_id)
            result[start:end] = [seq_id] * max(0, end - start)
        return result

    # -- lookups ---------------------------------------------------------------
    def _sequence_range(self, sequence_id: int) -> tuple[int, int]:
        return self._sequence_ranges.get(sequence_id, (0, len(self._ids)))

    def _range_in_bounds(self, sequence_id: int) -> Optional[tuple[int, int]]:
        """The sequence's range, or None where Rust's ``slice.get(range)`` fails."""
        start, end = self._sequence_range(sequence_id)
        if start > end or end > len(self._ids):
            return None
        return start, end

    def set_sequence_id(self, sequence_id: int) -> None:
        """Mark the whole encoding as sequence ``sequence_id``.

        >>> e = Encoding(ids=[1, 2]); e.set_sequence_id(1); e.n_sequences
        1
        """
        sequence_id = _unsigned(sequence_id, "sequence_id")
        self._sequence_ranges[sequence_id] = (0, len(self._ids))

    def token_to_sequence(self, token_index: int) -> Optional[int]:
        """The sequence holding token ``token_index`` (None for special tokens).

        As in HF, ``token_index == len(self)`` still gives 0 when no ranges
        are set.  Overlapping ranges (only possible through
        ``set_sequence_id`` on a merged encoding) resolve in insertion order;
        HF's hash order there is arbitrary.
        """
        token = _unsigned(token_index, "token_index")
        if token > len(self._ids):
            return None
        if not self._sequence_ranges:
            return 0
        for seq_id, (start, end) in self._sequence_ranges.items():
            if start <= token < end:
                return seq_id
        return None

    def token_to_chars(self, token_index: int) -> Optional[Offsets]:
        """The char offsets of a token, or None (also None for special tokens of a processed pair).

        >>> Encoding(ids=[1], offsets=[(0, 3)]).token_to_chars(0)
        (0, 3)
        """
        token = _unsigned(token_index, "token_index")
        if self.token_to_sequence(token) is None or token >= len(self._offsets):
            return None
        return self._offsets[token]

    def token_to_word(self, token_index: int) -> Optional[int]:
        """The word index of a token within its sequence, or None."""
        token = _unsigned(token_index, "token_index")
        if self.token_to_sequence(token) is None or token >= len(self._words):
            return None
        return self._words[token]

    def word_to_tokens(self, word_index: int, sequence_index: int = 0) -> Optional[tuple[int, int]]:
        """The token range ``(first, last + 1)`` of a word in a sequence.

        HF scans the sequence's word ids while they are ``<= word_index``
        (None sorts first), so words must be in increasing order to be found.

        >>> Encoding(ids=[1, 2, 3], word_ids=[0, 0, 1]).word_to_tokens(0)
        (0, 2)
        """
        word = _unsigned(word_index, "word_index", _U32_MAX)
        bounds = self._range_in_bounds(_unsigned(sequence_index, "sequence_index"))
        if bounds is None:
            return None
        start, end = bounds
        first = last = None
        for i in range(start, end):
            w = self._words[i]
            if w is not None:
                if w > word:
                    break
                if w == word:
                    if first is None:
                        first = i
                    last = i + 1
        if first is None:
            return None
        return first, last  # type: ignore[return-value]

    def word_to_chars(self, word_index: int, sequence_index: int = 0) -> Optional[Offsets]:
        """The char span of a word: start of its first token, end of its last."""
        found = self.word_to_tokens(word_index, sequence_index)
        if found is None:
            return None
        start, end = found
        return self._offsets[start][0], self._offsets[end - 1][1]

    def char_to_token(self, char_pos: int, sequence_index: int = 0) -> Optional[int]:
        """The first token of the sequence whose offsets contain ``char_pos``.

        >>> Encoding(ids=[1, 2], offsets=[(0, 2), (3, 5)]).char_to_token(3)
        1
        """
        pos = _unsigned(char_pos, "char_pos")
        bounds = self._range_in_bounds(_unsigned(sequence_index, "sequence_index"))
        if bounds is None:
            return None
        offsets = self._offsets
        for i in range(bounds[0], bounds[1]):
            start, end = offsets[i]
            if start <= pos < end:
                return i
        return None

    def char_to_word(self, char_pos: int, sequence_index: int = 0) -> Optional[int]:
        """The word (in its sequence) containing the char at ``char_pos``."""
        token = self.char_to_token(char_pos, sequence_index)
        if token is None:
            return None
        return self.token_to_word(token)

    # -- changes -------------------------------------------------------------------
    def truncate(self, max_length: int, stride: int = 0, direction: str = "right") -> None:
        """Keep ``max_length`` tokens; the rest become overflowing windows.

        Windows advance by ``max_length - stride``, so consecutive windows
        share ``stride`` tokens.  ``stride >= max_length`` raises
        ``TruncationError`` (HF panics).  The sequence ranges are dropped.

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

    def _assign(self, other: "Encoding") -> None:
        for name in Encoding.__slots__:
            setattr(self, name, getattr(other, name))

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

        >>> a, b = Encoding(ids=[1], offsets=[(0, 2)]), Encoding(ids=[2], offsets=[(0, 3)])
        >>> Encoding.merge([a, b]).offsets
        [(0, 2), (2, 5)]
        """
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


def _filled(values: Iterable[Any], n: int, default: Any, name: str) -> list[Any]:
    """``values`` as a list of length ``n``; empty means ``n`` defaults."""
    items = list(values)
    if not items and n:
        return [default] * n
    if len(items) != n:
        raise ConfigurationError(f"Encoding: {name} has {len(items)} items but ids has {n}; give one per id")
    return items


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


# Truncation and padding live in their own modules; re-exported for convenience.
from ._padding import PaddingParams, pad_encodings  # noqa: E402
from ._truncation import TruncationParams, truncate_encodings  # noqa: E402

__all__ += ["TruncationParams", "truncate_encodings", "PaddingParams", "pad_encodings"]
