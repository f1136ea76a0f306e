"""``TransformersBackend``: a tokkit tokenizer as transformers drives it, HF objects converted on the way in.

transformers talks to its backend with ``tokenizers`` objects in a few
places: ``add_tokens`` / ``add_special_tokens`` get ``tokenizers.AddedToken``s
(``fast.add_special_tokens({"pad_token": "[PAD]"})``), and
``update_post_processor`` sets a ``tokenizers.processors.TemplateProcessing``.
The wrapper passes everything else to the tokkit tokenizer unchanged and
turns those objects into tokkit's equal ones: an AddedToken by its
attributes, a component by its JSON (HF's pickled state is that JSON).

>>> from tokkit import Tokenizer, models
>>> backend = TransformersBackend(Tokenizer(models.WordLevel({"a": 0}, unk_token="a")))
>>> backend.get_vocab_size(), type(backend.tokenizer).__name__
(1, 'Tokenizer')
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from ..added_tokens import AddedToken
from ..decoders import Decoder
from ..normalizers import Normalizer
from ..pre_tokenizers import PreTokenizer
from ..processors import PostProcessor

if TYPE_CHECKING:
    from ..tokenizer import Tokenizer

__all__ = ["TransformersBackend", "as_tokkit_added_token", "as_tokkit_component"]

#: The tokenizer's component attributes and how to read each from its JSON.
COMPONENTS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "normalizer": Normalizer.from_dict, "pre_tokenizer": PreTokenizer.from_dict,
    "post_processor": PostProcessor.from_dict, "decoder": Decoder.from_dict,
}


def _foreign(value: Any) -> bool:
    """An object of HF's ``tokenizers`` package (not tokkit's)."""
    return type(value).__module__.split(".")[0] == "tokenizers"


def as_tokkit_added_token(token: Any) -> Any:
    """A ``tokenizers.AddedToken`` as tokkit's (a str or a tokkit AddedToken as it is).

    >>> as_tokkit_added_token("x"), as_tokkit_added_token(AddedToken("y")).content
    ('x', 'y')
    """
    if not _foreign(token):
        return token
    return AddedToken(token.content, single_word=token.single_word, lstrip=token.lstrip, rstrip=token.rstrip,
                      normalized=token.normalized, special=token.special)


def as_tokkit_component(name: str, value: Any) -> Any:
    """A ``tokenizers`` component set as ``name`` (``"post_processor"``...) rebuilt as tokkit's from its JSON.

    >>> from tokkit import processors
    >>> as_tokkit_component("post_processor", None), as_tokkit_component("post_processor", processors.ByteLevel())
    (None, ByteLevel(add_prefix_space=True, trim_offsets=True, use_regex=True))
    """
    if name not in COMPONENTS or not _foreign(value):
        return value
    return COMPONENTS[name](json.loads(value.__getstate__()))


class TransformersBackend:
    """``tokenizer`` with HF objects converted to tokkit's as they come in (every other use passes through).

    >>> import tokenizers
    >>> from tokkit import Tokenizer, models
    >>> backend = TransformersBackend(Tokenizer(models.WordLevel({"a": 0}, unk_token="a")))
    >>> backend.add_tokens([tokenizers.AddedToken("<x>", lstrip=True)]), backend.add_special_tokens(["<s>"])
    (1, 1)
    >>> backend.get_added_tokens_decoder()[1], backend.get_vocab_size()
    (AddedToken("<x>", rstrip=False, lstrip=True, single_word=False, normalized=True, special=False), 3)
    """

    __slots__ = ("tokenizer",)
    tokenizer: "Tokenizer"

    def __init__(self, tokenizer: "Tokenizer") -> None:
        object.__setattr__(self, "tokenizer", tokenizer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.tokenizer, name, as_tokkit_component(name, value))

    def add_tokens(self, tokens: Iterable[Any]) -> int:
        """``Tokenizer.add_tokens``, HF AddedTokens accepted."""
        return self.tokenizer.add_tokens([as_tokkit_added_token(token) for token in tokens])

    def add_special_tokens(self, tokens: Iterable[Any]) -> int:
        """``Tokenizer.add_special_tokens``, HF AddedTokens accepted."""
        return self.tokenizer.add_special_tokens([as_tokkit_added_token(token) for token in tokens])

    def __deepcopy__(self, memo: dict[int, Any]) -> "TransformersBackend":
        return TransformersBackend(copy.deepcopy(self.tokenizer, memo))

    def __reduce__(self) -> tuple[type, tuple["Tokenizer"]]:
        return (TransformersBackend, (self.tokenizer,))

    def __repr__(self) -> str:
        return repr(self.tokenizer)

    def __str__(self) -> str:
        return str(self.tokenizer)
