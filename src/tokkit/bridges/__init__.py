"""Bridges from tokkit to other libraries: :func:`to_transformers` makes a ``transformers`` tokenizer.

>>> callable(to_transformers)
True
"""

from .transformers import TransformersUnavailableError, special_tokens_map, to_transformers

__all__ = ["TransformersUnavailableError", "special_tokens_map", "to_transformers"]
