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

    >>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1, "you": 2}, unk_token="[UNK]"))
    >>> tok.normalizer = normalizers.Lowercase(); tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> tok.add_special_tokens(["[SEP]"])
    1
    >>> tok.explain("Hi[SEP]").sequences[0].added
    (AddedMatch(content='[SEP]', id=3, span=(2, 7), special=True, normalized=False),)
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

    >>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1, "you": 2}, unk_token="[UNK]"))
    >>> tok.normalizer = normalizers.Lowercase(); tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> [(run.original, run.normalized, run.span, run.kind) for run in tok.explain("Hi you").sequences[0].runs]
    [('H', 'h', (0, 1), 'changed'), ('i you', 'i you', (1, 6), 'same')]
    """

    normalized: str
    span: Offsets
    original: str
    kind: str


@dataclass(frozen=True)
class Piece:
    """A piece cut by the pre-tokenizer (the model sees each one alone); ``added``: an added token.

    >>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1, "you": 2}, unk_token="[UNK]"))
    >>> tok.normalizer = normalizers.Lowercase(); tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> tok.explain("Hi you").sequences[0].pieces
    (Piece(text='hi', span=(0, 2), added=False), Piece(text='you', span=(3, 6), added=False))
    """

    text: str
    span: Offsets
    added: bool


@dataclass(frozen=True)
class ModelToken:
    """A token of the model's output for one sequence (before the post-processor).

    >>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1, "you": 2}, unk_token="[UNK]"))
    >>> tok.normalizer = normalizers.Lowercase(); tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> tok.explain("Hi you").sequences[0].tokens
    (ModelToken(id=1, token='hi', span=(0, 2), piece=0), ModelToken(id=2, token='you', span=(3, 6), piece=1))
    """

    id: int
    token: str
    span: Offsets
    piece: int


@dataclass(frozen=True)
class SequenceStages:
    """The stages of one input sequence (``sequence_id`` 0, or 1 for a pair's second text).

    ``alignments[i]`` is the original span of ``normalized[i]``; ``runs`` groups
    them for reading.

    >>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1, "you": 2}, unk_token="[UNK]"))
    >>> tok.normalizer = normalizers.Lowercase(); tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> stages = tok.explain("HI", "you").sequences[1]
    >>> stages.sequence_id, stages.text, stages.normalized, stages.alignments, stages.encoding.ids
    (1, 'you', 'you', ((0, 1), (1, 2), (2, 3)), [2])
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
    """A token of the final encoding; ``origin`` is ``"model"``, ``"post-processor"`` or ``"padding"``.

    >>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1, "you": 2}, unk_token="[UNK]"))
    >>> tok.normalizer = normalizers.Lowercase(); tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> from tokkit import processors
    >>> tok.post_processor = processors.TemplateProcessing(single="$A [UNK]", special_tokens=[("[UNK]", 0)])
    >>> tok.enable_padding(length=3); [(t.token, t.span, t.special, t.origin) for t in tok.explain("hi").final]
    [('hi', (0, 2), False, 'model'), ('[UNK]', (0, 0), True, 'post-processor'), ('[PAD]', (0, 0), True, 'padding')]
    """

    id: int
    token: str
    span: Offsets
    type_id: int
    sequence_id: Optional[int]
    special: bool
    origin: str


@dataclass(frozen=True)
class Components:
    """The class name of each of the tokenizer's components (``None``: not set).

    >>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1, "you": 2}, unk_token="[UNK]"))
    >>> tok.normalizer = normalizers.Lowercase(); tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> tok.explain("hi").components
    Components(normalizer='Lowercase', pre_tokenizer='Whitespace', model='WordLevel', post_processor=None, decoder=None)
    """

    normalizer: Optional[str]
    pre_tokenizer: Optional[str]
    model: str
    post_processor: Optional[str]
    decoder: Optional[str]
