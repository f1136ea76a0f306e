"""A SentencePiece ``.model`` as a tokkit :class:`~tokkit.Tokenizer` with ``sentencepiece``'s ids.

The goal is ``tokenizer.encode(text, add_special_tokens=False).ids == sp.encode(text)``
for the ``sentencepiece`` package's processor on any text.  SentencePiece's
pipeline maps onto HF components like this:

* its normalizer (``normalizer.cc``): the precompiled charsmap (``Precompiled``), then,
  with ``remove_extra_whitespaces``, leading spaces dropped, runs of spaces folded and
  trailing ``▁`` dropped (three ``Replace`` steps on spaces only, not on other
  whitespace, as SentencePiece), then ``add_dummy_prefix`` as ``Prepend("▁")``: the
  prefix comes after the strip, as SentencePiece's (an all-space text stays empty);
* spaces become ``▁`` (a ``Metaspace`` that never prepends and never splits: SentencePiece
  segments the whole normalized text, so a piece may hold an inner ``▁``);
* user-defined symbols: a Unigram scores them as SentencePiece's lattice does
  (``unigram_model.cc``: ``length * max_score - 0.1``, where ``max_score`` starts at
  FLT_MIN, so about -0.1 whatever the file says); a BPE splits them out of the
  normalized text (a ``Split`` that isolates them, longest first, as SentencePiece's
  prefix matcher) and looks a whole split up first (``ignore_merges``), which is how
  SentencePiece's BPE freezes them;
* a BPE's merges are recovered from the pieces: every split of a piece into two normal
  pieces, ranked by the piece's score (SentencePiece merges the best-scored adjacent
  pair, leftmost first);
* unknown chars: fused into one ``<unk>`` (SentencePiece merges runs of unknowns), or
  their UTF-8 bytes with ``byte_fallback``;
* control symbols and ``<unk>`` are special added tokens (kept whole in text, skipped by
  ``decode(skip_special_tokens=True)``): **unlike** ``sp.encode``, which never emits a
  control id for text, a literal ``<s>`` in text gives ``<s>``'s id, as in HF's converted
  tokenizers.  No post-processor: ``sp.encode`` adds no BOS/EOS by default.

Known differences from ``sp.encode``, all from what a tokenizer.json can say: HF's
``Precompiled`` maps a grapheme cluster under 6 bytes whole by its first key
(``"\\xa0\\u093f"`` -> ``" "``) and a longer cluster char by char, where SentencePiece walks
the charsmap key by key; where two Unigram paths tie, or nearly tie on a long text (its
lattice sums scores in float32), SentencePiece's rounding picks one and HF's float64
lattice may pick the other (``"000"``); a user-defined symbol that the normalization rule
changes (``"[X]"`` under ``nmt_nfkc_cf``) is matched after normalization, SentencePiece
matches it before.

Refused (a :class:`~tokkit.ConfigurationError` names the field): WORD and CHAR models,
``treat_whitespace_as_suffix``, ``escape_whitespaces = false``, UNUSED pieces.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Union

from .. import decoders, normalizers, pre_tokenizers
from .._errors import ConfigurationError
from .._support.sentencepiece_model import (
    ModelType, PieceType, SentencePiece, SentencePieceModel, read_model_proto,
)
from .._unicode.oniguruma import Regex
from ..added_tokens import AddedToken
from ..models import BPE, Unigram
from ..normalizers import Normalizer
from ..pre_tokenizers import PreTokenizer
from ..tokenizer import Tokenizer

__all__ = [
    "from_sentencepiece", "bpe_merges", "unigram_scores", "user_defined_score", "escape_literal", "SPACE", "FLT_MIN",
]  # fmt: skip

#: SentencePiece's escaped space (U+2581, LOWER ONE EIGHTH BLOCK).
SPACE = "\u2581"
#: C's FLT_MIN: where SentencePiece's max_score starts, so that it is never below it.
FLT_MIN = 1.1754943508222875e-38


def from_sentencepiece(source: Union[str, Path, bytes]) -> Tokenizer:
    """The tokenizer of a SentencePiece BPE or Unigram model, a ``.model`` path or its bytes.

    No ``protobuf`` is needed: tokkit reads protobuf's wire format itself.

    >>> from tokkit.converters.spm_writer import model_bytes
    >>> from tokkit._support.sentencepiece_model import SentencePiece as P, PieceType as T
    >>> pieces = [P("<unk>", 0, T.UNKNOWN), P("\u2581a", -1), P("b", -2), P("\u2581", -3), P("a", -4)]
    >>> tokenizer = from_sentencepiece(model_bytes(pieces, model_type="BPE"))
    >>> tokenizer.encode("a  ab").tokens
    ['▁a', '▁a', 'b']
    """
    data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    proto = read_model_proto(bytes(data))
    _check_expressible(proto)
    pieces = proto.pieces
    spec = proto.trainer_spec
    user_defined = [p.piece for p in pieces if p.type == PieceType.USER_DEFINED]
    if spec.model_type == ModelType.BPE:
        model: Union[BPE, Unigram] = _bpe(proto, bool(user_defined))
    else:
        model = Unigram(unigram_scores(pieces), _unk_id(proto), spec.byte_fallback)
    tokenizer = Tokenizer(model)
    tokenizer.normalizer = _normalizer(proto)
    tokenizer.pre_tokenizer = _pre_tokenizer(user_defined if spec.model_type == ModelType.BPE else [])
    tokenizer.decoder = _decoder(proto)
    specials = [p.piece for p in pieces if p.type in (PieceType.CONTROL, PieceType.UNKNOWN)]
    tokenizer.add_special_tokens([AddedToken(piece, special=True, normalized=False) for piece in specials])
    return tokenizer


def _check_expressible(proto: SentencePieceModel) -> None:
    spec, norm = proto.trainer_spec, proto.normalizer_spec
    problems = []
    if spec.model_type not in (ModelType.BPE, ModelType.UNIGRAM):
        problems.append(f"model_type {spec.model_type.name} (only BPE and UNIGRAM models convert)")
    if spec.treat_whitespace_as_suffix:
        problems.append("treat_whitespace_as_suffix = true")
    if not norm.escape_whitespaces:
        problems.append("normalizer_spec.escape_whitespaces = false")
    if norm.normalization_rule_tsv and not norm.precompiled_charsmap:
        problems.append("a normalization_rule_tsv without its precompiled_charsmap")
    unused = [p.piece for p in proto.pieces if p.type == PieceType.UNUSED]
    if unused:
        problems.append(f"{len(unused)} UNUSED pieces (such as {unused[0]!r})")
    if problems:
        raise ConfigurationError("Cannot convert this SentencePiece model: it has " + "; ".join(problems)
                                 + ". Load it with the sentencepiece package instead")


def _unk_id(proto: SentencePieceModel) -> int | None:
    unknown = [i for i, p in enumerate(proto.pieces) if p.type == PieceType.UNKNOWN]
    return unknown[0] if unknown else None


def _bpe(proto: SentencePieceModel, freeze_whole: bool) -> BPE:
    pieces = proto.pieces
    vocab = {p.piece: i for i, p in enumerate(pieces)}
    unk = _unk_id(proto)
    return BPE(vocab, bpe_merges(pieces), unk_token=None if unk is None else pieces[unk].piece,
               fuse_unk=True, byte_fallback=proto.trainer_spec.byte_fallback, ignore_merges=freeze_whole)


def unigram_scores(pieces: Iterable[SentencePiece]) -> list[tuple[str, float]]:
    """The vocabulary of a Unigram: each piece with the score its lattice node gets.

    A user-defined symbol scores ``len(utf8) * max_score - 0.1`` (SentencePiece's bonus,
    ``max_score`` being the best normal score but at least FLT_MIN), every other piece
    its own score.

    >>> from tokkit._support.sentencepiece_model import SentencePiece as P, PieceType as T
    >>> unigram_scores([P("a", -2.0), P("<sep>", 0.0, T.USER_DEFINED)])
    [('a', -2.0), ('<sep>', -0.1)]
    """
    pieces = list(pieces)
    best = max([FLT_MIN] + [p.score for p in pieces if p.type == PieceType.NORMAL])
    return [(p.piece, user_defined_score(p.piece, best) if p.type == PieceType.USER_DEFINED else p.score)
            for p in pieces]


def user_defined_score(piece: str, max_score: float) -> float:
    """SentencePiece's lattice score of a user-defined symbol (``unigram_model.cc``)."""
    return len(piece.encode("utf-8")) * max_score - 0.1


