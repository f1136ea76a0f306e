"""PreTokenizedString: the input cut into pieces that are tokenized independently (HF ``tokenizer/pre_tokenizer.rs``).

>>> pts = PreTokenizedString("ab cd")
>>> pts.split(lambda i, ns: ns.split(" ", "removed"))
>>> pts.get_splits()
[('ab', (0, 2), None), ('cd', (3, 5), None)]
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from typing import Any, Callable, Iterator, Optional, Sequence, Union

from .._errors import ArgumentTypeError, ConfigurationError, EncodeError
from .._validation import U32_MAX, unsigned

from .normalized_string import NormalizedString
from .token import Offsets, Token, TokenColumns

__all__ = ["Split", "SplitResult", "PreTokenizedString", "set_encoding_type", "OffsetReferential", "OffsetType"]


class OffsetReferential(enum.Enum):
    """What ``get_splits`` offsets count from (HF's enum; the methods also take its values as str).

    >>> pts = PreTokenizedString("Hé llo")
    >>> pts.split(lambda i, ns: ns.split(" ", "removed"))
    >>> pts.normalize(lambda ns: ns.nfd())
    >>> pts.get_splits(OffsetReferential.ORIGINAL.value), pts.get_splits(OffsetReferential.NORMALIZED.value)
    ([('Hé', (0, 2), None), ('llo', (3, 6), None)], [('Hé', (0, 3), None), ('llo', (3, 6), None)])
    """

    ORIGINAL = "original"
    NORMALIZED = "normalized"


class OffsetType(enum.Enum):
    """The unit of ``get_splits`` offsets (HF's enum).

    >>> pts = PreTokenizedString("hé llo"); pts.split(lambda i, piece: piece.split(" ", "removed"))
    >>> [unit.value for unit in OffsetType], pts.get_splits(offset_type=OffsetType.BYTE.value)
    (['byte', 'char'], [('hé', (0, 3), None), ('llo', (4, 7), None)])
    """

    BYTE = "byte"
    CHAR = "char"

#: The Encoding class ``to_encoding`` builds: ``tokkit.encoding`` sits a layer above and registers it.
_ENCODING: list[Callable[..., Any]] = []


def set_encoding_type(encoding: Callable[..., Any]) -> None:
    """Register the class ``PreTokenizedString.to_encoding`` returns (done by ``tokkit.encoding``).

    >>> from tokkit.encoding import Encoding  # importing it registers it, as here
    >>> set_encoding_type(Encoding)
    >>> pts = PreTokenizedString("ab"); pts.tokenize(lambda s: [Token(0, s, (0, len(s)))]); type(pts.to_encoding()).__name__
    'Encoding'
    """
    _ENCODING[:] = [encoding]


class Split:
    """One piece of a PreTokenizedString: its NormalizedString and, once tokenized, its tokens.

    >>> pts = PreTokenizedString("hi you"); pts.split(lambda i, piece: piece.split(" ", "removed"))
    >>> pts.splits[1]
    Split(NormalizedString(original="you", normalized="you"), tokens=None)
    >>> pts.tokenize(lambda s: [Token(0, s, (0, len(s)))]); pts.splits[1].tokens
    [Token(id=0, value='you', offsets=(0, 3))]
    """

    __slots__ = ("normalized", "tokens")

    def __init__(self, normalized: NormalizedString, tokens: list[Token] | None = None) -> None:
        self.normalized = normalized
        self.tokens = tokens

    def __repr__(self) -> str:
        return f"Split({self.normalized!r}, tokens={self.tokens!r})"


SplitResult = Union[NormalizedString, Split, Sequence[Union[NormalizedString, Split]]]


class PreTokenizedString:
    """The input split into pieces that are tokenized independently.

    >>> pts = PreTokenizedString("ab cd")
    >>> pts.split(lambda i, ns: ns.split(" ", "removed"))
    >>> pts.get_splits()
    [('ab', (0, 2), None), ('cd', (3, 5), None)]
    """

    __slots__ = ("original", "splits")

    def __init__(self, sequence: "str | NormalizedString" = "") -> None:
        if isinstance(sequence, NormalizedString):
            self.original = sequence.original
            self.splits = [Split(sequence)]
        else:
            self.original = sequence
            self.splits = [Split(NormalizedString(sequence))]

    def __len__(self) -> int:
        return len(self.splits)

    def __repr__(self) -> str:
        return f"PreTokenizedString(original={self.original!r}, splits={self.pieces()!r})"

    def split(self, func: Callable[[int, NormalizedString], SplitResult]) -> None:
        """Replace each not-yet-tokenized split by ``func(i, normalized)``; empty pieces are dropped.

        >>> pts = PreTokenizedString("ab cd")
        >>> pts.split(lambda i, ns: ns.split(" ", "removed"))
        >>> pts.get_splits()
        [('ab', (0, 2), None), ('cd', (3, 5), None)]
        """
        new_splits: list[Split] = []
        for i, piece in enumerate(self.splits):
            if piece.tokens is not None:
                new_splits.append(piece)
                continue
            result = func(i, piece.normalized)
            if isinstance(result, (NormalizedString, Split)):
                result = [result]
            for item in result:
                if isinstance(item, Split):
                    if item.normalized.normalized:
                        new_splits.append(item)
                elif item.normalized:
                    new_splits.append(Split(item))
        self.splits = new_splits

    def normalize(self, func: Callable[[NormalizedString], object]) -> None:
        """Apply ``func`` to every not-yet-tokenized split's NormalizedString.

        >>> pts = PreTokenizedString("Ab Cd")
        >>> pts.normalize(lambda ns: ns.lowercase())
        >>> pts.get_splits()
        [('ab cd', (0, 5), None)]
        """
        for piece in self.splits:
            if piece.tokens is None:
                func(piece.normalized)

    def tokenize(self, func: Callable[[str], list[Token]]) -> None:
        """Tokenize every split that has no tokens yet.

        >>> from tokkit import Token
        >>> pts = PreTokenizedString("abc")
        >>> pts.tokenize(lambda word: [Token(0, word[:1], (0, 1)), Token(1, word[1:], (1, 3))])
        >>> [(token.value, offsets) for _, token, offsets in pts.iter_tokens()]
        [('a', (0, 1)), ('bc', (1, 3))]
        """
        for piece in self.splits:
            if piece.tokens is None:
                piece.tokens = list(func(piece.normalized.normalized))

    def pieces(self) -> list[tuple[str, Offsets]]:
        """``(normalized text, original char offsets)`` per split: ``pre_tokenize_str``'s result (tokkit only).

        >>> pts = PreTokenizedString("héllo wörld")
        >>> pts.split(lambda i, ns: ns.split(" ", "removed"))
        >>> pts.pieces()
        [('héllo', (0, 5)), ('wörld', (6, 11))]
        """
        return [(piece.normalized.normalized, piece.normalized.offsets_original()) for piece in self.splits]

    def get_splits(self, offset_referential: str = "original",
                   offset_type: str = "char") -> list[tuple[str, Offsets, Optional[list[Token]]]]:
        """``(normalized text, offsets, tokens or None)`` per split, as HF's ``get_splits``.

        HF computes byte offsets (in the original, or along the normalized splits) and, for
        ``"char"``, converts them with the *original* text's byte-to-char map, also for
        ``"normalized"`` offsets (so those are char offsets only where the two texts agree); this
        does the same.

        >>> pts = PreTokenizedString("héllo wörld")
        >>> pts.split(lambda i, ns: ns.split(" ", "removed"))
        >>> pts.get_splits(), pts.get_splits(offset_type="byte")
        ([('héllo', (0, 5), None), ('wörld', (6, 11), None)], [('héllo', (0, 6), None), ('wörld', (7, 13), None)])
        """
        normalized_referential = _offset_choice(offset_referential, "OffsetReferential", ("original", "normalized"))
        to_chars = _offset_choice(offset_type, "OffsetType", ("byte", "char"))
        original_bytes = _byte_positions(self.original)
        out: list[tuple[str, Offsets, Optional[list[Token]]]] = []
        position = 0
        for piece in self.splits:
            ns = piece.normalized
            if normalized_referential:
                size = len(ns.normalized.encode("utf-8"))
                offsets = (position, position + size)
                position += size
            else:
                start, end = ns.offsets_original()
                offsets = (original_bytes[start], original_bytes[end])
            if to_chars:
                offsets = _bytes_to_chars(offsets, original_bytes)
            out.append((ns.normalized, offsets, piece.tokens))
        return out

    def token_columns(self, tokenize: Optional[Callable[[str], list[Token]]] = None,
                      columns: Optional[Callable[[str], TokenColumns]] = None,
                      ) -> tuple[list[int], list[str], list[Offsets], list[int]]:
        """Every token's id, string and original offsets, and its split's index (``iter_tokens`` as lists).

        The splits that have no tokens yet are tokenized here, without storing
        the tokens: by ``columns`` (a model's tokens as lists) from 256 chars on,
        so a split that is a whole long text never becomes ``Token`` tuples,
        else by ``tokenize``.

        >>> pts = PreTokenizedString("ab"); pts.tokenize(lambda s: [Token(7, s, (0, len(s)))])
        >>> pts.token_columns()
        ([7], ['ab'], [(0, 2)], [0])
        """
        ids: list[int] = []
        values: list[str] = []
        offsets: list[Offsets] = []
        indexes: list[int] = []
        for index, piece in enumerate(self.splits):
            tokens, ns = piece.tokens, piece.normalized
            if tokens is None and columns is not None and len(ns.normalized) >= 256:
                split_ids, split_values, spans = columns(ns.normalized)
                ids += split_ids
                values += split_values
                offsets += ns.offsets_of_all(spans)
                indexes += [index] * len(split_ids)
                continue
            if tokens is None:
                if tokenize is None:
                    continue
                tokens = tokenize(ns.normalized)
            for token in tokens:  # a short split: a plain loop is faster than whole-list steps
                ids.append(token.id)
                values.append(token.value)
                offsets.append(ns.offsets_of(*token.offsets))
                indexes.append(index)
        return ids, values, offsets, indexes

    def to_encoding(self, type_id: int = 0, word_idx: Optional[int] = None) -> Any:
        """An Encoding of the tokens of every split (HF ``into_encoding``, char offsets in the original).

        Each token's word is its split's index, or ``word_idx`` when given.

        >>> pts = PreTokenizedString("ab"); pts.tokenize(lambda s: [Token(7, s, (0, len(s)))])
        >>> pts.to_encoding(type_id=1).type_ids
        [1]
        """
        type_id = unsigned(type_id, "type_id", U32_MAX)
        word_idx = None if word_idx is None else unsigned(word_idx, "word_idx", U32_MAX)
        if any(piece.tokens is None for piece in self.splits):
            raise EncodeError("a split has not been tokenized: call PreTokenizedString.tokenize(func) first")
        ids, values, offsets, indexes = self.token_columns()
        words = indexes if word_idx is None else [word_idx] * len(ids)
        return _ENCODING[0](ids=ids, type_ids=[type_id] * len(ids), tokens=values, word_ids=words, offsets=offsets)

    def iter_tokens(self) -> Iterator[tuple[int, Token, Offsets]]:
        """``(split index, token, original offsets)`` for every token, in order.

        >>> from tokkit.models import WordLevel
        >>> pts = PreTokenizedString("hi you")
        >>> pts.split(lambda i, ns: ns.split(" ", "removed"))
        >>> pts.tokenize(WordLevel({"?": 0, "hi": 1}, unk_token="?").tokenize)
        >>> [(index, token.value, offsets) for index, token, offsets in pts.iter_tokens()]
        [(0, 'hi', (0, 2)), (1, '?', (3, 6))]
        """
        for index, piece in enumerate(self.splits):
            ns = piece.normalized
            for token in piece.tokens or ():
                yield index, token, ns.offsets_of(*token.offsets)


def _offset_choice(value: Any, enum_name: str, choices: tuple[str, str]) -> bool:
    """Whether ``value`` is the second of ``choices``; HF's TypeError / ValueError otherwise."""
    if not isinstance(value, str):
        raise ArgumentTypeError(f"'{type(value).__name__}' is not an instance of 'str' (give \"{choices[0]}\" "
                                f"or \"{choices[1]}\", the {enum_name} values)")
    if value not in choices:
        raise ConfigurationError(f"Wrong value for {enum_name}, expected one of `{', '.join(choices)}`")
    return value == choices[1]


def _byte_positions(text: str) -> list[int]:
    """The byte offset of each char position of ``text`` (and of its end)."""
    positions = [0]
    total = 0
    for char in text:
        total += len(char.encode("utf-8", "surrogatepass"))
        positions.append(total)
    return positions


def _bytes_to_chars(offsets: Offsets, byte_positions: list[int]) -> Offsets:
    """HF's ``BytesToCharOffsetConverter.convert``: the original's byte -> char map, unchanged when the start is
    outside it, and an end at (or past) the original's last byte taken from the byte before it."""
    size = byte_positions[-1]
    start, end = offsets
    if start >= size:
        return offsets
    start_char = bisect_right(byte_positions, start) - 1
    if end < size:
        return start_char, bisect_right(byte_positions, end) - 1
    last = bisect_right(byte_positions, end - 1) - 1 if end - 1 < size else start_char + 1
    return start_char, last + 1
