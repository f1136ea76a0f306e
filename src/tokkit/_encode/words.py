"""Per-word cache entries and their assembly into an Encoding, for the fast paths.

A word's entry holds its tokens' ids, strings, and char offsets relative to
the word.  When the tokens tile the word (each starts where the previous one
ended, the first at 0, the last at the word's end) the entry also holds their
lengths, and a line of tiling words that themselves tile the text gets all its
offsets from one running sum: no per-token Python work.  A long word's tokens
are read from the model as columns (``columns_function``: no ``Token`` per
token), and a text that brings many new words has the model merge them all
together (``many_columns_function``, BPE's ``tokenize_columns_many``).

>>> entry = make_entry("hello", [Token(1, "hel", (0, 3)), Token(2, "lo", (3, 5))])
>>> entry.lens, entry.offsets
((3, 2), ((0, 3), (3, 5)))
>>> enc = assemble_tiled([entry, make_entry("!", [Token(3, "!", (0, 1))])], 6, 0, None)
>>> enc.ids, enc.offsets, enc.word_ids
([1, 2, 3], [(0, 3), (3, 5), (5, 6)], [0, 0, 1])

What this module does not do: decide whether the fast path applies (``fast``).
"""

from __future__ import annotations

from itertools import accumulate, chain, compress, count, islice, pairwise, repeat
from operator import add, is_, itemgetter, lt, ne, sub
from typing import Callable, Iterable, NamedTuple, Optional, Sequence, cast

from ..capabilities import declared_with
from ..encoding import Encoding
from ..normalized import Offsets, Token, TokenColumns, past_prefix, unzip_tokens
from ..protocols import Model

__all__ = [
    "WordEntry", "make_entry", "assemble_single", "assemble_tiled", "assemble_spans", "unprefix", "empty_encoding",
    "TilingWords", "tiled_offsets", "entry_of", "columns_function", "ColumnsFunction", "tokenize_as_columns",
    "ManyColumnsFunction", "many_columns_function", "LensFunction", "lens_function", "entry_of_lens",
]  # fmt: skip

_IDS, _TOKENS, _LENS = itemgetter(0), itemgetter(1), itemgetter(2)
_START, _END, _OFFSETS = itemgetter(0), itemgetter(1), itemgetter(2)
_chain = chain.from_iterable
_MAX_CACHED_WORD = 1000  # chars: longer words rarely repeat, and their entries are large
_MANY_NEW_WORDS = 64  # from this many new words in one text on, the model merges them together
_COLUMNS_FROM = 256  # chars of a word from which the model's tokens are read as columns (no Token tuples)
_SHORT = 32  # items: below this, a plain loop is faster than whole-list steps


class WordEntry(NamedTuple):
    """A word's tokens: ids, strings, lengths (None unless they tile the word), char offsets."""

    ids: tuple[int, ...]
    tokens: tuple[str, ...]
    lens: Optional[tuple[int, ...]]
    offsets: tuple[Offsets, ...]

    @property
    def single(self) -> bool:
        """Exactly one token, covering the whole word."""
        return self.lens is not None and len(self.ids) == 1


def make_entry(word: str, tokens: Sequence[Token], offsets: Optional[Sequence[Offsets]] = None) -> WordEntry:
    """The entry of ``word`` from its model tokens (``offsets`` overrides theirs, e.g. bytes -> chars)."""
    if len(tokens) < _SHORT:
        offs = tuple(t.offsets for t in tokens) if offsets is None else tuple(offsets)
        return WordEntry(tuple(t.id for t in tokens), tuple(t.value for t in tokens), _lens(word, offs), offs)
    ids, values, model_offsets = unzip_tokens(list(tokens))
    return entry_of(word, ids, values, model_offsets if offsets is None else offsets)


