"""The BPE model: its encoding loop (``model``), the merge algorithm (``word``), files and options
(``serialization``)."""

from .model import BPE

__all__ = ["BPE"]
