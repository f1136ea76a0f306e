"""Argument and JSON-field checks shared by every component, raising the errors HF users expect.

Constructor and setter arguments are checked like HF's pyo3 extraction: a
wrong type is an ``ArgumentTypeError`` (a ``TypeError``), a wrong value a
``ConfigurationError`` (a ``ValueError``), an int out of a Rust type's range
an ``ArgumentRangeError`` (an ``OverflowError``).  A JSON field goes through
the same check and a failure becomes a ``SerializationError``, as serde
rejects the file.

>>> check_char("▁", "replacement"), check_count(3, "length")
('▁', 3)
>>> json_field({"type": "Strip", "start": 1}, "start", check_count)
1
>>> json_field({"type": "Strip"}, "stop", check_count, default=0)
0

What this module does not do: checks that belong to one component (they
live with it) or to the whole tokenizer.json (``tokkit._json.document``).
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Mapping, Optional, TypeVar, Union

from ._errors import ArgumentRangeError, ArgumentTypeError, ConfigurationError, SerializationError, TokkitError

__all__ = [
    "USIZE_MAX", "U32_MAX", "MISSING",
    "check_type", "check_bool", "check_str", "check_optional_str", "check_char", "check_count", "check_choice",
    "check_prepend_scheme", "unsigned",
    "parse_direction", "require_fields", "json_field",
]  # fmt: skip

T = TypeVar("T")

USIZE_MAX = 2**64 - 1
U32_MAX = 2**32 - 1
#: Marks "no default": the field is required.
MISSING: Any = object()


# -- constructor and setter arguments -----------------------------------------------------
def check_type(value: object, kind: Union[type[T], tuple[type[T], ...]], name: str) -> T:
    """``value`` if it is an instance of ``kind``, else ``ArgumentTypeError``.

    >>> check_type([1], list, "items")
    [1]
    """
    if not isinstance(value, kind):
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ArgumentTypeError(f"{name} must be a {expected}, got {type(value).__name__}: {value!r:.40}")
    return value


def check_bool(value: Any, name: str) -> bool:
    """A real bool (HF's ``bool`` extraction refuses ints)."""
    return check_type(value, bool, name)


def check_str(value: Any, name: str, error: Optional[type[TokkitError]] = None) -> str:
    """A str; anything else is an ``ArgumentTypeError``, or ``error`` when given."""
    if isinstance(value, str):  # the common case first: this runs on every pre_tokenize_str call
        return value
    if error is not None:
        raise error(f"{name} must be a str, got {value!r:.40}")
    return check_type(value, str, name)


def check_optional_str(value: Any, name: str, error: type[TokkitError] = ConfigurationError) -> Optional[str]:
    """A str or None; anything else raises ``error`` (``SerializationError`` when reading JSON)."""
    if value is not None and not isinstance(value, str):
        raise error(f"{name} must be a str or None, got {value!r:.40}")
    return value


def check_char(value: Any, name: str) -> str:
    """A str of exactly one char (Rust ``char``): a wrong type is a TypeError, a wrong length a ValueError.

    >>> check_char("ab", "delimiter")
    Traceback (most recent call last):
    ...
    tokkit._errors.ConfigurationError: delimiter: expected a string of length 1, got 'ab'
    """
    char = check_type(value, str, name)
    if len(char) != 1:
        raise ConfigurationError(f"{name}: expected a string of length 1, got {char!r:.40}")
    return char


def check_count(value: Any, name: str, limit: Optional[int] = None,
                error: type[TokkitError] = ConfigurationError) -> int:
    """A non-negative int (Rust ``usize``/``u32``), at most ``limit``; bools are refused."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise error(f"{name} must be a non-negative int, got {value!r:.40}")
    if limit is not None and value > limit:
        raise error(f"{name} must be <= {limit}, got {value}")
    return value


def check_choice(value: Any, name: str, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (a Rust enum read from a str): a wrong type is a TypeError, an unknown name a ValueError.

    >>> check_choice("first", "prepend_scheme", PREPEND_SCHEMES)
    'first'
    """
    choice: str = check_type(value, str, name)
    if choice not in choices:
        raise ConfigurationError(f"{choice} is an unknown variant, should be one of {list(choices)}")
    return choice


#: Metaspace's ``prepend_scheme`` values (HF: pre_tokenizers/metaspace.rs, PrependScheme).
PREPEND_SCHEMES = ("first", "never", "always")


def check_prepend_scheme(value: Any, name: str = "prepend_scheme") -> str:
    """Metaspace's ``prepend_scheme``, as the pre-tokenizer and the decoder both take it."""
    return check_choice(value, name, PREPEND_SCHEMES)


def unsigned(value: Any, name: str, limit: int = USIZE_MAX) -> int:
    """``value`` as an unsigned int the way pyo3 extracts ``usize``/``u32`` (``__index__`` accepted).

    >>> unsigned(True, "index"), unsigned(7, "index")
    (1, 7)
    """
    if type(value) is int and 0 <= value <= limit:
        return value
    try:
        number = operator.index(value)
    except TypeError:
        raise ArgumentTypeError(f"{name} must be an int, got {type(value).__name__} {value!r:.40}") from None
    if number < 0:
        raise ArgumentRangeError(f"{name} must be >= 0, got {number} (can't convert negative int to unsigned)")
    if number > limit:
        raise ArgumentRangeError(f"{name} must be <= {limit}, got {number}")
    return number


def parse_direction(direction: Any, message: str) -> bool:
    """True for ``"left"``, False for ``"right"``; anything else raises ``message.format(direction)``."""
    if direction == "right":
        return False
    if direction == "left":
        return True
    raise ConfigurationError(message.format(direction))


# -- JSON fields ---------------------------------------------------------------------------
def require_fields(data: Mapping[str, Any], *names: str, what: str = "component") -> None:
    """serde rejects an object that lacks a field without a default."""
    for name in names:
        if name not in data:
            raise SerializationError(f"missing field `{name}` in {data.get('type', what)} JSON")


Check = Union[type, tuple[type, ...], Callable[[Any, str], Any], None]


def json_field(data: Mapping[str, Any], key: str, check: Check = None, default: Any = MISSING) -> Any:
    """``data[key]`` through ``check`` (a type or an argument check), or ``default`` when missing.

    A missing field without default, or a value the check refuses, is a
    ``SerializationError`` naming the field.
    """
    if key not in data:
        if default is MISSING:
            raise SerializationError(f"missing field `{key}` in {data.get('type', 'component')} JSON")
        return default
    value = data[key]
    if check is None:
        return value
    try:
        if isinstance(check, (type, tuple)):
            return check_type(value, check, key)
        return check(value, key)
    except ConfigurationError as exc:
        raise SerializationError(f"{data.get('type', 'component')} JSON: {exc}") from None
