"""Per-word lattices of Unigram training: candidate edges, forward-backward, Viterbi (HF ``lattice.rs``).

A word's lattice holds one edge ``(start, end, piece)`` per seed piece found
at each char position, plus the single-char edge of every position.  The
edges are found ONCE, against the seeds; each round only the scores change
(a dropped piece gets probability 0).  A position whose char piece is not
alive gets HF's unk edge (score ``min_score - 10``): tokkit keeps the char's
edge and gives it the unk score, so nothing is rebuilt when a char dies.

Forward-backward runs in probability space, scaled by ``exp(shift * len)``
per piece: every path of a word covers the same number of chars, so the
scale cancels in the marginals while keeping long words away from
underflow.  Words too long for that fall back to HF's exact log-space
``populate_marginal`` (with its ``log_sum_exp`` cut-off at 50).

Not done here: choosing pieces (``em``).
"""

from __future__ import annotations

import math
from typing import Sequence

__all__ = [
    "prefix_table", "find_edges", "forward_backward", "log_forward_backward", "viterbi_ids", "log_sum_exp",
]

def prefix_table(pieces: Sequence[str]) -> dict[str, int]:
    """Every prefix of every piece -> the piece's index, or -1 for a prefix that is no piece.

    >>> sorted(prefix_table(["<UNK>", "ab", "b"]).items())
    [('a', -1), ('ab', 1), ('b', 2)]
    """
    # the training "<UNK>" (index 0, NaN score) is never matched; see em.py.  The pieces go in first,
    # so the table's keys are the pieces' own strings, not equal copies sliced from longer pieces.
    table: dict[str, int] = {piece: index for index, piece in enumerate(pieces) if index}
    setdefault = table.setdefault
    for piece in pieces[1:]:
        for length in range(1, len(piece)):
            setdefault(piece[:length], -1)
    return table


def find_edges(word: str, table: dict[str, int], max_len: int, skip_full: bool = False
               ) -> tuple[list[int], list[int], list[int]]:
    """The word's edges as ``(starts, ends, pieces)``, sorted by start then length; every position has
    a 1-char edge (piece 0 = unk).

    ``skip_full`` leaves out the edge covering the whole word (used for a piece's own lattice).

    >>> find_edges("abb", prefix_table(["<UNK>", "ab", "b"]), 16)
    ([0, 0, 1, 2], [1, 2, 2, 3], [0, 1, 2, 2])
    """
    n = len(word)
    starts: list[int] = []
    ends: list[int] = []
    pieces: list[int] = []
    add_start, add_end, add_piece = starts.append, ends.append, pieces.append
    get = table.get
    for start in range(n):
        add_start(start)
        add_end(start + 1)
        single = get(word[start], 0)
        add_piece(single if single > 0 else 0)  # a char that is no piece: the unk edge (piece 0)
        stop = min(n, start + max_len)
        for end in range(start + 2, stop + 1):
            index = get(word[start:end])
            if index is None:
                break
            if index > 0 and not (skip_full and start == 0 and end == n):
                add_start(start)
                add_end(end)
                add_piece(index)
    return starts, ends, pieces


def forward_backward(starts: Sequence[int], ends: Sequence[int], pieces: Sequence[int], n: int, count: float,
                     prob: list[float], expected: list[float]) -> None:
    """Add ``count * P(edge)`` to ``expected[piece]`` for every edge (probability space).

    ``prob`` holds each piece's scaled probability.
    """
    alpha = [0.0] * (n + 1)
    alpha[0] = 1.0
    probs = list(map(prob.__getitem__, pieces))  # C-level lookup once, used by both passes
    for start, end, p in zip(starts, ends, probs):
        alpha[end] += alpha[start] * p
    beta = [0.0] * (n + 1)
    beta[n] = count / alpha[n]  # folds count / Z into beta
    for start, end, p, index in zip(reversed(starts), reversed(ends), reversed(probs), reversed(pieces)):
        term = p * beta[end]
        beta[start] += term
        expected[index] += alpha[start] * term


def log_sum_exp(x: float, y: float, init: bool) -> float:
    """HF's ``log_sum_exp``: ``y`` when ``init``; terms more than 50 below the max are dropped."""
    if init:
        return y
    vmin, vmax = (y, x) if x > y else (x, y)
    if vmax > vmin + 50.0:
        return vmax
    return vmax + math.log(math.exp(vmin - vmax) + 1.0)


def log_forward_backward(starts: Sequence[int], ends: Sequence[int], pieces: Sequence[int], n: int, count: float,
                         score: Sequence[float], expected: list[float]) -> None:
    """HF's ``populate_marginal`` in log space, for words too long for ``forward_backward``."""
    # dead pieces are not in HF's lattice
    edges = [edge for edge in zip(starts, ends, pieces) if score[edge[2]] != -math.inf]
    alpha: list[float] = [0.0] * (n + 1)
    seen = [False] * (n + 1)
    seen[0] = True
    for start, end, index in edges:  # sorted by start: alpha[start] is final here
        alpha[end] = log_sum_exp(alpha[end], alpha[start] + score[index], not seen[end])
        seen[end] = True
    beta: list[float] = [0.0] * (n + 1)
    seen = [False] * (n + 1)
    seen[n] = True
    # HF visits the starts from the right, each start's edges shortest first.
    for start, end, index in sorted(edges, key=lambda edge: (-edge[0], edge[1])):
        beta[start] = log_sum_exp(beta[start], beta[end] + score[index], not seen[start])
        seen[start] = True
    z = alpha[n]
    for start, end, index in edges:
        expected[index] += count * math.exp(alpha[start] + score[index] + beta[end] - z)


def viterbi_ids(starts: Sequence[int], ends: Sequence[int], pieces: Sequence[int], n: int,
                score: Sequence[float]) -> list[int]:
    """Piece indexes of the best path; ties go to the earliest start (HF's first strictly-greater rule).

    >>> viterbi_ids([0, 0, 1], [1, 2, 2], [1, 3, 2], 2, [0.0, -1.0, -1.0, -1.5])
    [3]
    """
    best = [-math.inf] * (n + 1)
    best[0] = 0.0
    back_start = [0] * (n + 1)
    back_piece = [0] * (n + 1)
    for start, end, index in zip(starts, ends, pieces):
        candidate = best[start] + score[index]
        if candidate > best[end]:
            best[end] = candidate
            back_start[end] = start
            back_piece[end] = index
    ids = []
    pos = n
    while pos > 0:
        ids.append(back_piece[pos])
        pos = back_start[pos]
    ids.reverse()
    return ids
