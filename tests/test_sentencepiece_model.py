"""SentencePiece .model files: tokkit's wire-format reader against protobuf, and from_spm against HF's."""

from __future__ import annotations

import io
import json
import struct
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import sentencepiece as spm
import tokenizers as hf
from google.protobuf.message import DecodeError
from hypothesis import given
from hypothesis import strategies as st
from sentencepiece import sentencepiece_model_pb2 as pb

import tokkit
from tokkit._support.sentencepiece_model import (
    ModelType,
    PieceType,
    SentencePieceModel,
    read_model_file,
    read_model_proto,
)

from parity import assert_same_encoding

DATA = Path(__file__).parent / "data"
LINES = (DATA / "wikitext-slice.txt").read_text(encoding="utf-8").splitlines()
SAMPLES = ["Hello, y'all! How are you 😁 ?", "  The  Quick brown FOX   jumped.  ", "ｈｅｌｌｏ ｗｏｒｌｄ ① ﬁ", "naïve 東京"]

#: sentencepiece trainings: (name, options).
MODELS: dict[str, dict[str, Any]] = {
    "unigram": {"model_type": "unigram", "vocab_size": 300},
    "unigram-identity": {"model_type": "unigram", "vocab_size": 300, "normalization_rule_name": "identity"},
    "unigram-bytes": {"model_type": "unigram", "vocab_size": 600, "byte_fallback": True, "unk_id": 3,
                      "bos_id": 0, "eos_id": -1, "pad_id": 1, "user_defined_symbols": ["<sep>", "@@"],
                      "control_symbols": ["<ctl>"], "normalization_rule_name": "nfkc_cf", "add_dummy_prefix": False,
                      "split_digits": True},
    "bpe": {"model_type": "bpe", "vocab_size": 300},
    "char": {"model_type": "char", "vocab_size": 120},
}


@lru_cache(maxsize=None)
def spm_model(name: str) -> bytes:
    """A .model file trained by sentencepiece itself on the test corpus."""
    out = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(LINES), model_writer=out, minloglevel=2,
                                   num_threads=1, **MODELS[name])
    return out.getvalue()


def as_protobuf(data: bytes) -> Any:
    proto = pb.ModelProto()
    proto.ParseFromString(data)
    return proto


def assert_same_as_protobuf(ours: SentencePieceModel, theirs: Any) -> None:
    """Every field tokkit keeps has protobuf's value (defaults included)."""
    assert [(p.piece, p.score, int(p.type)) for p in ours.pieces] == [(p.piece, p.score, p.type) for p in theirs.pieces]
    for spec in ("trainer_spec", "normalizer_spec", "denormalizer_spec"):
        mine, hers = getattr(ours, spec), getattr(theirs, spec)
        for name in mine.__dataclass_fields__:
            value, expected = getattr(mine, name), getattr(hers, name)
            assert (tuple(value) if isinstance(value, tuple) else value) == (
                tuple(expected) if not isinstance(expected, (str, bytes, int, float)) else expected), (spec, name)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_trained_models_read_as_protobuf_reads_them(name: str, tmp_path: Path) -> None:
    data = spm_model(name)
    assert_same_as_protobuf(read_model_proto(data), as_protobuf(data))
    path = tmp_path / "m.model"
    path.write_bytes(data)
    assert read_model_file(path) == read_model_file(str(path)) == read_model_proto(data)


def test_fields_a_trained_model_sets() -> None:
    model = read_model_proto(spm_model("unigram-bytes"))
    spec = model.trainer_spec
    assert (spec.model_type, spec.byte_fallback, spec.unk_id, spec.bos_id, spec.eos_id, spec.pad_id) == (
        ModelType.UNIGRAM, True, 3, 0, -1, 1)
    assert spec.user_defined_symbols == ("<sep>", "@@") and spec.control_symbols == ("<ctl>",)
    assert model.normalizer_spec.name == "nfkc_cf" and not model.normalizer_spec.add_dummy_prefix
    types = {piece.piece: piece.type for piece in model.pieces}
    assert types["<sep>"] == PieceType.USER_DEFINED and types["<ctl>"] == PieceType.CONTROL
    assert types["<0x41>"] == PieceType.BYTE and types["<unk>"] == PieceType.UNKNOWN
    assert read_model_proto(spm_model("bpe")).trainer_spec.model_type == ModelType.BPE


# -- from_spm against HF's ------------------------------------------------------------------------
@pytest.fixture
def hf_from_spm(monkeypatch: pytest.MonkeyPatch) -> Any:
    """HF's from_spm, given sentencepiece's generated protobuf module under the name it imports."""
    monkeypatch.setitem(sys.modules, "sentencepiece_model_pb2", pb)
    return hf.SentencePieceUnigramTokenizer.from_spm


