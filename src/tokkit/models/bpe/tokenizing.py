"""How a BPE model turns one word into tokens: ``tokenize`` and ``tokenize_columns`` (HF ``BPE::tokenize``).

Short words (most words after a pre-tokenizer) build their initial symbols
and merge them with the per-word heap (``word.merge_ranked``), and are
cached.  Long words (``_LONG_WORD`` chars and more: a whole text through a
model without pre-tokenizer, a 10 MB run of letters) go through ``long_word``
and ``buckets``, whose per-char steps are whole-list operations; a long
word's tokens are also available as three lists (``tokenize_columns``), so a
caller need not build one ``Token`` per token only to take it apart again.

What this module does not do: the options, files and JSON (``model``).

>>> from tokkit.models import BPE
>>> bpe = BPE({"a": 0, "b": 1, "ab": 2}, [("a", "b")])
>>> bpe.tokenize_columns("abab" * 40)[0][:3], len(bpe.tokenize("abab" * 40))
([2, 2, 2], 80)
"""

from __future__ import annotations

from itertools import accumulate, islice, repeat
from operator import sub
from typing import Callable

from ...normalized import Token, TokenColumns, past_prefix, unzip_tokens
from .buckets import MergeTable, merge_units
from .long_word import char_units, merge_words, word_columns
from .symbols import initial_symbols
from .word import bytes_to_chars, merge_all, merge_ranked

__all__ = ["Tokenizing"]

Pair = tuple[int, int]

_MAX_CACHED_LENGTH = 256  # HF caches words shorter than 256 bytes; chars here (same results)
_LONG_WORD = 1024  # from this length on, ``buckets`` merges faster than the per-word heap
_new_tuple = tuple.__new__  # builds a Token without NamedTuple's Python-level __new__


