"""EM training of Unigram pieces: E step, M step, pruning, finalize (HF ``unigram/trainer.rs``).

Pieces are referred to by their index in the seed list (0 is HF's training
``"<UNK>"`` with a NaN score); ``order`` is the list of live indexes in HF's
order, which pruning rearranges.  HF's quirks are kept: the M step drops
expected counts < 0.5 and uses digamma; the prune loss uses ``len(pieces)-1``
alternatives; sizes are compared with ``==``.

Deterministic choices where HF's result depends on hash or heap order:
* a piece's 2nd-best split (pruning) is the best split without the piece,
  ties going to the earliest start like Viterbi; when the piece ties with its
  best split, the piece counts as best;
* required chars missing from the model get their ``min_score + k * 1e-4``
  penalties in code-point order (HF: hash-set order);
* a round (EM + prune) that removes nothing ends training: HF loops forever.

Not done here: seeds (``seeds``), lattices (``lattice``), the per-word work (``shard``, run by
``workers``).
"""

from __future__ import annotations

import math
from array import array
from operator import add
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

if TYPE_CHECKING:
    from .shard import Splits
    from .words import PackedPieces, SortedWords

__all__ = ["digamma", "m_step", "EmState", "prune_order", "run_em", "finalize_pieces"]

NAN = float("nan")


def digamma(x: float) -> float:
    """HF's digamma approximation (recurrence up to 7, then the asymptotic series).

    >>> round(digamma(1.0), 6)
    -0.577216
    """
    result = 0.0
    while x < 7.0:
        result -= 1.0 / x
        x += 1.0
    x -= 0.5
    xx = 1.0 / x
    xx2 = xx * xx
    xx4 = xx2 * xx2
    result += (math.log(x) + (1.0 / 24.0) * xx2 - 7.0 / 960.0 * xx4 + (31.0 / 8064.0) * xx4 * xx2
               - (127.0 / 30720.0) * xx4 * xx4)
    return result


def m_step(order: list[int], expected: list[float], scores: list[float]) -> list[int]:
    """HF's M step: keep piece 0, drop expected < 0.5, score = digamma(e) - digamma(sum); returns the new order."""
    kept = [order[0]]
    total = 0.0
    for index in order[1:]:
        value = expected[index]
        if value < 0.5:
            continue
        kept.append(index)
        total += value
    scores[order[0]] = NAN
    if len(kept) == 1:
        return kept  # nothing to score (HF would take digamma(0) = -inf and use it nowhere)
    logsum = digamma(total)
    for index in kept[1:]:
        scores[index] = digamma(expected[index]) - logsum
    return kept


class EmState:
    """The live pieces (``order``) with their scores, and the shards doing the per-word work."""

    def __init__(self, words: "SortedWords", pieces: "PackedPieces", scores: Sequence[float], max_len: int,
                 vsum: Optional[float] = None, workers: int = 1) -> None:
        from .workers import make_backend  # starts worker processes: imported only when training

        self.pieces = pieces
        # HF's vsum counts every sentence, empty words included
        self.vsum = float(sum(count for _, count in words.items())) if vsum is None else vsum
        # the lattices are built first: while the workers build them (training's memory peak), this
        # process holds no per-piece objects (``scores`` may be an array)
        self.backend = make_backend(words, pieces, max_len, workers)
        self.scores = list(scores)
        self.order = list(range(len(pieces)))

    def live_scores(self) -> list[float]:
        scores = self.scores
        return [scores[index] for index in self.order]

    def min_score(self) -> float:
        """Lowest live score (NaN skipped, like HF's ``min_score``)."""
        return min(self.live_scores()[1:], default=math.inf)

    def e_step(self) -> list[float]:
        """Expected count of each piece (index space), HF's ``run_e_step``."""
        blocks = self.backend.e_step(self.order, self.live_scores())
        total = blocks[0]
        for block in blocks[1:]:  # fixed block order: same sums for any number of workers
            total = array("d", map(add, total, block))
        expected = [0.0] * len(self.pieces)
        for index, value in zip(self.order, total):
            expected[index] = value
        return expected

    def run_m_step(self, expected: list[float]) -> None:
        self.order = m_step(self.order, expected, self.scores)

    def prune(self, vocab_size: int, shrinking_factor: float) -> None:
        """HF's ``prune_sentence_pieces``: keep the pieces whose removal costs the most likelihood."""
        live = self.live_scores()
        alternatives, not_kept = self.backend.alternatives(self.order, live)
        freq = [0.0] * len(self.pieces)
        for index, value in zip(self.order, self.backend.viterbi_freq(self.order, live)):
            freq[index] = value
        self.order = prune_order(self.order, freq, alternatives, not_kept, self.vsum,
                                 vocab_size, shrinking_factor)

    def close(self) -> None:
        self.backend.close()