@pytest.mark.parametrize("name", ["unigram", "unigram-identity", "unigram-bytes"])
def test_from_spm_as_hf(name: str, tmp_path: Path, hf_from_spm: Any) -> None:
    path = tmp_path / f"{name}.model"
    path.write_bytes(spm_model(name))
    ours, theirs = tokkit.SentencePieceUnigramTokenizer.from_spm(str(path)), hf_from_spm(str(path))
    assert type(ours) is tokkit.SentencePieceUnigramTokenizer
    assert json.loads(ours.to_str()) == json.loads(theirs.to_str())
    assert repr(ours) == repr(theirs)
    for text in SAMPLES + LINES[:30]:
        expected = theirs.encode(text)
        assert_same_encoding(ours.encode(text), expected, text)
        assert ours.decode(expected.ids) == theirs.decode(expected.ids)


def test_from_spm_refuses_a_bpe_model_as_hf(tmp_path: Path, hf_from_spm: Any) -> None:
    path = tmp_path / "bpe.model"
    path.write_bytes(spm_model("bpe"))
    with pytest.raises(Exception, match="Unigram") as theirs:
        hf_from_spm(str(path))
    with pytest.raises(tokkit.ConfigurationError, match="BPE model, not a Unigram one") as ours:
        tokkit.SentencePieceUnigramTokenizer.from_spm(str(path))
    assert isinstance(ours.value, type(theirs.value))


def test_from_spm_on_a_malformed_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.model"
    path.write_bytes(spm_model("unigram")[:1001])
    with pytest.raises(tokkit.SerializationError, match="SentencePiece model: .* at byte"):
        tokkit.SentencePieceUnigramTokenizer.from_spm(str(path))
    with pytest.raises(FileNotFoundError):
        tokkit.SentencePieceUnigramTokenizer.from_spm(str(tmp_path / "absent.model"))


# -- the wire format, byte by byte -------------------------------------------------------------------
def varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int32s go out as ten bytes, as protobuf sends them
    out = bytearray()
    while True:
        out.append(value & 0x7F | (0x80 if value > 0x7F else 0))
        value >>= 7
        if not value:
            return bytes(out)


def tag(number: int, wire: int) -> bytes:
    return varint(number << 3 | wire)


def length_field(number: int, payload: bytes) -> bytes:
    return tag(number, 2) + varint(len(payload)) + payload


def piece(text: str, score: float, kind: int | None = None) -> bytes:
    body = length_field(1, text.encode()) + tag(2, 5) + struct.pack("<f", score)
    return body + (tag(3, 0) + varint(kind) if kind is not None else b"")


UNKNOWN_FIELDS = (tag(99, 0) + varint(7) + tag(98, 1) + bytes(8) + length_field(97, b"xyz") + tag(96, 5) + bytes(4)
                  + tag(95, 3) + tag(1, 0) + varint(1) + tag(94, 3) + tag(94, 4) + tag(95, 4))


def hand_encoded() -> bytes:
    trainer_a = tag(3, 0) + varint(1) + tag(40, 0) + varint(2) + tag(43, 0) + varint(-1) + UNKNOWN_FIELDS
    trainer_b = (tag(35, 0) + varint(1) + tag(40, 0) + varint(5) + length_field(31, "ü".encode())
                 + length_field(31, b"<b>") + tag(10, 5) + struct.pack("<f", 0.5) + tag(41, 0) + varint(-7))
    normalizer = length_field(1, b"custom") + length_field(2, bytes([0, 1, 2, 255])) + tag(3, 0) + varint(0)
    return (length_field(1, piece("<unk>", 0.0, 2)) + UNKNOWN_FIELDS + length_field(1, piece("▁a", -1.5))
            + length_field(1, piece("b", -2.25, 6) + tag(3, 0) + varint(42))  # 42: no such type, the 6 stays
            + length_field(2, trainer_a) + length_field(3, normalizer) + length_field(2, trainer_b)
            + length_field(5, length_field(1, b"denorm")) + length_field(4, b"\x0a\x00"))


def test_hand_encoded_model_as_protobuf() -> None:
    data = hand_encoded()
    ours = read_model_proto(data)
    assert_same_as_protobuf(ours, as_protobuf(data))
    assert [p.piece for p in ours.pieces] == ["<unk>", "▁a", "b"]
    assert ours.pieces[2].type == PieceType.BYTE  # an enum value outside the enum keeps the field as it was
    spec = ours.trainer_spec  # the two trainer_spec messages merge, the last value of a field wins
    assert (spec.unk_id, spec.pad_id, spec.bos_id, spec.byte_fallback, spec.user_defined_symbols) == (
        5, -1, -7, True, ("ü", "<b>"))
    assert ours.normalizer_spec.precompiled_charsmap == bytes([0, 1, 2, 255])
    assert ours.denormalizer_spec.name == "denorm"
    assert read_model_proto(bytearray(data)) == read_model_proto(memoryview(data)) == ours


