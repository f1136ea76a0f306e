"""The Unigram lattice: every segmentation of one sentence (HF ``models/unigram/lattice.rs``).

A lattice holds one node per candidate piece occurrence ``(pos, length,
score, vocab id)`` plus two sentinels: BOS (node 0, ending at 0) and EOS
(node 1, starting at ``len``).  Positions and lengths are in **chars** of the
sentence (HF uses bytes; the order of nodes, and so every result, is the
same).  Nodes are plain ints indexing parallel lists, which keeps the hot
loops free of objects.

API used by the model and the trainer:

* ``Lattice(sentence, bos_id, eos_id)`` then ``insert(pos, length, score, id)``
  (``trie.populate_lattice`` adds the vocab pieces and unk edges).
* ``viterbi() -> [node]``: the best path, BOS/EOS excluded; ``[]`` when some
  position cannot be reached.  Only a strictly greater score replaces the
  best incoming node, so on ties the node inserted first (earliest start)
  wins, like HF.
* ``nbest(n) -> [[node]]``: HF's A* search (best-first on
  ``backtrace_score + suffix score``).  HF's heap orders equal priorities
  arbitrarily; tokkit pops equal priorities in push order (FIFO).
* ``populate_marginal(freq, expected) -> freq * log Z``: forward-backward
  with HF's ``log_sum_exp`` (``vmax`` alone when ``vmax > vmin + 50``; the
  first edge into a node initialises it).  Adds ``freq * P(node)`` to
  ``expected[vocab id]``.
* ``sample(theta)`` / ``sample_nbest(n, theta) -> [node]``: sampling with
  Python's global :mod:`random` (see ``sample``).
* ``piece(node)``, ``tokens()``, ``nbest_tokens(n)``, ``sample_token(theta)``
  and the node fields ``ids``, ``positions``, ``lengths``, ``scores``.

>>> lattice = Lattice("ab", bos_id=9, eos_id=10)
>>> for pos, length, score, piece_id in [(0, 1, -1.0, 1), (0, 2, -2.0, 3), (1, 1, -1.0, 2)]:
...     node = lattice.insert(pos, length, score, piece_id)
>>> lattice.tokens(), lattice.nbest_tokens(2)
(['ab'], [['ab'], ['a', 'b']])

What this module does not do: look pieces up (``unigram.Unigram``) or train.
"""

from __future__ import annotations

import heapq
import math
import random
from bisect import bisect_right
from itertools import accumulate
from typing import MutableSequence, Optional

__all__ = ["Lattice", "log_sum_exp", "weighted_index"]

_K_MINUS_LOG_EPSILON = 50.0
# HF shrinks the A* agenda when it grows past this, keeping min(512, 10 n) entries.
_MAX_AGENDA = 100_000
_MIN_AGENDA = 512

#: An A* hypothesis as a linked list towards EOS: ``(node, rest)``, None past EOS.
Chain = Optional[tuple[int, "Chain"]]


def log_sum_exp(x: float, y: float, init_mode: bool) -> float:
    """``log(exp(x) + exp(y))`` with HF's cut-off; ``y`` alone in init mode.

    >>> log_sum_exp(0.0, 0.0, False) == math.log(2), log_sum_exp(0.0, -51.0, False), log_sum_exp(5.0, 1.0, True)
    (True, 0.0, 1.0)
    """
    if init_mode:
        return y
    vmin, vmax = (y, x) if x > y else (x, y)
    if vmax > vmin + _K_MINUS_LOG_EPSILON:
        return vmax
    return vmax + math.log(math.exp(vmin - vmax) + 1.0)


def weighted_index(weights: list[float]) -> int | None:
    """Draw an index with probability proportional to ``weights`` (rand's ``WeightedIndex``).

    Uses the global :mod:`random` generator, so ``random.seed`` makes it
    reproducible.  Returns None where rand refuses the weights (empty, a
    negative or NaN weight, a zero or infinite total).

    >>> random.seed(0); weighted_index([0.0, 1.0]), weighted_index([0.0])
    (1, None)
    """
    if not weights or any(not w >= 0.0 for w in weights):
        return None
    cumulative = list(accumulate(weights))
    total = cumulative[-1]
    if not 0.0 < total < math.inf:
        return None
    # rand draws x uniformly in [0, total) and takes the first cumulative weight > x.
    return min(bisect_right(cumulative, random.random() * total), len(weights) - 1)


