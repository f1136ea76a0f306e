"""The Unigram model: Viterbi encoding (``model``), the lattice (``lattice``), the piece trie (``trie``)."""

from .model import Unigram

__all__ = ["Unigram"]