def bpe_merges(pieces: Iterable[SentencePiece]) -> list[tuple[str, str]]:
    """The merges of a SentencePiece BPE: each split of a normal piece into two normal pieces.

    Ranked by the merged piece's score, best first (then by its id, then by split point),
    since SentencePiece merges the adjacent pair whose union scores best.

    >>> from tokkit._support.sentencepiece_model import SentencePiece as P
    >>> bpe_merges([P("a", -3), P("b", -4), P("c", -5), P("bc", -1), P("abc", -2)])
    [('b', 'c'), ('a', 'bc')]
    """
    normal = [(i, p) for i, p in enumerate(pieces) if p.type == PieceType.NORMAL]
    known = {p.piece for _, p in normal}
    ranked = sorted(normal, key=lambda item: (-item[1].score, item[0]))
    merges = []
    for _, piece in ranked:
        text = piece.piece
        for cut in range(1, len(text)):
            left, right = text[:cut], text[cut:]
            if left in known and right in known:
                merges.append((left, right))
    return merges


def _normalizer(proto: SentencePieceModel) -> Normalizer:
    norm = proto.normalizer_spec
    steps: list[Normalizer] = []
    if norm.precompiled_charsmap:
        steps.append(normalizers.Precompiled(norm.precompiled_charsmap))
    if norm.remove_extra_whitespaces:
        # normalizer.cc: heading spaces skipped, a space after a space dropped, trailing "▁" cut
        # (a literal "▁" of the text too: it is one with an escaped space by then).
        steps += [normalizers.Replace(Regex(r"\A +"), ""), normalizers.Replace(Regex(" {2,}"), " "),
                  normalizers.Replace(Regex(f"[ {SPACE}]+\\z"), "")]
    if norm.add_dummy_prefix:
        steps.append(normalizers.Prepend(SPACE))
    return normalizers.Sequence(steps)


