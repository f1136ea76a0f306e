"""Read a SentencePiece ``.model`` file (a ``ModelProto`` in protobuf's wire format), without protobuf.

A ``.model`` file is one serialized ``ModelProto`` (sentencepiece_model.proto):
its pieces (piece, score, type), its ``TrainerSpec`` (model type, special ids,
byte fallback...) and its ``NormalizerSpec`` (precompiled charsmap, dummy
prefix...).  :func:`read_model_proto` decodes the fields tokkit needs into
frozen dataclasses, with protobuf's defaults for the fields a file leaves out.

It follows protobuf's parser where a file is odd but valid: unknown fields
(and known fields tokkit does not keep) are skipped, a singular field given
twice keeps its last value, a sub-message given twice is merged, and an enum
value outside the enum leaves the field at its default (proto2 closed enums).
A known field sent with the wrong wire type is an error here (protobuf would
keep it as an unknown field): a SentencePiece file never does that, so it
means the bytes are not a SentencePiece model.  Every malformation raises
:class:`~tokkit.SerializationError` naming the byte offset.

>>> piece = bytes([0x0A, 0x03]) + b"abc" + bytes([0x15, 0, 0, 0x80, 0xBF])   # piece "abc", score -1.0
>>> model = read_model_proto(bytes([0x0A, len(piece)]) + piece)
>>> model.pieces, model.trainer_spec.model_type.name, model.trainer_spec.unk_id
((SentencePiece(piece='abc', score=-1.0, type=<PieceType.NORMAL: 1>),), 'UNIGRAM', 0)
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any, Iterator, NamedTuple, Optional, Union

from .._errors import SerializationError
from .gc import gc_paused

__all__ = [
    "PieceType", "ModelType", "SentencePiece", "TrainerSpec", "NormalizerSpec", "SentencePieceModel",
    "read_model_proto", "read_model_file",
]  # fmt: skip

# Protobuf wire types.
VARINT, FIXED64, LENGTH, START_GROUP, END_GROUP, FIXED32 = 0, 1, 2, 3, 4, 5
_WIRE_NAMES = {VARINT: "varint", FIXED64: "64-bit", LENGTH: "length-delimited", FIXED32: "32-bit"}
_MAX_VARINT_BYTES = 10  # a 64-bit value; protobuf rejects longer varints too


class PieceType(IntEnum):
    """``ModelProto.SentencePiece.Type``."""

    NORMAL = 1
    UNKNOWN = 2
    CONTROL = 3
    USER_DEFINED = 4
    UNUSED = 5
    BYTE = 6


class ModelType(IntEnum):
    """``TrainerSpec.ModelType``."""

    UNIGRAM = 1
    BPE = 2
    WORD = 3
    CHAR = 4


class SentencePiece(NamedTuple):
    """One vocabulary entry: its text, its score (log probability or merge rank) and its type.

    A NamedTuple rather than a dataclass: a model has up to ~250,000 of them, built fast.
    """

    piece: str = ""
    score: float = 0.0
    type: PieceType = PieceType.NORMAL


@dataclass(frozen=True)
class TrainerSpec:
    """The ``TrainerSpec`` fields a tokenizer needs (protobuf's defaults when absent)."""

    model_type: ModelType = ModelType.UNIGRAM
    vocab_size: int = 8000
    character_coverage: float = struct.unpack("<f", struct.pack("<f", 0.9995))[0]  # a float32, as protobuf has it
    max_sentencepiece_length: int = 16
    split_by_unicode_script: bool = True
    split_by_whitespace: bool = True
    split_by_number: bool = True
    split_digits: bool = False
    treat_whitespace_as_suffix: bool = False
    allow_whitespace_only_pieces: bool = False
    control_symbols: tuple[str, ...] = ()
    user_defined_symbols: tuple[str, ...] = ()
    byte_fallback: bool = False
    unk_id: int = 0
    bos_id: int = 1
    eos_id: int = 2
    pad_id: int = -1
    unk_surface: str = " \u2047 "
    unk_piece: str = "<unk>"
    bos_piece: str = "<s>"
    eos_piece: str = "</s>"
    pad_piece: str = "<pad>"


@dataclass(frozen=True)
class NormalizerSpec:
    """``NormalizerSpec``: the normalization rule and how whitespace is treated."""

    name: str = ""
    precompiled_charsmap: bytes = b""
    add_dummy_prefix: bool = True
    remove_extra_whitespaces: bool = True
    escape_whitespaces: bool = True
    normalization_rule_tsv: str = ""


@dataclass(frozen=True)
class SentencePieceModel:
    """A decoded ``ModelProto``."""

    pieces: tuple[SentencePiece, ...] = ()
    trainer_spec: TrainerSpec = field(default_factory=TrainerSpec)
    normalizer_spec: NormalizerSpec = field(default_factory=NormalizerSpec)
    denormalizer_spec: NormalizerSpec = field(default_factory=NormalizerSpec)


# field number -> (attribute, kind); a kind is a scalar name, "repeated string", an enum class or a schema.
Schema = dict[int, tuple[str, Any]]
_PIECE: Schema = {1: ("piece", "string"), 2: ("score", "float"), 3: ("type", PieceType)}
_TRAINER: Schema = {
    3: ("model_type", ModelType), 4: ("vocab_size", "int32"), 10: ("character_coverage", "float"),
    20: ("max_sentencepiece_length", "int32"), 21: ("split_by_unicode_script", "bool"),
    22: ("split_by_whitespace", "bool"), 23: ("split_by_number", "bool"), 24: ("treat_whitespace_as_suffix", "bool"),
    25: ("split_digits", "bool"), 26: ("allow_whitespace_only_pieces", "bool"),
    30: ("control_symbols", "repeated string"), 31: ("user_defined_symbols", "repeated string"),
    35: ("byte_fallback", "bool"), 40: ("unk_id", "int32"), 41: ("bos_id", "int32"), 42: ("eos_id", "int32"),
    43: ("pad_id", "int32"), 44: ("unk_surface", "string"), 45: ("unk_piece", "string"),
    46: ("bos_piece", "string"), 47: ("eos_piece", "string"), 48: ("pad_piece", "string"),
}  # fmt: skip
_NORMALIZER: Schema = {
    1: ("name", "string"), 2: ("precompiled_charsmap", "bytes"), 3: ("add_dummy_prefix", "bool"),
    4: ("remove_extra_whitespaces", "bool"), 5: ("escape_whitespaces", "bool"), 6: ("normalization_rule_tsv", "string"),
}  # fmt: skip
_MODEL: Schema = {1: ("pieces", [_PIECE]), 2: ("trainer_spec", _TRAINER), 3: ("normalizer_spec", _NORMALIZER),
                  5: ("denormalizer_spec", _NORMALIZER)}
_EXPECTED_WIRE = {"string": LENGTH, "bytes": LENGTH, "repeated string": LENGTH, "float": FIXED32,
                  "int32": VARINT, "bool": VARINT}


def read_model_file(path: Union[str, Path]) -> SentencePieceModel:
    """Read and decode the SentencePiece ``.model`` file at ``path`` (see :func:`read_model_proto`)."""
    return read_model_proto(Path(path).read_bytes())


def read_model_proto(data: bytes) -> SentencePieceModel:
    """Decode a serialized SentencePiece ``ModelProto``.

    >>> read_model_proto(b"").trainer_spec.pad_id    # every field at protobuf's default
    -1
    >>> read_model_proto(bytes([0x08, 0x80]))
    Traceback (most recent call last):
    ...
    tokkit._errors.SerializationError: SentencePiece model: truncated varint at byte 1 (the file is cut short, or is not a SentencePiece .model file)
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise SerializationError(f"SentencePiece model: expected bytes, got {type(data).__name__}; "
                                 "read the .model file in binary mode ('rb')")
    data = bytes(data)
    with gc_paused():  # ~250,000 small tuples: the cyclic GC would walk them again and again
        pieces, rest = _leading_pieces(data)
        values = _parse_message(data, [(rest, len(data))], _MODEL)
    normalizer = values.get("normalizer_spec", {})
    denormalizer = values.get("denormalizer_spec", {})
    return SentencePieceModel(
        pieces=tuple(pieces + values.get("pieces", [])),
        trainer_spec=TrainerSpec(**_tupled(values.get("trainer_spec", {}))),
        normalizer_spec=NormalizerSpec(**normalizer),
        denormalizer_spec=NormalizerSpec(**denormalizer),
    )


def _tupled(values: dict[str, Any]) -> dict[str, Any]:
    return {name: tuple(value) if isinstance(value, list) else value for name, value in values.items()}


def _parse_message(data: bytes, spans: list[tuple[int, int]], schema: Schema) -> dict[str, Any]:
    """The fields of one message given in ``spans`` (several spans merge, as protobuf merges repeats)."""
    values: dict[str, Any] = {}
    nested: dict[str, list[tuple[int, int]]] = {}
    for start, end in spans:
        for number, wire, value, offset in iter_fields(data, start, end):
            if number not in schema:
                continue  # an unknown field (or one tokkit does not keep): skipped, as protobuf does
            name, kind = schema[number]
            if isinstance(kind, (dict, list)):  # a sub-message (a list: a repeated one)
                span = _expect(wire, LENGTH, name, number, offset, value)
                if isinstance(kind, list):  # only the pieces are a repeated message
                    values.setdefault(name, []).append(_read_piece(data, *span))
                else:
                    nested.setdefault(name, []).append(span)
            elif isinstance(kind, type) and issubclass(kind, IntEnum):
                raw = _int32(_expect(wire, VARINT, name, number, offset, value))
                try:
                    values[name] = kind(raw)
                except ValueError:  # proto2's closed enums: a value outside the enum leaves the field alone
                    pass
            elif kind == "repeated string":
                values.setdefault(name, []).append(_scalar(data, "string", wire, value, name, number, offset))
            else:
                values[name] = _scalar(data, kind, wire, value, name, number, offset)
    for name, sub_spans in nested.items():
        values[name] = _parse_message(data, sub_spans, schema_of(schema, name))
    return values


def _leading_pieces(data: bytes) -> tuple[list[SentencePiece], int]:
    """The pieces that open the file (writers put them first), read on a fast path, and where they stop.

    The first piece of another layout, or anything malformed, stops it: the general parser
    takes over from there (and names the byte of a malformation).
    """
    pieces: list[SentencePiece] = []
    position, end = 0, len(data)
    while position < end and data[position] == 0x0A:
        length, body = read_varint(data, position + 1, end)
        piece = _read_plain_piece(data, body, body + length) if body + length <= end else None
        if piece is None:
            break
        pieces.append(piece)
        position = body + length
    return pieces, position


def _read_piece(data: bytes, start: int, end: int) -> SentencePiece:
    """One piece; the layout every SentencePiece writer uses is read directly (a 10x faster load)."""
    fast = _read_plain_piece(data, start, end)
    return fast if fast is not None else SentencePiece(**_parse_message(data, [(start, end)], _PIECE))


def _read_plain_piece(data: bytes, start: int, end: int) -> Optional[SentencePiece]:
    """``piece`` (under 128 bytes), ``score``, then maybe a one-byte ``type``; None for any other layout."""
    if end - start < 7 or data[start] != 0x0A or data[start + 1] >= 0x80:
        return None
    text_end = start + 2 + data[start + 1]
    if text_end + 5 > end or data[text_end] != 0x15:
        return None
    try:
        text = data[start + 2:text_end].decode("utf-8")
    except UnicodeDecodeError:
        return None  # the general path names the bad byte
    score = _FLOAT.unpack_from(data, text_end + 1)[0]
    position = text_end + 5
    if position == end:
        return SentencePiece(text, score)
    if position + 2 == end and data[position] == 0x18 and data[position + 1] in _PIECE_TYPES:
        return SentencePiece(text, score, _PIECE_TYPES[data[position + 1]])
    return None


_FLOAT = struct.Struct("<f")
_PIECE_TYPES = {member.value: member for member in PieceType}


def schema_of(schema: Schema, name: str) -> Schema:
    """The schema of the sub-message field ``name`` of ``schema``."""
    return next(kind for attribute, kind in schema.values() if attribute == name)


def _scalar(data: bytes, kind: str, wire: int, value: Any, name: str, number: int, offset: int) -> Any:
    raw = _expect(wire, _EXPECTED_WIRE[kind], name, number, offset, value)
    if kind == "float":
        return struct.unpack("<f", raw.to_bytes(4, "little"))[0]
    if kind == "int32":
        return _int32(raw)
    if kind == "bool":
        return raw != 0
    start, end = raw
    if kind == "bytes":
        return data[start:end]
    try:
        return data[start:end].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _error(f"field {name} (number {number}) at byte {offset} is not valid UTF-8 "
                     f"(byte {start + exc.start})") from None


def _expect(wire: int, expected: int, name: str, number: int, offset: int, value: Any) -> Any:
    if wire != expected:
        raise _error(f"field {name} (number {number}) at byte {offset} has wire type {wire} "
                     f"({_WIRE_NAMES.get(wire, 'group')}), expected {expected} ({_WIRE_NAMES[expected]})")
    return value


def _int32(raw: int) -> int:
    """A varint read as protobuf's int32: the low 32 bits, signed (-1 is sent as ten bytes)."""
    raw &= 0xFFFFFFFF
    return raw - (1 << 32) if raw >= 1 << 31 else raw


def iter_fields(data: bytes, start: int, end: int) -> Iterator[tuple[int, int, Any, int]]:
    """The fields of the message in ``data[start:end]``: (number, wire type, value, offset of the tag).

    The value is an int for varint and fixed-width fields, and a ``(start, end)``
    span of ``data`` for length-delimited ones; groups are skipped whole.

    >>> list(iter_fields(bytes([0x08, 0x96, 0x01, 0x12, 0x01, 0x41]), 0, 6))
    [(1, 0, 150, 0), (2, 2, (5, 6), 3)]
    """
    position = start
    while position < end:
        offset = position
        tag, position = read_varint(data, position, end)
        number, wire = tag >> 3, tag & 7
        if number == 0:
            raise _error(f"field number 0 at byte {offset} (protobuf field numbers start at 1)")
        if wire == START_GROUP:
            position = _skip_group(data, position, end, number)
            continue
        value, position = _read_value(data, position, end, wire, offset)
        yield number, wire, value, offset


def _read_value(data: bytes, position: int, end: int, wire: int, offset: int) -> tuple[Any, int]:
    if wire == VARINT:
        return read_varint(data, position, end)
    if wire in (FIXED32, FIXED64):
        size = 4 if wire == FIXED32 else 8
        if position + size > end:
            raise _error(f"truncated {size * 8}-bit field at byte {offset}")
        return int.from_bytes(data[position:position + size], "little"), position + size
    if wire == LENGTH:
        length, position = read_varint(data, position, end)
        if position + length > end:
            raise _error(f"length-delimited field at byte {offset} needs {length} bytes, "
                         f"only {end - position} remain")
        return (position, position + length), position + length
    if wire == END_GROUP:
        raise _error(f"end-group tag at byte {offset} without a matching start-group")
    raise _error(f"invalid wire type {wire} at byte {offset} (protobuf has wire types 0 to 5)")


def _skip_group(data: bytes, position: int, end: int, number: int) -> int:
    """The position after the END_GROUP closing group ``number`` (nested groups skipped too)."""
    while position < end:
        offset = position
        tag, position = read_varint(data, position, end)
        if tag & 7 == END_GROUP:
            if tag >> 3 != number:
                raise _error(f"end-group tag at byte {offset} closes field {tag >> 3}, not {number}")
            return position
        if tag & 7 == START_GROUP:
            position = _skip_group(data, position, end, tag >> 3)
        else:
            position = _read_value(data, position, end, tag & 7, offset)[1]
    raise _error(f"group {number} is not closed before byte {end}")


def read_varint(data: bytes, position: int, end: int) -> tuple[int, int]:
    """The base-128 varint at ``position`` and the position after it.

    >>> read_varint(bytes([0xAC, 0x02]), 0, 2)
    (300, 2)
    """
    result = shift = 0
    start = position
    while position < end:
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result & 0xFFFFFFFFFFFFFFFF, position
        shift += 7
        if position - start == _MAX_VARINT_BYTES:
            raise _error(f"varint at byte {start} is longer than {_MAX_VARINT_BYTES} bytes")
    raise _error(f"truncated varint at byte {start}")


def _error(problem: str) -> SerializationError:
    return SerializationError(f"SentencePiece model: {problem} (the file is cut short, "
                              "or is not a SentencePiece .model file)")
