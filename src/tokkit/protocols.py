"""What each stage of a tokenizer is, as ``typing.Protocol``s (HF: the stage traits in ``tokenizer/mod.rs``).

A ``Tokenizer`` is typed against these, not against tokkit's base classes;
its setters take, as HF's, only the family's components (the built-in ones,
subclasses and ``Normalizer.custom(...)`` wrappers).  Subclassing the family base
(``tokkit.normalizers.Normalizer``, ...) adds JSON, repr, pickling and the
string helpers on top.

>>> from tokkit import normalizers, models
>>> isinstance(normalizers.Lowercase(), Normalizer), isinstance(models.BPE(), Model)
(True, True)

What this module does not do: the fast-path guarantees a component may
declare (``tokkit.capabilities``).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Protocol, runtime_checkable

from .added_tokens import AddedToken
from .added_vocabulary import AddedVocabulary
from .encoding import Encoding
from .normalized import NormalizedString, PreTokenizedString, Token

__all__ = ["Normalizer", "PreTokenizer", "Model", "PostProcessor", "Decoder", "Trainer", "Pipeline"]


@runtime_checkable
class Normalizer(Protocol):
    """Cleans the text in place, keeping alignments (HF ``Normalizer::normalize``)."""

    def normalize(self, normalized: NormalizedString) -> None: ...

    def normalize_str(self, sequence: str) -> str: ...


@runtime_checkable
class PreTokenizer(Protocol):
    """Cuts the text into the pieces a model tokenizes, in place (HF ``PreTokenizer::pre_tokenize``)."""

    def pre_tokenize(self, pretok: PreTokenizedString) -> None: ...

    def pre_tokenize_str(self, sequence: str) -> list[tuple[str, tuple[int, int]]]: ...


@runtime_checkable
class Model(Protocol):
    """Turns one piece into tokens, with char offsets in the piece (HF ``Model::tokenize``)."""

    def tokenize(self, sequence: str) -> list[Token]: ...

    def token_to_id(self, token: str) -> Optional[int]: ...

    def id_to_token(self, id: int) -> Optional[str]: ...  # noqa: A002 - HF's argument name

    def get_vocab(self) -> dict[str, int]: ...

    def get_vocab_size(self) -> int: ...

    def get_trainer(self) -> "Trainer": ...


@runtime_checkable
class PostProcessor(Protocol):
    """Adds special tokens and merges a pair (HF ``PostProcessor::process``)."""

    def num_special_tokens_to_add(self, is_pair: bool) -> int: ...

    def process(self, encoding: Encoding, pair: Optional[Encoding] = None,
                add_special_tokens: bool = True) -> Encoding: ...


@runtime_checkable
class Decoder(Protocol):
    """Turns token strings back into text (HF ``Decoder::decode``)."""

    def decode(self, tokens: list[str]) -> str: ...


@runtime_checkable
class Trainer(Protocol):
    """Learns a model's vocabulary from word counts (HF ``Trainer``: ``feed`` then ``train``).

    ``words`` is filled by the tokenizer (normalized, pre-tokenized words and
    their counts); ``train`` fills the model in place and returns the special
    tokens for the tokenizer to add.
    """

    words: Mapping[str, int]

    def train(self, model: Any) -> list[AddedToken]: ...


class Pipeline(Protocol):
    """What the encode pipeline and the training word counter read of a tokenizer (``Tokenizer`` has it).

    >>> from tokkit import Tokenizer, models, normalizers
    >>> def components(pipeline: Pipeline):
    ...     return pipeline.normalizer, pipeline.pre_tokenizer, type(pipeline.model).__name__
    >>> tok = Tokenizer(models.WordLevel({"a": 0}, unk_token="a")); tok.normalizer = normalizers.Lowercase()
    >>> components(tok)
    (Lowercase(), None, 'WordLevel')
    """

    @property
    def normalizer(self) -> Optional[Normalizer]:
        """The normalizer, or None."""

    @property
    def pre_tokenizer(self) -> Optional[PreTokenizer]:
        """The pre-tokenizer, or None."""

    @property
    def model(self) -> Model:
        """The model."""

    @property
    def _added_vocabulary(self) -> AddedVocabulary: ...