def entry_of(word: str, ids: Sequence[int], values: Sequence[str], offsets: Sequence[Offsets]) -> WordEntry:
    """The entry of ``word`` from its tokens' columns (char offsets).

    >>> entry_of("ab", [5], ["ab"], [(0, 2)]).lens
    (2,)
    """
    offs = tuple(offsets)
    return WordEntry(tuple(ids), tuple(values), _lens(word, offs), offs)


def entry_of_lens(ids: Sequence[int], values: Sequence[str], lens: Sequence[int]) -> WordEntry:
    """The entry of a word whose tokens have these char lengths (they tile it, as ``tokenize_lens`` gives them).

    >>> entry_of_lens([1, 2], ["ab", "c"], [2, 1])
    WordEntry(ids=(1, 2), tokens=('ab', 'c'), lens=(2, 1), offsets=((0, 2), (2, 3)))
    """
    return WordEntry(tuple(ids), tuple(values), tuple(lens), tuple(pairwise(accumulate(lens, initial=0))))


def _lens(word: str, offsets: tuple[Offsets, ...]) -> Optional[tuple[int, ...]]:
    """The token lengths when the tokens tile ``word`` (each starts where the previous one ended, the
    first at 0, the last ends the word, none is empty); else None."""
    if len(offsets) < _SHORT:
        position = 0
        for a, b in offsets:
            if a != position or b <= a:
                return None
            position = b
        return tuple(b - a for a, b in offsets) if position == len(word) else None
    # Whole-tuple steps: a word may be a whole 10 MB text.
    starts, ends = tuple(map(_START, offsets)), tuple(map(_END, offsets))
    tiles = starts[0] == 0 and ends[-1] == len(word) and starts[1:] == ends[:-1] and all(map(lt, starts, ends))
    return tuple(map(sub, ends, starts)) if tiles else None


#: A model's ``tokenize_columns``: a word's tokens as lists, offsets counted past a prefix of n chars.
ColumnsFunction = Callable[[str, int], TokenColumns]
#: A model's ``tokenize_columns_many``: the columns of each of many words.
ManyColumnsFunction = Callable[[list[str]], list[TokenColumns]]


def columns_function(model: Model) -> ColumnsFunction:
    """``model.tokenize_columns`` (a word's tokens as lists, BPE) where its class also defines ``tokenize``.

    Otherwise ``tokenize``'s tokens taken apart: a subclass overriding
    ``tokenize`` alone is never read through its parent's columns.
    """
    columns = getattr(model, "tokenize_columns", None)
    if columns is not None and declared_with(model, "tokenize_columns", "tokenize"):
        return cast(ColumnsFunction, columns)
    return tokenize_as_columns(model.tokenize)


def many_columns_function(model: Model) -> Optional[ManyColumnsFunction]:
    """``model.tokenize_columns_many`` (many words' tokens at once, BPE) where its class also defines ``tokenize``."""
    many = getattr(model, "tokenize_columns_many", None)
    if many is not None and declared_with(model, "tokenize_columns_many", "tokenize"):
        return cast(ManyColumnsFunction, many)
    return None


#: A model's ``tokenize_lens`` (BPE's): a word's ids, strings and char lengths, None when they need byte offsets.
LensFunction = Callable[[str], Optional[tuple[list[int], list[str], list[int]]]]


def lens_function(tokenize: Callable[[str], list[Token]]) -> Optional[LensFunction]:
    """The ``tokenize_lens`` of ``tokenize``'s model, when its class also defines ``tokenize``; else None.

    It gives a new word's tokens without Token objects and without the model's
    own cache (the encoders cache every word themselves).

    >>> from tokkit.models import BPE, WordLevel
    >>> lens_function(BPE({"a": 0}, []).tokenize)("a"), lens_function(WordLevel({"a": 0}, "a").tokenize)
    (([0], ['a'], [1]), None)
    """
    model = getattr(tokenize, "__self__", None)
    if model is None or not declared_with(model, "tokenize_lens", "tokenize"):
        return None
    return cast(LensFunction, model.tokenize_lens)