def _exp(x: float) -> float:
    """``exp`` that overflows to ``inf`` like Rust's instead of raising."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def _argmax(weights: list[float]) -> int:
    """Index of the first largest weight, NaN counting as smallest."""
    best = 0
    for index, weight in enumerate(weights):
        if weight > weights[best] or weights[best] != weights[best]:
            best = index
    return best


class Lattice:
    """All segmentations of ``sentence`` as a DAG of piece nodes (see the module docstring).

    Args:
        sentence: the text to segment.
        bos_id: vocab id given to the BOS sentinel (node 0).
        eos_id: vocab id given to the EOS sentinel (node 1).
    """

    __slots__ = ("sentence", "len", "ids", "positions", "lengths", "scores", "begin_nodes", "end_nodes",
                 "_backtrace", "_prev")

    def __init__(self, sentence: str, bos_id: int, eos_id: int) -> None:
        size = len(sentence)
        self.sentence = sentence
        self.len = size
        self.ids = [bos_id, eos_id]
        self.positions = [0, size]
        self.lengths = [0, 0]
        self.scores = [0.0, 0.0]
        self.begin_nodes: list[list[int]] = [[] for _ in range(size + 1)]
        self.end_nodes: list[list[int]] = [[] for _ in range(size + 1)]
        self.begin_nodes[size].append(1)
        self.end_nodes[0].append(0)
        # HF keeps backtrace scores in the nodes between calls (nbest reads them).
        self._backtrace = [0.0, 0.0]
        self._prev: list[int] = [-1, -1]

    def __len__(self) -> int:
        return self.len

    def __repr__(self) -> str:
        def show(table: list[list[int]]) -> list[list[str]]:
            return [[self.piece(node) for node in nodes] for nodes in table]

        return (f"Lattice(sentence={self.sentence!r}, begin_nodes={show(self.begin_nodes)}, "
                f"end_nodes={show(self.end_nodes)})")

    @property
    def bos_node(self) -> int:
        return 0

    @property
    def eos_node(self) -> int:
        return 1

    def insert(self, pos: int, length: int, score: float, id: int) -> int:  # noqa: A002 - HF's name
        """Add a node for the piece ``id`` covering chars ``[pos, pos+length)``; returns the node."""
        node = len(self.ids)
        self.ids.append(id)
        self.positions.append(pos)
        self.lengths.append(length)
        self.scores.append(score)
        self._backtrace.append(0.0)
        self._prev.append(-1)
        self.begin_nodes[pos].append(node)
        self.end_nodes[pos + length].append(node)
        return node

    def piece(self, node: int) -> str:
        """The text a node covers."""
        pos = self.positions[node]
        return self.sentence[pos:pos + self.lengths[node]]

    # -- best paths --------------------------------------------------------
    def viterbi(self) -> list[int]:
        """The best path (nodes, BOS/EOS excluded), or ``[]`` if the lattice has a gap."""
        scores, backtrace, prev, end_nodes = self.scores, self._backtrace, self._prev, self.end_nodes
        for pos, rnodes in enumerate(self.begin_nodes):
            if not rnodes:
                return []
            lnodes = end_nodes[pos]
            for rnode in rnodes:
                prev[rnode] = -1
                if not lnodes:
                    return []
                best_node = -1
                best_score = 0.0
                rscore = scores[rnode]
                for lnode in lnodes:
                    score = backtrace[lnode] + rscore
                    if best_node < 0 or score > best_score:  # strictly greater: the first inserted wins ties
                        best_node, best_score = lnode, score
                prev[rnode] = best_node
                backtrace[rnode] = best_score
        node = prev[1]
        if node < 0:
            return []
        path = []
        while prev[node] >= 0:
            path.append(node)
            node = prev[node]
        path.reverse()
        return path

    def tokens(self) -> list[str]:
        """The pieces of the Viterbi path."""
        return [self.piece(node) for node in self.viterbi()]

    def nbest(self, n: int) -> list[list[int]]:
        """Up to ``n`` best paths, best first (HF's A*; equal priorities pop in push order)."""
        if n <= 0:
            return []
        if n == 1:
            return [self.viterbi()]
        self.viterbi()  # fills the backtrace scores used as the A* heuristic
        backtrace, scores, end_nodes, positions = self._backtrace, self.scores, self.end_nodes, self.positions
        hypotheses: list[list[int]] = []
        counter = 0
        # entry: (-fx, push order, node, gx, hypothesis chain towards EOS)
        agenda: list[tuple[float, int, int, float, Chain]] = [(-0.0, 0, 1, 0.0, None)]
        while agenda:
            _, _, node, gx, chain = heapq.heappop(agenda)
            if node == 0:
                hypotheses.append(self._unchain(chain))
                if len(hypotheses) == n:
                    return hypotheses
                continue
            link = (node, chain)
            for lnode in end_nodes[positions[node]]:
                counter += 1
                heapq.heappush(agenda, (-(backtrace[lnode] + gx), counter, lnode, scores[lnode] + gx, link))
            if len(agenda) > _MAX_AGENDA:
                agenda = heapq.nsmallest(min(_MIN_AGENDA, n * 10), agenda)
        return hypotheses

    @staticmethod
    def _unchain(chain: Chain) -> list[int]:
        """Nodes of a hypothesis chain (which runs from the node after BOS to EOS), EOS dropped."""
        path = []
        while chain is not None and chain[1] is not None:
            path.append(chain[0])
            chain = chain[1]
        return path

    def nbest_tokens(self, n: int) -> list[list[str]]:
        """The pieces of each of the ``n`` best paths."""
        return [[self.piece(node) for node in path] for path in self.nbest(n)]

    # -- forward-backward --------------------------------------------------
    def _forward(self, theta: float | None) -> list[float]:
        """alpha[node] = log-sum of the paths from BOS up to the node's start.

        With ``theta`` (sampling), HF multiplies ``score + alpha`` by theta at
        every step (so theta compounds along the path); that is copied.
        """
        ids, scores, end_nodes = self.ids, self.scores, self.end_nodes
        alpha = [0.0] * len(ids)
        for pos, rnodes in enumerate(self.begin_nodes):
            lnodes = end_nodes[pos]
            if not lnodes:
                continue
            first_id = ids[lnodes[0]]
            for rnode in rnodes:
                value = 0.0
                for lnode in lnodes:
                    term = scores[lnode] + alpha[lnode]
                    if theta is not None:
                        term *= theta
                    # HF compares nodes by vocab id: any edge with the first edge's id re-initialises.
                    value = log_sum_exp(value, term, ids[lnode] == first_id)
                alpha[rnode] = value
        return alpha

    def _backward(self) -> list[float]:
        ids, scores, begin_nodes = self.ids, self.scores, self.begin_nodes
        beta = [0.0] * len(ids)
        for pos in range(self.len, -1, -1):
            rnodes = begin_nodes[pos]
            if not rnodes:
                continue
            first_id = ids[rnodes[0]]
            for lnode in self.end_nodes[pos]:
                value = 0.0
                for rnode in rnodes:
                    value = log_sum_exp(value, scores[rnode] + beta[rnode], ids[rnode] == first_id)
                beta[lnode] = value
        return beta

    def populate_marginal(self, freq: float, expected: MutableSequence[float]) -> float:
        """Add ``freq * P(node)`` to ``expected[id]`` for every node; returns ``freq * log Z``."""
        alpha = self._forward(None)
        beta = self._backward()
        z = alpha[self.begin_nodes[self.len][0]]
        ids, scores, exp = self.ids, self.scores, math.exp
        for nodes in self.begin_nodes[: self.len]:
            for node in nodes:
                expected[ids[node]] += freq * exp(alpha[node] + scores[node] + beta[node] - z)
        return freq * z

    # -- sampling ----------------------------------------------------------
    def sample(self, theta: float) -> list[int]:
        """A random path drawn backwards from EOS by forward-filtering (HF ``Lattice::sample``).

        Deliberate difference: HF draws from ``thread_rng`` (never
        reproducible) and panics when a position's weights are all zero or
        the lattice has a gap; tokkit draws from Python's global ``random``
        (``random.seed(n)`` makes it reproducible) and then takes the first
        edge with the largest weight (a gap gives ``[]``).
        """
        if self.len == 0:
            return []
        alpha = self._forward(theta)
        scores, end_nodes, positions = self.scores, self.end_nodes, self.positions
        path = []
        z = alpha[1]
        node = 1
        while True:
            lnodes = end_nodes[positions[node]]
            if not lnodes:
                return []
            probs = [_exp(alpha[lnode] + theta * scores[lnode] - z) for lnode in lnodes]
            index = weighted_index(probs)
            if index is None:
                index = _argmax(probs)
            node = lnodes[index]
            if node == 0:
                break
            z = alpha[node]
            path.append(node)
        path.reverse()
        return path

    def sample_token(self, theta: float) -> list[str]:
        """The pieces of one sampled path."""
        return [self.piece(node) for node in self.sample(theta)]

    def sample_nbest(self, n: int, theta: float) -> list[int]:
        """One of the ``n`` best paths, drawn with weight ``exp(theta * path score)``.

        Falls back to the best path when the weights are unusable, like HF.
        """
        paths = self.nbest(n)
        if not paths:
            return self.viterbi()
        scores = self.scores
        weights = []
        for path in paths:
            total = 0.0
            for node in path:
                total += scores[node]
            weights.append(_exp(theta * total))
        index = weighted_index(weights)
        return paths[0 if index is None else index]
