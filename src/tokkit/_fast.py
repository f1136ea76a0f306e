"""The plain-string encode fast path, and when it gives exactly the aligned result.

The fast path skips NormalizedString alignments.  It is only taken when the
alignment is provably the identity: ASCII text, no added token occurring in it,
normalizers that map each ASCII char to exactly one char, and pre-tokenizers
that only cut the text into substrings.  Exact types are checked (a user
subclass may behave differently), and the lengths are verified on every text.
``tests/test_fast_path.py`` checks both paths agree.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from .encoding import Encoding

__all__ = ["FastEncoder", "lines_can_be_joined"]

# ASCII control chars that BertNormalizer(clean_text) or Nmt delete or map.
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_ALWAYS, _NO_CONTROLS, _NEVER = 0, 1, 2


def _normalizer_plan(normalizer: Any) -> int:
    """How an ASCII text fares through ``normalizer``: always 1:1, 1:1 without controls, or not."""
    from . import normalizers as n

    kind = type(normalizer)
    if kind is n.Sequence:
        return max((_normalizer_plan(child) for child in normalizer.normalizers), default=_ALWAYS)
    if kind in (n.NFD, n.NFKD, n.NFC, n.NFKC, n.Lowercase, n.StripAccents, n.ByteLevel):
        return _ALWAYS
    if kind is n.BertNormalizer:
        return _NO_CONTROLS if normalizer.clean_text else _ALWAYS
    if kind is n.Nmt:
        return _NO_CONTROLS
    return _NEVER


def _substring_pre_tokenizer(pre_tokenizer: Any) -> bool:
    """True if ``pre_tokenizer`` only cuts text into substrings (no text changes)."""
    from . import pre_tokenizers as p

    kind = type(pre_tokenizer)
    if kind is p.Sequence:
        return all(_substring_pre_tokenizer(child) for child in pre_tokenizer.pretokenizers)
    return kind in (
        p.Whitespace, p.WhitespaceSplit, p.Punctuation, p.BertPreTokenizer, p.Split, p.Digits,
        p.CharDelimiterSplit, p.UnicodeScripts, p.FixedLength,
    )  # fmt: skip


def _keeps_newline_whitespace(normalizer: Any) -> bool:
    """A per-char normalizer that maps ``"\\n"`` to whitespace and never acts across it."""
    from . import normalizers as n

    kind = type(normalizer)
    if kind is n.Sequence:
        return all(_keeps_newline_whitespace(child) for child in normalizer.normalizers)
    return kind in (n.NFD, n.NFKD, n.NFC, n.NFKC, n.Lowercase, n.StripAccents, n.BertNormalizer, n.Nmt)


def _splits_on_whitespace_first(pre_tokenizer: Any) -> bool:
    """Its first step cuts at (and drops) every whitespace, and the rest only cut pieces."""
    from . import pre_tokenizers as p

    first_kinds = (p.WhitespaceSplit, p.BertPreTokenizer, p.Whitespace)
    if type(pre_tokenizer) is p.Sequence:
        children = pre_tokenizer.pretokenizers
        return (
            bool(children)
            and _splits_on_whitespace_first(children[0])
            and all(_substring_pre_tokenizer(child) for child in children[1:])
        )
    return type(pre_tokenizer) in first_kinds


def lines_can_be_joined(tokenizer: Any) -> bool:
    """Whether the training words of ``"\\n".join(texts)`` are those of the texts one by one.

    True when no added token exists, the normalizer works char by char and keeps
    ``"\\n"`` whitespace, and the pre-tokenizer first splits on whitespace: then
    no stage can see across the joining newline.
    """
    if not tokenizer._added_vocabulary.is_empty() or tokenizer.pre_tokenizer is None:
        return False
    normalizer = tokenizer.normalizer
    if normalizer is not None and not _keeps_newline_whitespace(normalizer):
        return False
    return _splits_on_whitespace_first(tokenizer.pre_tokenizer)


class FastEncoder:
    """Encodes texts without alignments when that is provably exact.

    Built once per ``encode``/``encode_batch`` call: it holds a per-call word
    cache, so it must not outlive changes to the tokenizer.
    """

    def __init__(self, tokenizer: Any) -> None:
        normalizer, pre_tokenizer = tokenizer.normalizer, tokenizer.pre_tokenizer
        self._plan = _ALWAYS if normalizer is None else _normalizer_plan(normalizer)
        if pre_tokenizer is not None and not _substring_pre_tokenizer(pre_tokenizer):
            self._plan = _NEVER
        self._normalize: Optional[Callable[[str], str]] = None if normalizer is None else normalizer.normalize_str
        self._split = None if pre_tokenizer is None else pre_tokenizer.pieces_function()
        self._added = tokenizer._added_vocabulary
        self._tokenize = tokenizer.model.tokenize
        self._cache: dict[str, tuple[Any, ...]] = {}
        self._multi: set[str] = set()  # cached words that are not exactly one token

    @property
    def usable(self) -> bool:
        return self._plan != _NEVER

    def _word(self, word: str) -> tuple[Any, ...]:
        """Cache entry of a word: ``(id, token)`` when one token covers it, else ``(ids, tokens, offsets)``."""
        tokens = self._tokenize(word)
        if len(tokens) == 1 and tokens[0].offsets == (0, len(word)):
            entry: tuple[Any, ...] = (tokens[0].id, tokens[0].value)
        else:
            entry = (tuple(t.id for t in tokens), tuple(t.value for t in tokens), tuple(t.offsets for t in tokens))
            self._multi.add(word)
        if len(self._cache) < 1_000_000:
            self._cache[word] = entry
        return entry

    def encode(self, text: str, type_id: int, word_index: Optional[int] = None) -> Optional[Encoding]:
        """The Encoding of ``text``, or None when the aligned path is needed."""
        if self._plan == _NEVER or not text.isascii() or self._added.matches_raw(text):
            return None
        if self._plan == _NO_CONTROLS and _ASCII_CONTROLS.search(text):
            return None
        normalized = text if self._normalize is None else self._normalize(text)
        if len(normalized) != len(text) or self._added.matches_normalized(normalized):
            return None
        if self._split is None:
            splits = [(normalized, (0, len(normalized)))] if normalized else []
        else:
            splits = self._split(normalized)
        # The pre-tokenizer only cuts (checked by type above), so each piece is
        # normalized[start:end], and with the identity alignment its offsets are final.
        words = [word for word, _ in splits]
        spans = [span for _, span in splits]
        cache_get, word_entry = self._cache.get, self._word
        entries = [cache_get(word) or word_entry(word) for word in words]
        n = len(entries)
        if self._multi.isdisjoint(words):
            # Every word is one token (the common case): whole-list operations only.
            ids = [entry[0] for entry in entries]
            tokens = [entry[1] for entry in entries]
            word_ids: list[Optional[int]] = list(range(n)) if word_index is None else [word_index] * n
            return Encoding._raw(ids, [type_id] * n, tokens, word_ids, spans, [0] * n, [1] * n, [], {})
        return self._assemble(entries, spans, type_id, word_index)

    @staticmethod
    def _assemble(entries: list[tuple[Any, ...]], spans: list[tuple[int, int]], type_id: int,
                  word_index: Optional[int]) -> Encoding:
        ids: list[int] = []
        tokens: list[str] = []
        offsets: list[tuple[int, int]] = []
        words: list[Optional[int]] = []
        for index, (entry, span) in enumerate(zip(entries, spans)):
            word_id = index if word_index is None else word_index
            if len(entry) == 2:
                ids.append(entry[0])
                tokens.append(entry[1])
                offsets.append(span)
                words.append(word_id)
            else:
                start = span[0]
                ids.extend(entry[0])
                tokens.extend(entry[1])
                offsets.extend([(start + a, start + b) for a, b in entry[2]])
                words.extend([word_id] * len(entry[0]))
        n = len(ids)
        return Encoding._raw(ids, [type_id] * n, tokens, words, offsets, [0] * n, [1] * n, [], {})
