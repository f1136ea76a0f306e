"""Write JSON exactly as HF's serde_json does.

Python's ``json`` module agrees with serde_json on everything tokkit writes
except floats: serde prints ``1e-7`` (no zero-padded exponent) and writes
numbers with exponent -5 in decimal (``-0.000012345``).  Objects keep their
insertion order, which is how tokkit reproduces HF's key order.

>>> dumps({"a": [1, 2.5e-05, 1e-07, 1e16], "b": {}}, pretty=False)
'{"a":[1,0.000025,1e-7,1e+16],"b":{}}'
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["dumps", "format_float", "serde_float"]

_encode_str = json.JSONEncoder(ensure_ascii=False).encode


def format_float(value: float) -> str:
    """Format a float the way serde_json (ryu) does."""
    if math.isnan(value) or math.isinf(value):
        return "null"  # serde_json writes non-finite floats as null
    text = repr(value)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    exp = int(exponent)
    if exp == -5:
        # ryu switches to scientific notation below 1e-5 only.
        sign = "-" if mantissa.startswith("-") else ""
        digits = mantissa.lstrip("-").replace(".", "")
        return f"{sign}0.0000{digits}"
    # Python zero-pads negative exponents (1e-07); serde does not (1e-7).
    return f"{mantissa}e{exp}" if exp < 0 else text


def _dump(value: Any, out: list[str], indent: str | None, level: int) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_encode_str(value))
    elif isinstance(value, int):
        out.append(str(int(value)))
    elif isinstance(value, float):
        out.append(format_float(value))
    elif isinstance(value, dict):
        _dump_dict(value, out, indent, level)
    elif isinstance(value, (list, tuple)):
        _dump_list(value, out, indent, level)
    else:
        raise TypeError(f"cannot write {type(value).__name__} to JSON: {value!r:.60}")


def _dump_dict(value: dict[Any, Any], out: list[str], indent: str | None, level: int) -> None:
    if not value:
        out.append("{}")
        return
    if indent is None:
        out.append("{")
        first = True
        for key, item in value.items():
            if not first:
                out.append(",")
            first = False
            out.append(_encode_str(str(key)))
            out.append(":")
            _dump(item, out, None, 0)
        out.append("}")
        return
    inner = "\n" + indent * (level + 1)
    out.append("{")
    first = True
    for key, item in value.items():
        out.append(inner if first else "," + inner)
        first = False
        out.append(_encode_str(str(key)))
        out.append(": ")
        _dump(item, out, indent, level + 1)
    out.append("\n" + indent * level + "}")


def _dump_list(value: list[Any] | tuple[Any, ...], out: list[str], indent: str | None, level: int) -> None:
    if not value:
        out.append("[]")
        return
    if indent is None:
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _dump(item, out, None, 0)
        out.append("]")
        return
    inner = "\n" + indent * (level + 1)
    out.append("[")
    for i, item in enumerate(value):
        out.append(inner if i == 0 else "," + inner)
        _dump(item, out, indent, level + 1)
    out.append("\n" + indent * level + "]")


def dumps(value: Any, pretty: bool = False) -> str:
    """Serialize ``value`` like serde_json (``to_string`` / ``to_string_pretty``)."""
    out: list[str] = []
    _dump(value, out, "  " if pretty else None, 0)
    return "".join(out)


# -- JSON numbers as HF reads them ------------------------------------------
_U64_MAX = (1 << 64) - 1
_POW10 = [float(f"1e{exponent}") for exponent in range(309)]


def serde_float(text: str) -> float:
    """Parse a JSON float literal exactly like serde_json without ``float_roundtrip`` (HF's build).

    serde keeps up to 19-20 significant digits as a u64 and divides by a power
    of ten, which is sometimes one ulp off the correctly rounded value; HF
    then writes that value back.  Use it as ``json.loads(text, parse_float=serde_float)``
    so scores read from a tokenizer.json equal HF's to the bit.

    >>> serde_float("-2.0122928619384766"), float("-2.0122928619384766")
    (-2.012292861938477, -2.0122928619384766)
    """
    negative = text.startswith("-")
    mantissa, _, exp_text = text.lstrip("-").lower().partition("e")
    integer, _, fraction = mantissa.partition(".")
    significand, exponent = _significand(integer, fraction)
    if exp_text:
        exp_value = int(exp_text)
        if abs(exp_value) > 2**31 - 1:  # serde's exponent overflow: 0, or out of range
            if significand and exp_value > 0:
                raise ValueError(f"number out of range: {text}")
            return -0.0 if negative else 0.0
        exponent = max(-(2**31), min(2**31 - 1, exponent + exp_value))  # saturating i32
    value = _scale(float(significand), exponent, text)
    return -value if negative else value


def _significand(integer: str, fraction: str) -> tuple[int, int]:
    """serde's u64 significand and decimal exponent (digits past u64 are dropped)."""
    digits = (integer + fraction).lstrip("0")
    if len(digits) <= 19:  # always fits a u64: no digit is dropped
        return int(integer + fraction or "0"), -len(fraction)
    significand = 0
    exponent = 0
    overflowed = False
    for char in integer:
        digit = ord(char) - 48
        if overflowed or significand * 10 + digit > _U64_MAX:
            overflowed = True
            exponent += 1  # parse_long_integer: later integer digits only scale
            continue
        significand = significand * 10 + digit
    for char in fraction:
        digit = ord(char) - 48
        if significand * 10 + digit > _U64_MAX:
            break  # parse_decimal_overflow: the remaining fraction digits are ignored
        significand = significand * 10 + digit
        exponent -= 1
    return significand, exponent


def _scale(value: float, exponent: int, text: str) -> float:
    """serde's ``f64_from_parts``: one multiply or divide by a power of ten."""
    while True:
        if abs(exponent) < len(_POW10):
            if exponent >= 0:
                value *= _POW10[exponent]
                if math.isinf(value):
                    raise ValueError(f"number out of range: {text}")
            else:
                value /= _POW10[-exponent]
            return value
        if value == 0.0:
            return value
        if exponent >= 0:
            raise ValueError(f"number out of range: {text}")
        value /= 1e308
        exponent += 308
