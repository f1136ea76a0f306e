"""Long words (a whole line or file with no pre-tokenizer, a 10 MB run of letters) at C speed per char.

``initial_symbols`` and the Token list walk a word char by char in Python;
for a long word that costs more than the merging.  Here the per-char steps
are whole-list operations (``map``, ``chain``, ``zip``): each distinct char
of the word is looked up once, and only the merges run in Python
(``buckets.merge_units``).

The units are the initial symbols.  When every char becomes whole units (a
vocab entry, its ``<0xHH>`` bytes, or a plain unk) each unit lies inside one
char, so a token's char offsets are the char of its first unit and one past
the char of its last: HF's byte offsets mapped through the alignments
(hf-behaviour.md section 5).  Other words (fused unks, dropped chars, a
prefix or suffix with byte fallback) take the byte-length path of
``symbols.initial_symbols``, whose offsets shift at a dropped char as HF's do.

>>> from .buckets import MergeTable
>>> vocab = {"a": 0, "b": 1, "ab": 2, "<0xC3>": 3, "<0xA9>": 4}
>>> units = char_units("abé", vocab, None, None, True, None, False)
>>> units
([0, 1, 3, 4], [1, 1, 2])
>>> word_columns(units[0], units[1], MergeTable({(0, 1): (0, 2)}), {i: t for t, i in vocab.items()})
([2, 3, 4], ['ab', '<0xC3>', '<0xA9>'], [(0, 2), (2, 3), (2, 3)])
"""

from __future__ import annotations

from array import array
from itertools import accumulate, chain, compress, count, islice, repeat
from operator import add, ne, sub
from typing import Iterator, Mapping, Optional

from ...normalized import Offsets
from .buckets import MergeTable, merge_units

__all__ = ["char_units", "word_columns", "merge_words"]

_chain = chain.from_iterable


def char_units(word: str, vocab: Mapping[str, int], prefix: Optional[str], suffix: Optional[str],
               byte_fallback: bool, unk_token: Optional[str], fuse_unk: bool
               ) -> Optional[tuple[list[int], Optional[list[int]]]]:
    """The initial units of ``word`` and how many units each char became (None: one each).

    None when some char is neither in the vocab nor whole units (see the
    module docstring): the caller takes the byte-length path.
    """
    if prefix or suffix:
        return _affixed_units(word, vocab, prefix or "", suffix or "")
    ids = list(map(vocab.get, word))
    if None not in ids:
        return ids, None  # type: ignore[return-value]  # no None left
    units_of: dict[str, tuple[int, ...]] = {}
    for char in set(word):
        found = vocab.get(char)
        if found is not None:
            units_of[char] = (found,)
            continue
        fallback = _fallback(char, vocab, byte_fallback, unk_token, fuse_unk)
        if fallback is None:
            return None
        units_of[char] = fallback
    per_char = list(map(units_of.__getitem__, word))
    del ids
    units = list(_chain(per_char))
    return units, None if len(units) == len(word) else list(map(len, per_char))


def _fallback(char: str, vocab: Mapping[str, int], byte_fallback: bool, unk_token: Optional[str],
              fuse_unk: bool) -> Optional[tuple[int, ...]]:
    """A char missing from the vocab: its ``<0xHH>`` tokens, or a plain unk; None when neither fits here."""
    if byte_fallback:
        # Without all its byte tokens the char becomes an unk that HF keeps pending past the
        # byte tokens of the chars after it (models/bpe/model.rs, merge_word): the byte path.
        found = [vocab.get(f"<0x{byte:02X}>") for byte in char.encode("utf-8")]
        return None if None in found else tuple(found)  # type: ignore[arg-type]  # no None left
    # A fused unk spans its neighbours and a missing char is dropped: both need the byte path.
    if unk_token is None or fuse_unk or unk_token not in vocab:
        return None
    return (vocab[unk_token],)


def _affixed_units(word: str, vocab: Mapping[str, int], prefix: str,
                   suffix: str) -> Optional[tuple[list[int], Optional[list[int]]]]:
    """With ``continuing_subword_prefix`` / ``end_of_word_suffix``: only when every piece is in the vocab."""
    if len(word) < 2:
        return None
    ids = [vocab.get(word[0])]
    ids += map(vocab.get, map(prefix.__add__, islice(word, 1, len(word) - 1)))
    ids.append(vocab.get(prefix + word[-1] + suffix))
    if None in ids:
        return None
    return ids, None  # type: ignore[return-value]  # no None left


def word_columns(units: list[int], counts: Optional[list[int]], table: MergeTable, vocab_r: Mapping[int, str],
                 skip: int = 0) -> tuple[list[int], list[str], list[Offsets]]:
    """Merge the units (``counts[c]`` of them for char ``c``, one each if None); the tokens' columns.

    Offsets are chars of the word counted from char ``skip``: the first
    ``skip`` chars share the span of the char after them (``normalized.past_prefix``).
    """
    ids, starts = merge_units(units, table)
    values = list(map(vocab_r.__getitem__, ids))
    if counts is None:
        # A token's end is the next one's start: one int object for both.
        bounds = list(map(sub, starts, repeat(skip))) if skip else starts
        return ids, values, _past_prefix(list(zip(bounds, islice(bounds, 1, None))))
    return ids, values, _unit_offsets(starts, counts, skip)


