"""Parity-aware BPE training (HF ``trainers.ParityBpeTrainer``): the trainer (``trainer``) and HF's
algorithm as a pure function (``core``)."""

from .core import ParityOptions, ParityResult, train_parity_bpe
from .trainer import ParityBpeTrainer

__all__ = ["ParityBpeTrainer", "ParityOptions", "ParityResult", "train_parity_bpe"]
