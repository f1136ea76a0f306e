"""What each stage of the encode pipeline did to a text, as plain data (``explain`` fills it).

Every span is ``(start, end)`` in chars of the sequence's original text, as
``Encoding.offsets`` counts them.

>>> run = AlignmentRun("h", (0, 1), "H", "changed")
>>> run.kind, run.span
('changed', (0, 1))

What this module does not do: compute the stages (``explain``) or draw them
(``text``, ``page``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..encoding import Encoding, Offsets

__all__ = ["AddedMatch", "AlignmentRun", "Piece", "ModelToken", "SequenceStages", "FinalToken", "Components"]


@dataclass(frozen=True)
class AddedMatch:
    """An added token found in the text, before the model runs.

    ``normalized`` tells where HF looked for it: False, in the original text
    *before* the normalizer (HF's default for special tokens); True, in the
    normalized text.
    """

    content: str
    id: int
    span: Offsets
    special: bool
    normalized: bool


@dataclass(frozen=True)
class AlignmentRun:
    """Normalized chars and the original chars they came from.

    ``kind``: ``"same"`` (unchanged), ``"changed"`` (the normalizer rewrote,
    inserted or merged chars), ``"removed"`` (original chars with no
    normalized char) or ``"added token"`` (left to the added vocabulary).
    """

    normalized: str
    span: Offsets
    original: str
    kind: str


@dataclass(frozen=True)
class Piece:
    """A piece cut by the pre-tokenizer (the model sees each one alone); ``added``: an added token."""

    text: str
    span: Offsets
    added: bool


@dataclass(frozen=True)
class ModelToken:
    """A token of the model's output for one sequence (before the post-processor)."""

    id: int
    token: str
    span: Offsets
    piece: int


@dataclass(frozen=True)
class SequenceStages:
    """The stages of one input sequence (``sequence_id`` 0, or 1 for a pair's second text).

    ``alignments[i]`` is the original span of ``normalized[i]``; ``runs`` groups
    them for reading.
    """

    sequence_id: int
    text: str
    added: tuple[AddedMatch, ...]
    normalized: str
    alignments: tuple[Offsets, ...]
    runs: tuple[AlignmentRun, ...]
    pieces: tuple[Piece, ...]
    tokens: tuple[ModelToken, ...]
    encoding: Encoding


@dataclass(frozen=True)
class FinalToken:
    """A token of the final encoding; ``origin`` is ``"model"``, ``"post-processor"`` or ``"padding"``."""

    id: int
    token: str
    span: Offsets
    type_id: int
    sequence_id: Optional[int]
    special: bool
    origin: str


@dataclass(frozen=True)
class Components:
    """The class name of each of the tokenizer's components (``None``: not set)."""

    normalizer: Optional[str]
    pre_tokenizer: Optional[str]
    model: str
    post_processor: Optional[str]
    decoder: Optional[str]
