"""The per-word work of Unigram EM on a fixed slice of the words: E step, Viterbi counts, 2nd-best splits.

A ``Shard`` runs in the training process or in a forked worker (``workers``);
its results do not depend on how the words are split into shards.
"""

from __future__ import annotations

import math
import pickle
from array import array
from bisect import bisect_right
from collections import deque
from itertools import accumulate, chain, compress, repeat
from typing import IO, Iterable, Optional, Sequence

from .lattice import find_edges, forward_backward, log_forward_backward, viterbi_ids

__all__ = ["Shard", "Splits", "live_tables", "single_chars", "UNK_PENALTY", "PROB_SPACE_LIMIT", "SYNC_FRACTION"]

#: HF's ``K_UNK_PENALTY``: the unk edge scores ``min_score - 10``.
UNK_PENALTY = 10.0
#: A word may use the scaled probability space when len * |unk score| / 2 stays below this.
PROB_SPACE_LIMIT = 330.0
#: Dead pieces' edges are dropped once the live pieces fell below this fraction of those at the last drop.
SYNC_FRACTION = 0.7


def live_tables(n_pieces: int, lengths: list[int], order: Sequence[int], live_scores: Sequence[float],
                chars: Optional[Sequence[int]] = None) -> "tuple[array[float], array[int], list[float], float]":
    """Per piece index: score (dead pieces -inf; dead chars and 0 the unk score), id alias, scaled prob, shift.

    The unk score is HF's ``min_score - 10``.  Probabilities are ``exp(score + shift * len)`` with
    ``shift = -unk / 2`` so per-char log weights stay within ``[unk / 2, -unk / 2]``.  ``chars``: the
    single-char pieces' indexes (found here when not given).
    """
    finite = live_scores[1:]
    unk = (min(finite) if finite else math.inf) - UNK_PENALTY
    score = array("d", [-math.inf]) * n_pieces  # no float object per piece: a worker's E step holds 3 such tables
    alias = array("q", range(n_pieces))
    if chars is None:
        chars = single_chars(lengths)
    for index in chars:
        score[index] = unk
        alias[index] = 0
    score[0] = unk
    for index, value in zip(order[1:], finite):
        score[index] = value
        alias[index] = index
    half = -unk / 2.0 if unk != -math.inf and unk == unk else 0.0
    exp = math.exp
    inf = -math.inf
    prob = [0.0] * n_pieces  # a list: read per edge; only pieces with a score (live ones, chars, 0) have a prob
    for index in chain(chars, (0,), order[1:]):
        value = score[index]
        if value != inf:
            prob[index] = exp(value + half * lengths[index])
    return score, alias, prob, half


def single_chars(lengths: Sequence[int]) -> list[int]:
    """The indexes of the 1-char pieces.

    >>> single_chars([5, 1, 2, 1])
    [1, 3]
    """
    return [index for index, length in enumerate(lengths) if length == 1]


class Splits:
    """Pieces' 2nd-best splits in flat arrays (a dict of lists costs ~150 bytes a piece).

    >>> splits = Splits(4); splits.add(array("q", [2]), array("q", [2]), array("q", [1, 3]))
    >>> list(splits.get(2)), splits.get(1)
    ([1, 3], None)
    """

    def __init__(self, n_pieces: int) -> None:
        self.at = array("q", [-1]) * n_pieces
        self.size = array("q", [0]) * n_pieces
        self.ids = array("q")

    def add(self, pieces: "array[int]", sizes: "array[int]", ids: "array[int]") -> None:
        """Add the splits of ``pieces``, ``sizes[i]`` ids each, concatenated in ``ids``."""
        at = len(self.ids)
        self.ids.extend(ids)
        for piece, size in zip(pieces, sizes):
            self.at[piece] = at
            self.size[piece] = size
            at += size

    def get(self, piece: int) -> "Optional[array[int]]":
        """The piece's split, or None when it has none."""
        at = self.at[piece]
        return None if at < 0 else self.ids[at:at + self.size[piece]]


#: The arrays ``Shard.write`` sends as raw bytes.
_ARRAYS = ("starts", "ends", "idx", "offsets")


