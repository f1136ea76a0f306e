"""A tokkit tokenizer as a SentencePiece ``.model`` (the inverse of :func:`from_sentencepiece`).

SentencePiece can express the tokenizers :func:`~tokkit.converters.from_sentencepiece`
builds, and only those: a BPE or Unigram model; a normalizer made of a ``Precompiled``
charsmap, SentencePiece's three space rules and ``Prepend("▁")`` (each optional, in that
order); a ``Metaspace`` that never prepends nor splits (then, for a BPE, a ``Split``
isolating its user-defined symbols); no post-processor; special added tokens that are
pieces of the model.  Anything else raises a :class:`~tokkit.ConfigurationError` naming it.
The decoder, truncation and padding are not part of a ``.model`` and are left out.

A BPE's scores are recovered from its merges (a merged piece scores by the rank of the
first merge making it); the export is refused unless SentencePiece's rule (merge the
adjacent pair whose union scores best) gives back exactly these merges.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any, Union

from .._errors import ConfigurationError
from .._support.files import atomic_write_bytes
from .._support.sentencepiece_model import PieceType, SentencePiece
from ..tokenizer import Tokenizer
from .sentencepiece import FLT_MIN, SPACE, bpe_merges, user_defined_score
from .spm_writer import model_bytes

__all__ = ["to_sentencepiece", "sentencepiece_bytes"]

_BYTE_PIECE = re.compile(r"<0x[0-9A-F]{2}>\Z")
_SPACE_RULES = [
    {"type": "Replace", "pattern": {"Regex": r"\A +"}, "content": ""},
    {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "},
    {"type": "Replace", "pattern": {"Regex": f"[ {SPACE}]+\\z"}, "content": ""},
]
_METASPACE = {"type": "Metaspace", "replacement": SPACE, "prepend_scheme": "never", "split": False}


def to_sentencepiece(tokenizer: Tokenizer, path: Union[str, Path]) -> None:
    """Write ``tokenizer`` as a SentencePiece ``.model`` file that encodes as it does.

    >>> import tempfile, os
    >>> from tokkit import Tokenizer, models
    >>> tokenizer = Tokenizer(models.WordLevel({"a": 0, "[UNK]": 1}, unk_token="[UNK]"))
    >>> to_sentencepiece(tokenizer, os.path.join(tempfile.mkdtemp(), "x.model"))
    Traceback (most recent call last):
    ...
    tokkit._errors.ConfigurationError: Cannot express this tokenizer as a SentencePiece model: its model is WordLevel (SentencePiece has BPE and Unigram models)
    """
    data = sentencepiece_bytes(tokenizer)
    atomic_write_bytes(path, data)  # a crash never leaves half a .model file


def sentencepiece_bytes(tokenizer: Tokenizer) -> bytes:
    """The serialized ``ModelProto`` of ``tokenizer`` (what :func:`to_sentencepiece` writes).

    >>> import sentencepiece as spm
    >>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
    >>> tok = Tokenizer(models.Unigram([("<unk>", 0.0), ("▁hi", -1.0), ("▁", -2.0), ("h", -3.0)], unk_id=0))
    >>> tok.normalizer = normalizers.Prepend("▁")
    >>> tok.pre_tokenizer = pre_tokenizers.Metaspace(prepend_scheme="never", split=False)
    >>> sp = spm.SentencePieceProcessor(model_proto=sentencepiece_bytes(tok))
    >>> sp.encode("hi hix", out_type=str), tok.encode("hi hix").tokens
    (['▁hi', '▁hi', 'x'], ['▁hi', '▁hi', 'x'])
    """
    document = json.loads(tokenizer.to_str())
    model = document["model"]
    if model.get("type") not in ("BPE", "Unigram"):
        _refuse(f"its model is {model.get('type')} (SentencePiece has BPE and Unigram models)")
    if document.get("post_processor") is not None:
        _refuse(f"it has a {document['post_processor'].get('type')} post-processor (sp.encode adds no tokens); "
                "set tokenizer.post_processor = None to export the rest")
    normalizer = _normalizer_spec(document.get("normalizer"))
    user_defined = _user_defined(document.get("pre_tokenizer"), model["type"])
    controls = _controls(document.get("added_tokens", []))
    if model["type"] == "BPE":
        pieces = _bpe_pieces(model, controls, user_defined)
    else:
        pieces = _unigram_pieces(model, controls)
    return model_bytes(pieces, model_type=model["type"].upper(), byte_fallback=bool(model.get("byte_fallback")),
                       **normalizer)


def _refuse(problem: str) -> None:
    raise ConfigurationError(f"Cannot express this tokenizer as a SentencePiece model: {problem}")


def _normalizer_spec(normalizer: Any) -> dict[str, Any]:
    steps = [] if normalizer is None else normalizer.get("normalizers", [normalizer])
    charsmap = b""
    if steps and steps[0].get("type") == "Precompiled":
        charsmap = base64.b64decode(steps.pop(0)["precompiled_charsmap"])
    remove_spaces = steps[:3] == _SPACE_RULES
    if remove_spaces:
        del steps[:3]
    dummy_prefix = steps == [{"type": "Prepend", "prepend": SPACE}]
    if steps and not dummy_prefix:
        _refuse(f"its normalizer step {json.dumps(steps[0], ensure_ascii=False)} has no SentencePiece "
                "counterpart (SentencePiece normalizes with a precompiled charsmap, its space rules and a "
                "dummy prefix)")
    return {"precompiled_charsmap": charsmap, "normalizer_name": "precompiled" if charsmap else "identity",
            "add_dummy_prefix": dummy_prefix, "remove_extra_whitespaces": remove_spaces}


def _user_defined(pre_tokenizer: Any, model_type: str) -> list[str]:
    steps = [] if pre_tokenizer is None else pre_tokenizer.get("pretokenizers", [pre_tokenizer])
    if not steps or steps[0] != _METASPACE:
        _refuse("its pre-tokenizer is not Metaspace(replacement='▁', prepend_scheme='never', split=False) "
                "(SentencePiece segments the whole text, spaces as '▁')")
    if len(steps) == 1:
        return []
    split = steps[1]
    if (len(steps) > 2 or model_type != "BPE" or split.get("type") != "Split" or split.get("behavior") != "Isolated"
            or split.get("invert") or "Regex" not in split.get("pattern", {})):
        _refuse(f"its pre-tokenizer step {json.dumps(steps[1], ensure_ascii=False)} has no SentencePiece "
                "counterpart (only a BPE's Split isolating its user-defined symbols)")
    return _unescape_alternation(split["pattern"]["Regex"])


def _unescape_alternation(pattern: str) -> list[str]:
    """``a|\\[b\\]`` -> ``["a", "[b]"]``: the alternation of escaped literals that from_sentencepiece writes."""
    symbols, current, escaped = [], [], False
    for char in pattern:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            symbols.append("".join(current))
            current = []
        elif char in "()[]{}.*+?^$-#":
            _refuse(f"its Split pattern {pattern!r} is not a list of literal user-defined symbols")
        else:
            current.append(char)
    return symbols + ["".join(current)]


def _controls(added_tokens: list[dict[str, Any]]) -> set[str]:
    plain = [token["content"] for token in added_tokens if not token.get("special")]
    if plain:
        _refuse(f"it has non-special added tokens ({plain[0]!r}...): SentencePiece has no added vocabulary; "
                "make them pieces of the model")
    return {token["content"] for token in added_tokens}


def _piece_type(piece: str, index: int, unk_id: Any, controls: set[str], byte_fallback: bool) -> PieceType:
    if index == unk_id:
        return PieceType.UNKNOWN
    if piece in controls:
        return PieceType.CONTROL
    if byte_fallback and _BYTE_PIECE.match(piece):
        return PieceType.BYTE
    return PieceType.NORMAL


def _unigram_pieces(model: dict[str, Any], controls: set[str]) -> list[SentencePiece]:
    vocab = [(piece, float(score)) for piece, score in model["vocab"]]
    if model.get("unk_id") is None:
        _refuse("its Unigram has no unk_id (a SentencePiece model always has an unknown piece)")
    types = [_piece_type(piece, i, model["unk_id"], controls, bool(model.get("byte_fallback")))
             for i, (piece, _) in enumerate(vocab)]
    _check_controls(controls, {piece for piece, _ in vocab})
    best = max([FLT_MIN] + [score for (_, score), kind in zip(vocab, types) if kind == PieceType.NORMAL])
    pieces = []
    for (piece, score), kind in zip(vocab, types):
        if kind == PieceType.NORMAL and score == user_defined_score(piece, best):
            pieces.append(SentencePiece(piece, 0.0, PieceType.USER_DEFINED))  # the bonus is SentencePiece's own
        else:
            pieces.append(SentencePiece(piece, score if kind == PieceType.NORMAL else 0.0, kind))
    return pieces


def _check_controls(controls: set[str], pieces: set[str]) -> None:
    outside = sorted(controls - pieces)
    if outside:
        _refuse(f"its special token {outside[0]!r} is not a piece of the model (SentencePiece's control "
                "symbols are pieces)")


def _bpe_pieces(model: dict[str, Any], controls: set[str], user_defined: list[str]) -> list[SentencePiece]:
    for option, allowed in (("dropout", None), ("continuing_subword_prefix", None), ("end_of_word_suffix", None)):
        if model.get(option) != allowed:
            _refuse(f"its BPE has {option}={model[option]!r}")
    if model.get("unk_token") is None or model["unk_token"] not in model["vocab"]:
        _refuse("its BPE has no unk_token in its vocab (a SentencePiece model always has an unknown piece)")
    if not model.get("fuse_unk"):
        _refuse("its BPE has fuse_unk=False (SentencePiece fuses runs of unknown chars)")
    if bool(model.get("ignore_merges")) != bool(user_defined):
        _refuse("its BPE's ignore_merges does not go with user-defined symbols (a SentencePiece BPE looks up "
                "only its user-defined symbols whole)")
    by_id = sorted(model["vocab"].items(), key=lambda item: item[1])
    if [index for _, index in by_id] != list(range(len(by_id))):
        _refuse("its BPE vocab ids are not 0..n-1 without gaps")
    _check_controls(controls, set(model["vocab"]))
    merges = [tuple(m.split(" ", 1)) if isinstance(m, str) else tuple(m) for m in model.get("merges", [])]
    rank: dict[str, int] = {}
    for left, right in merges:
        rank.setdefault(left + right, len(rank))
    unk_id = model["vocab"][model["unk_token"]]
    pieces, following = [], len(rank)
    for piece, index in by_id:
        kind = _piece_type(piece, index, unk_id, controls, bool(model.get("byte_fallback")))
        if kind == PieceType.NORMAL and piece in user_defined:
            kind = PieceType.USER_DEFINED
        if kind != PieceType.NORMAL:
            pieces.append(SentencePiece(piece, 0.0, kind))
            continue
        if piece not in rank:
            rank[piece], following = following, following + 1
        pieces.append(SentencePiece(piece, -float(rank[piece]), kind))
    if bpe_merges(pieces) != [tuple(m) for m in merges]:
        _refuse("its BPE merges are not the ones SentencePiece derives from the pieces (SentencePiece merges "
                "any adjacent pair whose union is a piece, best-scored first)")
    return pieces
