"""WordPieceTrainer: BPE training with a ``##`` prefix, then the BPE vocab as WordPiece vocab.

HF's WordPiece training *is* BPE (``WordPiece::from_bpe``): the merges are
thrown away and the WordPiece vocab is the BPE vocab with the same ids.  The
``##x`` ids follow tokkit's deterministic order (see ``bpe.core``); HF's
follow hash order, so HF itself gives different vocabs from run to run.

>>> import tokkit
>>> trainer = WordPieceTrainer(vocab_size=6, special_tokens=["[UNK]"], show_progress=False)
>>> trainer.words = {"ab": 3, "b": 1}
>>> model = tokkit.models.WordPiece()
>>> _ = trainer.train(model)
>>> model.get_vocab()
{'[UNK]': 0, 'a': 1, 'b': 2, '##b': 3, 'ab': 4}
"""

from __future__ import annotations

from typing import Any, Optional

from .._errors import TrainingError
from .._json.serde_repr import Struct
from ..added_tokens import AddedToken
from .base import Trainer, WordPieceTrainable, warn_unknown_options
from .bpe import BpeTrainer

__all__ = ["WordPieceTrainer"]


def _delegate(name: str, doc: str) -> property:
    def get(self: "WordPieceTrainer") -> Any:
        return getattr(self._bpe, name)

    def set_(self: "WordPieceTrainer", value: Any) -> None:
        setattr(self._bpe, name, value)

    return property(get, set_, doc=doc)


class WordPieceTrainer(Trainer):
    """Trainer for :class:`~tokkit.models.WordPiece` (HF ``trainers.WordPieceTrainer``).

    Args: as :class:`BpeTrainer`, with ``continuing_subword_prefix="##"``; unknown keywords are
    ignored with a warning.
    Unlike HF, passing ``None`` explicitly for the optional arguments is fine.
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
        )

    vocab_size = _delegate("vocab_size", "The final vocab size, specials and alphabet included.")
    min_frequency = _delegate("min_frequency", "Minimum count of a pair to be merged.")
    show_progress = _delegate("show_progress", "Show tqdm progress bars.")
    special_tokens = _delegate("special_tokens", "The special tokens (AddedToken, special=True).")
    limit_alphabet = _delegate("limit_alphabet", "Keep at most this many chars.")
    initial_alphabet = _delegate("initial_alphabet", "Chars always in the alphabet.")
    continuing_subword_prefix = _delegate("continuing_subword_prefix", "Prefix of non-initial pieces.")
    end_of_word_suffix = _delegate("end_of_word_suffix", "Suffix of word-final pieces.")
    words = _delegate("words", "word -> count, as fed.")

    def feed(self, iterator: Any, process: Any) -> None:
        """Count words like :meth:`BpeTrainer.feed` (replaces ``words``)."""
        self._bpe.feed(iterator, process)

    def train(self, model: Any) -> list[AddedToken]:
        """Train ``model`` (a WordPiece) in place; returns the special tokens."""
        if not isinstance(model, WordPieceTrainable):
            raise TrainingError(f"WordPieceTrainer can only train a WordPiece, got {type(model).__name__}; "
                                "use the trainer matching the model (model.get_trainer())")
        # HF trains a BPE and keeps its vocab (WordPiece::from_bpe); the merges are not needed.
        result = self._bpe.learn()
        model.set_trained_wordpiece(result.vocab, self._bpe.continuing_subword_prefix)
        return self._bpe.special_tokens

    # -- state: HF nests the BpeTrainer's ------------------------------------
    def _state(self) -> dict[str, Any]:
        return {"bpe_trainer": self._bpe._state()}

    def _load_state(self, state: dict[str, Any]) -> None:
        self._bpe = BpeTrainer()
        self._bpe._load_state(state["bpe_trainer"])

    def _repr_struct(self) -> Struct:
        return Struct(self._name, [("bpe_trainer", self._bpe._repr_struct())])
