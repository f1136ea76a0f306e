"""Parse JSON text the way HF's serde_json reads a tokenizer.json, with errors that say where.

Python's ``json`` is looser than serde_json in ways that change what loads;
each is closed here, once, so no component has to think about it:

* nesting: serde_json stops at 127 nested arrays/objects ("recursion limit
  exceeded"); Python goes on until a ``RecursionError``;
* strings: serde_json wants Unicode scalar values, so a lone surrogate
  escape (``"\\ud800"``) is an error; Python keeps it, and it fails later at
  save or encode.  Paired escapes (``"\\ud83d\\ude00"``) are one char in both;
* numbers: ``NaN``/``Infinity`` are not JSON (Python accepts them); an integer
  beyond i64/u64 is an f64 for serde (so a u32 field refuses it as a float),
  and so is ``-0``; one beyond f64 (``1e400``, 400 digits) is "number out of range";
* encoding: the text must be UTF-8 (Python also reads UTF-16/32 and keeps
  surrogates smuggled into bytes);
* duplicate keys: Python keeps the last value silently; serde's derived
  structs refuse them.  An object with duplicates is a :class:`JsonObject`
  that remembers them, for the readers of those structs to refuse.

>>> parse_json('{"a": [1, 2.5, "\\\\ud83d\\\\ude00"]}')
{'a': [1, 2.5, '😀']}
>>> parse_json('{"a": {"b": NaN}}')
Traceback (most recent call last):
...
tokkit._errors.SerializationError: NaN is not a JSON number (HF's serde_json refuses it): write a number or null
>>> parse_json('{"a": ["\\\\ud800"]}')
Traceback (most recent call last):
...
tokkit._errors.SerializationError: a[0]: a lone surrogate escape is not a Unicode character (serde_json refuses it): write the whole surrogate pair or drop it

What this module does not do: check a field's type (the component readers
do, through ``tokkit._validation``) or the document's layout (``document``).
"""

from __future__ import annotations

import json
import math
import re
from itertools import chain, compress, repeat
from operator import ge, is_, lt
from typing import Any, Callable, Iterator, Optional

from .._errors import SerializationError
from .serde_json import serde_float

__all__ = ["MAX_DEPTH", "JsonObject", "parse_json", "duplicate_keys", "refuse_duplicates"]

#: serde_json's recursion limit: 128, checked after decrementing, so 127 levels load.
MAX_DEPTH = 127
_U64_MAX = (1 << 64) - 1
_I64_MIN = -(1 << 63)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD]")
_MINUS_ZERO = re.compile("-0")  # a regex scan is 3x faster than str.find for this needle
_JSON_SPACE = " \t\n\r"
_NUMBER_GOES_ON = frozenset("0123456789.eE")
_SCALARS = frozenset((str, bool, type(None)))
_BIG = 512  # containers at least this long are checked on their own (vocab, merges)


