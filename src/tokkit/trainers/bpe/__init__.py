"""BPE training: the trainer (``trainer``), HF's merge algorithm as a pure function (``core``) and its
starting point, the alphabet and the words as initial symbols (``words``)."""

from .core import BpeResult
from .trainer import BpeTrainer

__all__ = ["BpeTrainer", "BpeResult"]
