"""``Encoding`` lookups: map between tokens, words, chars and input sequences."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .args import _U32_MAX, _unsigned

if TYPE_CHECKING:
    from .encoding import Offsets

__all__ = ["EncodingLookups"]


class EncodingLookups:
    """Mixin of ``Encoding``: the ``token_to_*``, ``word_to_*`` and ``char_to_*`` lookups.

    It reads the Encoding's slots (``_ids``, ``_words``, ``_offsets``,
    ``_sequence_ranges``) and holds no state of its own.
    """

    __slots__ = ()

    def _sequence_range(self, sequence_id: int) -> tuple[int, int]:
        return self._sequence_ranges.get(sequence_id, (0, len(self._ids)))

    def _range_in_bounds(self, sequence_id: int) -> Optional[tuple[int, int]]:
        """The sequence's range, or None where Rust's ``slice.get(range)`` fails."""
        start, end = self._sequence_range(sequence_id)
        if start > end or end > len(self._ids):
            return None
        return start, end

    def set_sequence_id(self, sequence_id: int) -> None:
        """Mark the whole encoding as sequence ``sequence_id``.

        >>> from tokkit.encoding import Encoding
        >>> e = Encoding(ids=[1, 2]); e.set_sequence_id(1); e.n_sequences
        1
        """
        sequence_id = _unsigned(sequence_id, "sequence_id")
        self._sequence_ranges[sequence_id] = (0, len(self._ids))

    def token_to_sequence(self, token_index: int) -> Optional[int]:
        """The sequence holding token ``token_index`` (None for special tokens).

        As in HF, ``token_index == len(self)`` still gives 0 when no ranges
        are set.  Overlapping ranges (only possible through
        ``set_sequence_id`` on a merged encoding) resolve in insertion order;
        HF's hash order there is arbitrary.
        """
        token = _unsigned(token_index, "token_index")
        if token > len(self._ids):
            return None
        if not self._sequence_ranges:
            return 0
        for seq_id, (start, end) in self._sequence_ranges.items():
            if start <= token < end:
                return seq_id
        return None

    def token_to_chars(self, token_index: int) -> Optional[Offsets]:
        """The char offsets of a token, or None (also None for special tokens of a processed pair).

        >>> from tokkit.encoding import Encoding
        >>> Encoding(ids=[1], offsets=[(0, 3)]).token_to_chars(0)
        (0, 3)
        """
        token = _unsigned(token_index, "token_index")
        if self.token_to_sequence(token) is None or token >= len(self._offsets):
            return None
        return self._offsets[token]

    def token_to_word(self, token_index: int) -> Optional[int]:
        """The word index of a token within its sequence, or None."""
        token = _unsigned(token_index, "token_index")
        if self.token_to_sequence(token) is None or token >= len(self._words):
            return None
        return self._words[token]

    def word_to_tokens(self, word_index: int, sequence_index: int = 0) -> Optional[tuple[int, int]]:
        """The token range ``(first, last + 1)`` of a word in a sequence.

        HF scans the sequence's word ids while they are ``<= word_index``
        (None sorts first), so words must be in increasing order to be found.

        >>> from tokkit.encoding import Encoding
        >>> Encoding(ids=[1, 2, 3], word_ids=[0, 0, 1]).word_to_tokens(0)
        (0, 2)
        """
        word = _unsigned(word_index, "word_index", _U32_MAX)
        bounds = self._range_in_bounds(_unsigned(sequence_index, "sequence_index"))
        if bounds is None:
            return None
        start, end = bounds
        first = last = None
        for i in range(start, end):
            w = self._words[i]
            if w is not None:
                if w > word:
                    break
                if w == word:
                    if first is None:
                        first = i
                    last = i + 1
        if first is None:
            return None
        return first, last  # type: ignore[return-value]

    def word_to_chars(self, word_index: int, sequence_index: int = 0) -> Optional[Offsets]:
        """The char span of a word: start of its first token, end of its last."""
        found = self.word_to_tokens(word_index, sequence_index)
        if found is None:
            return None
        start, end = found
        return self._offsets[start][0], self._offsets[end - 1][1]

    def char_to_token(self, char_pos: int, sequence_index: int = 0) -> Optional[int]:
        """The first token of the sequence whose offsets contain ``char_pos``.

        >>> from tokkit.encoding import Encoding
        >>> Encoding(ids=[1, 2], offsets=[(0, 2), (3, 5)]).char_to_token(3)
        1
        """
        pos = _unsigned(char_pos, "char_pos")
        bounds = self._range_in_bounds(_unsigned(sequence_index, "sequence_index"))
        if bounds is None:
            return None
        offsets = self._offsets
        for i in range(bounds[0], bounds[1]):
            start, end = offsets[i]
            if start <= pos < end:
                return i
        return None

    def char_to_word(self, char_pos: int, sequence_index: int = 0) -> Optional[int]:
        """The word (in its sequence) containing the char at ``char_pos``."""
        token = self.char_to_token(char_pos, sequence_index)
        if token is None:
            return None
        return self.token_to_word(token)
