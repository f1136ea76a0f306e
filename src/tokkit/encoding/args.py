"""Argument checks shared by ``Encoding`` methods (pyo3-like int extraction, directions)."""

from __future__ import annotations

import operator
from typing import Any

from .._errors import ConfigurationError

__all__ = ["_ArgumentTypeError", "_ArgumentRangeError", "_unsigned", "_parse_direction", "_USIZE_MAX", "_U32_MAX"]

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
