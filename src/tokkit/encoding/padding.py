"""Padding parameters and ``pad_encodings`` (HF ``utils/padding.rs``).

>>> p = PaddingParams(strategy=6, pad_to_multiple_of=4)
>>> p.to_json()
{'strategy': {'Fixed': 6}, 'direction': 'Right', 'pad_to_multiple_of': 4, 'pad_id': 0, 'pad_type_id': 0, 'pad_token': '[PAD]'}
>>> p.as_dict()
{'length': 6, 'pad_to_multiple_of': 4, 'pad_id': 0, 'pad_token': '[PAD]', 'pad_type_id': 0, 'direction': 'right'}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional, Union

from .._errors import ArgumentRangeError, ConfigurationError, SerializationError
from .._json.parse import duplicate_keys, refuse_duplicates
from .._validation import (
    U32_MAX, USIZE_MAX, check_count, check_str, describe, json_choice, json_field, json_object, json_optional, json_str,
    json_u32, json_usize, unit_variant,
)  # fmt: skip
from . import ops

if TYPE_CHECKING:
    from .encoding import Encoding

__all__ = ["PaddingParams", "pad_encodings", "MAX_PADDED_LENGTH"]

#: The longest padding tokkit accepts (16,777,216 tokens, ~1 GB of Python lists per encoding).
#: HF accepts any usize and then fails when it allocates; tokkit refuses when the padding is set.
MAX_PADDED_LENGTH = 2**24

_DIRECTIONS = {"right": "Right", "left": "Left"}
_DIRECTIONS_BACK = {v: k for k, v in _DIRECTIONS.items()}


def _padded_length(value: Any, name: str) -> int:
    """A padding length: a usize (as HF), and no longer than :data:`MAX_PADDED_LENGTH`."""
    length = check_count(value, name, USIZE_MAX, ArgumentRangeError)
    if length > MAX_PADDED_LENGTH:
        raise ArgumentRangeError(
            f"{name}={length} would build encodings of more than {MAX_PADDED_LENGTH} tokens, which cannot fit "
            f"in memory; use a length the model can take (or no_padding())"
        )
    return length


class PaddingParams:
    """How a tokenizer pads: to the batch's longest (``"BatchLongest"``) or a fixed length.

    Args:
        strategy: ``"BatchLongest"`` (or None), or an int for a fixed length.
        direction: ``"right"`` or ``"left"``.
        pad_to_multiple_of: round the target length up to a multiple of this (if > 0).
        pad_id, pad_type_id, pad_token: what a padding token looks like.

    >>> from tokkit import Tokenizer, models
    >>> tok = Tokenizer(models.WordLevel({"a": 0, "[PAD]": 1}, unk_token="a"))
    >>> tok.enable_padding(pad_id=1, pad_token="[PAD]", pad_to_multiple_of=4)
    >>> tok.padding["pad_to_multiple_of"], tok.encode("a").tokens
    (4, ['a', '[PAD]', '[PAD]', '[PAD]'])
    """

    __slots__ = ("strategy", "direction", "pad_to_multiple_of", "pad_id", "pad_type_id", "pad_token")

    def __init__(
        self,
        strategy: Union[str, int, None] = "BatchLongest",
        direction: str = "right",
        pad_to_multiple_of: Optional[int] = None,
        pad_id: int = 0,
        pad_type_id: int = 0,
        pad_token: str = "[PAD]",
    ) -> None:
        if strategy is None:
            strategy = "BatchLongest"
        if strategy != "BatchLongest":
            if isinstance(strategy, str):
                raise ConfigurationError(
                    f"Unknown padding strategy {strategy!r}: use \"BatchLongest\" or an int (a fixed length)"
                )
            strategy = _padded_length(strategy, "padding length")
        check_str(direction, "direction")  # HF: a non-str is a TypeError
        if direction in _DIRECTIONS_BACK:
            direction = _DIRECTIONS_BACK[direction]
        if direction not in _DIRECTIONS:
            raise ConfigurationError(f"Unknown `direction`: `{direction}`. Use one of `left` or `right`")
        if pad_to_multiple_of is not None:
            pad_to_multiple_of = _padded_length(pad_to_multiple_of, "pad_to_multiple_of")
        check_str(pad_token, "pad_token")
        self.strategy: Union[str, int] = strategy
        self.direction = direction
        self.pad_to_multiple_of = pad_to_multiple_of
        self.pad_id = check_count(pad_id, "pad_id", U32_MAX)
        self.pad_type_id = check_count(pad_type_id, "pad_type_id", U32_MAX)
        self.pad_token = pad_token

    @property
    def length(self) -> Optional[int]:
        """The fixed length, or None for BatchLongest.

        >>> PaddingParams().length, PaddingParams(strategy=8).length
        (None, 8)
        """
        return None if self.strategy == "BatchLongest" else self.strategy  # type: ignore[return-value]

    def as_dict(self) -> dict[str, Any]:
        """The Python ``tokenizer.padding`` dict.

        >>> PaddingParams(strategy=8).as_dict()
        {'length': 8, 'pad_to_multiple_of': None, 'pad_id': 0, 'pad_token': '[PAD]', 'pad_type_id': 0, 'direction': 'right'}
        """
        return {
            "length": self.length,
            "pad_to_multiple_of": self.pad_to_multiple_of,
            "pad_id": self.pad_id,
            "pad_token": self.pad_token,
            "pad_type_id": self.pad_type_id,
            "direction": self.direction,
        }

    def to_json(self) -> dict[str, Any]:
        """The tokenizer.json ``padding`` object (HF's key order).

        >>> PaddingParams(strategy=8).to_json()
        {'strategy': {'Fixed': 8}, 'direction': 'Right', 'pad_to_multiple_of': None, 'pad_id': 0, 'pad_type_id': 0, 'pad_token': '[PAD]'}
        """
        strategy: Union[str, dict[str, int]] = "BatchLongest" if self.length is None else {"Fixed": self.length}
        return {
            "strategy": strategy,
            "direction": _DIRECTIONS[self.direction],
            "pad_to_multiple_of": self.pad_to_multiple_of,
            "pad_id": self.pad_id,
            "pad_type_id": self.pad_type_id,
            "pad_token": self.pad_token,
        }

    @classmethod
    def from_json(cls, data: Any) -> "PaddingParams":
        """Read the tokenizer.json form as HF's derived struct does (``pad_to_multiple_of`` may be missing).

        >>> PaddingParams.from_json(PaddingParams(strategy=8, direction="left").to_json()).direction
        'left'
        """
        data = json_object(data)
        refuse_duplicates(data, "padding", ("strategy", "direction", "pad_to_multiple_of", "pad_id", "pad_type_id",
                                            "pad_token"))
        fields = (
            json_field(data, "strategy", _read_strategy),
            _DIRECTIONS_BACK[json_field(data, "direction", _read_direction)],
            json_field(data, "pad_to_multiple_of", json_optional(json_usize), None),
            json_field(data, "pad_id", json_u32),
            json_field(data, "pad_type_id", json_u32),
            json_field(data, "pad_token", json_str),
        )
        try:
            return cls(*fields)
        except ConfigurationError as exc:  # the padding cap (MAX_PADDED_LENGTH): a deliberate difference
            raise SerializationError(str(exc)) from None

    def target_length(self, encodings: "list[Encoding]") -> int:
        """The length every encoding is padded to (overflowing ones are not counted).

        >>> from tokkit import Encoding
        >>> PaddingParams(pad_to_multiple_of=4).target_length([Encoding(ids=[1, 2, 3], tokens=["a", "b", "c"])])
        4
        """
        length = self.length
        if length is None:
            length = max(len(e) for e in encodings)
        multiple = self.pad_to_multiple_of
        if multiple and length % multiple:
            length += multiple - length % multiple
        return length

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PaddingParams):
            return NotImplemented
        return self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items())
        return f"PaddingParams({inner})"


def pad_encodings(encodings: "list[Encoding]", params: PaddingParams) -> None:
    """Pad every encoding (and its overflowing ones) in place to the target length.

    >>> from tokkit.encoding import Encoding
    >>> batch = [Encoding(ids=[1, 2, 3]), Encoding(ids=[4])]
    >>> pad_encodings(batch, PaddingParams(pad_to_multiple_of=2, pad_id=9)); [e.ids for e in batch]
    [[1, 2, 3, 9], [4, 9, 9, 9]]
    """
    if not encodings:
        return
    length = params.target_length(encodings)
    left = params.direction == "left"
    for encoding in encodings:
        ops.pad(encoding, length, params.pad_id, params.pad_type_id, params.pad_token, left)


def _read_strategy(value: Any, name: str) -> "str | int":
    """``"BatchLongest"`` (or ``{"BatchLongest": null}``), or ``{"Fixed": length}``: HF's PaddingStrategy."""
    if unit_variant(value) == "BatchLongest":
        return "BatchLongest"
    if isinstance(value, Mapping) and len(value) == 1 and "Fixed" in value and not duplicate_keys(value):
        try:
            return json_usize(value["Fixed"])
        except SerializationError as exc:
            raise exc.at("Fixed") from None
    raise SerializationError(f'expected "BatchLongest" or {{"Fixed": length}}, got {describe(value)}')


def _read_direction(value: Any, name: str) -> str:
    return json_choice(value, tuple(_DIRECTIONS_BACK))
