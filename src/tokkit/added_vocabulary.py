"""AddedVocabulary: tokens added on top of the model, and how they are found in text.

This reproduces HF's ``AddedVocabulary`` (HF: tokenizer/added_vocabulary.rs):

* ids: a token already in the model reuses the model id, otherwise it gets the
  next free id, fixed once per ``add_tokens`` call: the model vocab size, or the
  largest added id + 1 when that is past the vocab (HF 0.23);
* normalized forms are cached by id when they differ from the content, as HF
  does, and only recomputed when the normalizer changes (``id_to_token`` shows them);
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

from typing import Any, Iterable, Optional, Union

from ._errors import EncodeError, InputTypeError
from ._unicode import is_whitespace
from ._unicode.char_classes import is_word_char
from .added_matcher import AddedMatcher
from .added_tokens import AddedToken
from .normalized import NormalizedString, PreTokenizedString, Split, Token

__all__ = ["AddedVocabulary", "as_added_tokens"]


def _ends_with_word(text: str) -> bool:
    return bool(text) and is_word_char(text[-1])


def _starts_with_word(text: str) -> bool:
    return bool(text) and is_word_char(text[0])


class AddedVocabulary:
    """The added tokens of a Tokenizer, their ids and their two matchers."""

    def __init__(self) -> None:
        self.added_tokens_map: dict[str, int] = {}  # content -> id
        self.added_tokens_map_r: dict[int, AddedToken] = {}  # id -> token (latest flags)
        self.special_tokens_set: set[str] = set()  # only grows, as in HF
        self.encode_special_tokens = False
        self._normalized_forms: dict[int, str] = {}  # id -> normalizer(content) when it differs
        self._normalizer_seen: object = None  # only compared by identity
        # (raw, normalized); None when they must be rebuilt (a normalizer change, a re-added
        # token): new tokens are appended to them, so adding tokens one at a time stays cheap.
        self._matchers: Optional[tuple[AddedMatcher, AddedMatcher]] = (AddedMatcher(), AddedMatcher())
        self._largest_id = -1

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
        """The added token's string; for normalized tokens, its normalized form.

        HF: tokenizer/added_vocabulary.rs, simple_id_to_token (its cached normalized form).
        """
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
    def _first_free_id(self, model: Any) -> int:
        """HF computes the next id once per ``add_tokens`` call, from the largest added id."""
        vocab_size = model.get_vocab_size() if model is not None else 0
        if not self.added_tokens_map_r:
            return vocab_size
        largest = self._largest_id
        if largest >= vocab_size or vocab_size == 0:
            return largest + 1
        return vocab_size

    def add_tokens(self, tokens: Iterable[AddedToken], model: Any, normalizer: Any) -> int:
        """Add tokens (HF ``add_tokens``); returns how many were not ignored.

        Ignored: empty tokens and exact duplicates of the current entry. Like HF
        0.23, ``next_id`` is fixed at the start of the call and only advances on
        new ids, so tokens reusing a model id do not move it; re-adding a token
        replaces its flags and a special token stays special for ``decode``.
        """
        tokens = list(tokens)
        next_id = self._first_free_id(model)
        ignored = 0
        for token in tokens:
            existing = self.added_tokens_map.get(token.content)
            if not token.content or (existing is not None and self.added_tokens_map_r.get(existing) == token):
                ignored += 1
                continue
            token_id = self.token_to_id(token.content, model)
            if token_id is None:
                token_id, next_id = next_id, next_id + 1
            if token.normalized and normalizer is not None:
                form = normalizer.normalize_str(token.content)
                # HF caches the form only when it differs, and never evicts it here: a token
                # re-added with normalized=False still shows the old form in id_to_token.
                if form != token.content:
                    self._normalized_forms[token_id] = form
            self.added_tokens_map[token.content] = token_id
            if token.special:
                self.special_tokens_set.add(token.content)
            replaced = self.added_tokens_map_r.get(token_id)
            self.added_tokens_map_r[token_id] = token
            self._largest_id = max(self._largest_id, token_id)
            self._add_to_matchers(token, token_id, replaced)
        return len(tokens) - ignored

    def _add_to_matchers(self, token: AddedToken, token_id: int, replaced: Optional[AddedToken]) -> None:
        if self._matchers is None:
            return
        if replaced is not None:
            self._matchers = None  # a token's flags changed: its old pattern must go, so rebuild
            return
        raw, normalized = self._matchers
        if token.normalized:
            normalized.add(self._normalized_forms.get(token_id, token.content), token_id)
        else:
            raw.add(token.content, token_id)

    def refresh(self, model: Any, normalizer: Any) -> None:
        """Re-normalize the added tokens (after a normalizer change) and rebuild the matchers."""
        if normalizer is not self._normalizer_seen:
            self._normalizer_seen = normalizer
            self._normalized_forms = {}
            if normalizer is not None:
                for token_id, token in self.added_tokens_map_r.items():
                    if token.normalized:
                        form = normalizer.normalize_str(token.content)
                        if form != token.content:
                            self._normalized_forms[token_id] = form
        self._matchers = None

    @property
    def _raw_matcher(self) -> AddedMatcher:
        return (self._matchers or self._build_matchers())[0]

    @property
    def _normalized_matcher(self) -> AddedMatcher:
        return (self._matchers or self._build_matchers())[1]

    def _build_matchers(self) -> tuple[AddedMatcher, AddedMatcher]:
        raw: list[tuple[str, int]] = []
        normalized: list[tuple[str, int]] = []
        for token_id, token in sorted(self.added_tokens_map_r.items()):
            if token.normalized:
                normalized.append((self._normalized_forms.get(token_id, token.content), token_id))
            else:
                raw.append((token.content, token_id))
        matchers = self._matchers = (AddedMatcher(raw), AddedMatcher(normalized))
        return matchers

    # -- matching ---------------------------------------------------------------------
    def find_matches(self, text: str, matcher: AddedMatcher) -> list[tuple[Optional[int], int, int]]:
        """Cut ``text`` into ``(token id or None, start, end)`` pieces (HF ``find_matches``)."""
        if not text:
            return [(None, 0, 0)]
        pieces: list[tuple[Optional[int], int, int]] = []
        start_offset = 0
        n = len(text)
        for start, stop, token_id in matcher.find_iter(text, self._empty_matches_kept(matcher)):
            if token_id == -1:
                raise EncodeError(
                    "AddedVocabulary bad split: a normalized added token normalizes to an empty string "
                    "(HF panics here on non-ASCII text); remove it or add it with normalized=False"
                )
            token = self.added_tokens_map_r[token_id]
            if self.encode_special_tokens and token.content in self.special_tokens_set:
                continue
            if token.single_word:
                if (start > 0 and _ends_with_word(text[:start])) or (
                    stop < n and _starts_with_word(text[stop:])
                ):
                    continue  # HF does not retry a shorter match (HF: tokenizer/added_vocabulary.rs, find_matches)
            if token.lstrip:
                new_start = start
                while new_start > 0 and is_whitespace(text[new_start - 1]):
                    new_start -= 1
                start = max(new_start, start_offset)
            if token.rstrip:
                while stop < n and is_whitespace(text[stop]):
                    stop += 1
            if start > stop:
                # An lstrip match inside the whitespace an rstrip token already took: the
                # scan resumes at the previous match's own end, so HF slices backwards and panics.
                raise EncodeError(
                    "AddedVocabulary bad split: an lstrip added token matched inside the whitespace "
                    "swallowed by the previous rstrip token (HF panics here too)"
                )
            if start_offset < start:
                pieces.append((None, start_offset, start))
            pieces.append((token_id, start, stop))
            start_offset = stop
        if start_offset != n:
            pieces.append((None, start_offset, n))
        return pieces

    def _empty_matches_kept(self, matcher: AddedMatcher) -> bool:
        """An empty special token is skipped whole under ``encode_special_tokens`` (no HF panic)."""
        if matcher.empty_id is None:
            return False
        token = self.added_tokens_map_r[matcher.empty_id]
        return not (self.encode_special_tokens and token.content in self.special_tokens_set)

    def _split_with_indices(self, sequence: NormalizedString, matcher: AddedMatcher) -> list[Split]:
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


def as_added_tokens(tokens: Iterable[Union[str, AddedToken]], special: bool) -> list[AddedToken]:
    """``add_tokens``' argument as AddedTokens: a str becomes one (normalized unless special), an AddedToken a copy."""
    out = []
    for token in tokens:
        if isinstance(token, AddedToken):
            token = token.copy()
            if special:
                token.special = True
            out.append(token)
        elif isinstance(token, str):
            out.append(AddedToken(token, special=special, normalized=not special))
        else:
            raise InputTypeError(f"added tokens must be str or AddedToken, got {type(token).__name__}: {token!r:.60}")
    return out
