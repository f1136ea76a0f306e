"""BpeTrainer: HF's BPE training (see ``core`` for the exact algorithm).

Without a prefix or suffix the vocab and merges are identical to HF's on any
input.  With one, tokkit orders the ``##x`` / ``x</w>`` ids deterministically
(first met when iterating the words sorted by code point), where HF uses hash
order and differs from run to run.

A ``vocab_size`` below the number of special tokens plus the alphabet gives
HF's result (the special tokens and the alphabet, no merges) and a warning
(HF says nothing).

>>> import tokkit
>>> trainer = BpeTrainer(vocab_size=3, show_progress=False)
>>> trainer.words = {"ba": 1, "ab": 1}
>>> model = tokkit.models.BPE()
>>> trainer.train(model)
[]
>>> model.get_vocab()
{'a': 0, 'b': 1, 'ab': 2}
>>> trainer.learn().merges  # the result alone: (id_a, id_b, new_id) by rank
[(0, 1, 2)]
"""

from __future__ import annotations

from typing import Any, Optional

from ..._errors import TrainingError
from ..._support.progress import ProgressStages
from ..._validation import check_bool, check_optional_str, unsigned
from ...added_tokens import AddedToken
from ..base import (PROGRESS_ARGUMENTS, PROGRESS_FORMATS, BpeTrainable, InitialAlphabetMixin, Trainer,
                    optional_str, optional_unsigned, warn_unknown_options, warn_vocab_exceeded)
from .core import BpeResult, train_bpe
from .words import compute_alphabet

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
        unknown: other keywords are ignored with a warning (HF prints "Ignored unknown kwargs option").

    Unlike HF, passing ``None`` explicitly for the optional arguments is fine.

    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.BPE())
    >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
    >>> tok.train_from_iterator(corpus, BpeTrainer(vocab_size=20, show_progress=False))
    >>> tok.encode("lowest wider").tokens
    ['lo', 'west', 'wide', 'r']
    >>> trainer = BpeTrainer(vocab_size=3, progress_format="silent")
    >>> trainer.words = {"ba": 1, "ab": 1}
    >>> trainer.get_word_count(), trainer.progress_format, trainer.learn().merges
    (2, 'silent', [(0, 1, 2)])
    >>> model = models.BPE(); trainer.train(model), model.get_vocab()
    ([], {'a': 0, 'b': 1, 'ab': 2})
    """

    _name = "BpeTrainer"
    _fields = ("min_frequency", "vocab_size", "show_progress", "progress_format", "special_tokens", "limit_alphabet",
               "initial_alphabet", "continuing_subword_prefix", "end_of_word_suffix", "max_token_length", "words")
    _state_defaults = {"progress_format": "Indicatif", "max_token_length": None, "words": {}}
    _checks = {"vocab_size": unsigned, "min_frequency": unsigned, "show_progress": check_bool,
               "limit_alphabet": optional_unsigned, "max_token_length": optional_unsigned,
               "continuing_subword_prefix": optional_str, "end_of_word_suffix": optional_str}

    vocab_size: int
    min_frequency: int
    show_progress: bool
    limit_alphabet: Optional[int]
    continuing_subword_prefix: Optional[str]
    end_of_word_suffix: Optional[str]
    max_token_length: Optional[int]
    _progress_format: str

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
        **unknown: Any,
    ) -> None:
        warn_unknown_options(self._name, unknown)
        self.vocab_size = unsigned(vocab_size, "vocab_size")
        self.min_frequency = unsigned(min_frequency, "min_frequency")
        self.show_progress = bool(show_progress)  # HF refuses a non-bool; tokkit's constructor converts
        self.progress_format = progress_format
        self.special_tokens = special_tokens
        self.limit_alphabet = None if limit_alphabet is None else unsigned(limit_alphabet, "limit_alphabet")
        self.initial_alphabet = initial_alphabet
        self.continuing_subword_prefix = check_optional_str(continuing_subword_prefix, "continuing_subword_prefix")
        self.end_of_word_suffix = check_optional_str(end_of_word_suffix, "end_of_word_suffix")
        self.max_token_length = None if max_token_length is None else unsigned(max_token_length, "max_token_length")
        self.words = {}

    # -- converted attributes (like HF's setters) --------------------------
    @property
    def progress_format(self) -> str:
        """"indicatif", "json" or "silent"."""
        return PROGRESS_ARGUMENTS[self._progress_format]

    @progress_format.setter
    def progress_format(self, value: str) -> None:
        self._progress_format = PROGRESS_FORMATS.get(value, "Indicatif")  # HF: unknown -> indicatif

    def get_word_count(self) -> int:
        """Number of distinct words fed so far."""
        return len(self.words)

    # -- training ------------------------------------------------------------
    def train(self, model: Any) -> list[AddedToken]:
        """Train ``model`` (a BPE) in place; returns the special tokens."""
        if not isinstance(model, BpeTrainable):
            raise TrainingError(f"BpeTrainer can only train a BPE, got {type(model).__name__}; "
                                "use the trainer matching the model (model.get_trainer())")
        result = self.learn()
        # HF replaces the model's prefix and suffix with the trainer's; the rest is kept.
        model.set_trained_bpe(result.vocab, result.merges, self.continuing_subword_prefix, self.end_of_word_suffix)
        return self.special_tokens

    def learn(self) -> BpeResult:
        """Check ``words`` and the options, then run HF's algorithm on them; installs the result nowhere."""
        if self.words and min(self.words.values()) < 0:
            raise TrainingError("word counts must be non-negative; check trainer.words")
        result = train_bpe(
            self.words,
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
        self._warn_if_exceeded(result)
        return result

    def _warn_if_exceeded(self, result: BpeResult) -> None:
        """Warn when specials + alphabet (+ their prefixed forms) exceed vocab_size (HF silently keeps them)."""
        if len(result.vocab) <= self.vocab_size:
            return
        specials = dict.fromkeys(token.content for token in self._special_tokens)
        alphabet = compute_alphabet(self.words, self._initial_alphabet, self.limit_alphabet)
        kept = f"the {len(alphabet)} characters of the alphabet and {len(specials)} special tokens"
        if self.continuing_subword_prefix or self.end_of_word_suffix:
            kept = f"{kept} (and the chars with the prefix or suffix the words need)"
        warn_vocab_exceeded(self.vocab_size, len(result.vocab), kept)