def tokenize_as_columns(tokenize: Callable[[str], list[Token]]) -> ColumnsFunction:
    """``tokenize`` as a columns function."""
    def columns(word: str, skip: int = 0) -> TokenColumns:
        ids, values, offsets = unzip_tokens(tokenize(word))
        return ids, values, past_prefix(offsets, skip) if skip else offsets
    return columns


def empty_encoding() -> Encoding:
    return Encoding._raw([], [], [], [], [], [], [], [], {})


def _raw(ids: list[int], tokens: list[str], words: list[Optional[int]], offsets: list[Offsets],
         type_id: int) -> Encoding:
    n = len(ids)
    return Encoding._raw(ids, [type_id] * n, tokens, words, offsets, [0] * n, [1] * n, [], {})


def tiled_offsets(lengths: Iterable[int], length: int, prefix: int) -> Optional[list[Offsets]]:
    """Offsets from a running sum of token lengths over a text of ``length`` chars; None unless they tile it.

    The first ``prefix`` chars share the next char's span: the sum starts at
    ``-prefix`` and only the first tokens need clamping (as ``unprefix``).

    >>> tiled_offsets([1, 2, 3], 6, 1)
    [(0, 1), (0, 2), (2, 5)]
    """
    offsets = list(pairwise(accumulate(lengths, initial=-prefix)))
    if not offsets or offsets[-1][1] != length - prefix:
        return None
    i = 0
    while i < len(offsets) and (offsets[i][0] < 0 or offsets[i][1] < 1):
        a, b = offsets[i]
        offsets[i] = (a if a > 0 else 0, b if b > 1 else 1)
        i += 1
    return offsets


def assemble_single(words: list[str], singles: list[tuple[int, str]], length: int, type_id: int,
                    word_index: Optional[int], prefix: int = 0) -> Optional[Encoding]:
    """Words that tile a text of ``length`` chars, each one token ``(id, string)``; None if they do not."""
    offsets = tiled_offsets(map(len, words), length, prefix)
    if offsets is None:
        return None
    n = len(offsets)
    word_ids: list[Optional[int]] = list(range(n)) if word_index is None else [word_index] * n
    return _raw(list(map(_IDS, singles)), list(map(_TOKENS, singles)), word_ids, offsets, type_id)


def assemble_tiled(entries: list[WordEntry], length: int, type_id: int,
                   word_index: Optional[int], prefix: int = 0) -> Optional[Encoding]:
    """Entries that tile their words, words that tile a text of ``length`` chars; None if they do not."""
    offsets = tiled_offsets(_chain(map(_LENS, entries)), length, prefix)
    if offsets is None:
        return None
    n = len(offsets)
    if word_index is not None:
        word_ids: list[Optional[int]] = [word_index] * n
    else:
        word_ids = list(_chain(map(repeat, range(len(entries)), map(len, map(_IDS, entries)))))
    return _raw(list(_chain(map(_IDS, entries))), list(_chain(map(_TOKENS, entries))), word_ids, offsets, type_id)


def assemble_spans(entries: list[WordEntry], starts: Sequence[int], type_id: int,
                   word_index: Optional[int]) -> Encoding:
    """Any entries, each word starting at ``starts[i]``: per-token offsets (the general case)."""
    ids: list[int] = []
    tokens: list[str] = []
    offsets: list[Offsets] = []
    words: list[Optional[int]] = []
    for index, (entry, start) in enumerate(zip(entries, starts)):
        ids.extend(entry.ids)
        tokens.extend(entry.tokens)
        if not start:
            offsets.extend(entry.offsets)  # the first word's spans are already the text's
        elif len(entry.offsets) < 16:
            offsets.extend([(start + a, start + b) for a, b in entry.offsets])
        else:
            offsets.extend(zip(map(add, map(_START, entry.offsets), repeat(start)),
                               map(add, map(_END, entry.offsets), repeat(start))))
        words.extend([index if word_index is None else word_index] * len(entry.ids))
    return _raw(ids, tokens, words, offsets, type_id)