def prune_order(order: list[int], freq: list[float], alternatives: "Splits | dict[int, list[int]]",
                not_kept: set[int], vsum: float, vocab_size: int, shrinking_factor: float) -> list[int]:
    """The pruned order: kept pieces (no alternatives) in order, then candidates by loss desc (stable)."""
    total = 0.0
    for index in order:
        total += freq[index]
    logsum = math.log(total) if total > 0 else -math.inf
    # HF uses alternatives.len() - 1, the number of PIECES minus one: a bug that must be copied.
    # HF: models/unigram/trainer.rs, prune_sentence_pieces
    n_alt = len(order) - 1
    new = [order[0]]
    candidates = []
    log = math.log
    for index in order[1:]:
        f = freq[index]
        alts = alternatives.get(index)
        if f == 0.0 and index in not_kept:
            continue
        if not alts:
            new.append(index)
            continue
        if f == 0.0:
            continue
        logsum_alt = log(total + f * n_alt)
        logprob_alt = 0.0
        for alt in alts:
            logprob_alt += log(freq[alt] + f) - logsum_alt
        candidates.append((index, (f / vsum) * ((log(f) - logsum) - logprob_alt)))
    pruned_size = max(vocab_size * 11 // 10, int(len(order) * shrinking_factor))
    candidates.sort(key=lambda item: item[1], reverse=True)
    for index, _ in candidates:
        if len(new) == pruned_size:
            break
        new.append(index)
    return new


def run_em(state: EmState, vocab_size: int, shrinking_factor: float, n_sub_iterations: int,
           on_step: Optional[Callable[[], Any]] = None) -> None:
    """HF's training loop: sub-iterations of E+M, then prune, until ``len <= vocab_size * 1.1``.

    HF loops forever when a whole round removes nothing (e.g. more single chars than
    ``vocab_size * 1.1`` minus one: they are never pruned); tokkit stops there.
    """
    desired = vocab_size * 11 // 10
    while True:
        start = list(state.order)
        for _ in range(n_sub_iterations):
            state.run_m_step(state.e_step())
            if on_step is not None:
                on_step()
        if len(state.order) <= desired:
            return
        state.prune(vocab_size, shrinking_factor)
        if state.order == start:
            return  # a round that removed nothing repeats forever in HF


def finalize_pieces(pieces: list[tuple[str, float]], min_score: float, required: list[str], vocab_size: int,
                    specials: list[str], unk_token: Optional[str]) -> tuple[list[tuple[str, float]], Optional[int]]:
    """HF's ``finalize``: required chars, then pieces up to the limit, sorted by score; specials first.

    ``pieces`` is the trained model in order (piece 0 is the training ``"<UNK>"``);
    ``required`` is taken in the given order (tokkit: code-point order).

    >>> finalize_pieces([("<UNK>", NAN), ("ab", -1.0), ("a", -2.0)], -2.0, ["a", "b"], 5, ["<unk>"], "<unk>")
    ([('<unk>', 0.0), ('ab', -1.0), ('a', -2.0), ('b', -2.0)], 0)
    """
    existing = dict(pieces)
    out: list[tuple[str, float]] = []
    inserted = {"<UNK>"}
    penalty = 0.0
    for char in required:
        if char in existing:
            out.append((char, existing[char]))
        else:
            out.append((char, min_score + penalty))
            penalty += 0.0001
        inserted.add(char)
    unk_id: Optional[int] = None
    add_unk = False
    if unk_token is not None:
        unk_id = specials.index(unk_token) if unk_token in specials else 0
        add_unk = unk_token not in specials
    limit = vocab_size - len(specials) - (1 if add_unk else 0)
    for token, score in pieces:
        if token in inserted:
            continue
        inserted.add(token)
        out.append((token, 0.0 if score != score else score))
        if len(out) == limit:
            break
    out.sort(key=lambda item: item[1], reverse=True)
    head = [(token, 0.0) for token in specials]
    if add_unk:
        assert unk_token is not None  # add_unk is only set for an unk token
        head.insert(0, (unk_token, 0.0))
    return head + out, unk_id
