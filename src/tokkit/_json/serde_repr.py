"""HF's Python ``repr``/``str`` of every component (``serde_pyo3`` in the bindings).

HF prints a component by running its serde serialization through a special
serializer: structs become ``Name(field=value, ...)``, strings are quoted
**without escaping**, ``None``/``True``/``False`` are Python-like, floats use
Rust's ``f64`` Display (``1`` for 1.0, never an exponent), and every list, tuple
or map shows at most ``max_elements - 1`` items followed by ``, ...``
(``repr``: 100, ``str``: 6; ``str`` also cuts strings to 100 bytes).

>>> serde_repr(Struct("WordLevel", [("vocab", {"a": 0}), ("unk_token", "<unk>")]))
'WordLevel(vocab={"a":0}, unk_token="<unk>")'
>>> serde_repr([1, 2, 3, 4, 5, 6, 7], max_elements=6)
'[1, 2, 3, 4, 5, ...]'
>>> serde_repr((None, 1.0, 0.25, Unit("Indicatif")))
'(None, 1, 0.25, Indicatif)'
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any, Callable, Iterable, NamedTuple, Optional

__all__ = ["Newtype", "Struct", "Unit", "serde_repr", "serde_str", "rust_float", "tokenizer_repr"]


class Newtype(NamedTuple):
    """A serde newtype variant: printed ``name(value)`` (a Split pattern's ``String("a")``)."""

    name: str
    value: Any


class Struct(NamedTuple):
    """A serde struct: printed ``name(field=value, ...)``."""

    name: str
    fields: list[tuple[str, Any]]


class Unit(NamedTuple):
    """A serde unit variant: printed bare (``Indicatif``)."""

    name: str


def rust_float(value: float) -> str:
    """Rust's ``f64`` Display: shortest round-trip digits, no exponent, no ``.0``.

    >>> rust_float(1.0), rust_float(0.1), rust_float(1e-7), rust_float(2.5e20)
    ('1', '0.1', '0.0000001', '250000000000000000000')
    """
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" and value == 0 else text


class _Writer:
    def __init__(self, max_elements: int, max_string: int | None) -> None:
        self.max_elements = max_elements
        self.max_string = max_string
        self.out: list[str] = []

    def string(self, text: str) -> None:
        if self.max_string is not None:
            raw = text.encode("utf-8")
            if len(raw) > self.max_string:
                text = raw[: self.max_string].decode("utf-8", "ignore") + "..."
        self.out.append('"' + text + '"')

    def items(self, values: Iterable[Any], open_: str, close: str, write_item: Callable[[Any], None]) -> None:
        self.out.append(open_)
        for count, item in enumerate(values, 1):
            if count < self.max_elements:
                if count > 1:
                    self.out.append(", ")
                write_item(item)
            else:
                # serde_pyo3 stops printing at max_elements and marks the cut once.
                self.out.append(", ...")
                break
        self.out.append(close)

    def pair(self, item: tuple[Any, Any]) -> None:
        self.value(item[0])
        self.out.append(":")
        self.value(item[1])

    def value(self, value: Any) -> None:
        if value is None:
            self.out.append("None")
        elif value is True or value is False:
            self.out.append("True" if value else "False")
        elif isinstance(value, Unit):
            self.out.append(value.name)
        elif isinstance(value, enum.Enum):
            self.out.append(value.name)  # a Rust unit variant, printed bare
        elif isinstance(value, Newtype):
            self.out.append(value.name + "(")
            self.value(value.value)
            self.out.append(")")
        elif isinstance(value, Struct):
            self.out.append(value.name + "(")
            for i, (key, item) in enumerate(value.fields):
                self.out.append(f"{', ' if i else ''}{key}=")
                self.value(item)
            self.out.append(")")
        elif isinstance(value, str):
            self.string(value)
        elif isinstance(value, int):
            self.out.append(str(value))
        elif isinstance(value, float):
            self.out.append(rust_float(value))
        elif isinstance(value, tuple):
            self.items(value, "(", ")", self.value)
        elif isinstance(value, (list, set, frozenset)):
            self.items(value, "[", "]", self.value)
        elif isinstance(value, dict):
            self.items(value.items(), "{", "}", self.pair)
        else:  # a component: ``str`` cuts inside it too
            self.out.append(str(value) if self.max_string is not None else repr(value))


def serde_repr(value: Any, max_elements: int = 100, max_string: int | None = None) -> str:
    """Format ``value`` like HF's ``__repr__`` (``serde_pyo3::repr``)."""
    writer = _Writer(max_elements, max_string)
    writer.value(value)
    return "".join(writer.out)


def serde_str(value: Any) -> str:
    """Format ``value`` like HF's ``__str__`` (``serde_pyo3::to_string``)."""
    return serde_repr(value, max_elements=6, max_string=100)


# Enum variants of the truncation/padding params that HF's Debug prints bare.
_BARE_VARIANTS = ("Right", "Left", "LongestFirst", "OnlyFirst", "OnlySecond", "BatchLongest")


def _params_repr(name: str, data: dict[str, Any], short: bool = False) -> str:
    """``Name(key=value, ...)`` with JSON enums printed bare, as HF's Debug does (``short``: ``str``'s cuts)."""

    def value(v: Any) -> str:
        if isinstance(v, dict) and len(v) == 1 and "Fixed" in v:
            return f"Fixed({v['Fixed']})"
        return v if isinstance(v, str) and v in _BARE_VARIANTS else (serde_str(v) if short else serde_repr(v))

    return f"{name}(" + ", ".join(f"{k}={value(v)}" for k, v in data.items()) + ")"


def tokenizer_repr(added_tokens: list[dict[str, Any]], truncation: Optional[dict[str, Any]],
                   padding: Optional[dict[str, Any]], components: list[tuple[str, Any]], short: bool = False) -> str:
    """HF's ``repr(Tokenizer)`` (``short``: its ``str``): its tokenizer.json fields, serde_pyo3 style.

    ``str`` applies serde_pyo3's ellipsis rule to the added tokens too (at most 5
    tokens, 5 fields each) and prints the components with their own ``str``.

    >>> tokenizer_repr([], None, {"strategy": "BatchLongest"}, [("model", None)])
    'Tokenizer(version="1.0", truncation=None, padding=PaddingParams(strategy=BatchLongest), added_tokens=[], model=None)'
    >>> tokenizer_repr([{"id": i} for i in range(7)], None, None, [], short=True)
    'Tokenizer(version="1.0", truncation=None, padding=None, added_tokens=[{"id":0}, {"id":1}, {"id":2}, {"id":3}, {"id":4}, ...])'
    """
    added = serde_str(added_tokens) if short else serde_repr(added_tokens)
    parts = [
        'version="1.0"',
        "truncation=" + (_params_repr("TruncationParams", truncation, short) if truncation else "None"),
        "padding=" + (_params_repr("PaddingParams", padding, short) if padding else "None"),
        f"added_tokens={added}",
    ] + [f"{name}={component}" if short else f"{name}={component!r}" for name, component in components]
    return f"Tokenizer({', '.join(parts)})"