def unprefix(offsets: list[Offsets], k: int) -> list[Offsets]:
    """Offsets in a text with ``k`` prefix chars -> offsets in the text without them.

    The prefix chars take the span of the first real char (HF ``prepend``), so a
    token inside the prefix maps to ``(0, 1)``.

    >>> unprefix([(0, 1), (0, 3), (3, 5)], 1)
    [(0, 1), (0, 2), (2, 4)]
    """
    if len(offsets) < _SHORT:
        return [(a - k if a > k else 0, b - k if b > k else 1) for a, b in offsets]
    return past_prefix(offsets, k)


def _char_offsets(word: str, offsets: Sequence[Offsets]) -> list[Offsets]:
    """Byte offsets in ``word`` -> char offsets (HF ``convert_offsets`` through the byte alignments).

    A token starts at the char holding its first byte and ends after the char
    holding its last byte.  In a long word, tokens inside one char (its bytes
    split over several tokens) share that char's span tuple.

    >>> _char_offsets("é!", [(0, 1), (1, 3)])
    [(0, 1), (0, 2)]
    """
    if len(word) < _SHORT:
        byte_to_char: list[int] = []
        for index, char in enumerate(word):
            byte_to_char.extend([index] * len(char.encode("utf-8")))
        return [(byte_to_char[a], byte_to_char[b - 1] + 1) for a, b in offsets]
    sizes = {char: len(char.encode("utf-8")) for char in set(word)}  # each distinct char once
    char_of = list(_chain(map(repeat, range(len(word)), map(sizes.__getitem__, word))))
    firsts = list(map(char_of.__getitem__, map(_START, offsets)))
    lasts = list(map(char_of.__getitem__, map(sub, map(_END, offsets), repeat(1))))
    del char_of
    bounds = list(range(len(word) + 1))
    spans = list(zip(bounds, islice(bounds, 1, None)))
    result = list(map(spans.__getitem__, firsts))
    for index in compress(count(), map(ne, firsts, lasts)):
        result[index] = (result[index][0], spans[lasts[index]][1])
    return result


