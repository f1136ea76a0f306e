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
    "describe", "json_bool", "json_u32", "json_usize", "json_f64", "json_str", "json_char", "json_array",
    "json_object", "json_optional", "json_choice", "unit_variant", "json_prepend_scheme", "json_at", "json_array_of",
    "json_metaspace",
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
        raise _type_error(error)(f"{name} must be a str, got {value!r:.40}")
    return check_type(value, str, name)


def _type_error(error: type[TokkitError]) -> type[TokkitError]:
    """The class for a value of the wrong type: a TypeError (as HF's argument extraction) unless reading JSON."""
    return error if issubclass(error, SerializationError) else ArgumentTypeError


def check_optional_str(value: Any, name: str, error: type[TokkitError] = ConfigurationError) -> Optional[str]:
    """A str or None; anything else raises ``error`` (``SerializationError`` when reading JSON)."""
    if value is not None and not isinstance(value, str):
        raise _type_error(error)(f"{name} must be a str or None, got {value!r:.40}")
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
    if not isinstance(value, int):
        raise _type_error(error)(f"{name} must be a non-negative int, got {value!r:.40}")
    if isinstance(value, bool) or value < 0:
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


def json_prepend_scheme(value: Any, name: str = "prepend_scheme") -> str:
    """Metaspace's ``prepend_scheme`` in JSON (``"first"``, ``"never"``, ``"always"``)."""
    return json_choice(value, PREPEND_SCHEMES)


