"""WordPieceTrainer: HF's (BPE by frequency, then the BPE vocab as WordPiece vocab) or likelihood scoring.

``scoring="frequency"`` (the default) is HF's WordPiece training, which *is*
BPE (``WordPiece::from_bpe``): the merges are thrown away and the WordPiece
vocab is the BPE vocab with the same ids.  The ``##x`` ids follow tokkit's
deterministic order (see ``bpe.core``); HF's follow hash order, so HF itself
gives different vocabs from run to run.

``scoring="likelihood"`` (tokkit only) merges the pair with the highest
``count(ab) / (count(a) * count(b))`` instead of the most frequent one: the
WordPiece criterion (see ``likelihood``).

>>> import tokkit
>>> trainer = WordPieceTrainer(vocab_size=6, special_tokens=["[UNK]"], show_progress=False)
>>> trainer.words = {"ab": 3, "b": 1}
>>> model = tokkit.models.WordPiece()
>>> _ = trainer.train(model)
>>> model.get_vocab()
{'[UNK]': 0, 'a': 1, 'b': 2, '##b': 3, 'ab': 4}
>>> trainer = WordPieceTrainer(vocab_size=6, special_tokens=["[UNK]"], show_progress=False, scoring="likelihood")
>>> trainer.words = {"ab": 3, "b": 1}
>>> _ = trainer.train(model)
>>> model.get_vocab()
{'[UNK]': 0, '##b': 1, 'a': 2, 'b': 3, 'ab': 4}
"""

from __future__ import annotations

from typing import Any, Optional

from ..._errors import ConfigurationError, TrainingError
from ..._json.serde_repr import Struct
from ..._support.progress import ProgressStages
from ...added_tokens import AddedToken
from ..base import Trainer, WordPieceTrainable, warn_unknown_options, warn_vocab_exceeded
from ..bpe import BpeTrainer
from .likelihood import train_likelihood

__all__ = ["WordPieceTrainer", "SCORINGS"]

#: The ways to pick the next merge: HF's (most frequent pair) and WordPiece's likelihood score.
SCORINGS = ("frequency", "likelihood")


def _delegate(name: str, doc: str) -> property:
    def get(self: "WordPieceTrainer") -> Any:
        return getattr(self._bpe, name)

    def set_(self: "WordPieceTrainer", value: Any) -> None:
        setattr(self._bpe, name, value)

    return property(get, set_, doc=doc)


def _checked_scoring(scoring: Any) -> str:
    if scoring not in SCORINGS:
        raise ConfigurationError(f"scoring must be one of {', '.join(map(repr, SCORINGS))}, got {scoring!r}")
    return str(scoring)


