"""The per-word work of Unigram EM on a fixed slice of the words: E step, Viterbi counts, 2nd-best splits.

A ``Shard`` runs in the training process or in a forked worker (``workers``);
its results do not depend on how the words are split into shards.
"""

from __future__ import annotations

import math
from typing import Optional

from .lattice import Edge, find_edges, forward_backward, log_forward_backward, viterbi_ids

__all__ = ["Shard", "live_tables", "UNK_PENALTY", "PROB_SPACE_LIMIT"]

#: HF's ``K_UNK_PENALTY``: the unk edge scores ``min_score - 10``.
UNK_PENALTY = 10.0
#: A word may use the scaled probability space when len * |unk score| / 2 stays below this.
PROB_SPACE_LIMIT = 330.0


def live_tables(n_pieces: int, lengths: list[int], order: list[int], live_scores: list[float]
                ) -> tuple[list[float], list[int], list[float], float]:
    """Per piece index: score (dead pieces -inf; dead chars and 0 the unk score), id alias, scaled prob, shift.

    The unk score is HF's ``min_score - 10``.  Probabilities are ``exp(score + shift * len)`` with
    ``shift = -unk / 2`` so per-char log weights stay within ``[unk / 2, -unk / 2]``.
    """
    finite = live_scores[1:]
    unk = (min(finite) if finite else math.inf) - UNK_PENALTY
    score = [-math.inf] * n_pieces
    alias = list(range(n_pieces))
    for index, length in enumerate(lengths):
        if length == 1:
            score[index] = unk
            alias[index] = 0
    score[0] = unk
    for index, value in zip(order[1:], finite):
        score[index] = value
        alias[index] = index
    half = -unk / 2.0 if unk != -math.inf and unk == unk else 0.0
    exp = math.exp
    inf = -math.inf
    prob = [exp(s + half * n) if s != inf else 0.0 for s, n in zip(score, lengths)]
    return score, alias, prob, half


class Shard:
    """A fixed slice of the words with their lattices; does the per-word work of E steps and pruning.

    Its words are split into fixed blocks: each block's expected counts are summed on their own
    and the blocks are added in order, so the result does not depend on how many shards there are.
    """

    def __init__(self, words: list[tuple[str, int]], blocks: list[int], pieces: list[str], max_len: int,
                 table: dict[str, int]) -> None:
        self.pieces = pieces
        self.lengths = [len(piece) for piece in pieces]
        self.max_len = max_len
        self.blocks = blocks  # block boundaries within this shard's words, [0, ..., len(words)]
        self.counts = [count for _, count in words]
        self.sizes = [len(word) for word, _ in words]
        self.table: Optional[dict[str, int]] = table
        self.edges = [find_edges(word, table, max_len) for word, _ in words]
        self.piece_edges: dict[int, list[Edge]] = {}
        self._live_at = len(pieces)

    def sync(self, order: list[int]) -> None:
        """Forget edges of dead multi-char pieces once enough died (1-char edges stay: they become unk)."""
        if len(order) > 0.7 * self._live_at:
            return
        keep = bytearray(len(self.pieces))
        for index, length in enumerate(self.lengths):
            if length == 1:
                keep[index] = 1
        for index in order:
            keep[index] = 1
        self.edges = [[edge for edge in edges if keep[edge[2]]] for edges in self.edges]
        self.piece_edges = {index: [edge for edge in edges if keep[edge[2]]]
                            for index, edges in self.piece_edges.items() if keep[index]}
        self._live_at = len(order)

    def e_step(self, order: list[int], live_scores: list[float]) -> list[list[float]]:
        """Expected counts of the live pieces (in ``order``), one list per block."""
        self.sync(order)
        score, _, prob, half = live_tables(len(self.pieces), self.lengths, order, live_scores)
        limit = PROB_SPACE_LIMIT / half if half > 0 else math.inf
        out = []
        edges, sizes, counts = self.edges, self.sizes, self.counts
        for lo, hi in zip(self.blocks, self.blocks[1:]):
            expected = [0.0] * len(self.pieces)
            for i in range(lo, hi):
                if sizes[i] <= limit:
                    forward_backward(edges[i], sizes[i], counts[i], prob, expected)
                else:
                    log_forward_backward(edges[i], sizes[i], counts[i], score, expected)
            out.append([expected[index] for index in order])
        return out

    def viterbi_freq(self, order: list[int], live_scores: list[float]) -> list[float]:
        """Best-path counts of the live pieces (in ``order``; unk under piece 0), weighted by word count."""
        self.sync(order)
        score, alias, _, _ = live_tables(len(self.pieces), self.lengths, order, live_scores)
        freq = [0.0] * len(self.pieces)
        for edges, size, count in zip(self.edges, self.sizes, self.counts):
            for piece in viterbi_ids(edges, size, score):
                freq[alias[piece]] += count
        return [freq[index] for index in order]

    def alternatives(self, order: list[int], live_scores: list[float], mine: list[int]
                     ) -> tuple[dict[int, list[int]], list[int]]:
        """For the pieces ``mine``: the 2nd-best split when the piece is its own best (HF's nbest(2))."""
        score, alias, _, _ = live_tables(len(self.pieces), self.lengths, order, live_scores)
        alternatives: dict[int, list[int]] = {}
        not_kept = []
        table = self.table
        for index in mine:
            n = self.lengths[index]
            if n == 1:  # a single char: one path, always kept
                continue
            edges = self.piece_edges.get(index)
            if edges is None:
                assert table is not None
                edges = self.piece_edges[index] = find_edges(self.pieces[index], table, self.max_len, True)
            ids = viterbi_ids(edges, n, score)
            best = 0.0
            for piece in ids:
                best += score[piece]
            if score[index] >= best:
                alternatives[index] = [alias[piece] for piece in ids]
            else:
                not_kept.append(index)
        return alternatives, not_kept
