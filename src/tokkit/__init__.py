"""tokkit: pure-Python tokenizers with HF tokenizers' API, results and tokenizer.json."""

from ._errors import *  # noqa: F401,F403
from .added_tokens import AddedToken

__version__ = "0.1.0"