def _unit_offsets(starts: list[int], counts: list[int], skip: int) -> list[Offsets]:
    """Char offsets of the tokens starting at unit ``starts[i]`` (ending before ``starts[i + 1]``).

    A token runs from the char of its first unit to one past the char of its
    last (a ``<0xHH>`` piece: its char's span).  The unit -> char map is an
    ``array`` (8 bytes a unit, no int object per char) read by C-level maps,
    and the ints and tuples are shared where HF's numbers are equal: a
    token's end is the next one's start, the pieces of one char share its span.
    """
    if len(starts) - 1 > len(counts):
        return _piece_offsets(starts, counts, skip)
    char_of = array("q", _chain(map(repeat, range(len(counts)), counts)))
    begins = list(map(sub, map(char_of.__getitem__, islice(starts, len(starts) - 1)), repeat(skip)))
    shared_ends = begins[1:]  # a token usually ends where the next begins: the same int object
    shared_ends.append(char_of[starts[-1] - 1] + 1 - skip)

    def ends() -> Iterator[int]:  # one past each token's last char, counted from char ``skip``
        return map(add, map(char_of.__getitem__, map(sub, islice(starts, 1, None), repeat(1))), repeat(1 - skip))

    for index, end in compress(zip(count(), ends()), map(ne, ends(), shared_ends)):
        shared_ends[index] = end
    return _past_prefix(list(zip(begins, shared_ends)))


def _piece_offsets(starts: list[int], counts: list[int], skip: int) -> list[Offsets]:
    """``_unit_offsets`` when there are more tokens than chars: one span per char, shared by its pieces.

    Per-char lists cost no more than the tokens here (a CJK text in ``<0xHH>`` pieces).
    """
    n = len(counts)
    bounds = list(range(n - skip + 1)) if n >= skip else [0]
    spans = [(0, 1)] * min(skip, n) + list(zip(bounds, islice(bounds, 1, None)))
    char_of = list(_chain(map(repeat, range(n), counts)))
    firsts = list(map(char_of.__getitem__, islice(starts, len(starts) - 1)))
    lasts = list(map(char_of.__getitem__, map(sub, islice(starts, 1, None), repeat(1))))
    del char_of
    offsets = list(map(spans.__getitem__, firsts))
    for index in compress(count(), map(ne, firsts, lasts)):
        offsets[index] = (offsets[index][0], spans[lasts[index]][1])
    return offsets


def _past_prefix(offsets: list[Offsets]) -> list[Offsets]:
    """Tokens inside the first ``skip`` chars take the span ``(0, 1)`` of those chars (they come first)."""
    index = 0
    while index < len(offsets) and (offsets[index][0] < 0 or offsets[index][1] < 1):
        start, end = offsets[index]
        offsets[index] = (max(start, 0), max(end, 1))
        index += 1
    return offsets


_SEPARATOR = -3  # a unit between two words: no pair has it, no scan crosses it (buckets)
_GROUP = 1 << 18  # units merged in one pass by merge_words


def merge_words(words: list[list[int]], table: MergeTable,
                vocab_r: Mapping[int, str]) -> list[tuple[list[int], list[str], list[Offsets]]]:
    """Merge the units of many words (one unit per char) in few passes; each word's tokens' columns.

    The words go by groups of about ``_GROUP`` units: one pass over each
    group, whose units stay in the CPU's caches (a quarter faster than one pass
    over 10 MB of words).

    >>> merge_words([[0, 1], [1, 0, 1]], MergeTable({(0, 1): (0, 2)}), {0: "a", 1: "b", 2: "ab"})
    [([2], ['ab'], [(0, 2)]), ([1, 2], ['b', 'ab'], [(0, 1), (1, 3)])]
    """
    results: list[tuple[list[int], list[str], list[Offsets]]] = []
    begin = size = 0
    for end, word in enumerate(words, 1):
        size += len(word) + 1
        if size >= _GROUP or end == len(words):
            results += _merge_group(words[begin:end], table, vocab_r)
            begin, size = end, 0
    return results


def _merge_group(words: list[list[int]], table: MergeTable,
                 vocab_r: Mapping[int, str]) -> list[tuple[list[int], list[str], list[Offsets]]]:
    """``merge_words`` in one pass: the words' units in one list, a separator after each."""
    units = list(_chain(map(add, words, repeat([_SEPARATOR]))))
    symbols, starts = merge_units(units, table)
    del units
    ends = islice(starts, 1, None)
    # Each word's first unit, repeated once per symbol of the word (its separator included).
    separators = list(compress(count(), map(_SEPARATOR.__eq__, symbols)))
    per_word = list(map(sub, separators, [-1] + separators[:-1]))
    word_starts = accumulate(map(len, words), lambda start, size: start + size + 1, initial=0)
    bases = list(_chain(map(repeat, word_starts, per_word)))
    offsets = list(zip(map(sub, starts, bases), map(sub, ends, bases)))
    values: list[str] = list(map(vocab_r.get, symbols))  # type: ignore[arg-type]  # None at the separators
    results = []
    begin = 0
    for end in separators:
        results.append((symbols[begin:end], values[begin:end], offsets[begin:end]))
        begin = end + 1
    return results
