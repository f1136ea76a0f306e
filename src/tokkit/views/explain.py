"""``explain``: run a text through the tokenizer stage by stage and keep what each stage did.

The stages are HF's encode pipeline, computed with the same pieces
``Tokenizer.encode`` uses on its aligned path (``encode_aligned``): the added
vocabulary's ``extract_and_normalize`` (added tokens with ``normalized=False``
are matched in the original text *before* the normalizer, the others in the
normalized text), the pre-tokenizer, the model's ``model_columns``, then
``Tokenizer.post_process`` (truncation, the post-processor, padding) and
``decode``.  The tests check that the final stage equals ``encode``.

>>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
>>> tok = Tokenizer(models.WordLevel({"hi": 0, "there": 1, "[UNK]": 2}, unk_token="[UNK]"))
>>> tok.normalizer = normalizers.Lowercase()
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> ex = explain(tok, "Hi there")
>>> ex.sequences[0].normalized, [p.text for p in ex.sequences[0].pieces], ex.encoding.ids
('hi there', ['hi', 'there'], [0, 1])

What this module does not do: draw the stages (``text`` and ``page`` do), or
explain pre-tokenized input (a list of words).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Protocol, Sequence

from .._encode.pipeline import model_columns
from .._errors import InputTypeError
from ..added_tokens import AddedToken
from ..encoding import Encoding
from ..normalized import Split
from ..protocols import Decoder, Pipeline, PostProcessor
from . import page, text
from .stages import AddedMatch, AlignmentRun, Components, FinalToken, ModelToken, Piece, SequenceStages

__all__ = ["Explainable", "Explanation", "component_name", "explain"]


class Explainable(Pipeline, Protocol):
    """What ``explain`` reads of a tokenizer (``Tokenizer`` has it; this unit sits below it).

    >>> from tokkit import Tokenizer, models
    >>> def summary(tokenizer: Explainable, encoding, ids: list[int]):
    ...     parts = (tokenizer.post_processor, tokenizer.decoder, tokenizer.get_added_tokens_decoder())
    ...     return tokenizer.post_process(encoding).ids, tokenizer.decode(ids), parts
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]"))
    >>> summary(tok, tok.encode("hi", add_special_tokens=False), [1, 0, 1])
    ([1], 'hi [UNK] hi', (None, None, {}))
    """

    @property
    def post_processor(self) -> Optional[PostProcessor]:
        """The post-processor, or None."""

    @property
    def decoder(self) -> Optional[Decoder]:
        """The decoder, or None."""

    def get_added_tokens_decoder(self) -> dict[int, AddedToken]:
        """The added tokens, by id."""

    def post_process(self, encoding: Encoding, pair: Optional[Encoding] = None,
                     add_special_tokens: bool = True) -> Encoding:
        """Truncate, add special tokens and pad, as ``Tokenizer.post_process``."""

    def decode(self, ids: Sequence[int], skip_special_tokens: bool = True) -> str:
        """Ids back to text, as ``Tokenizer.decode``."""


@dataclass(frozen=True, repr=False)
class Explanation:
    """Every stage of encoding a text (and its pair): ``str()`` is a plain-text table, and
    notebooks show ``_repr_html_``.

    Attributes:
        sequences: the stages of each input text (one, or two for a pair).
        final: the final encoding's tokens, each with where it came from.
        encoding: the final Encoding (what ``Tokenizer.encode`` returns).
        decoded: ``decode(ids)``; ``decoded_with_special``: with ``skip_special_tokens=False``.
        components: the class name of each component.
        add_special_tokens: the argument ``explain`` was given.

        >>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
        >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1, "you": 2}, unk_token="[UNK]"))
        >>> tok.normalizer = normalizers.Lowercase(); tok.pre_tokenizer = pre_tokenizers.Whitespace()
        >>> explanation = tok.explain("Hi you"); explanation, explanation.encoding.ids, explanation.decoded
        (Explanation('Hi you', 2 tokens), [1, 2], 'hi you')
        >>> print(str(explanation).splitlines()[0])
        tokenizer: Lowercase -> Whitespace -> WordLevel -> no post-processor -> no decoder
    """

    sequences: tuple[SequenceStages, ...]
    final: tuple[FinalToken, ...]
    encoding: Encoding
    decoded: str
    decoded_with_special: str
    components: Components
    add_special_tokens: bool

    def __repr__(self) -> str:
        texts = ", ".join(repr(s.text) for s in self.sequences)
        return f"Explanation({texts}, {len(self.final)} tokens)"

    def __str__(self) -> str:
        return text.render(self)

    def _repr_html_(self) -> str:
        return page.render(self)


def explain(tokenizer: Explainable, text: str, pair: Optional[str] = None, *,
            add_special_tokens: bool = True) -> Explanation:
    """Encode ``text`` (and ``pair``) and keep every stage: added tokens, normalization with its
    alignment, pre-tokenized pieces, the model's tokens, the post-processor's additions, the decoding.

    >>> from tokkit import Tokenizer, models
    >>> print(explain(Tokenizer(models.WordLevel({"a": 0}, unk_token="a")), "a").decoded)
    a
    """
    for name, value in (("text", text), ("pair", pair)):
        if value is not None and not isinstance(value, str):
            raise InputTypeError(f"explain takes the {name} as a str, got {type(value).__name__}: "
                                 "join pre-tokenized words into one text first")
    texts = (text,) if pair is None else (text, pair)
    sequences = tuple(_sequence(tokenizer, t, i) for i, t in enumerate(texts))
    final = tokenizer.post_process(sequences[0].encoding, None if pair is None else sequences[1].encoding,
                                   add_special_tokens)
    final._texts = text if pair is None else texts  # what encode attaches: lets the Encoding draw itself over the texts
    return Explanation(
        sequences, _final_tokens(final), final, tokenizer.decode(final.ids),
        tokenizer.decode(final.ids, skip_special_tokens=False), _components(tokenizer), add_special_tokens,
    )


def _sequence(tokenizer: Explainable, text: str, sequence_id: int) -> SequenceStages:
    """One text through added tokens, normalizer, pre-tokenizer and model (``encode_aligned``'s steps)."""
    pretokenized = tokenizer._added_vocabulary.extract_and_normalize(tokenizer.normalizer, text)
    # Read the normalized state now: a pre-tokenizer may change the pieces in place.
    added = _added_matches(tokenizer, pretokenized.splits)
    normalized = "".join(split.normalized.normalized for split in pretokenized.splits)
    alignments = tuple(span for split in pretokenized.splits for span in _char_spans(split))
    runs = alignment_runs(text, pretokenized.splits)
    pre_tokenizer = tokenizer.pre_tokenizer
    if pre_tokenizer is not None:
        pre_tokenizer.pre_tokenize(pretokenized)
    pieces = tuple(Piece(s.normalized.normalized, s.normalized.offsets_original(), s.tokens is not None)
                   for s in pretokenized.splits)
    ids, tokens, offsets, indexes = model_columns(tokenizer.model, pretokenized)
    model_tokens = tuple(ModelToken(*row) for row in zip(ids, tokens, offsets, indexes))
    n = len(ids)
    encoding = Encoding(ids=ids, type_ids=[sequence_id] * n, tokens=tokens, word_ids=indexes, offsets=offsets)
    encoding._texts = text
    return SequenceStages(sequence_id, text, added, normalized, alignments, runs, pieces, model_tokens, encoding)


def _added_matches(tokenizer: Explainable, splits: list[Split]) -> tuple[AddedMatch, ...]:
    decoder = tokenizer.get_added_tokens_decoder()
    out = []
    for split in splits:
        for token in split.tokens or ():
            added = decoder.get(token.id)
            special = added is not None and added.special
            normalized = added is not None and added.normalized
            out.append(AddedMatch(token.value, token.id, split.normalized.offsets_original(), special, normalized))
    return tuple(out)


def _char_spans(split: Split) -> list[tuple[int, int]]:
    """The original span (in the whole text) of each normalized char of ``split``."""
    ns = split.normalized
    shift = ns.original_shift
    return [(s + shift, e + shift) for s, e in ns.alignments]


def alignment_runs(original: str, splits: list[Split]) -> tuple[AlignmentRun, ...]:
    """The normalized text as runs: unchanged chars, changed ones, removed ones, added tokens.

    One-to-one chars join a run while they stay unchanged (or stay changed);
    chars that share one original span (a prepended ``▁``, ``ﬁ`` -> ``fi``)
    form one run; original chars no normalized char comes from are a
    ``removed`` run.

    >>> from tokkit.normalized import PreTokenizedString
    >>> pts = PreTokenizedString("Hi"); pts.normalize(lambda ns: (ns.lowercase(), ns.prepend("_")))
    >>> [(r.normalized, r.original, r.kind) for r in alignment_runs("Hi", pts.splits)]
    [('_h', 'H', 'changed'), ('i', 'i', 'same')]
    """
    runs: list[list[Any]] = []  # [normalized, start, end, how: same/changed/many/removed, None: added token]
    cursor = 0  # original chars before it are accounted for
    for split in splits:
        if split.tokens is not None:
            start, end = split.normalized.offsets_original()
            _removed(runs, cursor, start)
            runs.append([split.normalized.normalized, start, end, None])
            cursor = max(cursor, end)
            continue
        for chars, (start, end) in _same_span_groups(split):
            _removed(runs, cursor, start)
            one_to_one = len(chars) == 1 and end == start + 1 and start >= cursor
            how = ("same" if original[start] == chars else "changed") if one_to_one else "many"
            last = runs[-1] if runs else None
            if one_to_one and last is not None and last[3] == how and last[2] == start:
                last[0] += chars
                last[2] = end
            else:
                runs.append([chars, start, end, how])
            cursor = max(cursor, end)
    _removed(runs, cursor, len(original))
    return tuple(_run(original, *run) for run in runs)


def _same_span_groups(split: Split) -> list[tuple[str, tuple[int, int]]]:
    """Consecutive normalized chars of ``split`` that come from one original span, joined."""
    groups: list[tuple[str, tuple[int, int]]] = []
    for char, span in zip(split.normalized.normalized, _char_spans(split)):
        if groups and groups[-1][1] == span:
            groups[-1] = (groups[-1][0] + char, span)
        else:
            groups.append((char, span))
    return groups


def _removed(runs: list[list[Any]], cursor: int, start: int) -> None:
    if start > cursor:
        runs.append(["", cursor, start, "removed"])


def _run(original: str, normalized: str, start: int, end: int, how: Optional[str]) -> AlignmentRun:
    source = original[start:end]
    if how is None:
        kind = "added token"
    elif how == "removed":
        kind = "removed"
    else:
        kind = "same" if normalized == source else "changed"
    return AlignmentRun(normalized, (start, end), source, kind)


def _final_tokens(final: Encoding) -> tuple[FinalToken, ...]:
    rows = zip(final.ids, final.tokens, final.offsets, final.type_ids, final.sequence_ids,
               final.special_tokens_mask, final.attention_mask)
    return tuple(
        FinalToken(i, t, span, type_id, seq, bool(special),
                   "model" if seq is not None else "post-processor" if attention else "padding")
        for i, t, span, type_id, seq, special, attention in rows
    )


def component_name(component: object) -> Optional[str]:
    """A component's class name; a Sequence's lists its children (``Sequence[NFD, Lowercase]``).

    >>> from tokkit import normalizers
    >>> component_name(normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase()]))
    'Sequence[NFD, Lowercase]'
    """
    if component is None:
        return None
    name = type(component).__name__
    for field in ("normalizers", "pretokenizers", "processors", "decoders"):  # HF's field name per family
        children = getattr(component, field, None)
        if name == "Sequence" and isinstance(children, list):
            return f"Sequence[{', '.join(str(component_name(child)) for child in children)}]"
    return name


def _components(tokenizer: Explainable) -> Components:
    name = component_name
    return Components(name(tokenizer.normalizer), name(tokenizer.pre_tokenizer), type(tokenizer.model).__name__,
                      name(tokenizer.post_processor), name(tokenizer.decoder))

