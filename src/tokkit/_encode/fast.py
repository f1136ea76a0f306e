"""The plain-string encode fast path, and when it gives exactly the aligned result.

The fast path skips NormalizedString alignments.  It is taken only when
that provably changes nothing, and the components say when that is
(``tokkit.capabilities``; the plan asks ``trusted_fast_path()``, never a type):

* no added token occurs in the text, raw or normalized;
* the normalizer maps each char to exactly one char on this text, possibly
  after a prefix (whose chars take the first char's span, as HF's
  ``prepend``), or a head of it leaves this text untouched (Precompiled);
* the pre-tokenizer only cuts the text into substrings (``CutsText``), or
  is byte-level (``ByteLevelWords``, see ``byte_level``), or Metaspace after
  cut-only ones (``MetaspaceWords``, see ``metaspace``), or there is none
  (``whole_text``);
* the model gives the same tokens for the same word (words are cached per batch).

Lengths are verified on every text, and ``tests/test_fast_path.py`` checks
that both paths agree.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any, Callable, Optional, Union, cast

from ..capabilities import (
    ByteLevelWords,
    CutsText,
    MetaspaceWords,
    ModelFastPath,
    NormalizerFastPath,
    OneToOne,
    fast_path_of,
)
from .._json.component import changes_seen
from ..encoding import Encoding
from ..protocols import Pipeline
from .byte_level import ByteLevelEncoder
from .metaspace import MetaspaceEncoder
from .whole_text import WholeTextEncoder
from .words import WordEntry, columns_function, empty_encoding, make_entry, many_columns_function, unprefix

__all__ = ["FastEncoder", "fast_encoder", "forget_fast_encoder"]

_MAX_CACHED_WORDS = 1_000_000
#: A cached word: ``(id, token)`` when one token covers it, else its WordEntry.
Entry = Union[tuple[int, str], WordEntry]
_IDENTITY = NormalizerFastPath(OneToOne.ANY_TEXT)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def fast_encoder(tokenizer: Pipeline) -> "FastEncoder":
    """The tokenizer's FastEncoder, kept across calls while its components stay the same.

    Its word cache then serves every ``encode`` call, not only one batch (one text at a time,
    or ``Dataset.map``'s batches of 1,000, would otherwise tokenize every word again).  It is
    rebuilt when a component is replaced, when any component changes (``changes_seen``), or
    when the added vocabulary is replaced.

    >>> from tokkit import Tokenizer, models
    >>> tok = Tokenizer(models.WordLevel({"a": 0}, unk_token="a"))
    >>> fast_encoder(tok) is fast_encoder(tok)
    True
    >>> tok.model.unk_token = "a"; fast_encoder(tok) is fast_encoder(tok)  # rebuilt once, then kept
    True
    """
    normalizer, pre_tokenizer, model = tokenizer.normalizer, tokenizer.pre_tokenizer, tokenizer.model
    added, changes = tokenizer._added_vocabulary, changes_seen()
    kept: Optional[tuple[Any, Any, Any, Any, int, FastEncoder]] = getattr(tokenizer, "_kept_fast_encoder", None)
    # Spelled out: this runs once per ``encode`` call.
    if (kept is not None and kept[0] is normalizer and kept[1] is pre_tokenizer and kept[2] is model
            and kept[3] is added and kept[4] == changes):
        return kept[5]
    encoder = FastEncoder(tokenizer, (normalizer, pre_tokenizer, model))
    tokenizer._kept_fast_encoder = (normalizer, pre_tokenizer, model, added, changes, encoder)  # type: ignore[attr-defined]
    return encoder


def forget_fast_encoder(tokenizer: Pipeline) -> None:
    """Drop the tokenizer's kept FastEncoder and its word cache (the next call builds a new one).

    >>> from tokkit import Tokenizer, models
    >>> tok = Tokenizer(models.WordLevel({"a": 0}, unk_token="a")); first = fast_encoder(tok)
    >>> forget_fast_encoder(tok); fast_encoder(tok) is first
    False
    """
    tokenizer._kept_fast_encoder = None  # type: ignore[attr-defined]


class FastEncoder:
    """Encodes texts without alignments when that is provably exact.

    It holds a word cache, so it must not outlive changes to the tokenizer:
    ``fast_encoder`` keeps one per tokenizer and knows when to build another.
    """

    def __init__(self, tokenizer: Pipeline, components: Optional[tuple[Any, Any, Any]] = None) -> None:
        # ``components``: the (normalizer, pre_tokenizer, model) the caller read once (another
        # thread may replace them meanwhile: the encoder must be built from the ones it is kept for).
        normalizer, pre_tokenizer, model = components or (tokenizer.normalizer, tokenizer.pre_tokenizer, tokenizer.model)
        plan = _IDENTITY if normalizer is None else fast_path_of(normalizer, NormalizerFastPath())
        self._check = plan.identity_on
        # Where the identity check passed, only the rest of the normalizer can change the text.
        self._normalize: Optional[Callable[[str], str]] = (
            plan.rest if plan.identity_on is not None else None if normalizer is None else normalizer.normalize_str
        )
        self._plan = plan.one_to_one
        self._prefix = len(plan.prefix)
        self._added = tokenizer._added_vocabulary
        self._tokenize = model.tokenize
        self._split: Optional[Callable[[str], Any]] = None
        self._words: Union[ByteLevelEncoder, MetaspaceEncoder, None] = None
        self._whole: Optional[WholeTextEncoder] = None
        model_path = fast_path_of(model, ModelFastPath())
        words = fast_path_of(pre_tokenizer, None)
        if not model_path.deterministic:
            self._plan = OneToOne.NEVER
        elif isinstance(words, ByteLevelWords):
            self._words = ByteLevelEncoder(words, model.tokenize, columns_function(model),
                                           many_columns_function(model))
        elif isinstance(words, MetaspaceWords):
            self._words = MetaspaceEncoder(words, model.tokenize)
        elif isinstance(words, CutsText):
            self._split = words.pieces
        elif pre_tokenizer is None:
            self._whole = WholeTextEncoder(model.tokenize, model_path.segments, columns_function(model))
        else:
            self._plan = OneToOne.NEVER
        self._cache: dict[str, Entry] = {}
        self._multi: set[str] = set()  # cached words that are not exactly one token

    @property
    def usable(self) -> bool:
        return self._plan != OneToOne.NEVER

    def _normalized(self, text: str) -> Optional[str]:
        """The normalized text when it is provably 1:1 (after the prefix) and holds no added token."""
        plan = self._plan
        if plan != OneToOne.ANY_TEXT and (plan == OneToOne.NEVER or OneToOne.narrowest_for(text) < plan):
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
        if not normalized:
            # HF drops empty splits before pre-tokenizing: nothing reaches the model (even where a
            # pre-tokenizer, e.g. an empty Sequence, would keep the empty piece in pre_tokenize_str).
            return empty_encoding()
        prefix = self._prefix if text else 0
        if self._words is not None:
            return self._words.encode(normalized, prefix, type_id, word_index)
        if self._split is None:
            assert self._whole is not None
            return self._whole.encode(normalized, prefix, type_id, word_index)
        encoding = self._pieces(normalized, type_id, word_index)
        if prefix:
            encoding._offsets = unprefix(encoding._offsets, prefix)
        return encoding

    def _word(self, word: str) -> Entry:
        """Cache entry of a word: ``(id, token)`` when one token covers it, else a WordEntry."""
        tokens = self._tokenize(word)
        entry: Entry
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
        # map() with itemgetters, not comprehensions: these run once per token of the corpus.
        words, spans = list(map(_FIRST, splits)), list(map(_SECOND, splits))
        cache_get = self._cache.get
        entries: list[Any] = list(map(cache_get, words))
        if None in entries:  # words not seen yet (a word twice in the text is tokenized once)
            word_entry = self._word
            entries = [entry or cache_get(word) or word_entry(word) for entry, word in zip(entries, words)]
        n = len(entries)
        if self._multi.isdisjoint(words):
            # Every word is one token (the common case): whole-list operations only.
            singles = cast(list[tuple[int, str]], entries)  # no word of the text is in _multi
            ids = list(map(_FIRST, singles))
            tokens = list(map(_SECOND, singles))
            word_ids: list[Optional[int]] = list(range(n)) if word_index is None else [word_index] * n
            return Encoding._raw(ids, [type_id] * n, tokens, word_ids, spans, [0] * n, [1] * n, [], {})
        return _assemble_mixed(entries, spans, type_id, word_index)


def _assemble_mixed(entries: list[Entry], spans: list[tuple[int, int]], type_id: int,
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
