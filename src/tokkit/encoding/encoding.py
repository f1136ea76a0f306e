"""``Encoding``: the output of a tokenizer, with HF's exact semantics.

An Encoding holds parallel lists (ids, type ids, tokens, word ids, char
offsets, special-token mask, attention mask), the ``overflowing`` encodings
produced by truncation, and ``sequence_ranges``: for each input sequence id
the ``(start, end)`` token range it covers.  Every method follows HF's Rust
``tokenizer/encoding.rs`` (0.23.3), including its odd corners, which are
named in the comments.

>>> enc = Encoding(ids=[1, 2, 3], tokens=["a", "b", "c"], offsets=[(0, 1), (2, 3), (4, 5)])
>>> enc.truncate(2, stride=1)
>>> enc.tokens, [o.tokens for o in enc.overflowing]
(['a', 'b'], [['b', 'c']])

What this module does not do: build encodings from text (the tokenizer
does), or decide how many special tokens a post-processor adds.
"""

from __future__ import annotations

import json
import warnings
from contextlib import suppress
from typing import Any, Iterable, Optional, Sequence, TypeVar

from .._errors import ArgumentTypeError, ConfigurationError
from .._json.serde_json import dumps
from .._validation import U32_MAX, parse_direction, unsigned
from . import lookups, ops
from .columns import Offsets, RowSource, filled as _filled
from .html_view import encoding_html
from .state import encoding_arguments, encoding_state
from .lookups import sequence_range

__all__ = ["Encoding"]

T = TypeVar("T")


#: The slots that make up an Encoding's state (pickled, assigned, copied).
_FIELDS = (
    "_ids", "_type_ids", "_tokens", "_words", "_offsets",
    "_special_tokens_mask", "_attention_mask", "_overflowing", "_sequence_ranges",
)  # fmt: skip


_FIELD_SET = frozenset(_FIELDS)