def test_empty_file_is_every_default() -> None:
    assert_same_as_protobuf(read_model_proto(b""), as_protobuf(b""))


MALFORMED = {
    "truncated varint": (tag(1, 2) + b"\x85", "truncated varint at byte 1"),
    "varint over ten bytes": (length_field(2, tag(40, 0) + b"\xff" * 10 + b"\x01"), "at byte 4 is longer than 10 bytes"),
    "wire type 6": (bytes([0x0E]), "invalid wire type 6 at byte 0"),
    "wire type 7 in a piece": (length_field(1, bytes([0x0F])), "invalid wire type 7 at byte 2"),
    "piece as a varint": (tag(1, 0) + varint(3), "pieces (number 1) at byte 0 has wire type 0"),
    "score as a varint": (length_field(1, tag(2, 0) + varint(3)), "score (number 2) at byte 2 has wire type 0"),
    "length past the end": (length_field(1, b"abc")[:-1], "needs 3 bytes, only 2 remain"),
    "field number 0": (bytes([0x00, 0x01]), "field number 0 at byte 0"),
    "group not closed": (tag(50, 3) + tag(1, 0) + varint(1), "group 50 is not closed"),
    "end group alone": (tag(50, 4), "end-group tag at byte 0"),
    "end group of another": (tag(50, 3) + tag(51, 4), "closes field 51, not 50"),
    "fixed32 cut": (length_field(1, tag(2, 5) + b"\x00\x00"), "truncated 32-bit field at byte 2"),
    "invalid UTF-8": (length_field(1, length_field(1, b"a\xff")), "not valid UTF-8 (byte 5)"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_bytes_raise_serialization_error(case: str) -> None:
    data, message = MALFORMED[case]
    with pytest.raises(tokkit.SerializationError, match="^SentencePiece model: ") as error:
        read_model_proto(data)
    assert message in str(error.value)
    assert isinstance(error.value, ValueError)
    if case not in LENIENT_PROTOBUF:
        with pytest.raises(DecodeError):
            as_protobuf(data)


#: Where protobuf reads on: a known field of the wrong wire type becomes an unknown field, and a proto2
#: string that is not UTF-8 comes back as bytes (HF's from_spm then fails on it); tokkit refuses both.
LENIENT_PROTOBUF = {"piece as a varint", "score as a varint", "invalid UTF-8"}
LENIENT_MESSAGES = ("has wire type", "not valid UTF-8")


def test_not_bytes_is_a_clear_error() -> None:
    with pytest.raises(tokkit.SerializationError, match="binary mode"):
        read_model_proto("text")  # type: ignore[arg-type]


@given(cut=st.integers(0, 4000), flip=st.integers(0, 255), at=st.integers(0, 3999))
def test_damaged_files_parse_as_protobuf_or_raise(cut: int, flip: int, at: int) -> None:
    """A cut or a changed byte: tokkit reads what protobuf reads, or raises SerializationError."""
    data = bytearray(spm_model("unigram")[:4000])
    data[at % len(data)] = flip
    data = data[:cut]
    try:
        theirs = as_protobuf(bytes(data))
    except DecodeError:
        theirs = None
    try:
        ours = read_model_proto(bytes(data))
    except tokkit.SerializationError as error:
        assert theirs is None or any(message in str(error) for message in LENIENT_MESSAGES)
        return
    assert theirs is not None
    assert_same_as_protobuf(ours, theirs)


PIECE_LAYOUTS = {
    "usual": piece("abc", -1.0),
    "with a type": piece("abc", -1.0, 3),
    "score first": tag(2, 5) + struct.pack("<f", -3.5) + length_field(1, b"x"),
    "long piece": piece("é" * 100, -2.0, 4),
    "type outside the enum": piece("abc", -1.0, 9),
    "type as a long varint": piece("abc", -1.0) + tag(3, 0) + bytes([0x83, 0x00]),
    "no score": length_field(1, b"abc"),
    "empty": b"",
    "field repeated": piece("abc", -1.0) + length_field(1, b"xyz"),
    "unknown field inside": piece("abc", -1.0) + tag(7, 0) + varint(1),
}


@pytest.mark.parametrize("layout", sorted(PIECE_LAYOUTS))
def test_piece_layouts_as_protobuf(layout: str) -> None:
    """Pieces in the usual layout take a fast path; every other layout must read the same as protobuf."""
    body = PIECE_LAYOUTS[layout]
    data = length_field(1, body) + length_field(1, piece("z", 0.0)) + length_field(1, body)
    ours = read_model_proto(data)
    assert_same_as_protobuf(ours, as_protobuf(data))
    assert ours.pieces[0] == ours.pieces[2]
