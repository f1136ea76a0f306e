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

__all__ = ["dumps", "format_float"]

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


def _dump_dict(value: dict, out: list[str], indent: str | None, level: int) -> None:
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


def _dump_list(value: list | tuple, out: list[str], indent: str | None, level: int) -> None:
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
