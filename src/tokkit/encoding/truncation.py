"""Truncation parameters and ``truncate_encodings`` (HF ``utils/truncation.rs``).

>>> p = TruncationParams(max_length=4, stride=1, strategy="only_first")
>>> p.to_json()
{'direction': 'Right', 'max_length': 4, 'strategy': 'OnlyFirst', 'stride': 1}
>>> p.as_dict()
{'max_length': 4, 'stride': 1, 'strategy': 'only_first', 'direction': 'right'}

What this module does not do: subtract the post-processor's special tokens
from ``max_length`` by itself; the tokenizer passes ``n_added`` to
:func:`effective_params` (HF does it in ``Tokenizer.post_process``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .._errors import ArgumentRangeError, ConfigurationError, SerializationError, TruncationError
from .._json.parse import refuse_duplicates
from .._validation import USIZE_MAX, check_count, check_str, json_choice, json_field, json_object, json_usize
from . import ops

if TYPE_CHECKING:
    from .encoding import Encoding

__all__ = ["TruncationParams", "truncate_encodings", "effective_params", "check_stride"]

_STRATEGIES = {"longest_first": "LongestFirst", "only_first": "OnlyFirst", "only_second": "OnlySecond"}
_STRATEGIES_BACK = {v: k for k, v in _STRATEGIES.items()}
_DIRECTIONS = {"right": "Right", "left": "Left"}
_DIRECTIONS_BACK = {v: k for k, v in _DIRECTIONS.items()}
_USIZE = 2**64  # HF computes lengths in Rust usize, which wraps


class TruncationParams:
    """How a tokenizer truncates: ``max_length``, ``stride``, strategy and direction.

    Args:
        max_length: the maximum number of tokens, special tokens included.
        stride: how many tokens consecutive overflowing windows share.
        strategy: ``"longest_first"``, ``"only_first"`` or ``"only_second"``.
        direction: ``"right"`` (drop the end) or ``"left"`` (drop the start).

    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"a": 0, "b": 1}, unk_token="a"))
    >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> tok.enable_truncation(max_length=2, stride=1)
    >>> encoding = tok.encode("a b a b")
    >>> encoding.tokens, [o.tokens for o in encoding.overflowing]
    (['a', 'b'], [['b', 'a'], ['a', 'b']])
    """

    __slots__ = ("max_length", "stride", "strategy", "direction")

    def __init__(
        self,
        max_length: int = 512,
        stride: int = 0,
        strategy: str = "longest_first",
        direction: str = "right",
    ) -> None:
        # HF takes a usize: larger is an OverflowError there too.
        self.max_length = check_count(max_length, "max_length", USIZE_MAX, ArgumentRangeError)
        self.stride = check_count(stride, "stride", USIZE_MAX, ArgumentRangeError)
        check_str(strategy, "strategy")  # HF: a non-str is a TypeError
        check_str(direction, "direction")
        if strategy in _STRATEGIES_BACK:  # accept the JSON spelling too
            strategy = _STRATEGIES_BACK[strategy]
        if strategy not in _STRATEGIES:
            raise ConfigurationError(
                f"Unknown `strategy`: `{strategy}`. Use one of `longest_first`, `only_first`, or `only_second`"
            )
        if direction in _DIRECTIONS_BACK:
            direction = _DIRECTIONS_BACK[direction]
        if direction not in _DIRECTIONS:
            raise ConfigurationError(f"Unknown `direction`: `{direction}`. Use one of `left` or `right`.")
        self.strategy = strategy
        self.direction = direction

    def as_dict(self) -> dict[str, Any]:
        """The Python ``tokenizer.truncation`` dict.

        >>> TruncationParams(max_length=8).as_dict()
        {'max_length': 8, 'stride': 0, 'strategy': 'longest_first', 'direction': 'right'}
        """
        return {
            "max_length": self.max_length,
            "stride": self.stride,
            "strategy": self.strategy,
            "direction": self.direction,
        }

    def to_json(self) -> dict[str, Any]:
        """The tokenizer.json ``truncation`` object (HF's key order).

        >>> TruncationParams(max_length=8).to_json()
        {'direction': 'Right', 'max_length': 8, 'strategy': 'LongestFirst', 'stride': 0}
        """
        return {
            "direction": _DIRECTIONS[self.direction],
            "max_length": self.max_length,
            "strategy": _STRATEGIES[self.strategy],
            "stride": self.stride,
        }

    @classmethod
    def from_json(cls, data: Any) -> "TruncationParams":
        """Read the tokenizer.json form as HF's derived struct does (``direction`` defaults to Right).

        >>> TruncationParams.from_json(TruncationParams(max_length=8, stride=2).to_json()).stride
        2
        """
        data = json_object(data)
        refuse_duplicates(data, "truncation", ("direction", "max_length", "strategy", "stride"))
        direction = json_field(data, "direction", _read_direction, "Right")
        max_length = json_field(data, "max_length", json_usize)
        strategy = json_field(data, "strategy", _read_strategy)
        stride = json_field(data, "stride", json_usize)
        try:
            return cls(max_length, stride, strategy, direction)
        except ConfigurationError as exc:  # pragma: no cover - every field is checked above
            raise SerializationError(str(exc)) from None

    def copy(self, **changes: Any) -> "TruncationParams":
        """A copy with some fields changed.

        >>> TruncationParams(max_length=8).copy(direction="left").as_dict()
        {'max_length': 8, 'stride': 0, 'strategy': 'longest_first', 'direction': 'left'}
        """
        values = {**self.as_dict(), **changes}
        return TruncationParams(**values)

    def with_max_length(self, max_length: int) -> "TruncationParams":
        """A copy with another ``max_length``.

        >>> TruncationParams(max_length=8).with_max_length(4).max_length
        4
        """
        return self.copy(max_length=max_length)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TruncationParams):
            return NotImplemented
        return self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items())
        return f"TruncationParams({inner})"


def check_stride(params: TruncationParams, n_added: int) -> None:
    """Raise like HF's ``enable_truncation`` when the stride cannot fit.

    HF computes ``max_length - n_added`` in ``usize``: when the processor adds
    more tokens than ``max_length`` the value wraps and no error is raised.

    >>> try:
    ...     check_stride(TruncationParams(4, stride=3), n_added=2)
    ... except TruncationError as exc:
    ...     print(str(exc)[:70])
    tokenizer stride set to 3, which is greater than or equal to its effec
    """
    effective = (params.max_length - n_added) % _USIZE
    if effective < params.stride:
        raise TruncationError(
            f"tokenizer stride set to {params.stride}, which is greater than or equal to its "
            f"effective max length of {effective} (= {params.max_length} original max length - "
            f"{n_added} added special tokens), "
        )


def effective_params(params: TruncationParams, n_added: int, add_special_tokens: bool) -> TruncationParams:
    """The params ``post_process`` truncates with: ``max_length - n_added`` (usize wrap, as in HF).

    A max_length below n_added wraps around: no truncation at all (HF: tokenizer/mod.rs, post_process).

    >>> effective_params(TruncationParams(5), 2, True).max_length
    3
    >>> effective_params(TruncationParams(1), 2, True).max_length > 10**18   # wraps: no truncation
    True
    """
    if not add_special_tokens or n_added == 0:
        return params
    return params.copy(max_length=(params.max_length - n_added) % _USIZE)


def truncate_encodings(
    encoding: "Encoding", pair_encoding: "Optional[Encoding]", params: TruncationParams
) -> tuple["Encoding", "Optional[Encoding]"]:
    """Truncate a sequence (and its pair) in place to ``params.max_length`` tokens in total.

    Returns the same objects, like HF.  Errors are ``TruncationError``.

    >>> from tokkit import Encoding
    >>> first, second = Encoding(ids=[1, 2, 3], tokens=["a", "b", "c"]), Encoding(ids=[4, 5], tokens=["d", "e"])
    >>> first, second = truncate_encodings(first, second, TruncationParams(max_length=3))
    >>> first.tokens, second.tokens
    (['a', 'b'], ['d'])
    """
    max_length, stride = params.max_length, params.stride
    left = params.direction == "left"
    if max_length == 0:
        ops.truncate(encoding, 0, stride, left)
        if pair_encoding is not None:
            ops.truncate(pair_encoding, 0, stride, left)
        return encoding, pair_encoding
    total = len(encoding) + (len(pair_encoding) if pair_encoding is not None else 0)
    if total <= max_length:
        return encoding, pair_encoding
    to_remove = total - max_length
    if params.strategy == "longest_first":
        if pair_encoding is None:
            ops.truncate(encoding, max_length, stride, left)
        else:
            n1, n2 = _longest_first(len(encoding), len(pair_encoding), max_length)
            ops.truncate(encoding, n1, stride, left)
            ops.truncate(pair_encoding, n2, stride, left)
        return encoding, pair_encoding
    target = encoding if params.strategy == "only_first" else pair_encoding
    if target is None:
        raise TruncationError("Truncation error: Second sequence not provided")
    if len(target) <= to_remove:
        raise TruncationError(
            "Truncation error: Sequence to truncate too short to respect the provided max_length"
        )
    ops.truncate(target, len(target) - to_remove, stride, left)
    return encoding, pair_encoding


def _longest_first(len1: int, len2: int, max_length: int) -> tuple[int, int]:
    """Per-sequence budgets for LongestFirst on a pair (HF's three cases).

    >>> _longest_first(2, 10, 6), _longest_first(10, 2, 6), _longest_first(5, 9, 7)
    ((2, 4), (4, 2), (3, 4))
    """
    swap = len1 > len2
    n1, n2 = (len2, len1) if swap else (len1, len2)
    n2 = n1 if n1 > max_length else max(n1, max_length - n1)
    if n1 + n2 > max_length:
        n1 = max_length // 2
        n2 = n1 + max_length % 2
    return (n2, n1) if swap else (n1, n2)


def _read_direction(value: Any, name: str) -> str:
    return json_choice(value, tuple(_DIRECTIONS_BACK))


def _read_strategy(value: Any, name: str) -> str:
    return json_choice(value, tuple(_STRATEGIES_BACK))
