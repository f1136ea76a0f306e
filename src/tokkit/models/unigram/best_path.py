"""The best segmentation of one word: HF's ``encode_optimized`` Viterbi, and its tokens as columns for long words.

``viterbi`` walks the piece trie from every char position and relaxes the
best path to each end (HF: models/unigram/model.rs, ``encode_optimized``).
Every float sum is HF's, in HF's order, so ties and near-ties resolve the same
way; the word cannot be cut into independent parts without changing them.

``path_columns`` reads that path back as three lists (ids, strings, ends) with
whole-list operations: no per-token Python code and no per-token object but
the end's int, for long words (the model's loop handles short ones).
``columns_tokens`` makes them Tokens; ``path_tokens`` reads a short word's path token by token.

>>> from tokkit.models.unigram.trie import build_trie
>>> root = build_trie({"a": 0, "ab": 1, "b": 2})
>>> edges = viterbi("abb", root, [-1.0, -1.5, -1.0], "#", -11.0, None)
>>> edges
[-2, 0, 1, 2]
>>> columns = path_columns("abb", edges, [1, 2, 1], ["a", "ab", "b"], None, print)
>>> columns
([1, 2], ['ab', 'b'], [2, 3])
>>> columns_tokens(columns)
[Token(id=1, value='ab', offsets=(0, 2)), Token(id=2, value='b', offsets=(2, 3))]

What this module does not do: look up a fused unk run's id or byte fallback (``model.Unigram``), or sample
(``lattice``).
"""

from __future__ import annotations

import math
from itertools import chain, groupby, pairwise, repeat
from typing import Callable, Optional

from ..._errors import MissingUnkTokenError
from ...normalized import Token, TokenColumns, past_prefix
from .trie import Trie

__all__ = ["Columns", "viterbi", "path_columns", "columns_tokens", "path_tokens", "missing_unk", "NO_EDGE", "UNK_EDGE"]

#: A word's tokens as three lists: ids, strings, and ends; token ``i`` spans ``ends[i - 1]`` (0 for the first)
#: to ``ends[i]``, so the tokens tile the word and none is empty.
Columns = tuple[list[int], list[str], list[int]]

NO_EDGE = -2  # in ``viterbi``'s table: no edge reaches this position yet
UNK_EDGE = -1  # in ``viterbi``'s table: an unk edge of one char
_NEG_INF = -math.inf
_new_tuple = tuple.__new__  # Token(...) without the NamedTuple __new__ (C speed inside map)


def missing_unk() -> MissingUnkTokenError:
    # str() is HF's exact message (HF's own tests compare it); the fix travels as a note in the traceback.
    error = MissingUnkTokenError("Encountered an unknown token but `unk_id` is missing")
    error.add_note("The text has a char that no piece covers: give the model an unk piece and its index "
                   "as unk_id (or add the char to the vocab)")
    return error


def viterbi(word: str, root: Trie, scores: list[float], end_mark: str, unk_score: float,
            unk_id: Optional[int]) -> list[int]:
    """Best path: for each end position, the piece id of its last edge (``UNK_EDGE`` for an unk edge).

    The edge's start is its end minus the piece's length (one char for an unk
    edge): one table of shared ints, not a start per position.  ``end_mark`` is
    a char in no piece (it ends every trie walk, so no bounds test is needed).
    ``best`` starts at -inf so a finite candidate wins by ``>`` alone; the
    ``NO_EDGE`` test gives HF's "first candidate always wins" for -inf or NaN
    scores too.  Only a strictly greater score replaces the best, so on ties the
    earliest start (the longest last piece) stays, as in HF.  A position without
    a single-char piece gets an unk edge (an error without ``unk_id``, only if
    that edge would be taken).
    """
    size = len(word)
    text = word + end_mark
    best = [_NEG_INF] * (size + 1)
    best[0] = 0.0
    no_edge, unk_edge = NO_EDGE, UNK_EDGE  # (locals: read faster than globals in the hot loop)
    edges = [no_edge] * (size + 1)
    for start in range(size):
        base = best[start]
        node = root.get(text[start])
        if node is None or node[None] < 0:
            end = start + 1
            candidate = unk_score + base
            if candidate > best[end] or edges[end] == no_edge:
                if unk_id is None:
                    raise missing_unk()
                best[end] = candidate
                edges[end] = unk_edge
        end = start
        while node is not None:
            end += 1
            piece_id = node[None]
            if piece_id >= 0:
                candidate = scores[piece_id] + base
                # strictly greater: on ties the earliest start (longest last piece) stays
                if candidate > best[end] or edges[end] == no_edge:
                    best[end] = candidate
                    edges[end] = piece_id
            node = node.get(text[end])
    return edges