class Shard:
    """A fixed slice of the words with their lattices; does the per-word work of E steps and pruning.

    Its words are split into fixed blocks: each block's expected counts are summed on their own
    and the blocks are added in order, so the result does not depend on how many shards there are.
    All lattices live in three flat arrays (start, end, piece of every edge, word after word;
    ``offsets[i]`` is word ``i``'s first edge): 8 bytes an edge instead of a 72-byte tuple in a list.
    The seeds' prefix table is needed only to build them: a shard keeps no piece strings.

    A piece's own lattice (for its 2nd-best split) is the part of a word's lattice inside one
    occurrence of the piece: every substring of a piece is found at that position of the word,
    as it is in the piece alone.  ``occurrences()`` locates one occurrence of each piece here (found
    on first use: in a worker, not in the trainer that builds the shard).
    """

    def __init__(self, words: Iterable[tuple[str, int]], blocks: list[int], lengths: list[int], max_len: int,
                 table: dict[str, int]) -> None:
        self.lengths = lengths
        self.blocks = blocks  # block boundaries within this shard's words, [0, ..., len(words)]
        self.counts: list[int] = []
        self.sizes: list[int] = []
        code = "H"  # positions in 2 bytes, until a word of 65,536 chars or more comes
        self.starts, self.ends = array(code), array(code)
        self.idx = array("i" if len(lengths) < 1 << 31 else "q")
        offsets = [0]
        for word, count in words:
            self.counts.append(count)
            self.sizes.append(len(word))
            if len(word) >= 1 << 16 and code == "H":
                code = self._widen()
            starts, ends, pieces = find_edges(word, table, max_len)
            self.starts.extend(starts)
            self.ends.extend(ends)
            self.idx.extend(pieces)
            offsets.append(len(self.idx))
        self.offsets = array("q", offsets)
        self._occurrences: "Optional[tuple[array[int], array[int]]]" = None
        self._chars: Optional[list[int]] = None
        self._live_at = len(lengths)

    def _widen(self) -> str:
        """Switch the position arrays to 8 bytes (a word of 65,536 chars or more)."""
        self.starts, self.ends = array("q", self.starts), array("q", self.ends)
        return "q"

    def write(self, stream: IO[bytes]) -> None:
        """Send the shard: its lists pickled, then its arrays' bytes as they are (no copy of them)."""
        arrays = [getattr(self, name) for name in _ARRAYS]
        pickle.dump((self.lengths, self.blocks, self.counts, self.sizes, self._live_at,
                     [(values.typecode, len(values)) for values in arrays]), stream, protocol=pickle.HIGHEST_PROTOCOL)
        for values in arrays:
            values.tofile(stream)
        stream.flush()

    @classmethod
    def read(cls, stream: IO[bytes]) -> "Shard":
        """A shard sent by ``write``."""
        shard = cls.__new__(cls)
        shard._occurrences = None
        shard._chars = None
        shard.lengths, shard.blocks, shard.counts, shard.sizes, shard._live_at, layout = pickle.load(stream)
        for name, (code, size) in zip(_ARRAYS, layout):
            values = array(code)
            values.fromfile(stream, size)
            setattr(shard, name, values)
        return shard

    def occurrences(self) -> "tuple[array[int], array[int]]":
        """Per piece: (word, start) of its first edge here; word -1 for single chars and absent pieces."""
        if self._occurrences is None:
            self._occurrences = self._first_occurrences()
        return self._occurrences

    def _first_occurrences(self) -> "tuple[array[int], array[int]]":
        first = array("q", [-1]) * len(self.lengths)
        # C-level scatter, last edge first: what stays is each piece's first edge
        deque(map(first.__setitem__, reversed(self.idx), range(len(self.idx) - 1, -1, -1)), maxlen=0)
        offsets, starts, lengths = self.offsets, self.starts, self.lengths
        words = array("q", [-1]) * len(lengths)
        at = array("q", [0]) * len(lengths)
        for piece, edge in enumerate(first):
            if edge >= 0 and lengths[piece] > 1:
                words[piece] = bisect_right(offsets, edge) - 1
                at[piece] = starts[edge]
        return words, at

    def chars(self) -> list[int]:
        """The single-char pieces' indexes (found once)."""
        if self._chars is None:
            self._chars = single_chars(self.lengths)
        return self._chars

    def present(self) -> bytes:
        """One byte per piece: 1 when its own lattice can be read here (see ``piece_lattice``)."""
        return bytes(word >= 0 for word in self.occurrences()[0])

    def sync(self, order: Sequence[int]) -> None:
        """Drop edges of dead multi-char pieces once enough died (1-char edges stay: they become unk).

        A dead piece's edge has probability 0 and score -inf, so dropping it changes no sum and
        no best path.
        """
        if len(order) > SYNC_FRACTION * self._live_at:
            return
        keep = bytearray(len(self.lengths))
        for index, length in enumerate(self.lengths):
            if length == 1:
                keep[index] = 1
        for index in order:
            keep[index] = 1
        selected = bytes(map(keep.__getitem__, self.idx))  # C-level: one flag per edge
        offsets = self.offsets
        kept = accumulate(map(selected.count, repeat(1), offsets, offsets[1:]), initial=0)  # kept edges per word
        self.starts = array(self.starts.typecode, compress(self.starts, selected))
        self.ends = array(self.ends.typecode, compress(self.ends, selected))
        self.idx = array(self.idx.typecode, compress(self.idx, selected))
        self.offsets = array("q", kept)
        self._live_at = len(order)

    def e_step(self, order: Sequence[int], live_scores: Sequence[float]) -> "list[array[float]]":
        """Expected counts of the live pieces (in ``order``), one array per block."""
        self.sync(order)
        score, _, prob, half = live_tables(len(self.lengths), self.lengths, order, live_scores, self.chars())
        limit = PROB_SPACE_LIMIT / half if half > 0 else math.inf
        out = []
        starts, ends, idx, offsets = self.starts, self.ends, self.idx, self.offsets
        sizes, counts = self.sizes, self.counts
        for lo, hi in zip(self.blocks, self.blocks[1:]):
            expected = [0.0] * len(self.lengths)
            for i in range(lo, hi):
                a, b = offsets[i], offsets[i + 1]
                if sizes[i] <= limit:
                    forward_backward(starts[a:b], ends[a:b], idx[a:b], sizes[i], counts[i], prob, expected)
                else:
                    log_forward_backward(starts[a:b], ends[a:b], idx[a:b], sizes[i], counts[i], score, expected)
            out.append(array("d", map(expected.__getitem__, order)))
        return out

    def viterbi_freq(self, order: Sequence[int], live_scores: Sequence[float]) -> "array[float]":
        """Best-path counts of the live pieces (in ``order``; unk under piece 0), weighted by word count."""
        self.sync(order)
        score, alias, _, _ = live_tables(len(self.lengths), self.lengths, order, live_scores, self.chars())
        freq = [0.0] * len(self.lengths)
        starts, ends, idx, offsets = self.starts, self.ends, self.idx, self.offsets
        inf = -math.inf
        for i, (n, count) in enumerate(zip(self.sizes, self.counts)):
            a, b = offsets[i], offsets[i + 1]
            # viterbi_ids, inlined: a call and a list less per word
            best = [inf] * (n + 1)
            best[0] = 0.0
            back_start = [0] * (n + 1)
            back_piece = [0] * (n + 1)
            for start, end, index in zip(starts[a:b], ends[a:b], idx[a:b]):
                candidate = best[start] + score[index]
                if candidate > best[end]:
                    best[end] = candidate
                    back_start[end] = start
                    back_piece[end] = index
            while n > 0:  # integer-valued sums: exact in any order
                freq[alias[back_piece[n]]] += count
                n = back_start[n]
        return array("d", map(freq.__getitem__, order))

    def piece_lattice(self, piece: int) -> tuple[list[int], list[int], list[int]]:
        """The piece's own lattice without its whole-piece edge, from its occurrence in a word."""
        found_word, found_at = self.occurrences()
        word, at = found_word[piece], found_at[piece]
        stop = at + self.lengths[piece]
        a, b = self.offsets[word], self.offsets[word + 1]
        starts: list[int] = []
        ends: list[int] = []
        pieces: list[int] = []
        for start, end, index in zip(self.starts[a:b], self.ends[a:b], self.idx[a:b]):
            if start >= stop:
                break
            if start >= at and end <= stop and not (start == at and end == stop):
                starts.append(start - at)
                ends.append(end - at)
                pieces.append(index)
        return starts, ends, pieces

    def alternatives(self, order: Sequence[int], live_scores: Sequence[float], mine: Iterable[int]
                     ) -> "tuple[array[int], array[int], array[int], array[int]]":
        """For the pieces ``mine``: the 2nd-best split when the piece is its own best (HF's nbest(2)).

        Returns the pieces with a split, their splits' sizes, the splits' ids (for ``Splits.add``),
        and the pieces whose best split is not themselves.
        """
        self.sync(order)
        score, alias, _, _ = live_tables(len(self.lengths), self.lengths, order, live_scores, self.chars())
        split_pieces, sizes, ids_out, not_kept = array("q"), array("q"), array("q"), array("q")
        for index in mine:
            n = self.lengths[index]
            if n == 1:  # a single char: one path, always kept
                continue
            ids = viterbi_ids(*self.piece_lattice(index), n, score)
            best = 0.0
            for piece in ids:
                best += score[piece]
            if score[index] >= best:
                split_pieces.append(index)
                sizes.append(len(ids))
                ids_out.extend([alias[piece] for piece in ids])
            else:
                not_kept.append(index)
        return split_pieces, sizes, ids_out, not_kept
