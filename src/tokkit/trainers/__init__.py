"""Trainers: learn a model's vocabulary from word counts (HF ``tokenizers.trainers``).

``tokenizer.train_from_iterator(texts, trainer)`` counts the normalized,
pre-tokenized words into ``trainer.words`` and calls ``trainer.train(model)``,
which replaces the model's contents in place.  A trainer accepts any model
offering its install method (``BpeTrainable.set_trained_bpe``, ...): the
built-in models do, and so can a model of your own.

Determinism: BPE without prefix/suffix and WordLevel give HF's exact vocab and
merges.  With a ``continuing_subword_prefix`` or ``end_of_word_suffix`` (so
every WordPiece training) the ``##x`` / ``x</w>`` symbols get their ids in the
order they are first met when iterating the words **sorted by code point**,
left to right in each word; HF uses hash order there and varies from run to
run.  ``limit_alphabet`` drops the lowest counts first, ties dropping the
highest code point first.  Results never depend on input order or
``PYTHONHASHSEED``.  ``WordPieceTrainer(scoring="likelihood")`` (tokkit only)
merges by ``count(ab) / (count(a) * count(b))`` instead of frequency, with a
documented total order (``wordpiece.likelihood``).

>>> trainer = BpeTrainer(vocab_size=100, special_tokens=["<unk>"], show_progress=False)
>>> trainer.feed(["low lower lowest"], str.split)
>>> trainer.words
{'low': 1, 'lower': 1, 'lowest': 1}
"""

from .base import BpeTrainable, Trainer, UnigramTrainable, WordLevelTrainable, WordPieceTrainable
from .bpe import BpeTrainer
from .parity import ParityBpeTrainer
from .unigram import UnigramTrainer
from .wordlevel import WordLevelTrainer
from .wordpiece import WordPieceTrainer

__all__ = [
    "Trainer", "BpeTrainer", "WordPieceTrainer", "WordLevelTrainer", "UnigramTrainer", "ParityBpeTrainer",
    "BpeTrainable", "WordPieceTrainable", "WordLevelTrainable", "UnigramTrainable",
]  # fmt: skip
