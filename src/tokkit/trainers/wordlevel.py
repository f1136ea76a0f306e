"""WordLevelTrainer: the most frequent words become the vocab (HF: models/wordlevel/trainer.rs, do_train).

The vocab is the special tokens, then the words with ``count >= min_frequency``
sorted by count (descending) then code point, cut at ``vocab_size``; ids are
positions.  A word equal to a special token takes a new id, leaving a hole at
the special's old id — exactly like HF, which collects ``(word, position)`` pairs into a map.

>>> import tokkit
>>> trainer = WordLevelTrainer(vocab_size=7, special_tokens=["[UNK]", "a"])
>>> trainer.words = {"b": 2, "a": 2, "c": 1, "e": 2, "[UNK]": 1, "Z": 1, "d": 1}
>>> model = tokkit.models.WordLevel()
>>> _ = trainer.train(model)
>>> model.get_vocab()
{'[UNK]': 6, 'a': 2, 'b': 3, 'e': 4, 'Z': 5}
"""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import TrainingError
from .._validation import check_bool, unsigned
from ..added_tokens import AddedToken
from .base import Trainer, WordLevelTrainable, warn_unknown_options

__all__ = ["WordLevelTrainer", "wordlevel_vocab"]


def wordlevel_vocab(words: Mapping[str, int], specials: list[str], vocab_size: int, min_frequency: int) -> dict[str, int]:
    """specials + frequent words, cut at vocab_size; later duplicates overwrite ids."""
    ranked = sorted(words.items(), key=lambda item: (-item[1], item[0]))
    tokens = specials + [word for word, count in ranked if count >= min_frequency]
    vocab: dict[str, int] = {}
    for token_id, token in enumerate(tokens[:vocab_size]):
        vocab[token] = token_id
    return vocab


class WordLevelTrainer(Trainer):
    """Trainer for :class:`~tokkit.models.WordLevel` (HF ``trainers.WordLevelTrainer``).

    Args:
        vocab_size: the maximum vocab size, special tokens included.
        min_frequency: words rarer than this are left out.
        show_progress: accepted for HF compatibility (this trainer has no merge phase).
        special_tokens: str or AddedToken, given the first ids.
        unknown: other keywords are ignored with a warning (HF prints "Ignored unknown kwargs option").

    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
    >>> trainer = WordLevelTrainer(special_tokens=["[UNK]"], show_progress=False)
    >>> tok.train_from_iterator(corpus, trainer)
    >>> tok.encode("lower widest newest old").tokens
    ['lower', 'widest', 'newest', '[UNK]']
    """

    _name = "WordLevelTrainer"
    _fields = ("min_frequency", "vocab_size", "show_progress", "special_tokens", "words")
    _checks = {"vocab_size": unsigned, "min_frequency": unsigned, "show_progress": check_bool}

    vocab_size: int
    min_frequency: int
    show_progress: bool

    def __init__(self, vocab_size: int = 30000, min_frequency: int = 0, show_progress: bool = True,
                 special_tokens: Any = (), **unknown: Any) -> None:
        warn_unknown_options(self._name, unknown)
        self.vocab_size = unsigned(vocab_size, "vocab_size")
        self.min_frequency = unsigned(min_frequency, "min_frequency")
        self.show_progress = bool(show_progress)
        self.special_tokens = special_tokens
        self.words = {}

    def train(self, model: Any) -> list[AddedToken]:
        """Train ``model`` (a WordLevel) in place; returns the special tokens.

        >>> from tokkit import models
        >>> trainer = WordLevelTrainer(special_tokens=["[UNK]"]); trainer.words = {"hug": 10, "pug": 5}
        >>> model = models.WordLevel(unk_token="[UNK]"); [token.content for token in trainer.train(model)]
        ['[UNK]']
        >>> model.get_vocab()
        {'[UNK]': 0, 'hug': 1, 'pug': 2}
        """
        if not isinstance(model, WordLevelTrainable):
            raise TrainingError(f"WordLevelTrainer can only train a WordLevel, got {type(model).__name__}; "
                                "use the trainer matching the model (model.get_trainer())")
        specials = [token.content for token in self._special_tokens]
        model.set_trained_wordlevel(wordlevel_vocab(self.words, specials, self.vocab_size, self.min_frequency))
        return self.special_tokens
