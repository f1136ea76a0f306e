"""Training methods of the ``Tokenizer``: count the words of a corpus, then hand them to a trainer.

>>> from tokkit import Tokenizer, models, pre_tokenizers, trainers
>>> tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> tok.train_from_iterator(["a b a"], trainers.WordLevelTrainer(special_tokens=["[UNK]"], show_progress=False))
>>> tok.get_vocab()
{'[UNK]': 0, 'a': 1, 'b': 2}
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional, Protocol, Union, cast

from .. import trainers
from .._encode.components import check_component
from .._support.processes import process_limit
from .._training import counting as _counting
from .._validation import unsigned
from ..added_tokens import AddedToken
from ..protocols import Pipeline, Trainer

__all__ = ["TrainingMethods"]


class Trainable(Pipeline, Protocol):
    """What training needs of a tokenizer: its pipeline (to count words) and a way to add the special tokens."""

    def add_special_tokens(self, tokens: Iterable[Union[str, AddedToken]]) -> int: ...


class TrainingMethods:
    """``train``, ``train_from_iterator`` and ``train_from_counts`` (a mixin of ``Tokenizer``).

    >>> import os, tempfile
    >>> from tokkit import Tokenizer, models, pre_tokenizers, trainers
    >>> def fresh():
    ...     tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    ...     tok.pre_tokenizer = pre_tokenizers.Whitespace()
    ...     return tok, trainers.WordLevelTrainer(special_tokens=["[UNK]"], show_progress=False)
    >>> path = os.path.join(tempfile.mkdtemp(), "corpus.txt")
    >>> with open(path, "w") as f:
    ...     _ = f.write("b a b\\nb\\n")
    >>> (a, ta), (b, tb), (c, tc) = fresh(), fresh(), fresh()
    >>> a.train([path], ta); b.train_from_iterator(["b a b", "b"], tb); c.train_from_counts({"b": 3, "a": 1}, tc)
    >>> a.get_vocab() == b.get_vocab() == c.get_vocab()
    True
    >>> c.get_vocab()
    {'[UNK]': 0, 'b': 1, 'a': 2}
    """

    def train(self: Trainable, files: Union[str, list[str]], trainer: Optional[Trainer] = None, *,
              num_proc: Optional[int] = None) -> None:
        """Train on text files (lines keep their ``\\n``, as in HF); ``num_proc``: see ``tokkit.counting``."""
        _train(self, _counting.file_lines(files)[0], trainer, length=None, num_proc=num_proc)

    def train_from_iterator(self: Trainable, iterator: Iterable[Any], trainer: Optional[Trainer] = None,
                            length: Optional[int] = None, *, num_proc: Optional[int] = None) -> None:
        """Train from an iterator of str, of batches of str, or a ``datasets`` Dataset; ``num_proc``: as ``train``."""
        _train(self, _counting.flatten_texts(iterator), trainer, length=length, num_proc=num_proc)

    def train_from_counts(self: Trainable, counts: Any, trainer: Optional[Trainer] = None, *,
                          num_proc: Optional[int] = None) -> None:
        """Train from word counts (``tokkit.counting.count_words``'s, or a mapping / pairs word -> count).

        Gives the same tokenizer as ``train_from_iterator`` on the texts the counts came from;
        ``num_proc``: the trainer's worker processes, as for ``train``.
        """
        trainer = _trainer_for(self, trainer)
        with process_limit(None if num_proc is None else unsigned(num_proc, "num_proc")):
            _train_words(self, _counting.checked_counts(counts), trainer)


def _train(tokenizer: Trainable, texts: Iterable[str], trainer: Optional[Trainer], length: Optional[int],
           num_proc: Optional[int]) -> None:
    trainer = _trainer_for(tokenizer, trainer)
    num_proc = None if num_proc is None else unsigned(num_proc, "num_proc")
    with process_limit(num_proc):  # the counting workers, and the trainer's (BPE merge slices, Unigram E-steps)
        _train_words(tokenizer, _counting.count_words_compact(
            tokenizer, texts, show_progress=getattr(trainer, "show_progress", False), length=length), trainer)


def _trainer_for(tokenizer: Trainable, trainer: Optional[Trainer]) -> Trainer:
    trainer = tokenizer.model.get_trainer() if trainer is None else trainer
    return cast(Trainer, check_component(trainer, trainers.Trainer, "trainer"))  # HF: else a TypeError


def _train_words(tokenizer: Trainable, words: Mapping[str, int], trainer: Trainer) -> None:
    trainer.words = words
    tokenizer.add_special_tokens(trainer.train(tokenizer.model))