class Tokenizing:
    """The encoding half of ``BPE``: a mixin over the model's vocab, merges, options and caches."""

    _vocab: dict[str, int]
    _vocab_r: dict[int, str]
    _merges: dict[Pair, tuple[int, int]]  # (id_a, id_b) -> (rank, new_id)
    _table: MergeTable | None  # _merges laid out for long words, built on the first one
    _cache: dict[str, list[Token]]
    _cache_capacity: int
    _segment_cache: dict[str, list[tuple[int, str, int]]]  # piece -> (id, token, length) per token
    _segments: Callable[[str], list[str]] | None
    _dropout: float | None
    _unk_token: str | None
    _continuing_subword_prefix: str | None
    _end_of_word_suffix: str | None
    _fuse_unk: bool
    _byte_fallback: bool
    _ignore_merges: bool

    def tokenize(self, sequence: str) -> list[Token]:
        """Tokenize one word (see the ``model`` docstring).  Cached lists are shared."""
        # The cache only ever holds dropout-free results: setting dropout clears it.
        cached = self._cache.get(sequence)
        if cached is not None:
            return cached
        if not sequence:
            return []
        dropout = self._dropout
        if dropout is not None and dropout != 0.0:
            # HF skips both the cache and ignore_merges when dropout is active.
            return self._word_tokens(sequence, dropout)
        if self._ignore_merges and sequence in self._vocab:
            return [Token(self._vocab[sequence], sequence, (0, len(sequence)))]
        tokens = self._word_tokens(sequence, None)
        if len(sequence) < _MAX_CACHED_LENGTH and len(self._cache) < self._cache_capacity:
            self._cache[sequence] = tokens
        return tokens

    def tokenize_columns(self, sequence: str, skip: int = 0) -> TokenColumns:
        """The tokens of ``tokenize(sequence)`` as three lists: ids, token strings, char offsets.

        A long word never becomes ``Token`` tuples on the way (a third of its
        memory).  With ``skip``, offsets count from char ``skip``: the first
        ``skip`` chars (a prefix a normalizer put in front) share the span of
        the char after them, as HF aligns a ``prepend`` (``past_prefix``).

        >>> from tokkit.models import BPE
        >>> bpe = BPE({"▁": 0, "a": 1, "b": 2, "▁a": 3, "ab": 4}, [("▁", "a"), ("a", "b")])
        >>> bpe.tokenize_columns("▁abb"), bpe.tokenize_columns("▁abb", skip=1)[2]
        (([3, 2, 2], ['▁a', 'b', 'b'], [(0, 2), (2, 3), (3, 4)]), [(0, 1), (1, 2), (2, 3)])
        """
        table = self._long_word_table(sequence)
        if table is None or self._dropout or (self._ignore_merges and sequence in self._vocab):
            ids, values, offsets = unzip_tokens(self.tokenize(sequence))
            return ids, values, past_prefix(offsets, skip) if skip else offsets
        return self._long_columns(sequence, table, skip)

    def tokenize_lens(self, word: str) -> tuple[list[int], list[str], list[int]] | None:
        """``tokenize(word)``'s ids, strings and lengths in chars, uncached and without Tokens; None when the
        symbols need byte offsets (a dropped char, byte fallback), for a long word, or with dropout.

        For the fast paths, which cache each word themselves (the model's cache would hold it twice).

        >>> from tokkit.models import BPE
        >>> BPE({"a": 0, "b": 1, "ab": 2}, [("a", "b")]).tokenize_lens("abb")
        ([2, 1], ['ab', 'b'], [2, 1])
        """
        if not word or len(word) >= _LONG_WORD or (self._dropout is not None and self._dropout != 0.0):
            return None
        if self._ignore_merges and word in self._vocab:
            return [self._vocab[word]], [word], [len(word)]
        ids, lens, in_bytes = self._symbols(word, False)
        if in_bytes is None:
            return None
        if len(ids) > 1 and self._merges:
            ids, lens = merge_ranked(ids, lens, self._merges)
        return ids, list(map(self._vocab_r.__getitem__, ids)), lens

    def tokenize_columns_many(self, words: list[str]) -> list[TokenColumns]:
        """``tokenize_columns`` of each word; words of plain chars are merged together, in one pass.

        For a text with many new words (a huge text cut by a pre-tokenizer):
        the words go into one list of units, separated by a unit that forms no
        pair, and ``buckets`` merges them all at once, each word exactly as on
        its own (no merge crosses a separator, and the order restricted to one
        word is that word's own order).

        >>> from tokkit.models import BPE
        >>> BPE({"a": 0, "b": 1, "ab": 2}, [("a", "b")]).tokenize_columns_many(["abab", "ba"])
        [([2, 2], ['ab', 'ab'], [(0, 2), (2, 4)]), ([1, 0], ['b', 'a'], [(0, 1), (1, 2)])]
        """
        table = None if self._dropout or self._continuing_subword_prefix or self._end_of_word_suffix \
            else self._merge_table()
        if table is None:
            return [self.tokenize_columns(word) for word in words]
        results: list[TokenColumns | None] = []
        plain: list[list[int]] = []  # the units of the words merged together
        vocab, cache = self._vocab, self._cache
        for word in words:
            ids = list(map(vocab.get, word))
            if None in ids or len(word) >= _LONG_WORD or word in cache or (self._ignore_merges and word in vocab):
                results.append(self.tokenize_columns(word))  # cached, long, or a char not in the vocab
            else:
                results.append(None)
                plain.append(ids)  # type: ignore[arg-type]  # no None in ids
        merged = iter(merge_words(plain, table, self._vocab_r))
        return [result if result is not None else next(merged) for result in results]

    def _word_tokens(self, word: str, dropout: float | None) -> list[Token]:
        if dropout is None:
            segments = self._segments
            if segments is not None and len(word) > 8:
                pieces = segments(word)
                if len(pieces) > 1:
                    tokens = self._segmented_tokens(pieces)
                    if tokens is not None:
                        return tokens
            table = self._long_word_table(word)
            if table is not None:
                return list(map(_new_tuple, repeat(Token), zip(*self._long_columns(word, table))))
        ids, lens, in_bytes = self._symbols(word, False)
        if in_bytes is None:  # a char was dropped or split into bytes: offsets need byte lengths
            ids, lens, in_bytes = self._symbols(word, True)
        if len(ids) > 1 and self._merges:
            if dropout is None:
                ids, lens = merge_ranked(ids, lens, self._merges)
            else:
                ids, lens = merge_all(ids, lens, self._merges, dropout)
        tokens = self._byte_tokens(ids, lens)
        return bytes_to_chars(word, tokens) if in_bytes else tokens

    def _byte_tokens(self, ids: list[int], lens: list[int]) -> list[Token]:
        """Tokens whose offsets are the running sum of ``lens``."""
        vocab_r = self._vocab_r
        if len(ids) < 32:  # a plain loop is faster on a few tokens
            tokens = []
            pos = 0
            for token_id, length in zip(ids, lens):
                end = pos + length
                tokens.append(_new_tuple(Token, (token_id, vocab_r[token_id], (pos, end))))
                pos = end
            return tokens
        bounds = list(accumulate(lens, initial=0))
        values = map(vocab_r.__getitem__, ids)
        return list(map(_new_tuple, repeat(Token), zip(ids, values, zip(bounds, islice(bounds, 1, None)))))

    def _long_word_table(self, word: str) -> MergeTable | None:
        """The merge table when ``word`` is long enough for ``buckets`` (not for a degenerate table)."""
        return None if len(word) < _LONG_WORD else self._merge_table()

    def _merge_table(self) -> MergeTable | None:
        """The merges laid out for ``buckets``, built once; None for a degenerate table (see ``buckets``)."""
        table = self._table
        if table is None:
            table = self._table = MergeTable(self._merges)
        return None if table.degenerate else table

    def _long_columns(self, word: str, table: MergeTable, skip: int = 0) -> TokenColumns:
        """A long word's tokens as columns (see ``long_word``), offsets past ``skip`` chars."""
        units = char_units(word, self._vocab, self._continuing_subword_prefix, self._end_of_word_suffix,
                           self._byte_fallback, self._unk_token, self._fuse_unk)
        if units is not None:
            return word_columns(units[0], units[1], table, self._vocab_r, skip)
        ids, lens, _ = self._symbols(word, True)
        symbols, starts = merge_units(ids, table)
        bounds = list(accumulate(lens, initial=0))
        lens = list(map(sub, map(bounds.__getitem__, islice(starts, 1, None)), map(bounds.__getitem__, starts)))
        ids, values, offsets = unzip_tokens(bytes_to_chars(word, self._byte_tokens(symbols, lens)))
        return ids, values, past_prefix(offsets, skip) if skip else offsets

    def _segmented_tokens(self, pieces: list[str]) -> list[Token] | None:
        """Merge each piece on its own (cached); None if a piece needs byte offsets."""
        cache = self._segment_cache
        tokens = []
        pos = 0
        for piece in pieces:
            merged = cache.get(piece)
            if merged is None:
                merged = self._piece_tokens(piece)
                if merged is None:
                    return None  # a dropped or byte-fallback char: the whole word takes the byte path
                if len(piece) < _MAX_CACHED_LENGTH and len(cache) < self._cache_capacity:
                    cache[piece] = merged
            for token_id, value, length in merged:
                end = pos + length
                tokens.append(_new_tuple(Token, (token_id, value, (pos, end))))
                pos = end
        return tokens

    def _piece_tokens(self, piece: str) -> list[tuple[int, str, int]] | None:
        """A piece's ``(id, token, length in chars)``; None when a char is dropped or split into bytes."""
        table = self._long_word_table(piece)
        if table is not None:
            ids, values, offsets = self._long_columns(piece, table)
            lens = [end - start for start, end in offsets]
            return None if sum(lens) != len(piece) or 0 in lens else list(zip(ids, values, lens))
        ids, lens, exact = self._symbols(piece, False)
        if exact is None:
            return None
        if len(ids) > 1 and self._merges:
            ids, lens = merge_ranked(ids, lens, self._merges)
        return list(zip(ids, map(self._vocab_r.__getitem__, ids), lens))

    def _symbols(self, word: str, in_bytes: bool) -> tuple[list[int], list[int], bool | None]:
        """The word's initial symbols and their lengths (see ``symbols.initial_symbols``)."""
        if not (in_bytes or self._continuing_subword_prefix or self._end_of_word_suffix):
            ids = list(map(self._vocab.get, word))
            if None not in ids:  # every char is a token (the common case): one whole-list step
                return ids, [1] * len(ids), False  # type: ignore[return-value]  # no None left
        return initial_symbols(word, in_bytes, self._vocab, self._continuing_subword_prefix, self._end_of_word_suffix,
                               self._byte_fallback, self._unk_token, self._fuse_unk)