def json_metaspace(data: Mapping[str, Any]) -> tuple[str, str, bool]:
    """``(replacement, prepend_scheme, split)`` of a Metaspace JSON (HF's pre-tokenizer and decoder share it).

    The legacy fields are still read: ``str_rep`` (a string or null, unused) and
    ``add_prefix_space`` (a bool or null), whose false requires ``prepend_scheme``
    "never"; ``split`` may be null (true).

    >>> json_metaspace({"replacement": "_", "add_prefix_space": False, "prepend_scheme": "never"})
    ('_', 'never', True)
    """
    replacement = json_field(data, "replacement", json_char)
    scheme = json_field(data, "prepend_scheme", json_prepend_scheme, "always")
    json_field(data, "str_rep", json_optional(json_str), None)
    if json_field(data, "add_prefix_space", json_optional(json_bool), None) is False and scheme != "never":
        raise SerializationError("add_prefix_space does not match declared prepend_scheme: make it \"never\"")
    split = json_field(data, "split", json_optional(json_bool), None)
    return replacement, scheme, True if split is None else split


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
# Readers of one JSON value with serde's strictness: a bool is a bool, an integer field takes
# no float (``1.0``) and no bool, an f64 field takes an integer (``0``), nothing is coerced.
# Each raises a SerializationError saying what it expected and what it got; ``json_field``
# locates it at the field (``err.path``), and the readers around it add the outer steps.
def describe(value: Any) -> str:
    """A JSON value as serde's messages name it.

    >>> describe("no"), describe(1.0), describe(None), describe([1])
    ('string "no"', 'floating point `1.0`', 'null', 'an array')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean `{'true' if value else 'false'}`"
    if isinstance(value, int):
        return f"integer `{value}`" if abs(value) < 10**30 else "a huge integer"
    if isinstance(value, float):
        return f"floating point `{value!r}`"
    if isinstance(value, str):
        quoted = value[:40].encode("utf-8", "backslashreplace").decode("utf-8")
        return f'string "{quoted}"' + ("..." if len(value) > 40 else "")
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "an array"
    return type(value).__name__


def json_bool(value: Any, name: str = "value") -> bool:
    """A JSON ``true``/``false`` (serde's ``bool``: no 0/1, no strings)."""
    if value is True or value is False:
        return value
    raise SerializationError(f"expected a boolean (true or false), got {describe(value)}")


def _json_uint(value: Any, limit: int, rust: str) -> int:
    if type(value) is int and 0 <= value <= limit:
        return value
    if type(value) is int:
        raise SerializationError(f"expected an integer in 0..={limit} ({rust}), got {value}")
    hint = "; write it without a fraction or exponent" if isinstance(value, float) else ""
    raise SerializationError(f"expected a non-negative integer ({rust}), got {describe(value)}{hint}")


def json_u32(value: Any, name: str = "value") -> int:
    """An integer in Rust's ``u32`` range (ids)."""
    return _json_uint(value, U32_MAX, "u32")


def json_usize(value: Any, name: str = "value") -> int:
    """An integer in Rust's ``usize``/``u64`` range (lengths, counts)."""
    return _json_uint(value, USIZE_MAX, "usize")


def json_f64(value: Any, name: str = "value") -> float:
    """A JSON number as an f64: serde takes an integer there too (a score ``0``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise SerializationError(f"expected a number (f64), got {describe(value)}")


def json_str(value: Any, name: str = "value") -> str:
    """A JSON string."""
    if isinstance(value, str):
        return value
    raise SerializationError(f"expected a string, got {describe(value)}")


def json_char(value: Any, name: str = "value") -> str:
    """A JSON string of exactly one char (serde's ``char``)."""
    if isinstance(value, str) and len(value) == 1:
        return value
    raise SerializationError(f"expected a string of one character (a char), got {describe(value)}")


def json_array(value: Any, name: str = "value") -> list[Any]:
    """A JSON array."""
    if isinstance(value, list):
        return value
    raise SerializationError(f"expected an array, got {describe(value)}")


def json_object(value: Any, name: str = "value") -> Mapping[str, Any]:
    """A JSON object."""
    if isinstance(value, Mapping):
        return value
    raise SerializationError(f"expected an object, got {describe(value)}")


def json_at(step: "str | int", read: Callable[[Any], T], value: Any) -> T:
    """``read(value)``, an error located at ``step`` (a key or an index) inside what holds ``value``."""
    try:
        return read(value)
    except SerializationError as exc:
        raise exc.at(step) from None


def json_array_of(read: Callable[[Any, str], T]) -> Callable[[Any, str], list[T]]:
    """A reader of a JSON array whose items go through ``read``, errors located at the item.

    >>> json_field({"ids": [1, -2]}, "ids", json_array_of(json_u32))
    Traceback (most recent call last):
    ...
    tokkit._errors.SerializationError: ids[1]: expected an integer in 0..=4294967295 (u32), got -2
    """

    def read_array(value: Any, name: str = "value") -> list[T]:
        return [json_at(index, lambda item: read(item, name), item) for index, item in enumerate(json_array(value))]

    return read_array


def json_optional(reader: Callable[[Any, str], T]) -> Callable[[Any, str], Optional[T]]:
    """``reader`` that also takes ``null`` (serde's ``Option``).

    >>> json_optional(json_u32)(None, "pad_to_multiple_of") is None
    True
    """

    def read(value: Any, name: str = "value") -> Optional[T]:
        return None if value is None else reader(value, name)

    return read


def unit_variant(value: Any) -> Any:
    """The name of a unit enum variant: serde reads ``"Right"`` and also ``{"Right": null}``.

    >>> unit_variant({"Left": None}), unit_variant("Left"), unit_variant({"Left": 1})
    ('Left', 'Left', {'Left': 1})
    """
    if isinstance(value, Mapping) and len(value) == 1 and not getattr(value, "earlier", None):
        (name, inner), = value.items()
        if inner is None:
            return name
    return value


def json_choice(value: Any, choices: tuple[str, ...]) -> str:
    """A unit enum variant by name (``"Right"`` or ``{"Right": null}``): serde's message names the known ones."""
    value = unit_variant(value)
    if isinstance(value, str) and value in choices:
        return value
    known = ", ".join(f"`{c}`" for c in choices)
    if isinstance(value, str):
        raise SerializationError(f"unknown variant `{value[:40]}`, expected one of {known}")
    raise SerializationError(f"expected one of {known}, got {describe(value)}")


def require_fields(data: Mapping[str, Any], *names: str, what: str = "component") -> None:
    """serde rejects an object that lacks a field without a default."""
    for name in names:
        if name not in data:
            raise SerializationError(f"missing field `{name}` (HF requires it in {_kind(data, what)} JSON)")


def _kind(data: Mapping[str, Any], default: str) -> str:
    kind = data.get("type")
    return kind if isinstance(kind, str) and kind.isprintable() and len(kind) < 40 else default


Check = Union[type, tuple[type, ...], Callable[[Any, str], Any], None]


def json_field(data: Mapping[str, Any], key: str, check: Check = None, default: Any = MISSING) -> Any:
    """``data[key]`` through ``check`` (a JSON reader, a type or an argument check), or ``default`` when missing.

    A missing field without default is a ``SerializationError``; a value the
    check refuses is one located at the field:

    >>> json_field({"lstrip": "no"}, "lstrip", json_bool)
    Traceback (most recent call last):
    ...
    tokkit._errors.SerializationError: lstrip: expected a boolean (true or false), got string "no"
    """
    if key not in data:
        if default is MISSING:
            raise SerializationError(f"missing field `{key}` (HF requires it in {_kind(data, 'this')} JSON)")
        return default
    value = data[key]
    if check is None:
        return value
    try:
        if isinstance(check, (type, tuple)):
            return check_type(value, check, key)
        return check(value, key)
    except SerializationError as exc:
        raise exc.at(key) from None
    except ConfigurationError as exc:
        raise SerializationError(str(exc), (key,)) from None
