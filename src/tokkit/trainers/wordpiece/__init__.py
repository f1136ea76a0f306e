"""WordPiece training: HF's (BPE by frequency, the default) or likelihood scoring (``scoring="likelihood"``)."""

from .likelihood import train_likelihood
from .trainer import SCORINGS, WordPieceTrainer

__all__ = ["WordPieceTrainer", "SCORINGS", "train_likelihood"]
