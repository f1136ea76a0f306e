"""Write a SentencePiece ``ModelProto`` in protobuf's wire format, without protobuf.

The inverse of :mod:`tokkit._support.sentencepiece_model` for the fields a
tokenizer needs: the pieces, the ``TrainerSpec`` (model type, vocab size, the
special pieces and ids, ``byte_fallback``) and the ``NormalizerSpec`` (rule name,
precompiled charsmap, whitespace flags).  Fields go out in field-number order, as
protobuf's serializer writes them, so the same model always gives the same bytes.

>>> from tokkit._support.sentencepiece_model import read_model_proto, SentencePiece
>>> data = model_bytes([SentencePiece("<unk>", 0.0, 2), SentencePiece("a", -1.5)])
>>> proto = read_model_proto(data)
>>> proto.pieces[1], proto.trainer_spec.model_type.name, proto.trainer_spec.vocab_size
(SentencePiece(piece='a', score=-1.5, type=<PieceType.NORMAL: 1>), 'UNIGRAM', 2)
"""

from __future__ import annotations

import struct
from typing import Sequence

from .._support.sentencepiece_model import ModelType, PieceType, SentencePiece

__all__ = ["model_bytes", "varint"]

_VARINT, _LENGTH, _FIXED32 = 0, 2, 5
_SPECIAL_NAMES = ("unk", "bos", "eos", "pad")
_DEFAULT_SPECIALS = {"unk": "<unk>", "bos": "<s>", "eos": "</s>", "pad": "<pad>"}


def varint(value: int) -> bytes:
    """A base-128 varint; a negative value as protobuf sends an int32: ten bytes, two's complement.

    >>> varint(300).hex(), len(varint(-1))
    ('ac02', 10)
    """
    value &= 0xFFFFFFFFFFFFFFFF
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _tag(number: int, wire: int) -> bytes:
    return varint(number << 3 | wire)


def _int(number: int, value: int) -> bytes:
    return _tag(number, _VARINT) + varint(value)


def _bytes(number: int, value: bytes) -> bytes:
    return _tag(number, _LENGTH) + varint(len(value)) + value


def _text(number: int, value: str) -> bytes:
    return _bytes(number, value.encode("utf-8"))


def _float(number: int, value: float) -> bytes:
    return _tag(number, _FIXED32) + struct.pack("<f", value)


def _piece(piece: SentencePiece) -> bytes:
    body = _text(1, piece.piece) + _float(2, piece.score)
    if piece.type != PieceType.NORMAL:  # protobuf leaves an unset optional out; NORMAL is the default
        body += _int(3, int(piece.type))
    return _bytes(1, body)


def _special_ids(pieces: Sequence[SentencePiece]) -> dict[str, tuple[int, str]]:
    """unk/bos/eos/pad: the id and text of each (SentencePiece's defaults name them; -1 when absent)."""
    ids = {piece.piece: i for i, piece in enumerate(pieces)}
    unknown = next((i for i, piece in enumerate(pieces) if piece.type == PieceType.UNKNOWN), -1)
    found = {"unk": (unknown, pieces[unknown].piece if unknown >= 0 else "<unk>")}
    for name in _SPECIAL_NAMES[1:]:
        text = _DEFAULT_SPECIALS[name]
        found[name] = (ids[text], text) if text in ids and pieces[ids[text]].type == PieceType.CONTROL else (-1, text)
    return found


def _trainer_spec(pieces: Sequence[SentencePiece], model_type: ModelType, byte_fallback: bool) -> bytes:
    specials = _special_ids(pieces)
    body = _int(3, int(model_type)) + _int(4, len(pieces))
    if byte_fallback:
        body += _int(35, 1)
    for number, name in enumerate(_SPECIAL_NAMES, start=40):
        body += _int(number, specials[name][0])
    for number, name in enumerate(_SPECIAL_NAMES, start=45):
        body += _text(number, specials[name][1])
    return body


def _normalizer_spec(name: str, charsmap: bytes, add_dummy_prefix: bool, remove_extra_whitespaces: bool) -> bytes:
    body = _text(1, name) + (_bytes(2, charsmap) if charsmap else b"")
    return body + _int(3, add_dummy_prefix) + _int(4, remove_extra_whitespaces) + _int(5, 1)


def model_bytes(
    pieces: Sequence[SentencePiece],
    *,
    model_type: str = "UNIGRAM",
    byte_fallback: bool = False,
    normalizer_name: str = "identity",
    precompiled_charsmap: bytes = b"",
    add_dummy_prefix: bool = True,
    remove_extra_whitespaces: bool = True,
) -> bytes:
    """A serialized ``ModelProto`` with these pieces and specs (what a ``.model`` file holds).

    unk is the UNKNOWN piece; bos, eos and pad are the CONTROL pieces ``<s>``, ``</s>``
    and ``<pad>`` when present, else -1.
    """
    body = b"".join(_piece(piece) for piece in pieces)
    body += _bytes(2, _trainer_spec(pieces, ModelType[model_type], byte_fallback))
    body += _bytes(3, _normalizer_spec(normalizer_name, precompiled_charsmap, add_dummy_prefix,
                                       remove_extra_whitespaces))
    return body
