"""The plain-string encode fast path, and when it gives exactly the aligned result.

The fast path skips NormalizedString alignments.  It is only taken when the
alignment is provably the identity, up to a prefix: no added token occurring
in the text (raw or normalized), normalizers that map each char to exactly one
char (any text for a one-char ``Replace``; ASCII text for NFD, Lowercase, ...)
possibly after ``Prepend`` (whose chars take the first char's span, as in HF),
or a leading ``Precompiled`` on a text it leaves untouched; and a
pre-tokenizer that only cuts the text into substrings, or ByteLevel
(``byte_level``), or Metaspace after cut-only ones (``metaspace``),
or none (``whole_text``).  Exact types are checked (a user subclass may
behave differently), the model must be deterministic (words are cached per
batch), and the lengths are verified on every text.
``tests/test_fast_path.py`` checks both paths agree.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from .metaspace import MetaspaceWords, metaspace_parts
from .words import make_entry, unprefix
from ..encoding import Encoding

__all__ = ["FastEncoder", "lines_can_be_joined"]

# ASCII control chars that BertNormalizer(clean_text) or Nmt delete or map.
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# How a text fares through a normalizer, from best to worst: 1:1 on any text,
# 1:1 on ASCII text, 1:1 on ASCII text without control chars, not provably 1:1.
_ANY, _ASCII, _NO_CONTROLS, _NEVER = 0, 1, 2, 3
_MAX_CACHED_WORDS = 1_000_000


def _leaf_plan(normalizer: Any) -> tuple[int, str, str]:
    """``(plan, prefix, new chars)`` of one non-Sequence normalizer."""
    from .. import normalizers as n

    kind = type(normalizer)
    if kind is n.Prepend:
        return _ANY, normalizer.prepend, normalizer.prepend
    if kind is n.Replace:
        pattern, content = normalizer.pattern, normalizer.content
        one_to_one = isinstance(pattern, str) and len(pattern) <= 1 and len(content) == 1
        return (_ANY if one_to_one else _NEVER), "", content
    if kind in (n.NFD, n.NFKD, n.NFC, n.NFKC, n.Lowercase, n.StripAccents, n.ByteLevel):
        return _ASCII, "", ""
    if kind is n.BertNormalizer:
        return (_NO_CONTROLS if normalizer.clean_text else _ASCII), "", ""
    if kind is n.Nmt:
        return _NO_CONTROLS, "", ""
    return _NEVER, "", ""


def _normalizer_plan(normalizer: Any) -> tuple[int, str, str]:
    """``(plan, prefix, new chars)``: how a text fares through ``normalizer``, what it puts in front.

    The ASCII checks are made on the input text, so a child that needs them
    may not follow one that brings in other chars (``Replace(" ", "▁")``):
    NFKC could then compose or expand them.
    """
    from .. import normalizers as n

    if type(normalizer) is not n.Sequence:
        return _leaf_plan(normalizer)
    plan, prefix, new = _ANY, "", ""
    for child in normalizer.normalizers:
        child_plan, child_prefix, child_new = _normalizer_plan(child)
        if child_plan == _NEVER or (child_plan != _ANY and new and _allowed_plan(new) != _NO_CONTROLS):
            return _NEVER, "", ""
        plan, prefix, new = max(plan, child_plan), child_prefix + prefix, new + child_new
    return plan, prefix, new


def _allowed_plan(text: str) -> int:
    """The most demanding plan under which ``text`` is still mapped 1:1."""
    if not text.isascii():
        return _ANY
    return _ASCII if _ASCII_CONTROLS.search(text) else _NO_CONTROLS


def _substring_pre_tokenizer(pre_tokenizer: Any) -> bool:
    """True if ``pre_tokenizer`` only cuts text into substrings (no text changes)."""
    from .. import pre_tokenizers as p

    kind = type(pre_tokenizer)
    if kind is p.Sequence:
        return all(_substring_pre_tokenizer(child) for child in pre_tokenizer.pretokenizers)
    return kind in (
        p.Whitespace, p.WhitespaceSplit, p.Punctuation, p.BertPreTokenizer, p.Split, p.Digits,
        p.CharDelimiterSplit, p.UnicodeScripts, p.FixedLength,
    )  # fmt: skip


def _deterministic(model: Any) -> bool:
    """A built-in model that always gives the same tokens for a word (so words can be cached)."""
    from .. import models as m

    kind = type(model)
    if kind is m.BPE:
        return not model.dropout
    if kind is getattr(m, "Unigram", None):
        return not getattr(model, "alpha", None)  # HF's Unigram samples when alpha is set
    return kind in (m.WordPiece, m.WordLevel)


def _identity_check(normalizer: Any) -> tuple[Optional[Callable[[str], bool]], Any]:
    """``(check, rest)``: a leading ``Precompiled`` is exact where it leaves the text untouched.

    ``check(text)`` says so for a text (its own fast test); ``rest`` is what
    remains to plan (None when nothing does).
    """
    from .. import normalizers as n

    precompiled = getattr(n, "Precompiled", None)
    if precompiled is None:
        return None, normalizer
    if type(normalizer) is precompiled:
        return normalizer._is_identity_on, None
    if type(normalizer) is n.Sequence and normalizer.normalizers and type(normalizer.normalizers[0]) is precompiled:
        rest = normalizer.normalizers[1:]
        return normalizer.normalizers[0]._is_identity_on, (n.Sequence(rest) if rest else None)
    return None, normalizer


def _keeps_newline_whitespace(normalizer: Any) -> bool:
    """A per-char normalizer that maps ``"\\n"`` to whitespace and never acts across it."""
    from .. import normalizers as n

    kind = type(normalizer)
    if kind is n.Sequence:
        return all(_keeps_newline_whitespace(child) for child in normalizer.normalizers)
    return kind in (n.NFD, n.NFKD, n.NFC, n.NFKC, n.Lowercase, n.StripAccents, n.BertNormalizer, n.Nmt)


def _splits_on_whitespace_first(pre_tokenizer: Any) -> bool:
    """Its first step cuts at (and drops) every whitespace, and the rest only cut pieces."""
    from .. import pre_tokenizers as p

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
        from .. import pre_tokenizers as p

        normalizer, pre_tokenizer, model = tokenizer.normalizer, tokenizer.pre_tokenizer, tokenizer.model
        self._check, rest = _identity_check(normalizer)
        self._plan, prefix, _ = (_ANY, "", "") if rest is None else _normalizer_plan(rest)
        self._prefix = len(prefix)
        # Where the identity check passed, only the rest of the normalizer can change the text.
        self._normalize: Optional[Callable[[str], str]] = None if rest is None else rest.normalize_str
        self._added = tokenizer._added_vocabulary
        self._tokenize = model.tokenize
        self._split: Optional[Callable[[str], Any]] = None
        self._words: Any = None  # the ByteLevel or Metaspace encoder
        self._whole: Any = None
        if not _deterministic(model):
            self._plan = _NEVER
        elif type(pre_tokenizer) is p.ByteLevel:
            from .byte_level import ByteLevelWords

            self._words = ByteLevelWords(pre_tokenizer, model.tokenize)
        elif metaspace_parts(pre_tokenizer) is not None:
            self._words = MetaspaceWords(pre_tokenizer, model.tokenize)
        elif pre_tokenizer is not None:
            if _substring_pre_tokenizer(pre_tokenizer):
                self._split = pre_tokenizer.pieces_function()
            else:
                self._plan = _NEVER
        else:
            from .whole_text import WholeText

            self._whole = WholeText(model)
        self._cache: dict[str, tuple[Any, ...]] = {}
        self._multi: set[str] = set()  # cached words that are not exactly one token

    @property
    def usable(self) -> bool:
        return self._plan != _NEVER

    def _normalized(self, text: str) -> Optional[str]:
        """The normalized text when it is provably 1:1 (after the prefix) and holds no added token."""
        plan = self._plan
        if plan != _ANY and (plan == _NEVER or _allowed_plan(text) < plan):
            return None
        if self._added.matches_raw(text) or (self._check is not None and not self._check(text)):
            return None
        if self._normalize is None:
            normalized = text
        else:
            normalized = self._normalize(text)
            if len(normalized) != len(text) + (self._prefix if text else 0):
                return None
        if self._added.matches_normalized(normalized):
            return None
        return normalized

    def encode(self, text: str, type_id: int, word_index: Optional[int] = None) -> Optional[Encoding]:
        """The Encoding of ``text``, or None when the aligned path is needed."""
        normalized = self._normalized(text)
        if normalized is None:
            return None
        prefix = self._prefix if text else 0
        if self._words is not None:
            return self._words.encode(normalized, prefix, type_id, word_index)
        if self._split is None:
            return self._whole.encode(normalized, prefix, type_id, word_index)
        encoding = self._pieces(normalized, type_id, word_index)
        if prefix:
            encoding._offsets = unprefix(encoding._offsets, prefix)
        return encoding

    def _word(self, word: str) -> tuple[Any, ...]:
        """Cache entry of a word: ``(id, token)`` when one token covers it, else a WordEntry."""
        tokens = self._tokenize(word)
        entry: tuple[Any, ...]
        if len(tokens) == 1 and tokens[0].offsets == (0, len(word)):
            entry = (tokens[0].id, tokens[0].value)
        else:
            entry = make_entry(word, tokens)
            self._multi.add(word)
        if len(self._cache) < _MAX_CACHED_WORDS:
            self._cache[word] = entry
        return entry

    def _pieces(self, normalized: str, type_id: int, word_index: Optional[int]) -> Encoding:
        """A substring pre-tokenizer: each piece is ``normalized[start:end]``, offsets are final."""
        assert self._split is not None
        splits = self._split(normalized)
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
        return _assemble_mixed(entries, spans, type_id, word_index)


def _assemble_mixed(entries: list[tuple[Any, ...]], spans: list[tuple[int, int]], type_id: int,
                    word_index: Optional[int]) -> Encoding:
    """Words that are one token (``(id, token)``) mixed with WordEntries: one pass, no per-word objects."""
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
            ids.extend(entry.ids)
            tokens.extend(entry.tokens)
            offsets.extend([(start + a, start + b) for a, b in entry.offsets])
            words.extend([word_id] * len(entry.ids))
    n = len(ids)
    return Encoding._raw(ids, [type_id] * n, tokens, words, offsets, [0] * n, [1] * n, [], {})