def path_columns(word: str, edges: list[int], lengths: list[int], strings: list[str], unk_id: Optional[int],
                 unk_text_id: Callable[[str], Optional[int]]) -> Optional[Columns]:
    """The best path ``edges`` of ``word`` (see ``viterbi``) as Columns, built with whole-list operations.

    ``lengths[id]`` and ``strings[id]`` are each piece's length and string:
    tokens share these strings instead of slicing the word.  A run of unk
    edges becomes one token of its raw text (HF fuses them; a ``"<unk>"``
    piece met in the text counts too, as HF compares ids) whose id is
    ``unk_text_id(text)``.  None when that is None (byte fallback makes the
    run several tokens on one span: the model's token loop handles the word).
    """
    ends: list[int] = []
    append = ends.append
    end = len(word)
    while end > 0:
        append(end)
        piece_id = edges[end]
        end -= 1 if piece_id < 0 else lengths[piece_id]
    ends.reverse()
    path_ids = list(map(edges.__getitem__, ends))
    if unk_id is None or (UNK_EDGE not in path_ids and unk_id not in path_ids):
        return path_ids, list(map(strings.__getitem__, path_ids)), ends  # (no unk edge is taken without unk_id)
    if UNK_EDGE in path_ids:
        path_ids = [unk_id if piece_id < 0 else piece_id for piece_id in path_ids]
    ids: list[int] = []
    tokens: list[str] = []
    token_ends: list[int] = []
    first = 0
    for is_unk, run in groupby(map(unk_id.__eq__, path_ids)):
        last = first + len(list(run))
        if is_unk:
            text = word[ends[first - 1] if first else 0:ends[last - 1]]
            token_id = unk_text_id(text)
            if token_id is None:
                return None
            ids.append(token_id)
            tokens.append(text)
            token_ends.append(ends[last - 1])
        else:
            ids += path_ids[first:last]
            tokens += map(strings.__getitem__, path_ids[first:last])
            token_ends += ends[first:last]
        first = last
    return ids, tokens, token_ends


def columns_tokens(columns: Columns) -> list[Token]:
    """The Tokens of Columns (neighbouring offsets share their int)."""
    ids, strings, ends = columns
    return list(map(_new_tuple, repeat(Token), zip(ids, strings, pairwise(chain((0,), ends)))))


def path_tokens(word: str, edges: list[int], lengths: list[int], strings: list[str], unk_id: Optional[int],
                unk_tokens: Callable[[str, int, int, list[Token]], None]) -> list[Token]:
    """The Tokens of the best path ``edges`` of ``word``, token by token (for short words).

    ``unk_tokens(word, start, end, out)`` appends, reversed, the tokens of a
    fused run of unk edges (the path is read from the end).
    """
    tokens: list[Token] = []
    end = len(word)
    group_end = -1  # end of the pending run of unk edges (HF fuses them)
    while end > 0:
        piece_id = edges[end]
        start = end - (1 if piece_id < 0 else lengths[piece_id])
        if piece_id < 0 or piece_id == unk_id:
            if group_end < 0:
                group_end = end
        else:
            if group_end >= 0:
                unk_tokens(word, end, group_end, tokens)
                group_end = -1
            tokens.append(_new_tuple(Token, (piece_id, strings[piece_id], (start, end))))
        end = start
    if group_end >= 0:
        unk_tokens(word, 0, group_end, tokens)
    tokens.reverse()
    return tokens


def offset_columns(columns: Columns, skip: int = 0) -> TokenColumns:
    """``path_columns``' ends as char offsets (BPE's ``tokenize_columns`` form), past ``skip`` prefix chars.

    >>> offset_columns(([2, 0], ["ab", "xy"], [2, 4]))
    ([2, 0], ['ab', 'xy'], [(0, 2), (2, 4)])
    """
    ids, values, ends = columns
    offsets = list(pairwise(chain((0,), ends)))  # adjacent spans share their int
    return ids, values, past_prefix(offsets, skip) if skip else offsets
