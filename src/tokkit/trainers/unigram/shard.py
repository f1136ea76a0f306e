"""The per-word work of Unigram EM on a fixed slice of the words: E step, Viterbi counts, 2nd-best splits.

A ``Shard`` runs in the training process or in a forked worker (``workers``);
its results do not depend on how the words are split into shards.
"""

from __future__ import annotations

import math
from array import array
from itertools import compress

from .lattice import find_edges, forward_backward, log_forward_backward, viterbi_ids

__all__ = ["Shard", "live_tables", "UNK_PENALTY", "PROB_SPACE_LIMIT", "SYNC_FRACTION"]

#: HF's ``K_UNK_PENALTY``: the unk edge scores ``min_score - 10``.
UNK_PENALTY = 10.0
#: A word may use the scaled probability space when len * |unk score| / 2 stays below this.
PROB_SPACE_LIMIT = 330.0
#: Dead pieces' edges are dropped once the live pieces fell below this fraction of those at the last drop.
SYNC_FRACTION = 0.7


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


def _position_type(sizes: list[int]) -> str:
    """The array type code for char positions of these words (2 bytes unless a word is longer)."""
    return "H" if max(sizes, default=0) < 1 << 16 else "q"


class Shard:
    """A fixed slice of the words with their lattices; does the per-word work of E steps and pruning.

    Its words are split into fixed blocks: each block's expected counts are summed on their own
    and the blocks are added in order, so the result does not depend on how many shards there are.
    All lattices live in three flat arrays (start, end, piece of every edge, word after word;
    ``offsets[i]`` is word ``i``'s first edge): 8 bytes an edge instead of a 72-byte tuple in a list.
    """

    def __init__(self, words: list[tuple[str, int]], blocks: list[int], pieces: list[str], max_len: int,
                 table: dict[str, int]) -> None:
        self.pieces = pieces
        self.lengths = [len(piece) for piece in pieces]
        self.max_len = max_len
        self.blocks = blocks  # block boundaries within this shard's words, [0, ..., len(words)]
        self.counts = [count for _, count in words]
        self.sizes = [len(word) for word, _ in words]
        self.table = table
        code = _position_type(self.sizes)
        self.starts, self.ends = array(code), array(code)
        self.idx = array("i" if len(pieces) < 1 << 31 else "q")
        offsets = [0]
        for word, _ in words:
            starts, ends, idx = find_edges(word, table, max_len)
            self.starts.extend(starts)
            self.ends.extend(ends)
            self.idx.extend(idx)
            offsets.append(len(self.idx))
        self.offsets = array("q", offsets)
        self.piece_edges: dict[int, tuple[list[int], list[int], list[int]]] = {}
        self._live_at = len(pieces)

    def sync(self, order: list[int]) -> None:
        """Drop edges of dead multi-char pieces once enough died (1-char edges stay: they become unk).

        A dead piece's edge has probability 0 and score -inf, so dropping it changes no sum.
        """
        if len(order) > SYNC_FRACTION * self._live_at:
            return
        keep = bytearray(len(self.pieces))
        for index, length in enumerate(self.lengths):
            if length == 1:
                keep[index] = 1
        for index in order:
            keep[index] = 1
        selected = bytes(map(keep.__getitem__, self.idx))  # C-level: one flag per edge
        count = selected.count
        offsets = self.offsets
        kept = [0]
        total = 0
        for lo, hi in zip(offsets, offsets[1:]):
            total += count(1, lo, hi)
            kept.append(total)
        self.starts = array(self.starts.typecode, compress(self.starts, selected))
        self.ends = array(self.ends.typecode, compress(self.ends, selected))
        self.idx = array(self.idx.typecode, compress(self.idx, selected))
        self.offsets = array("q", kept)
        self.piece_edges = {index: edges for index, edges in self.piece_edges.items() if keep[index]}
        self._live_at = len(order)

    def e_step(self, order: list[int], live_scores: list[float]) -> list[list[float]]:
        """Expected counts of the live pieces (in ``order``), one list per block."""
        self.sync(order)
        score, _, prob, half = live_tables(len(self.pieces), self.lengths, order, live_scores)
        limit = PROB_SPACE_LIMIT / half if half > 0 else math.inf
        out = []
        starts, ends, idx, offsets = self.starts, self.ends, self.idx, self.offsets
        sizes, counts = self.sizes, self.counts
        for lo, hi in zip(self.blocks, self.blocks[1:]):
            expected = [0.0] * len(self.pieces)
            for i in range(lo, hi):
                a, b = offsets[i], offsets[i + 1]
                if sizes[i] <= limit:
                    forward_backward(starts[a:b], ends[a:b], idx[a:b], sizes[i], counts[i], prob, expected)
                else:
                    log_forward_backward(starts[a:b], ends[a:b], idx[a:b], sizes[i], counts[i], score, expected)
            out.append(list(map(expected.__getitem__, order)))
        return out

    def viterbi_freq(self, order: list[int], live_scores: list[float]) -> list[float]:
        """Best-path counts of the live pieces (in ``order``; unk under piece 0), weighted by word count."""
        self.sync(order)
        score, alias, _, _ = live_tables(len(self.pieces), self.lengths, order, live_scores)
        freq = [0.0] * len(self.pieces)
        starts, ends, idx, offsets = self.starts, self.ends, self.idx, self.offsets
        for i, (size, count) in enumerate(zip(self.sizes, self.counts)):
            a, b = offsets[i], offsets[i + 1]
            for piece in viterbi_ids(starts[a:b], ends[a:b], idx[a:b], size, score):
                freq[alias[piece]] += count
        return list(map(freq.__getitem__, order))

    def alternatives(self, order: list[int], live_scores: list[float], mine: list[int]
                     ) -> tuple[dict[int, list[int]], list[int]]:
        """For the pieces ``mine``: the 2nd-best split when the piece is its own best (HF's nbest(2))."""
        score, alias, _, _ = live_tables(len(self.pieces), self.lengths, order, live_scores)
        alternatives: dict[int, list[int]] = {}
        not_kept = []
        for index in mine:
            n = self.lengths[index]
            if n == 1:  # a single char: one path, always kept
                continue
            edges = self.piece_edges.get(index)
            if edges is None:
                edges = self.piece_edges[index] = find_edges(self.pieces[index], self.table, self.max_len, True)
            ids = viterbi_ids(*edges, n, score)
            best = 0.0
            for piece in ids:
                best += score[piece]
            if score[index] >= best:
                alternatives[index] = [alias[piece] for piece in ids]
            else:
                not_kept.append(index)
        return alternatives, not_kept
