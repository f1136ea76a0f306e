"""The fast path without a pre-tokenizer: the whole normalized text is one word (Llama, phi-3).

Lines rarely repeat, so whole texts are not cached.  But a BPE model may say
where its merges can never cross (before each ``▁`` run, when no merge joins a
char to a following ``▁``): then each piece merges exactly as inside the whole
text, pieces repeat a lot, and a text is assembled from cached pieces with
whole-list operations, as the ByteLevel path does with words.  A long text in
one piece (no space in 10 MB of text) goes to the model whole, read as columns
whose offsets already count past the normalizer's prefix (``Prepend("▁")``).

>>> from tokkit.models import BPE
>>> model = BPE({"▁": 0, "a": 1, "b": 2, "▁a": 3}, [("▁", "a")])
>>> enc = WholeTextEncoder(model.tokenize, model.fast_path().segments).encode("▁a▁ab", 0, 0, None)
>>> enc.tokens, enc.offsets, enc.word_ids
(['▁a', '▁a', 'b'], [(0, 2), (2, 4), (4, 5)], [0, 0, 0])

What this module does not do: normalization or added tokens (``fast`` checks them first).
"""

from __future__ import annotations

from typing import Callable, Optional, cast

from ..encoding import Encoding
from ..normalized import Token
from .words import (ColumnsFunction, WordEntry, assemble_tiled, empty_encoding, entry_of_lens, lens_function, make_entry,
                    tokenize_as_columns)

__all__ = ["WholeTextEncoder"]

_MAX_CACHED_PIECES = 1_000_000
_MAX_CACHED_PIECE = 1000  # chars: longer pieces rarely repeat, and their entries are large
_WHOLE_FROM = 1000  # chars of a one-piece text that the model encodes as columns, uncached


class WholeTextEncoder:
    """Encodes a normalized text as one word, from cached pieces when the model allows it."""

    def __init__(self, tokenize: Callable[[str], list[Token]], segments: Optional[Callable[[str], list[str]]],
                 columns: Optional[ColumnsFunction] = None) -> None:
        self._tokenize = tokenize
        self._lens_of = lens_function(tokenize)
        self._columns = columns or tokenize_as_columns(tokenize)  # see words.columns_function
        self._segments = segments  # the model's independent pieces (ModelFastPath.segments), if any
        self._cache: dict[str, WordEntry] = {}
        self._loose: set[str] = set()  # pieces whose tokens do not tile them

    def _fill(self, piece: str) -> WordEntry:
        found = None if self._lens_of is None else self._lens_of(piece)  # no Tokens, and not cached twice
        entry = make_entry(piece, self._tokenize(piece)) if found is None else entry_of_lens(*found)
        if entry.lens is None:
            self._loose.add(piece)
        if len(self._cache) < _MAX_CACHED_PIECES and len(piece) < _MAX_CACHED_PIECE:
            self._cache[piece] = entry
        return entry

    def encode(self, text: str, prefix: int, type_id: int, word_index: Optional[int]) -> Optional[Encoding]:
        """Every token belongs to word 0 (or ``word_index``); ``text``'s first ``prefix`` chars share one span."""
        if not text:
            return empty_encoding()
        word = 0 if word_index is None else word_index
        pieces = None if self._segments is None else self._segments(text)
        # A long text in one piece skips the piece cache: it would only hold the text itself.
        if pieces is not None and (len(pieces) > 1 or len(text) < _WHOLE_FROM):
            encoding = self._segmented(pieces, len(text), prefix, type_id, word)
            if encoding is not None:
                return encoding
        return self._unsegmented(text, prefix, type_id, word)

    def _segmented(self, pieces: list[str], length: int, prefix: int, type_id: int, word: int) -> Optional[Encoding]:
        entries = list(map(self._cache.get, pieces))
        if None in entries:
            fill, cached = self._fill, self._cache.get
            # A piece met twice in this text is filled once (the second time it is cached).
            entries = [entry or cached(piece) or fill(piece) for entry, piece in zip(entries, pieces)]
        if self._loose.isdisjoint(pieces):
            return assemble_tiled(cast(list[WordEntry], entries), length, type_id, word, prefix)
        # A piece that drops a char (no unk, no byte token) shifts HF's later offsets by the
        # char's BYTE length (BPE offsets are cumulative symbol byte lengths), which per-piece
        # char spans cannot express: let the model encode the whole text.
        # HF: models/bpe/word.rs, get_offsets_iter
        return None

    def _unsegmented(self, text: str, prefix: int, type_id: int, word: int) -> Encoding:
        ids, values, offsets = self._columns(text, prefix)
        n = len(ids)
        return Encoding._raw(ids, [type_id] * n, values, [word] * n, offsets, [0] * n, [1] * n, [], {})
