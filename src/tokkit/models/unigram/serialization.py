"""Checking and reading a Unigram vocab the way HF's serde does (HF ``models/unigram/serialization.rs``), and
the model's options."""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping

from ..._errors import ConfigurationError, SerializationError, TokkitError
from ..._json.serde_json import serde_float

__all__ = ["check_pieces", "check_unk_id", "check_alpha", "check_byte_fallback"]


_U64 = 1 << 64


def check_pieces(vocab: Any, error: type[TokkitError]) -> list[tuple[str, float]]:
    """Validate a ``[(piece, score), ...]`` list like serde's ``Vec<(String, f64)>``."""
    if isinstance(vocab, (str, bytes, Mapping)) or not isinstance(vocab, Iterable):
        raise error(f"Unigram vocab must be a list of (piece, score) pairs, got {type(vocab).__name__}")
    pieces = []
    for index, item in enumerate(vocab):
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise _in_vocab(error(f"each Unigram vocab entry must be a (piece, score) pair, got {item!r:.80}"), index)
        piece, score = item
        if not isinstance(piece, str):
            raise _in_vocab(error(f"Unigram piece must be a str, got {piece!r:.80}"), index, 0)
        if not isinstance(score, (int, float)) or (error is SerializationError and isinstance(score, bool)):
            raise _in_vocab(error(f"score of Unigram piece {piece!r} must be a float, got {score!r:.80}"), index, 1)
        pieces.append((piece, _as_read_by_serde(score) if error is SerializationError else float(score)))
    return pieces


def _in_vocab(exc: TokkitError, *steps: int) -> TokkitError:
    """A JSON error located at the vocab entry (``vocab[3][1]``); an argument error as it is."""
    return exc.at("vocab", *steps) if isinstance(exc, SerializationError) else exc


def _as_read_by_serde(score: float) -> float:
    """The f64 HF gets for this JSON number (see :func:`serde_float`).

    The JSON loader gives the correctly rounded value, whose ``repr`` is the
    literal of any file written by serde_json or Python's json (shortest
    round-trip digits), so HF's reading is recovered from it.
    """
    if isinstance(score, int):
        return float(score)  # serde reads an integer as i64/u64, then `as f64` (round to nearest)
    if not math.isfinite(score):
        raise SerializationError(f"Unigram score {score!r} is not a JSON number")
    return serde_float(repr(score))


def check_unk_id(unk_id: Any, size: int, error: type[TokkitError]) -> int | None:
    """None, or the index of the unk piece in a vocab of ``size`` pieces (HF: ``Unigram::from``)."""
    if unk_id is None:
        return None
    if type(unk_id) is not int and not (error is ConfigurationError and isinstance(unk_id, int)):
        raise _at_unk_id(error(f"unk_id must be an int index into the vocab or None, got {unk_id!r}"))
    if not 0 <= unk_id < _U64:
        raise _at_unk_id(error(f"unk_id must be a non-negative index into the vocab, got {unk_id!r}"))
    if size == 0:
        raise error("The vocabulary is empty but at least <unk> is needed: pass a vocab holding the unk piece")
    if unk_id >= size:
        raise _at_unk_id(error(f"The `unk_id` is larger than vocabulary size (unk_id={unk_id}, {size} pieces): "
                    "pass the index of the unk piece in the vocab list"))
    return int(unk_id)


def _at_unk_id(exc: TokkitError) -> TokkitError:
    return exc.at("unk_id") if isinstance(exc, SerializationError) else exc


def check_alpha(alpha: Any) -> float | None:
    """None, or the sampling smoothing as a float (HF's ``Option<f64>``; bools refused)."""
    if alpha is None:
        return None
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)):
        raise ConfigurationError(f"alpha must be a float (sampling smoothing) or None, got {alpha!r}")
    return float(alpha)


def check_byte_fallback(byte_fallback: Any) -> bool:
    """A real bool (constructor and setter; the JSON field is checked by the reader)."""
    if not isinstance(byte_fallback, bool):
        raise ConfigurationError(f"byte_fallback must be a bool, got {byte_fallback!r}")
    return byte_fallback
