"""AddedVocabulary: tokens added on top of the model, and how they are found in text.

This reproduces HF's ``AddedVocabulary`` (hf-behaviour.md §6):

* ids: a token already in the model reuses the model id, otherwise it gets the
  next free id after the model vocab (or after the largest added id);
* matching: two leftmost-longest, non-overlapping matchers, one for tokens
  with ``normalized=False`` (run on the raw text) and one for ``normalized=True``
  tokens (their normalized form, run on each normalized piece);
* flags: ``single_word`` rejects a match inside a word (and never retries a
  shorter one), ``lstrip``/``rstrip`` swallow neighbouring whitespace into the
  token.

>>> from tokkit.models import WordLevel
>>> vocab = AddedVocabulary()
>>> vocab.add_tokens([AddedToken("<x>", special=True)], WordLevel({"a": 0}, unk_token="a"), None)
1
>>> vocab.token_to_id("<x>", None), vocab.is_special_token("<x>")
(1, True)
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

import regex

from ._unicode import is_whitespace
from .added_tokens import AddedToken
from .normalized import NormalizedString, PreTokenizedString, Split, Token

__all__ = ["AddedVocabulary"]


class _Matcher:
    """Leftmost-longest, non-overlapping literal matching (Aho-Corasick semantics).

    A regex alternation of the escaped patterns, longest first, finds at the
    leftmost position the longest pattern, which is exactly Aho-Corasick's
    ``LeftmostLongest``; equal patterns keep their first id, as there.
    """

    __slots__ = ("_regex", "_ids")

    def __init__(self, patterns: list[tuple[str, int]]) -> None:
        self._ids: dict[str, int] = {}
        for text, token_id in patterns:
            if text and text not in self._ids:
                self._ids[text] = token_id
        if self._ids:
            ordered = sorted(self._ids, key=len, reverse=True)
            self._regex: Optional[regex.Pattern[str]] = regex.compile(
                "|".join(regex.escape(p) for p in ordered)
            )
        else:
            self._regex = None

    def search(self, text: str) -> bool:
        """Whether any pattern occurs in ``text``."""
        return self._regex is not None and self._regex.search(text) is not None

    def find_iter(self, text: str) -> Iterable[tuple[int, int, int]]:
        if self._regex is None:
            return ()
        ids = self._ids
        return ((m.start(), m.end(), ids[m.group()]) for m in self._regex.finditer(text))


def _ends_with_word(text: str) -> bool:
    from ._unicode_pretok import is_word_char

    return bool(text) and is_word_char(text[-1])


def _starts_with_word(text: str) -> bool:
    from ._unicode_pretok import is_word_char

    return bool(text) and is_word_char(text[0])


class AddedVocabulary:
    """The added tokens of a Tokenizer, their ids and their two matchers."""

    def __init__(self) -> None:
        self.added_tokens_map: dict[str, int] = {}  # content -> id
        self.added_tokens_map_r: dict[int, AddedToken] = {}  # id -> token (latest flags)
        self.added_tokens: list[AddedToken] = []  # non-special, in insertion order
        self.special_tokens: list[AddedToken] = []
        self.special_tokens_set: set[str] = set()
        self.encode_special_tokens = False
        self._normalized_forms: dict[int, str] = {}  # id -> normalizer(content), for id_to_token
        self._raw_matcher = _Matcher([])
        self._normalized_matcher = _Matcher([])

    # -- lookups ------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.added_tokens_map)

    def is_empty(self) -> bool:
        return not self.added_tokens_map

    def token_to_id(self, content: str, model: Any) -> Optional[int]:
        token_id = self.added_tokens_map.get(content)
        if token_id is None and model is not None:
            token_id = model.token_to_id(content)
        return token_id

    def id_to_token(self, token_id: int) -> Optional[str]:
        """The added token's string; for normalized tokens, its normalized form (trap 9)."""
        if token_id in self.added_tokens_map_r:
            return self._normalized_forms.get(token_id, self.added_tokens_map_r[token_id].content)
        return None

    def is_special_token(self, content: str) -> bool:
        return content in self.special_tokens_set

    def get_vocab(self) -> dict[str, int]:
        return dict(self.added_tokens_map)

    def get_added_tokens_decoder(self) -> dict[int, AddedToken]:
        return {i: self.added_tokens_map_r[i].copy() for i in sorted(self.added_tokens_map_r)}

    def ordered_tokens(self) -> list[tuple[int, AddedToken]]:
        """``(id, token)`` sorted by id: the ``added_tokens`` list of tokenizer.json."""
        return sorted(self.added_tokens_map_r.items(), key=lambda item: item[0])

    # -- adding ---------------------------------------------------------------------
    def _next_id(self, model: Any) -> int:
        vocab_size = model.get_vocab_size() if model is not None else 0
        if not self.added_tokens_map:
            return vocab_size
        largest = max(self.added_tokens_map.values())
        if largest >= vocab_size or vocab_size == 0:
            return largest + 1
        return vocab_size

    def add_tokens(self, tokens: Iterable[AddedToken], model: Any, normalizer: Any) -> int:
        """Add tokens (HF ``add_tokens``); returns how many were not ignored."""
        tokens = list(tokens)
        for token in tokens:
            if token.special and token.content and token.content not in self.special_tokens_set:
                self.special_tokens.append(token)
                self.special_tokens_set.add(token.content)
        ignored = 0
        for token in tokens:
            if not token.content or any(t == token for t in self.added_tokens_map_r.values()):
                ignored += 1
                continue
            token_id = self.token_to_id(token.content, model)
            if token_id is None:
                token_id = self._next_id(model)
            self.added_tokens_map[token.content] = token_id
            self.added_tokens_map_r[token_id] = token
            if token.content not in self.special_tokens_set:
                self.added_tokens.append(token)
        self.refresh(model, normalizer)
        return len(tokens) - ignored

    def refresh(self, model: Any, normalizer: Any) -> None:
        """Rebuild both matchers (after adding tokens or changing the normalizer)."""
        raw: list[tuple[str, int]] = []
        normalized: list[tuple[str, int]] = []
        self._normalized_forms = {}
        for token in self.special_tokens + self.added_tokens:
            token_id = self.token_to_id(token.content, model)
            if token_id is None:  # pragma: no cover - HF panics here too
                continue
            if token.normalized:
                form = token.content
                if normalizer is not None:
                    form = normalizer.normalize_str(form)
                normalized.append((form, token_id))
                if self.added_tokens_map.get(token.content) == token_id:
                    self._normalized_forms[token_id] = form
            else:
                raw.append((token.content, token_id))
        self._raw_matcher = _Matcher(raw)
        self._normalized_matcher = _Matcher(normalized)

    # -- matching ---------------------------------------------------------------------
    def find_matches(self, text: str, matcher: _Matcher) -> list[tuple[Optional[int], int, int]]:
        """Cut ``text`` into ``(token id or None, start, end)`` pieces (HF ``find_matches``)."""
        if not text:
            return [(None, 0, 0)]
        pieces: list[tuple[Optional[int], int, int]] = []
        start_offset = 0
        n = len(text)
        for start, stop, token_id in matcher.find_iter(text):
            token = self.added_tokens_map_r[token_id]
            if self.encode_special_tokens and token.content in self.special_tokens_set:
                continue
            if token.single_word:
                if (start > 0 and _ends_with_word(text[:start])) or (
                    stop < n and _starts_with_word(text[stop:])
                ):
                    continue  # HF does not retry a shorter match (trap 7)
            if token.lstrip:
                new_start = start
                while new_start > 0 and is_whitespace(text[new_start - 1]):
                    new_start -= 1
                start = max(new_start, start_offset)
            if token.rstrip:
                while stop < n and is_whitespace(text[stop]):
                    stop += 1
            if start_offset < start:
                pieces.append((None, start_offset, start))
            pieces.append((token_id, start, stop))
            start_offset = stop
        if start_offset != n:
            pieces.append((None, start_offset, n))
        return pieces

    def _split_with_indices(self, sequence: NormalizedString, matcher: _Matcher) -> list[Split]:
        out = []
        for token_id, start, stop in self.find_matches(sequence.normalized, matcher):
            piece = sequence.slice(start, stop)
            if piece is None:  # pragma: no cover - offsets come from this very string
                continue
            if token_id is None:
                out.append(Split(piece))
            else:
                value = piece.normalized
                out.append(Split(piece, [Token(token_id, value, (0, len(value)))]))
        return out

    def matches_raw(self, text: str) -> bool:
        """Whether a ``normalized=False`` added token occurs in the raw ``text``."""
        return self._raw_matcher.search(text)

    def matches_normalized(self, text: str) -> bool:
        """Whether a ``normalized=True`` added token occurs in the normalized ``text``."""
        return self._normalized_matcher.search(text)

    def extract_and_normalize(self, normalizer: Any, sequence: str) -> PreTokenizedString:
        """Split off raw added tokens, normalize each other piece, split off normalized ones."""
        pretokenized = PreTokenizedString(sequence)
        raw = self._raw_matcher
        pretokenized.split(lambda _, piece: self._split_with_indices(piece, raw))

        normalized_matcher = self._normalized_matcher

        def normalize_then_split(_: int, piece: NormalizedString) -> list[Split]:
            if normalizer is not None:
                normalizer.normalize(piece)
            return self._split_with_indices(piece, normalized_matcher)

        pretokenized.split(normalize_then_split)
        return pretokenized
