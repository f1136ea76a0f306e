"""BpeTrainer: HF's BPE training (see ``core`` for the exact algorithm).

Without a prefix or suffix the vocab and merges are identical to HF's on any
input.  With one, tokkit orders the ``##x`` / ``x</w>`` ids deterministically
(first met when iterating the words sorted by code point), where HF uses hash
order and differs from run to run.

A ``vocab_size`` below the number of special tokens plus the alphabet raises
``TrainingError`` (a deliberate difference: HF silently returns a bigger vocab).

>>> from tokkit.models import BPE
>>> trainer = BpeTrainer(vocab_size=3, show_progress=False)
>>> trainer.words = {"ba": 1, "ab": 1}
>>> model = BPE()
>>> trainer.train(model)
[]
>>> model.get_vocab()
{'a': 0, 'b': 1, 'ab': 2}
"""

from __future__ import annotations

from typing import Any, Optional

from ..._errors import TrainingError
from ...added_tokens import AddedToken
from ..base import (
    PROGRESS_FORMATS,
    InitialAlphabetMixin,
    ProgressStages,
    Trainer,
    check_count,
    check_str,
)
from .core import compute_alphabet, train_bpe

__all__ = ["BpeTrainer"]


class BpeTrainer(InitialAlphabetMixin, Trainer):
    """Trainer for :class:`~tokkit.models.BPE` (HF ``trainers.BpeTrainer``).

    Args:
        vocab_size: the final vocab size, specials and alphabet included.
        min_frequency: a pair must occur at least this often to be merged.
        show_progress: show ``tqdm`` bars ("Compute merges", ...).
        progress_format: "indicatif" (bars), "json" (JSON lines on stderr) or "silent".
        special_tokens: str or AddedToken, given the first ids.
        limit_alphabet: keep at most this many chars (lowest counts dropped first).
        initial_alphabet: chars always in the alphabet (first char of each str).
        continuing_subword_prefix: prefix of non-initial symbols (e.g. "##").
        end_of_word_suffix: suffix of word-final symbols (e.g. "</w>").
        max_token_length: no merge creates a token longer than this (in chars).

    Unlike HF, passing ``None`` explicitly for the optional arguments is fine.
    """

    _name = "BpeTrainer"

    def __init__(
        self,
        vocab_size: int = 30000,
        min_frequency: int = 0,
        show_progress: bool = True,
        progress_format: str = "indicatif",
        special_tokens: Any = (),
        limit_alphabet: Optional[int] = None,
        initial_alphabet: Any = (),
        continuing_subword_prefix: Optional[str] = None,
        end_of_word_suffix: Optional[str] = None,
        max_token_length: Optional[int] = None,
    ) -> None:
        self.vocab_size = check_count(vocab_size, "vocab_size")
        self.min_frequency = check_count(min_frequency, "min_frequency")
        self.show_progress = bool(show_progress)
        self.progress_format = progress_format
        self.special_tokens = special_tokens
        self.limit_alphabet = check_count(limit_alphabet, "limit_alphabet", optional=True)
        self.initial_alphabet = initial_alphabet
        self.continuing_subword_prefix = check_str(continuing_subword_prefix, "continuing_subword_prefix")
        self.end_of_word_suffix = check_str(end_of_word_suffix, "end_of_word_suffix")
        self.max_token_length = check_count(max_token_length, "max_token_length", optional=True)
        self.words: dict[str, int] = {}

    # -- converted attributes (like HF's setters) --------------------------
    @property
    def progress_format(self) -> str:
        """"indicatif", "json" or "silent"."""
        return {v: k for k, v in PROGRESS_FORMATS.items()}[self._progress_format]

    @progress_format.setter
    def progress_format(self, value: str) -> None:
        self._progress_format = PROGRESS_FORMATS.get(value, "Indicatif")  # HF: unknown -> indicatif

    def get_word_count(self) -> int:
        """Number of distinct words fed so far."""
        return len(self.words)

    # -- training ------------------------------------------------------------
    def train(self, model: Any) -> list[AddedToken]:
        """Train ``model`` (a BPE) in place; returns the special tokens."""
        from ...models import BPE

        if not isinstance(model, BPE):
            raise TrainingError(f"BpeTrainer can only train a BPE, got {type(model).__name__}; "
                                "use the trainer matching the model (model.get_trainer())")
        if self.words and min(self.words.values()) < 0:
            raise TrainingError("word counts must be non-negative; check trainer.words")
        self._check_vocab_size()
        result = self.run(self.words)
        merges = {(a, b): (rank, new_id) for rank, (a, b, new_id) in enumerate(result.merges)}
        model._set_model(dict(result.vocab), merges)
        # HF replaces the model's prefix and suffix with the trainer's; the rest is kept.
        model.continuing_subword_prefix = self.continuing_subword_prefix
        model.end_of_word_suffix = self.end_of_word_suffix
        return self.special_tokens

    def _check_vocab_size(self) -> None:
        """Refuse a vocab_size below specials + alphabet (HF silently exceeds vocab_size there)."""
        specials = [token.content for token in self._special_tokens]
        alphabet = compute_alphabet(self.words, self._initial_alphabet, self.limit_alphabet)
        needed = len(dict.fromkeys(specials + alphabet))
        if needed > self.vocab_size:
            raise TrainingError(
                f"vocab_size={self.vocab_size} is smaller than the {len(alphabet)} characters of the "
                f"alphabet plus {len(set(specials))} special tokens ({needed} entries); raise vocab_size "
                f"to at least {needed}, or cap the alphabet with limit_alphabet"
            )

    def run(self, words: dict[str, int]) -> Any:
        """Run the algorithm on ``words``; returns vocab, id_to_token and id merges."""
        return train_bpe(
            words,
            vocab_size=self.vocab_size,
            min_frequency=self.min_frequency,
            special_tokens=[token.content for token in self._special_tokens],
            limit_alphabet=self.limit_alphabet,
            initial_alphabet=self._initial_alphabet,
            prefix=self.continuing_subword_prefix,
            suffix=self.end_of_word_suffix,
            max_token_length=self.max_token_length,
            on_stage=ProgressStages(self.show_progress, self._progress_format),
        )

    # -- state -------------------------------------------------------------------
    def _state(self) -> dict[str, Any]:
        return {
            "min_frequency": self.min_frequency,
            "vocab_size": self.vocab_size,
            "show_progress": self.show_progress,
            "progress_format": self._progress_format,
            "special_tokens": [token.__getstate__() for token in self._special_tokens],
            "limit_alphabet": self.limit_alphabet,
            "initial_alphabet": self.initial_alphabet,
            "continuing_subword_prefix": self.continuing_subword_prefix,
            "end_of_word_suffix": self.end_of_word_suffix,
            "max_token_length": self.max_token_length,
            "words": dict(self.words),
        }

    def _load_state(self, state: dict[str, Any]) -> None:
        formats = {v: k for k, v in PROGRESS_FORMATS.items()}
        self.__init__(  # type: ignore[misc]
            vocab_size=state["vocab_size"],
            min_frequency=state["min_frequency"],
            show_progress=state["show_progress"],
            progress_format=formats.get(state.get("progress_format", "Indicatif"), "indicatif"),
            special_tokens=[AddedToken(**token) for token in state["special_tokens"]],
            limit_alphabet=state["limit_alphabet"],
            initial_alphabet=state["initial_alphabet"],
            continuing_subword_prefix=state["continuing_subword_prefix"],
            end_of_word_suffix=state["end_of_word_suffix"],
            max_token_length=state.get("max_token_length"),
        )
        self.words = dict(state.get("words", {}))
