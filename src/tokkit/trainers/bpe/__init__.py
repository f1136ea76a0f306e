"""BPE training: the trainer (``trainer``) and HF's merge algorithm as a pure function (``core``)."""

from .trainer import BpeTrainer

__all__ = ["BpeTrainer"]