def _pre_tokenizer(user_defined: list[str]) -> PreTokenizer:
    metaspace = pre_tokenizers.Metaspace(replacement=SPACE, prepend_scheme="never", split=False)
    if not user_defined:
        return metaspace
    # Longest first: an alternation takes the first alternative that matches, the prefix
    # matcher the longest symbol.
    symbols = sorted(set(user_defined), key=lambda s: (-len(s), s))
    pattern = "|".join(escape_literal(s.replace(" ", SPACE)) for s in symbols)
    return pre_tokenizers.Sequence([metaspace, pre_tokenizers.Split(Regex(pattern), "isolated")])


def escape_literal(text: str) -> str:
    r"""``text`` as an Oniguruma pattern matching it literally (a backslash before each metachar).

    >>> escape_literal("[x]|a.b")
    '\\[x\\]\\|a\\.b'
    """
    return "".join("\\" + char if char in _METACHARS else char for char in text)


_METACHARS = frozenset("\\()[]{}.*+?^$|-#")


def _decoder(proto: SentencePieceModel) -> decoders.Decoder:
    steps: list[decoders.Decoder] = [decoders.Replace(SPACE, " ")]
    if proto.trainer_spec.byte_fallback:
        steps.append(decoders.ByteFallback())
    steps.append(decoders.Fuse())
    if proto.normalizer_spec.add_dummy_prefix:
        steps.append(decoders.Strip(" ", 1, 0))  # the dummy prefix's space
    return decoders.Sequence(steps)