class JsonObject(dict):  # type: ignore[type-arg]
    """A JSON object that had duplicate keys: ``earlier`` holds, per key, the values later ones replaced."""

    __slots__ = ("earlier",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.earlier: dict[str, list[Any]] = {}
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                self.earlier.setdefault(key, []).append(seen[key])
            seen[key] = value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    return obj if len(obj) == len(pairs) else JsonObject(pairs)


def duplicate_keys(obj: Any) -> list[str]:
    """The keys that appear more than once in the JSON object ``obj`` (it was parsed by :func:`parse_json`).

    >>> duplicate_keys(parse_json('{"a": 1, "b": 2, "a": 3}')), duplicate_keys({"a": 1})
    (['a'], [])
    """
    return list(obj.earlier) if type(obj) is JsonObject else []


def refuse_duplicates(obj: Any, what: str, fields: "tuple[str, ...]") -> None:
    """serde's derived structs refuse one of their ``fields`` given twice (other keys are ignored, twice too).

    >>> refuse_duplicates(parse_json('{"id": 1, "id": 2}'), "an added token", ("id", "content"))
    Traceback (most recent call last):
    ...
    tokkit._errors.SerializationError: id: duplicate field `id` in an added token (HF refuses it): keep one
    """
    for key in duplicate_keys(obj):
        if key in fields:
            raise SerializationError(f"duplicate field `{key}` in {what} (HF refuses it): keep one", (key,))


def _has_negative_zero(text: str) -> bool:
    """True if ``text`` may hold the JSON number ``-0`` (one regex scan: "-0" is rare, even in strings)."""
    for match in _MINUS_ZERO.finditer(text):
        at, before = match.start(), match.start() - 1
        while before >= 0 and text[before] in _JSON_SPACE:
            before -= 1
        if before >= 0 and text[before] in "[:," and text[at + 2:at + 3] not in _NUMBER_GOES_ON:
            return True
    return False


def _serde_int(text: str) -> "int | float":
    return -0.0 if text == "-0" else int(text)


def _reject_constant(name: str) -> Any:
    raise SerializationError(f"{name} is not a JSON number (HF's serde_json refuses it): write a number or null")


def parse_json(text: "str | bytes | bytearray | memoryview") -> Any:
    """The JSON value of ``text`` as serde_json reads it; anything it refuses is a SerializationError."""
    if not isinstance(text, str):
        text = _utf8(bytes(text))
    elif not text.isascii():
        _check_encodable(text)
    # serde reads the integer -0 as the float -0.0 (so a u32 field refuses it): rare, parsed with a hook
    parse_int = _serde_int if _has_negative_zero(text) else None
    try:
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_object, parse_int=parse_int)
    except json.JSONDecodeError as exc:
        raise SerializationError(
            f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); is the tokenizer.json file complete?"
        ) from None
    except RecursionError:
        raise SerializationError(_too_deep("the document")) from None
    except SerializationError:  # NaN/Infinity (a ValueError too)
        raise
    except ValueError:  # Python's int-digits limit (4300): far past f64, where serde stops too
        raise SerializationError(f"an integer of more than 4300 digits: {_OUT_OF_RANGE}") from None
    if not _check_values(data):
        data = _big_ints_as_floats(data)
    if _SURROGATE_ESCAPE.search(text):  # a cheap first look: most files have none
        _check_strings(data)
    return data


def _utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SerializationError(
            f"not UTF-8: byte {raw[exc.start]:#04x} at line {line} (offset {exc.start}); "
            f"a tokenizer.json is UTF-8 text (HF refuses other encodings). A SentencePiece .model file "
            f"loads with tokkit.converters.from_sentencepiece(path)"
        ) from None


