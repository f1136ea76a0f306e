"""The best segmentation of one word: HF's ``encode_optimized`` Viterbi, and its tokens for long words.

``viterbi`` walks the piece trie from every char position and relaxes the
best path to each end (HF: models/unigram/model.rs, ``encode_optimized``).
Every float sum is HF's, in HF's order, so ties and near-ties resolve the same
way; the word cannot be cut into independent parts without changing them.

``long_word_tokens`` turns that path into Tokens with whole-list operations
(no per-token Python code, no per-token objects beyond the Token and its
offsets), for long words; the model's loop handles short ones.

>>> from tokkit.models.unigram.trie import build_trie
>>> root = build_trie({"a": 0, "ab": 1, "b": 2}, [-1.0, -1.5, -1.0])
>>> edges = viterbi("abb", root, "#", -11.0, None)
>>> edges
[-2, 0, 1, 2]
>>> long_word_tokens("abb", edges, [1, 2, 1], ["a", "ab", "b"], None, print)
[Token(id=1, value='ab', offsets=(0, 2)), Token(id=2, value='b', offsets=(2, 3))]

What this module does not do: fuse unk runs or byte fallback (``model.Unigram``), or sample (``lattice``).
"""

from __future__ import annotations

import math
from itertools import groupby, pairwise, repeat
from typing import Callable, Iterable, Optional

from ..._errors import MissingUnkTokenError
from ...normalized import Token
from .trie import Trie

__all__ = ["viterbi", "long_word_tokens", "missing_unk", "NO_EDGE", "UNK_EDGE"]

NO_EDGE = -2  # in ``viterbi``'s table: no edge reaches this position yet
UNK_EDGE = -1  # in ``viterbi``'s table: an unk edge of one char
_NEG_INF = -math.inf
_new_tuple = tuple.__new__  # Token(...) without the NamedTuple __new__ (C speed inside map)


def missing_unk() -> MissingUnkTokenError:
    return MissingUnkTokenError(
        "Encountered an unknown token but `unk_id` is missing: the text has a char that no piece covers; "
        "give the model an unk piece and its index as unk_id (or add the char to the vocab)"
    )


def viterbi(word: str, root: Trie, end_mark: str, unk_score: float, unk_id: Optional[int]) -> list[int]:
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
    edges = [NO_EDGE] * (size + 1)
    for start in range(size):
        base = best[start]
        node = root.get(text[start])
        if node is None or node[0] < 0:
            end = start + 1
            candidate = unk_score + base
            if candidate > best[end] or edges[end] == NO_EDGE:
                if unk_id is None:
                    raise missing_unk()
                best[end] = candidate
                edges[end] = UNK_EDGE
        end = start
        while node is not None:
            end += 1
            piece_id = node[0]
            if piece_id >= 0:
                candidate = node[1] + base
                # strictly greater: on ties the earliest start (longest last piece) stays
                if candidate > best[end] or edges[end] == NO_EDGE:
                    best[end] = candidate
                    edges[end] = piece_id
            node = node[2].get(text[end])
    return edges


def long_word_tokens(word: str, edges: list[int], lengths: list[int], strings: list[str], unk_id: Optional[int],
                     unk_run: Callable[[int, int, list[Token]], None]) -> list[Token]:
    """The Tokens of the best path ``edges`` of ``word`` (see ``viterbi``), built with whole-list operations.

    The caller must hold no other reference to ``edges``: it is emptied once
    the path is read (the table is ~40 bytes a char).  ``lengths[id]`` and
    ``strings[id]`` are each piece's length and string: tokens share these
    strings instead of slicing the word, and neighbouring offsets share their
    int.  ``unk_run(start, end, out)`` appends the tokens of a run of unk edges
    (HF fuses them; a ``"<unk>"`` piece in the text counts too, as HF compares ids).
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
    edges.clear()
    bounds = [0]
    bounds += ends
    del ends
    if unk_id is None or (UNK_EDGE not in path_ids and unk_id not in path_ids):
        return _tokens(path_ids, strings, pairwise(bounds))  # (viterbi takes no unk edge without unk_id)
    if UNK_EDGE in path_ids:
        path_ids = [unk_id if piece_id < 0 else piece_id for piece_id in path_ids]
    tokens: list[Token] = []
    first = 0
    for is_unk, run in groupby(map(unk_id.__eq__, path_ids)):
        last = first + len(list(run))
        if is_unk:
            unk_run(bounds[first], bounds[last], tokens)
        else:
            tokens += _tokens(path_ids[first:last], strings, zip(bounds[first:last], bounds[first + 1:last + 1]))
        first = last
    return tokens


def _tokens(ids: list[int], strings: list[str], offsets: Iterable[tuple[int, int]]) -> list[Token]:
    return list(map(_new_tuple, repeat(Token), zip(ids, map(strings.__getitem__, ids), offsets)))