class WordPieceTrainer(Trainer):
    """Trainer for :class:`~tokkit.models.WordPiece` (HF ``trainers.WordPieceTrainer``).

    Args: as :class:`BpeTrainer`, with ``continuing_subword_prefix="##"``, plus (tokkit only)
    ``scoring``: ``"frequency"`` (HF's, the default) or ``"likelihood"``, and ``max_token_length``.
    Unknown keywords are ignored with a warning.
    Unlike HF, passing ``None`` explicitly for the optional arguments is fine.

    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> trainer = WordPieceTrainer(vocab_size=30, special_tokens=["[UNK]"], show_progress=False)
    >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
    >>> tok.train_from_iterator(corpus, trainer)
    >>> tok.encode("lowest wider").tokens
    ['low', '##e', '##st', 'wide', '##r']
    >>> [token.content for token in trainer.special_tokens], trainer.show_progress, len(trainer.words)
    (['[UNK]'], False, 9)
    >>> t = WordPieceTrainer(vocab_size=50, min_frequency=2, limit_alphabet=10, initial_alphabet=["a", "bc"])
    >>> t.vocab_size, t.min_frequency, t.limit_alphabet, sorted(t.initial_alphabet), t.max_token_length
    (50, 2, 10, ['a', 'b'], None)
    >>> t.end_of_word_suffix = "</w>"; t.continuing_subword_prefix, t.end_of_word_suffix
    ('##', '</w>')
    """

    _name = "WordPieceTrainer"

    def __init__(
        self,
        vocab_size: int = 30000,
        min_frequency: int = 0,
        show_progress: bool = True,
        special_tokens: Any = (),
        limit_alphabet: Optional[int] = None,
        initial_alphabet: Any = (),
        continuing_subword_prefix: Optional[str] = "##",
        end_of_word_suffix: Optional[str] = None,
        scoring: str = "frequency",
        max_token_length: Optional[int] = None,
        **unknown: Any,
    ) -> None:
        warn_unknown_options(self._name, unknown)
        self._bpe = BpeTrainer(
            vocab_size=vocab_size,
            min_frequency=min_frequency,
            show_progress=show_progress,
            special_tokens=special_tokens,
            limit_alphabet=limit_alphabet,
            initial_alphabet=initial_alphabet,
            continuing_subword_prefix=continuing_subword_prefix,
            end_of_word_suffix=end_of_word_suffix,
            max_token_length=max_token_length,
        )
        self.scoring = scoring

    vocab_size = _delegate("vocab_size", "The final vocab size, specials and alphabet included.")
    min_frequency = _delegate("min_frequency", "Minimum count of a pair to be merged.")
    show_progress = _delegate("show_progress", "Show tqdm progress bars.")
    special_tokens = _delegate("special_tokens", "The special tokens (AddedToken, special=True).")
    limit_alphabet = _delegate("limit_alphabet", "Keep at most this many chars.")
    initial_alphabet = _delegate("initial_alphabet", "Chars always in the alphabet.")
    continuing_subword_prefix = _delegate("continuing_subword_prefix", "Prefix of non-initial pieces.")
    end_of_word_suffix = _delegate("end_of_word_suffix", "Suffix of word-final pieces.")
    max_token_length = _delegate("max_token_length", "No merge makes a token longer than this (chars, no prefix).")
    words = _delegate("words", "word -> count, as fed.")

    @property
    def scoring(self) -> str:
        """``"frequency"`` (HF's: the most frequent pair) or ``"likelihood"`` (count(ab) / (count(a) count(b))).

        >>> WordPieceTrainer().scoring, WordPieceTrainer(scoring="likelihood").scoring
        ('frequency', 'likelihood')
        """
        return self._scoring

    @scoring.setter
    def scoring(self, value: str) -> None:
        self._scoring = _checked_scoring(value)

    def feed(self, iterator: Any, process: Any) -> None:
        """Count words like :meth:`BpeTrainer.feed` (replaces ``words``).

        >>> trainer = WordPieceTrainer()
        >>> trainer.feed(["a rose is a rose"], str.split)
        >>> trainer.words
        {'a': 2, 'rose': 2, 'is': 1}
        """
        self._bpe.feed(iterator, process)

    def train(self, model: Any) -> list[AddedToken]:
        """Train ``model`` (a WordPiece) in place; returns the special tokens.

        >>> from tokkit.models import WordPiece
        >>> trainer = WordPieceTrainer(vocab_size=12, special_tokens=["[UNK]"], show_progress=False)
        >>> trainer.feed(["a rose is a rose"], str.split)
        >>> model = WordPiece()
        >>> trainer.train(model)
        [AddedToken("[UNK]", rstrip=False, lstrip=False, single_word=False, normalized=False, special=True)]
        >>> sorted(model.get_vocab(), key=model.get_vocab().get)
        ['[UNK]', 'a', 'e', 'i', 'o', 'r', 's', '##s', '##o', '##e', 'ro', '##se']
        """
        if not isinstance(model, WordPieceTrainable):
            raise TrainingError(f"WordPieceTrainer can only train a WordPiece, got {type(model).__name__}; "
                                "use the trainer matching the model (model.get_trainer())")
        if self._scoring == "likelihood":
            vocab = self._learn_likelihood()
        else:
            # HF trains a BPE and keeps its vocab (WordPiece::from_bpe); the merges are not needed.
            vocab = self._bpe.learn().vocab
        model.set_trained_wordpiece(vocab, self._bpe.continuing_subword_prefix)
        return self._bpe.special_tokens

    def _learn_likelihood(self) -> dict[str, int]:
        bpe = self._bpe
        if bpe.end_of_word_suffix:
            raise ConfigurationError("scoring='likelihood' does not take an end_of_word_suffix (a WordPiece model "
                                     "has no word-end form); set end_of_word_suffix=None")
        if bpe.words and min(bpe.words.values()) < 0:
            raise TrainingError("word counts must be non-negative; check trainer.words")
        specials = [token.content for token in bpe.special_tokens]
        vocab = train_likelihood(bpe.words, bpe.vocab_size, bpe.min_frequency, specials, bpe.limit_alphabet,
                                 bpe.initial_alphabet, bpe.continuing_subword_prefix, bpe.max_token_length,
                                 on_stage=ProgressStages(bpe.show_progress, bpe._progress_format))
        if len(vocab) > bpe.vocab_size:
            warn_vocab_exceeded(bpe.vocab_size, len(vocab), f"the alphabet (each char as it starts a word, "
                                f"and with the prefix as it follows) and {len(specials)} special tokens")
        return vocab

    # -- state: HF nests the BpeTrainer's; likelihood scoring adds its name ----------
    def _state(self) -> dict[str, Any]:
        state: dict[str, Any] = {"bpe_trainer": self._bpe._state()}
        if self._scoring != "frequency":
            state["scoring"] = self._scoring
        return state

    def _load_state(self, state: dict[str, Any]) -> None:
        self._bpe = BpeTrainer()
        self._bpe._load_state(state["bpe_trainer"])
        self.scoring = state.get("scoring", "frequency")

    def _repr_struct(self) -> Struct:
        fields: list[tuple[str, Any]] = [("bpe_trainer", self._bpe._repr_struct())]
        if self._scoring != "frequency":
            fields.append(("scoring", self._scoring))
        return Struct(self._name, fields)
