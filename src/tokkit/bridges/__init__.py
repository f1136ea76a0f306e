"""Bridges from tokkit to other libraries: :func:`to_transformers` makes a ``transformers`` tokenizer.

>>> callable(to_transformers)
True
"""

from .backend import TransformersBackend
from .transformers import TransformersUnavailableError, special_tokens_map, to_transformers

__all__ = ["TransformersBackend", "TransformersUnavailableError", "special_tokens_map", "to_transformers"]