class TilingWords:
    """A per-batch word cache for texts cut into words that tile them (GPT-2 regex, Metaspace split).

    Args:
        tokenize: the model's ``tokenize``.
        to_bytes: maps a word to the model's input, one char per UTF-8 byte
            (ByteLevel); token offsets are then bytes, turned into chars.
        capacity: how many words to cache.
        columns: the model's ``tokenize`` as lists (``columns_function``); default: ``tokenize`` taken apart.
        columns_many: the model's columns of many words at once (``many_columns_function``), if it has them.
    """

    def __init__(self, tokenize: Callable[[str], list[Token]], to_bytes: Optional[Callable[[str], str]] = None,
                 capacity: int = 1_000_000, columns: Optional[ColumnsFunction] = None,
                 columns_many: Optional[ManyColumnsFunction] = None) -> None:
        self._tokenize = tokenize
        self._lens_of = lens_function(tokenize)
        self._columns = columns or tokenize_as_columns(tokenize)
        self._columns_many = columns_many
        self._to_bytes = to_bytes
        self._capacity = capacity  # 0 when a word is a whole text (lines rarely repeat)
        self._single: dict[str, tuple[int, str]] = {}  # words that are exactly one token
        self._cache: dict[str, WordEntry] = {}  # every word
        self._loose: set[str] = set()  # words whose tokens do not tile them
        self._unsafe: set[str] = set()  # words with an empty token: the aligned path decides

    def _fill(self, word: str) -> WordEntry:
        to_bytes = self._to_bytes
        model_input = word if to_bytes is None else to_bytes(word)
        if len(model_input) >= _COLUMNS_FROM:
            return self._add(word, self._columns(model_input, 0))
        if self._lens_of is not None and (to_bytes is None or word.isascii()):
            found = self._lens_of(model_input)  # no Tokens, and not cached twice
            if found is not None:
                return self._register(word, entry_of_lens(*found), ())  # (tiling: no spans are read)
        tokens = self._tokenize(model_input)  # a short word: often the model's cached list
        if to_bytes is None or word.isascii():
            return self._register(word, make_entry(word, tokens), map(_OFFSETS, tokens))
        offsets = _char_offsets(word, [t.offsets for t in tokens])
        return self._register(word, make_entry(word, tokens, offsets), map(_OFFSETS, tokens))

    def _fill_many(self, words: list[str]) -> list[WordEntry]:
        """The entries of many new words, the model merging them together (``columns_many``)."""
        assert self._columns_many is not None
        to_bytes = self._to_bytes
        inputs = words if to_bytes is None else list(map(to_bytes, words))
        return list(map(self._add, words, self._columns_many(inputs)))

    def _add(self, word: str, columns: TokenColumns) -> WordEntry:
        """The entry of ``word`` from the model's columns for it (offsets in bytes with ``to_bytes``)."""
        ids, values, offsets = columns
        entry = entry_of(word, ids, values, offsets if self._to_bytes is None or word.isascii() else
                         _char_offsets(word, offsets))
        return self._register(word, entry, offsets)

    def _register(self, word: str, entry: WordEntry, spans: Iterable[Offsets]) -> WordEntry:
        """Note what the assembly must know of ``word`` (``spans``: the model's offsets), and cache its entry."""
        if entry.lens is None:
            self._loose.add(word)
            if not all(a < b for a, b in spans):
                self._unsafe.add(word)  # an empty token (tiling words have none)
        if len(self._cache) < self._capacity and len(word) < _MAX_CACHED_WORD:
            self._cache[word] = entry
            if entry.single:
                self._single[word] = (entry.ids[0], entry.tokens[0])
        return entry

    def encode(self, words: list[str], length: int, prefix: int, type_id: int,
               word_index: Optional[int]) -> Optional[Encoding]:
        """The words of a text of ``length`` chars whose first ``prefix`` chars share the next one's span."""
        if not words:
            return empty_encoding() if not length else None
        singles = list(map(self._single.get, words))
        if None not in singles:
            # Every word is one known token (a third of English lines): whole-list operations only.
            return assemble_single(words, singles, length, type_id, word_index, prefix)  # type: ignore[arg-type]
        return self._assemble(words, length, prefix, type_id, word_index)

    def _filled(self, words: list[str], entries: list[Optional[WordEntry]]) -> list[WordEntry]:
        """``entries`` (the cached ones) completed by the model: many new words at once, else one by one."""
        if self._columns_many is not None and entries.count(None) >= _MANY_NEW_WORDS:
            new = list(dict.fromkeys(compress(words, map(is_, entries, repeat(None)))))
            if len(new) >= _MANY_NEW_WORDS:
                found = dict(zip(new, self._fill_many(new)))
                return [entry or found[word] for entry, word in zip(entries, words)]
        fill, cached = self._fill, self._cache.get
        # A word met twice in this text is filled once (the second time it is cached).
        return [entry or cached(word) or fill(word) for entry, word in zip(entries, words)]

    def _assemble(self, words: list[str], length: int, prefix: int, type_id: int,
                  word_index: Optional[int]) -> Optional[Encoding]:
        """None when the words do not tile the text or a token is empty."""
        entries: list[Optional[WordEntry]] = list(map(self._cache.get, words))
        if None in entries:
            entries = self._filled(words, entries)  # type: ignore[assignment]  # now without None
        if self._unsafe and not self._unsafe.isdisjoint(words):
            return None
        if self._loose.isdisjoint(words):
            return assemble_tiled(entries, length, type_id, word_index, prefix)  # type: ignore[arg-type]
        if sum(map(len, words)) != length:
            return None
        starts = list(accumulate(map(len, words[:-1]), initial=0))
        encoding = assemble_spans(entries, starts, type_id, word_index)  # type: ignore[arg-type]
        if prefix:
            encoding._offsets = unprefix(encoding._offsets, prefix)
        return encoding
