"""The BPE model: options, files and JSON (``model``), its encoding loop (``tokenizing``), the
per-word merge (``word``), long words and texts (``long_word``, ``buckets``), files and options
(``serialization``)."""

from .model import BPE

__all__ = ["BPE"]