class Encoding:
    """The result of encoding a sequence (or pair): ids, tokens, offsets and masks.

    The constructor is what the tokenizer uses; HF's Python ``Encoding()``
    takes no argument and gives an empty encoding, as this one does.  A list
    left empty while ``ids`` is not gets HF's defaults for a plain token:
    type id 0, token ``""``, word None, offsets (0, 0), special mask 0,
    attention 1.

    The methods check their arguments like HF's bindings, then call the plain
    functions of ``lookups`` (``token_to_*``, ``word_to_*``, ``char_to_*``) and
    ``ops`` (``truncate``, ``pad``, ``merge``).

    Args:
        ids: token ids.
        type_ids, tokens, word_ids, offsets, special_tokens_mask, attention_mask: parallel lists,
            one item per id.
        overflowing: encodings cut off by truncation.
        sequence_ranges: ``{sequence_id: (start, end)}`` token ranges.

    >>> from tokkit import Tokenizer, models, pre_tokenizers, processors
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "hi": 3}, unk_token="[UNK]"))
    >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> tok.post_processor = processors.BertProcessing(("[SEP]", 2), ("[CLS]", 1)); tok.enable_truncation(6)
    >>> e = tok.encode("hi you", "hi"); e.ids, e.tokens, e.type_ids
    ([1, 3, 0, 2, 3, 2], ['[CLS]', 'hi', '[UNK]', '[SEP]', 'hi', '[SEP]'], [0, 0, 0, 0, 1, 1])
    >>> e.offsets, e.word_ids
    ([(0, 0), (0, 2), (3, 6), (0, 0), (0, 2), (0, 0)], [None, 0, 1, None, 0, None])
    >>> e.attention_mask, e.special_tokens_mask, e.sequence_ids, e.n_sequences
    ([1, 1, 1, 1, 1, 1], [1, 0, 0, 1, 0, 1], [None, 0, 0, None, 1, None], 2)
    >>> [o.tokens for o in tok.encode("hi you hi you hi").overflowing]
    [['[CLS]', 'hi', '[SEP]']]
    """

    # ``_texts``: the input text (a str), or a pair's two texts (a tuple), set by the tokenizer's encode
    # path for ``_repr_html_`` only; it is not state (not pickled or compared), so it stays out of _FIELDS.
    # ``_row``: ``(RowSource, row, kept)`` of an encoding from a big batch, whose fields are built on first
    # read; ``kept`` once a field was kept in its slot (until then a getter needs not look there).
    __slots__ = _FIELDS + ("_texts", "_row")
    _texts: "str | tuple[str, ...] | None"
    _row: Optional[tuple[RowSource, int, bool]]

    def __init__(
        self,
        ids: Iterable[int] = (),
        type_ids: Iterable[int] = (),
        tokens: Iterable[str] = (),
        word_ids: Iterable[Optional[int]] = (),
        offsets: Iterable[Offsets] = (),
        special_tokens_mask: Iterable[int] = (),
        attention_mask: Iterable[int] = (),
        overflowing: Iterable["Encoding"] = (),
        sequence_ranges: Optional[dict[int, tuple[int, int]]] = None,
    ) -> None:
        self._ids, self._row = list(ids), None
        n = len(self._ids)
        self._type_ids = _filled(type_ids, n, 0, "type_ids")
        self._tokens = _filled(tokens, n, "", "tokens")
        self._words = _filled(word_ids, n, None, "word_ids")
        self._offsets = _filled(offsets, n, (0, 0), "offsets")
        if self._offsets and type(self._offsets[0]) is not tuple:  # e.g. JSON lists
            self._offsets = [(int(s), int(e)) for s, e in self._offsets]
        self._special_tokens_mask = _filled(special_tokens_mask, n, 0, "special_tokens_mask")
        self._attention_mask = _filled(attention_mask, n, 1, "attention_mask")
        self._overflowing = list(overflowing)
        for item in self._overflowing:
            if not isinstance(item, Encoding):
                raise ArgumentTypeError(f"overflowing must hold Encodings, got {type(item).__name__}")
        self._sequence_ranges = {
            int(k): (int(v[0]), int(v[1])) for k, v in (sequence_ranges or {}).items()
        }

    @classmethod
    def _raw(
        cls, ids: list[int], type_ids: list[int], tokens: list[str], words: list[Optional[int]], offsets: list[Offsets],
        special: list[int], attention: list[int], overflowing: list[Encoding], ranges: dict[int, tuple[int, int]],
    ) -> "Encoding":  # fmt: skip
        """Build from lists the caller hands over (no copy, no checks: internal)."""
        enc = cls.__new__(cls)
        enc._ids, enc._type_ids, enc._tokens, enc._words = ids, type_ids, tokens, words
        enc._offsets, enc._special_tokens_mask, enc._attention_mask = offsets, special, attention
        enc._overflowing, enc._sequence_ranges, enc._row = overflowing, ranges, None
        return enc

    @classmethod
    def _from_columns(cls, columns: RowSource) -> "list[Encoding]":
        """One encoding per row of ``columns``, whose fields are built from them when read (``batch``)."""
        rows = [cls.__new__(cls) for _ in range(len(columns))]
        for row, enc in enumerate(rows):
            enc._row = (columns, row, False)
        return rows

    def __getattr__(self, name: str) -> Any:
        # Only reached for an unset slot: a row's field, built from its columns and kept (it may change).
        if name not in _FIELD_SET:
            raise AttributeError(f"'Encoding' object has no attribute '{name}'")
        source, row, _ = self._row  # type: ignore[misc]  # set: only rows lack a field
        object.__setattr__(self, name, value := source.field(name, row))
        self._row = (source, row, True)
        return value

    def _fresh(self, name: str) -> Any:
        """A row's field for a getter: a copy of the kept one, else built and not kept (reading every
        row's ids leaves no list behind: less memory, nothing for the cyclic GC to scan)."""
        source, row, kept = self._row  # type: ignore[misc]  # only rows call this
        if kept:
            with suppress(AttributeError):
                return _SLOT[name].__get__(self)[:]
        return source.field(name, row)

    @classmethod
    def _special(cls, ids: Sequence[int], tokens: Sequence[str], type_id: int) -> "Encoding":
        """Special tokens as an encoding: offsets (0, 0), no word, special mask 1."""
        n = len(ids)
        return cls._raw(
            list(ids), [type_id] * n, list(tokens), [None] * n, [(0, 0)] * n,
            [1] * n, [1] * n, [], {},
        )  # fmt: skip

    def _copy(self) -> "Encoding":
        """A deep copy (HF's ``clone``); it keeps the input texts (same offsets, same texts)."""
        copied = Encoding._raw(
            self._ids[:], self._type_ids[:], self._tokens[:], self._words[:], self._offsets[:],
            self._special_tokens_mask[:], self._attention_mask[:],
            [o._copy() for o in self._overflowing], dict(self._sequence_ranges),
        )  # fmt: skip
        copied._texts = getattr(self, "_texts", None)
        return copied

    def _slice(self, start: int, stop: int) -> "Encoding":
        """Tokens ``[start, stop)`` as a new encoding without overflow or ranges."""
        return Encoding._raw(
            self._ids[start:stop], self._type_ids[start:stop], self._tokens[start:stop],
            self._words[start:stop], self._offsets[start:stop],
            self._special_tokens_mask[start:stop], self._attention_mask[start:stop], [], {},
        )  # fmt: skip

    # -- Python protocol ------------------------------------------------------
    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return (f"Encoding(num_tokens={len(self._ids)}, attributes=[ids, type_ids, tokens, offsets, "
                "attention_mask, special_tokens_mask, overflowing])")

    def _repr_html_(self) -> str:
        """The tokens coloured over their input text (Jupyter's rich display); see ``html_view``."""
        texts = getattr(self, "_texts", None)
        return encoding_html(self, (texts,) if isinstance(texts, str) else texts)

    def __getstate__(self) -> bytes:
        """HF's pickle state: the serde JSON of the Rust struct."""
        return dumps(encoding_state(self)).encode("utf-8")

    def __setstate__(self, state: bytes) -> None:
        try:
            data = json.loads(state)
            other = Encoding(**encoding_arguments(data, Encoding))
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise ConfigurationError(f"Error while attempting to unpickle Encoding: {exc}") from None
        for name in _FIELDS:
            setattr(self, name, getattr(other, name))
        self._row = None

    # -- properties (each returns a fresh list, as HF's getters do) -----------
    @property
    def ids(self) -> list[int]:
        """The token ids."""
        return self._ids[:] if self._row is None else self._fresh("_ids")

    @property
    def type_ids(self) -> list[int]:
        """The type id of each token (segment A/B)."""
        return self._type_ids[:] if self._row is None else self._fresh("_type_ids")

    @property
    def tokens(self) -> list[str]:
        """The token strings."""
        return self._tokens[:] if self._row is None else self._fresh("_tokens")

    @property
    def offsets(self) -> list[Offsets]:
        """The ``(start, end)`` char span of each token in its input sequence."""
        return self._offsets[:] if self._row is None else self._fresh("_offsets")

    @property
    def attention_mask(self) -> list[int]:
        """1 for real tokens, 0 for padding."""
        return self._attention_mask[:] if self._row is None else self._fresh("_attention_mask")

    @property
    def special_tokens_mask(self) -> list[int]:
        """1 for special (and padding) tokens, 0 for tokens from the input."""
        return self._special_tokens_mask[:] if self._row is None else self._fresh("_special_tokens_mask")

    @property
    def overflowing(self) -> list["Encoding"]:
        """Copies of the encodings that truncation cut off."""
        return [o._copy() for o in self._overflowing]

    @property
    def word_ids(self) -> list[Optional[int]]:
        """The index of the word each token comes from (None for special tokens)."""
        return self._words[:] if self._row is None else self._fresh("_words")

    @property
    def words(self) -> list[Optional[int]]:
        """Deprecated alias of ``word_ids`` (warns, like HF)."""
        warnings.warn("Deprecated in 0.9.4: Encoding.words is deprecated, please use Encoding.word_ids instead.",
                      DeprecationWarning, stacklevel=2)
        return self._words[:] if self._row is None else self._fresh("_words")

    @property
    def n_sequences(self) -> int:
        """How many input sequences this encoding holds (1 when no ranges are set)."""
        return len(self._sequence_ranges) or 1

    @property
    def sequence_ids(self) -> list[Optional[int]]:
        """The input sequence of each token (None for special tokens).

        HF fills ids ``0..n_sequences`` only, and a missing id covers every
        token: after ``set_sequence_id(3)`` on a fresh encoding, all are 0.
        """
        n = len(self._ids)
        result: list[Optional[int]] = [None] * n
        for seq_id in range(self.n_sequences):
            start, end = sequence_range(self, seq_id)
            result[start:end] = [seq_id] * max(0, end - start)
        return result

    # -- lookups (HF checks each index like a Rust usize / u32) ----------------
    def set_sequence_id(self, sequence_id: int) -> None:
        """Mark the whole encoding as sequence ``sequence_id``.

        >>> e = Encoding(ids=[1, 2]); e.set_sequence_id(1); e.n_sequences
        1
        """
        self._sequence_ranges[unsigned(sequence_id, "sequence_id")] = (0, len(self._ids))

    def token_to_sequence(self, token_index: int) -> Optional[int]:
        """The sequence holding token ``token_index`` (None for special tokens of a processed pair).

        >>> Encoding(ids=[1, 2], tokens=["a", "b"]).token_to_sequence(1)
        0
        """
        return lookups.token_to_sequence(self, unsigned(token_index, "token_index"))

    def token_to_chars(self, token_index: int) -> Optional[Offsets]:
        """The char offsets of a token, or None.

        >>> Encoding(ids=[1], offsets=[(0, 3)]).token_to_chars(0)
        (0, 3)
        """
        return lookups.token_to_chars(self, unsigned(token_index, "token_index"))

    def token_to_word(self, token_index: int) -> Optional[int]:
        """The word index of a token within its sequence, or None.

        >>> Encoding(ids=[1, 2, 3], tokens=["un", "##able", "to"], word_ids=[0, 0, 1], offsets=[(0, 2), (2, 6), (7, 9)]).token_to_word(1)
        0
        """
        return lookups.token_to_word(self, unsigned(token_index, "token_index"))

    def word_to_tokens(self, word_index: int, sequence_index: int = 0) -> Optional[tuple[int, int]]:
        """The token range ``(first, last + 1)`` of a word; words must come in increasing order (HF).

        >>> Encoding(ids=[1, 2, 3], word_ids=[0, 0, 1]).word_to_tokens(0)
        (0, 2)
        """
        word = unsigned(word_index, "word_index", U32_MAX)
        return lookups.word_to_tokens(self, word, unsigned(sequence_index, "sequence_index"))

    def word_to_chars(self, word_index: int, sequence_index: int = 0) -> Optional[Offsets]:
        """The char span of a word: start of its first token, end of its last.

        >>> Encoding(ids=[1, 2, 3], tokens=["un", "##able", "to"], word_ids=[0, 0, 1], offsets=[(0, 2), (2, 6), (7, 9)]).word_to_chars(0)
        (0, 6)
        """
        word = unsigned(word_index, "word_index", U32_MAX)
        return lookups.word_to_chars(self, word, unsigned(sequence_index, "sequence_index"))

    def char_to_token(self, char_pos: int, sequence_index: int = 0) -> Optional[int]:
        """The first token of the sequence whose offsets contain ``char_pos``.

        >>> Encoding(ids=[1, 2], offsets=[(0, 2), (3, 5)]).char_to_token(3)
        1
        """
        return lookups.char_to_token(self, unsigned(char_pos, "char_pos"), unsigned(sequence_index, "sequence_index"))

    def char_to_word(self, char_pos: int, sequence_index: int = 0) -> Optional[int]:
        """The word (in its sequence) containing the char at ``char_pos``.

        >>> Encoding(ids=[1, 2, 3], tokens=["un", "##able", "to"], word_ids=[0, 0, 1], offsets=[(0, 2), (2, 6), (7, 9)]).char_to_word(8)
        1
        """
        return lookups.char_to_word(self, unsigned(char_pos, "char_pos"), unsigned(sequence_index, "sequence_index"))

    # -- changes -----------------------------------------------------------------------
    def truncate(self, max_length: int, stride: int = 0, direction: str = "right") -> None:
        """Keep ``max_length`` tokens; the rest become overflowing windows sharing ``stride`` tokens.

        ``stride >= max_length`` raises ``TruncationError`` (HF panics).  The
        sequence ranges are dropped.

        >>> e = Encoding(ids=[1, 2, 3, 4, 5]); e.truncate(2, direction="left")
        >>> e.ids, [o.ids for o in e.overflowing]
        ([4, 5], [[2, 3], [1]])
        """
        left = parse_direction(direction, "Invalid truncation direction value : {}")
        ops.truncate(self, unsigned(max_length, "max_length"), unsigned(stride, "stride"), left)

    def pad(self, length: int, direction: str = "right", pad_id: int = 0, pad_type_id: int = 0,
            pad_token: str = "[PAD]", **kwargs: Any) -> None:
        """Pad to ``length`` tokens (overflowing encodings too); longer ones stay as they are.

        >>> e = Encoding(ids=[7]); e.pad(3, direction="left", pad_id=0)
        >>> e.ids, e.attention_mask, e.special_tokens_mask
        ([0, 0, 7], [0, 0, 1], [1, 1, 0])
        """
        for key in kwargs:  # HF prints and ignores unknown options
            warnings.warn(f"Ignored unknown kwarg option {key}", stacklevel=2)
        left = parse_direction(direction, "Unknown `direction`: `{}`. Use one of `left` or `right`")
        if not isinstance(pad_token, str):
            raise ArgumentTypeError(f"pad_token must be a str, got {type(pad_token).__name__}")
        ops.pad(self, unsigned(length, "length"), unsigned(pad_id, "pad_id", U32_MAX),
                unsigned(pad_type_id, "pad_type_id", U32_MAX), pad_token, left)

    @staticmethod
    def merge(encodings: Iterable["Encoding"], growing_offsets: bool = True) -> "Encoding":
        """Concatenate encodings; with ``growing_offsets`` each one's offsets move past the previous end.

        >>> a, b = Encoding(ids=[1], offsets=[(0, 2)]), Encoding(ids=[2], offsets=[(0, 3)])
        >>> Encoding.merge([a, b]).offsets
        [(0, 2), (2, 5)]
        """
        result = Encoding._raw([], [], [], [], [], [], [], [], {})
        for encoding in encodings:
            if not isinstance(encoding, Encoding):
                raise ArgumentTypeError(f"'{type(encoding).__name__}' object is not an instance of 'Encoding'")
            ops.merge_into(result, encoding._copy(), bool(growing_offsets))
        return result

    def _assign(self, other: "Encoding") -> None:
        for name in _FIELDS:
            setattr(self, name, getattr(other, name))
        self._row = None  # every field is set: a row's columns are not read again


_SLOT = {name: Encoding.__dict__[name] for name in _FIELDS}  # the slots' own descriptors: no __getattr__
