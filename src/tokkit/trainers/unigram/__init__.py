"""Unigram training: the trainer, seed pieces (``seeds``), EM rounds (``em``) over word lattices
(``lattice``), the per-word work (``shard``) spread over worker processes (``workers``)."""

from .trainer import UnigramTrainer, train_unigram

__all__ = ["UnigramTrainer", "train_unigram"]