def _check_encodable(text: str) -> None:
    """A str holding a raw surrogate is no UTF-8 text (HF cannot even take it as an argument)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise SerializationError(
            f"the text holds a lone surrogate {text[exc.start]!r} at line {line}, which is not a Unicode "
            f"character; read the file as UTF-8 bytes (Tokenizer.from_file) or fix the text"
        ) from None


def _too_deep(where: str) -> str:
    return (f"{where} nests arrays/objects more than {MAX_DEPTH} levels deep, past serde_json's recursion "
            f"limit (HF refuses it): flatten the structure")


# -- one breadth-first pass over every value: depth and numbers ------------------------
def _check_values(data: Any) -> bool:
    """Refuse nesting past MAX_DEPTH; False when some number is beyond i64/u64 or infinite (see the caller).

    Breadth-first, level by level, with the work done by C iterators: a big
    vocab costs a few passes of ``map``/``max``/``min``, not a Python loop.
    """
    groups: list[Any] = [data.values()] if isinstance(data, dict) else [data] if isinstance(data, list) else []
    if type(data) is JsonObject:
        groups.extend(data.earlier.values())
    depth = 0
    fits = True
    while groups:
        depth += 1
        if depth > MAX_DEPTH:
            _raise_at(data, _too_deep_at, _too_deep("this value"))
        lengths = list(map(len, groups))
        small = list(compress(groups, map(lt, lengths, repeat(_BIG))))
        for values in compress(groups, map(ge, lengths, repeat(_BIG))) if len(small) != len(groups) else ():
            types = set(map(type, values))
            if dict in types or list in types or JsonObject in types:
                small.append(values)
            elif fits and not types <= _SCALARS:
                fits = _numbers_fit(values, types)
        kids = list(chain.from_iterable(small))
        kid_types = list(map(type, kids))
        present = set(kid_types)
        if fits and not present <= _SCALARS:
            fits = _numbers_fit(kids, present)
        groups = []
        for kind in (dict, JsonObject):
            if kind in present:
                groups.extend(map(dict.values, compress(kids, map(is_, kid_types, repeat(kind)))))
        if JsonObject in present:  # the values a repeated key replaced were parsed too (serde reads them all)
            for obj in compress(kids, map(is_, kid_types, repeat(JsonObject))):
                groups.extend(obj.earlier.values())
        if list in present:
            groups.extend(compress(kids, map(is_, kid_types, repeat(list))))
    return fits


def _too_deep_at(value: Any, level: int) -> bool:
    return level >= MAX_DEPTH and isinstance(value, (dict, list))


def _numbers_fit(values: "list[Any] | Any", types: set[type]) -> bool:
    """No int outside i64..u64 (serde reads those as f64) and no infinite float (``1e400``) among ``values``."""
    if int in types:
        ints = values if len(types) == 1 else list(compress(values, map(is_, map(type, values), repeat(int))))
        if max(ints) > _U64_MAX or min(ints) < _I64_MIN:
            return False
    if float in types:
        floats = values if len(types) == 1 else list(compress(values, map(is_, map(type, values), repeat(float))))
        if max(floats) == math.inf or min(floats) == -math.inf:
            return False
    return True


def _big_ints_as_floats(data: Any) -> Any:
    """The rare slow path: ints past i64/u64 become the f64 serde reads (``10**30`` -> ``1e30``).

    Then an integer field refuses them as floats and an f64 field takes them, as in HF;
    past f64 (``1e400``, 400 digits) is "number out of range", located.
    """
    path = _first(data, _infinite)
    if path is not None:
        raise SerializationError(_OUT_OF_RANGE, path)
    return _floats(data)


def _floats(value: Any) -> Any:
    if type(value) is int and not _I64_MIN <= value <= _U64_MAX:
        return serde_float(str(value))
    if isinstance(value, dict):
        fixed = {key: _floats(item) for key, item in value.items()}
        if type(value) is JsonObject:
            value.clear()
            value.update(fixed)
            return value
        return fixed
    if isinstance(value, list):
        return [_floats(item) for item in value]
    return value


def _infinite(value: Any, _level: int) -> bool:
    if type(value) is int and not _I64_MIN <= value <= _U64_MAX:
        try:
            return math.isinf(serde_float(str(value)))
        except ValueError:  # serde_float's "number out of range"
            return True
    return type(value) is float and math.isinf(value)


_OUT_OF_RANGE = ("number out of range: HF reads a JSON number as i64, u64 or f64 (integers past u64 become f64, "
                 "and nothing past ±1.8e308 is read): write a smaller number")


# -- strings: only when the text has a \uD... escape ---------------------------------
def _check_strings(data: Any) -> None:
    path = _first(data, _has_surrogate)
    if path is not None:
        raise SerializationError("a lone surrogate escape is not a Unicode character (serde_json refuses it): "
                                 "write the whole surrogate pair or drop it", path)


def _has_surrogate(value: Any, _level: int) -> bool:
    return type(value) is str and not _is_scalar_values(value)


def _is_scalar_values(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- locating a problem ------------------------------------------------------------------
def _walk(data: Any) -> Iterator[tuple[tuple[Any, ...], Any, int]]:
    """(path, value, level) of every value and object key, depth first, without recursion."""
    stack: list[tuple[tuple[Any, ...], Any, int]] = [((), data, 0)]
    while stack:
        path, value, level = stack.pop()
        yield path, value, level
        if isinstance(value, dict):
            items = list(value.items())
            if type(value) is JsonObject:  # the replaced values too
                items += [(key, old) for key, olds in value.earlier.items() for old in olds]
            stack.extend(((*path, key), key, level + 1) for key, _ in reversed(items))
            stack.extend(((*path, key), item, level + 1) for key, item in reversed(items))
        elif isinstance(value, list):
            stack.extend(((*path, i), item, level + 1) for i, item in reversed(list(enumerate(value))))


def _first(data: Any, bad: Callable[[Any, int], bool]) -> Optional[tuple[Any, ...]]:
    """The path of the first value (depth first) for which ``bad(value, level)`` holds, or None."""
    return next((path for path, value, level in _walk(data) if bad(value, level)), None)


def _raise_at(data: Any, bad: Callable[[Any, int], bool], message: str) -> None:
    """Raise ``message``, located at the first bad value."""
    raise SerializationError(message, _first(data, bad) or ())
