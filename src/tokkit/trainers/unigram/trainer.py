"""UnigramTrainer: HF's SentencePiece-style Unigram training (HF: models/unigram/trainer.rs, do_train).

Seeds come from the suffix tree of the distinct words (``seeds``);
EM with digamma, pruning by likelihood loss and finalize follow HF's
``unigram/trainer.rs`` quirks included (``em``).  Where HF depends on
hash order (the penalties of required chars missing from the model) tokkit
uses code-point order; see ``em`` for the exact tie rules.

Differences from HF: a ``vocab_size`` that cannot hold the required chars,
the special tokens and the unk token is a ``TrainingError`` (HF errors only
when the chars alone do not fit, and otherwise returns a bigger vocab); a
word containing ``"<UNK>"`` trains normally (HF panics: "likelihood is NAN");
training stops when a round removes no piece (HF loops forever).  Work is
split over fresh worker processes (``TOKKIT_NUM_PROC``) with identical results.

>>> vocab, unk_id = train_unigram({"abc": 1, "abd": 1}, vocab_size=6, special_tokens=["<unk>"],
...     initial_alphabet=[], shrinking_factor=0.75, unk_token="<unk>", max_piece_length=16,
...     n_sub_iterations=2, seed_size=1_000_000)
>>> [(piece, round(score, 4)) for piece, score in vocab], unk_id
([('<unk>', 0.0), ('ab', -0.8333), ('b', -1.8332), ('a', -1.8333), ('c', -1.8333), ('d', -1.8333)], 0)
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from ..._errors import ConfigurationError, TrainingError
from ..._support.gc import gc_paused
from ..._support.progress import progress_bar
from ..._validation import check_bool, check_optional_str, unsigned
from ...added_tokens import AddedToken
from ..base import (InitialAlphabetMixin, Trainer, UnigramTrainable, optional_str, warn_unknown_options,
                    warn_vocab_exceeded)
from .em import EmState, finalize_pieces, run_em
from .words import SortedWords
from .workers import seeds_in_fresh_process

#: HF keeps vocab_size and n_sub_iterations in a u32.
U32_MAX = 2**32 - 1

__all__ = ["train_unigram", "UnigramTrainer"]


def _check_factor(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(f"shrinking_factor must be a float in (0, 1), e.g. 0.75, got {value!r}")
    return float(value)


def train_unigram(words: Mapping[str, int], *, vocab_size: int, special_tokens: list[str], initial_alphabet: list[str],
                  shrinking_factor: float, unk_token: Optional[str], max_piece_length: int,
                  n_sub_iterations: int, seed_size: int, show_progress: bool = False, workers: int = 0
                  ) -> tuple[list[tuple[str, float]], Optional[int]]:
    """The whole algorithm on ``words`` (word -> count); returns the final vocab and unk id.

    ``workers``: processes for the per-word work (0: ``TOKKIT_NUM_PROC`` or all cores); the
    result is the same for any number.
    """
    items = SortedWords(words)  # empty words only count in vsum
    required = sorted(set("".join(words)) | set(initial_alphabet))
    _check_fits(len(required), vocab_size)
    bar = progress_bar(show_progress, desc="Suffix array seeds", total=None)
    pieces, scores = seeds_in_fresh_process(items, max_piece_length, seed_size, workers)  # "<UNK>" first
    bar.close()
    with gc_paused():  # no cycles are made here: the cyclic GC would only rescan live objects
        state = EmState(items, pieces, scores, max_piece_length, vsum=float(sum(words.values())), workers=workers)
        del items, scores  # the workers (or the in-process shard) hold what they need of the words
        try:
            bar = progress_bar(show_progress, desc="EM training")
            run_em(state, vocab_size, shrinking_factor, n_sub_iterations, on_step=lambda: bar.update(1))
            bar.close()
        finally:
            state.close()
    names = pieces.unpack()
    trained = [(names[index], state.scores[index]) for index in state.order]
    vocab, unk_id = finalize_pieces(trained, state.min_score(), required, vocab_size, special_tokens, unk_token)
    _warn_if_exceeded(len(vocab), len(required), vocab_size, special_tokens, unk_token)
    return vocab, unk_id


def _check_fits(n_required: int, vocab_size: int) -> None:
    """HF refuses more required chars than vocab_size (and only that: the specials may overflow it)."""
    if n_required > vocab_size:
        raise TrainingError(
            f"The vocabulary is not large enough to contain all chars: vocab_size={vocab_size} but the "
            f"words and initial_alphabet have {n_required} chars; raise vocab_size to more than {n_required}"
        )


def _warn_if_exceeded(trained: int, n_required: int, vocab_size: int, specials: list[str],
                      unk_token: Optional[str]) -> None:
    # HF's finalize caps the pieces at vocab_size - specials (- unk) only when that is more than the
    # required chars (else it wraps or is never reached) and says nothing; tokkit gives HF's result and warns.
    if trained > vocab_size:
        extra = len(specials) + (1 if unk_token is not None and unk_token not in specials else 0)
        kept = f"the {n_required} required chars and {extra} special/unk tokens"
        warn_vocab_exceeded(vocab_size, trained, kept, fix=" (or fewer special tokens)")


class UnigramTrainer(InitialAlphabetMixin, Trainer):
    """Trainer for :class:`~tokkit.models.Unigram` (HF ``trainers.UnigramTrainer``).

    Args:
        vocab_size: the final vocab size, special tokens included.
        show_progress: show ``tqdm`` bars.
        special_tokens: str or AddedToken, given the first ids.
        initial_alphabet: chars always in the vocab (first char of each str).
        shrinking_factor: each pruning round keeps this fraction of the pieces.
        unk_token: the unknown token; added first unless it is a special token.
        max_piece_length: the longest piece, in chars.
        n_sub_iterations: EM iterations between prunings.
        seed_size: at most this many seed pieces (HF's hidden keyword).

    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.Unigram())
    >>> tok.pre_tokenizer = pre_tokenizers.Metaspace()
    >>> trainer = UnigramTrainer(vocab_size=30, special_tokens=["<unk>"], unk_token="<unk>", show_progress=False)
    >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
    >>> tok.train_from_iterator(corpus, trainer)
    >>> tok.get_vocab_size(), tok.encode("lowest").tokens
    (17, ['▁lowe', 's', 't'])
    >>> [token.content for token in trainer.special_tokens]
    ['<unk>']
    >>> sorted(UnigramTrainer(initial_alphabet=["x", "yz"]).initial_alphabet)
    ['x', 'y']
    """

    _name = "UnigramTrainer"
    _fields = ("show_progress", "vocab_size", "n_sub_iterations", "shrinking_factor", "special_tokens",
               "initial_alphabet", "unk_token", "max_piece_length", "seed_size", "words")
    _state_defaults = {"seed_size": 1_000_000, "words": {}}
    _checks = {"vocab_size": lambda value, name: unsigned(value, name, U32_MAX), "show_progress": check_bool,
               "shrinking_factor": lambda value, _name: _check_factor(value), "unk_token": optional_str,
               "max_piece_length": unsigned, "n_sub_iterations": lambda value, name: unsigned(value, name, U32_MAX),
               "seed_size": unsigned}

    vocab_size: int
    show_progress: bool
    shrinking_factor: float
    unk_token: Optional[str]
    max_piece_length: int
    n_sub_iterations: int
    seed_size: int

    def __init__(
        self,
        vocab_size: int = 8000,
        show_progress: bool = True,
        special_tokens: Any = (),
        initial_alphabet: Any = (),
        shrinking_factor: float = 0.75,
        unk_token: Optional[str] = None,
        max_piece_length: int = 16,
        n_sub_iterations: int = 2,
        seed_size: int = 1_000_000,
        **unknown: Any,
    ) -> None:
        warn_unknown_options(self._name, unknown)
        self.vocab_size = unsigned(vocab_size, "vocab_size", U32_MAX)
        self.show_progress = bool(show_progress)  # HF refuses a non-bool; tokkit's constructor converts
        self.special_tokens = special_tokens
        self.initial_alphabet = initial_alphabet
        self.shrinking_factor = _check_factor(shrinking_factor)
        self.unk_token = check_optional_str(unk_token, "unk_token")
        self.max_piece_length = unsigned(max_piece_length, "max_piece_length")
        self.n_sub_iterations = unsigned(n_sub_iterations, "n_sub_iterations", U32_MAX)
        self.seed_size = unsigned(seed_size, "seed_size")
        self.words = {}

    def train(self, model: Any) -> list[AddedToken]:
        """Train ``model`` (a Unigram) in place; returns the special tokens.

        >>> from tokkit import models
        >>> trainer = UnigramTrainer(vocab_size=8, special_tokens=["<unk>"], unk_token="<unk>", show_progress=False)
        >>> trainer.words = {"▁hug": 10, "▁pug": 5, "▁hugs": 5}
        >>> model = models.Unigram(); [token.content for token in trainer.train(model)], model.get_vocab_size()
        (['<unk>'], 8)
        """
        if not isinstance(model, UnigramTrainable):
            raise TrainingError(f"UnigramTrainer can only train a Unigram, got {type(model).__name__}; "
                                "use the trainer matching the model (model.get_trainer())")
        if self.words and min(self.words.values()) < 0:
            raise TrainingError("word counts must be non-negative; check trainer.words")
        vocab, unk_id = train_unigram(
            self.words,
            vocab_size=self.vocab_size,
            special_tokens=[token.content for token in self._special_tokens],
            initial_alphabet=self._initial_alphabet,
            shrinking_factor=self.shrinking_factor,
            unk_token=self.unk_token,
            max_piece_length=self.max_piece_length,
            n_sub_iterations=self.n_sub_iterations,
            seed_size=self.seed_size,
            show_progress=self.show_progress,
        )
        model.set_trained_unigram(vocab, unk_id)
        return self.special_tokens
