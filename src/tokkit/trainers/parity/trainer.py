"""ParityBpeTrainer: HF's parity-aware BPE trainer (bindings/python/src/trainers.rs, ``PyParityBpeTrainer``).

It is not a ``Trainer``: ``Tokenizer.train_from_iterator`` cannot give it one
corpus per language.  Its own ``train_from_iterator(tokenizer, train_iterators,
dev_iterators=None, ratio=None)`` counts each language's words with the
tokenizer's normalizer and pre-tokenizer, trains, and then (as HF) gives the
tokenizer a new default ``BPE`` holding the result and adds the special tokens.

>>> import tokkit
>>> tokenizer = tokkit.Tokenizer(tokkit.models.BPE())
>>> tokenizer.pre_tokenizer = tokkit.pre_tokenizers.Whitespace()
>>> trainer = ParityBpeTrainer(num_merges=2, show_progress=False)
>>> trainer.train_from_iterator(tokenizer, [["ab ab ab"], ["cd"]])
>>> sorted(tokenizer.get_vocab().items(), key=lambda item: item[1])
[('a', 0), ('b', 1), ('c', 2), ('d', 3), ('ab', 4), ('cd', 5)]
"""

from __future__ import annotations

import json
import math
from typing import Any, Iterable, Optional, Sequence

from ..._errors import ArgumentTypeError, TrainingError
from ..._validation import check_bool, check_optional_str, unsigned
from ...added_tokens import AddedToken
from ..base import BpeTrainable, Trainer, to_alphabet, to_special_tokens
from .core import ParityOptions, train_parity_bpe

__all__ = ["ParityBpeTrainer", "ParityTrainingError"]

_VARIANTS = ("base", "window")
#: HF's default ``BPE`` as the tokenizer.json model it writes (the model a trained tokenizer gets).
_DEFAULT_BPE: dict[str, Any] = {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                "vocab": {}, "merges": []}


class ParityTrainingError(TrainingError, RuntimeError):
    """A ParityBpeTrainer setting that does not fit the corpora (HF raises ``RuntimeError("Training error: ...")``)."""


class _WordCounter(Trainer):
    """Collects the words ``Tokenizer.train_from_iterator`` counts, and trains nothing."""

    _name = "WordCounter"
    show_progress = False

    def __init__(self) -> None:
        self.words: dict[str, int] = {}
        self._special_tokens = []

    def train(self, model: Any) -> list[AddedToken]:
        return []


def _variant(value: Any) -> str:
    if not isinstance(value, str):
        raise ArgumentTypeError(f"variant must be a str, \"base\" or \"window\", got {type(value).__name__}")
    if value not in _VARIANTS:
        raise ValueError(f"Unknown variant '{value}'. Use 'base' or 'window'.")
    return value


def _ratios(value: Any) -> Optional[list[float]]:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ArgumentTypeError(f"ratio must be a list of floats, one per language, got {type(value).__name__}")
    out = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, float)):
            raise ArgumentTypeError(f"ratio must be a list of floats, got {item!r:.40}")
        out.append(float(item))
    return out


class ParityBpeTrainer:
    """Parity-aware BPE over one corpus per language (HF ``trainers.ParityBpeTrainer``).

    Args:
        num_merges: merges to make (with ``total_symbols``: the whole vocab size).
        variant: ``"base"`` (the longest language gets the merge) or ``"window"`` (a moving window
            of ``window_size`` picks keeps any language under ``alpha / languages`` of them).
        min_frequency, special_tokens, limit_alphabet, initial_alphabet, show_progress: as
            :class:`BpeTrainer`, and so are continuing_subword_prefix, end_of_word_suffix, max_token_length.
        ratio: target compression rate per language (instead of a dev set).
        global_merges: the first merges use counts summed over all languages.
        total_symbols: ``num_merges`` counts specials and alphabet too.

    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.BPE())
    >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> trainer = ParityBpeTrainer(num_merges=6, show_progress=False)
    >>> trainer.train_from_iterator(tok, [["low lower lowest"], ["neu neuer neueste"]], ratio=[1.0, 1.0])
    >>> tok.encode("lowest neueste").tokens
    ['lowe', 's', 't', 'neue', 's', 't', 'e']
    """

    _variant: str
    _ratio: Optional[list[float]]
    num_merges: int
    min_frequency: int
    global_merges: int
    window_size: int
    alpha: float
    total_symbols: bool
    special_tokens: list[AddedToken]
    show_progress: bool
    limit_alphabet: Optional[int]
    initial_alphabet: list[str]
    continuing_subword_prefix: Optional[str]
    end_of_word_suffix: Optional[str]
    max_token_length: Optional[int]

    def __init__(self, num_merges: int = 32000, variant: str = "base", min_frequency: int = 0,
                 ratio: Optional[Sequence[float]] = None, global_merges: int = 0, window_size: int = 100,
                 alpha: float = 2.0, total_symbols: bool = False, special_tokens: Optional[list[Any]] = None,
                 show_progress: bool = True, limit_alphabet: Optional[int] = None,
                 initial_alphabet: Optional[Sequence[str]] = None, continuing_subword_prefix: Optional[str] = None,
                 end_of_word_suffix: Optional[str] = None, max_token_length: Optional[int] = None) -> None:
        self.num_merges = num_merges
        self._set_fixed(variant, ratio)
        self.min_frequency = min_frequency
        self.global_merges = global_merges
        self.window_size = window_size
        self.alpha = alpha
        self.total_symbols = total_symbols
        self.special_tokens = [] if special_tokens is None else special_tokens
        self.show_progress = show_progress
        self.limit_alphabet = limit_alphabet
        self.initial_alphabet = to_alphabet([] if initial_alphabet is None else initial_alphabet)
        self.continuing_subword_prefix = continuing_subword_prefix
        self.end_of_word_suffix = end_of_word_suffix
        self.max_token_length = max_token_length

    # -- checked attributes (HF's setters convert like its constructor) --------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        check = _CHECKS.get(name)
        if name == "variant":
            raise AttributeError("attribute 'variant' of 'ParityBpeTrainer' objects is not writable")
        if check is None:
            raise AttributeError(f"'ParityBpeTrainer' object has no attribute '{name}'")
        object.__setattr__(self, name, check(value, name))

    def _set_fixed(self, variant: Any, ratio: Any) -> None:
        # HF: variant is read-only and the trainer's ratio is neither readable nor writable.
        object.__setattr__(self, "_variant", _variant(variant))
        object.__setattr__(self, "_ratio", _ratios(ratio))

    @property
    def variant(self) -> str:
        """``"base"`` or ``"window"`` (read-only, as in HF).

        >>> ParityBpeTrainer().variant, ParityBpeTrainer(variant="window").variant
        ('base', 'window')
        """
        return self._variant

    def _options(self, ratio: Optional[list[float]]) -> ParityOptions:
        return ParityOptions(
            num_merges=self.num_merges, variant=self.variant, min_frequency=self.min_frequency, ratio=ratio,
            global_merges=self.global_merges, window_size=self.window_size, alpha=self.alpha,
            total_symbols=self.total_symbols, special_tokens=[t.content for t in self.special_tokens],
            limit_alphabet=self.limit_alphabet, initial_alphabet=self.initial_alphabet,
            prefix=self.continuing_subword_prefix, suffix=self.end_of_word_suffix,
            max_token_length=self.max_token_length)

    def train_from_iterator(self, tokenizer: Any, train_iterators: Sequence[Iterable[Any]],
                            dev_iterators: Optional[Sequence[Iterable[Any]]] = None,
                            ratio: Optional[Sequence[float]] = None) -> None:
        """Train ``tokenizer`` on one iterator per language (str or batches of str), as HF does.

        >>> from tokkit import Tokenizer, models, pre_tokenizers
        >>> tok = Tokenizer(models.BPE())
        >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
        >>> english, german = ["low lower lowest"], ["neu neuer neueste"]
        >>> ParityBpeTrainer(num_merges=6, show_progress=False).train_from_iterator(tok, [english, german], ratio=[1.0, 1.0])
        >>> tok.get_vocab_size()
        15
        """
        train_iterators = list(train_iterators)
        if not train_iterators:
            raise ValueError("train_iterators must not be empty")
        if dev_iterators is not None and len(dev_iterators) != len(train_iterators):
            raise ValueError(f"dev_iterators length ({len(dev_iterators)}) must match train_iterators length "
                             f"({len(train_iterators)})")
        has_dev = bool(dev_iterators)
        # HF: a dev set wins over any ratio; the call's ratio wins over the trainer's.
        effective = None if has_dev else (_ratios(ratio) if ratio is not None else self._ratio)
        train = [_count(tokenizer, iterator) for iterator in train_iterators]
        dev = [_count(tokenizer, iterator) for iterator in dev_iterators or []]
        options = self._options(effective)
        _validate(options, len(train))
        result = train_parity_bpe(train, dev, options)
        model = type(tokenizer).from_str(json.dumps({
            "version": "1.0", "truncation": None, "padding": None, "added_tokens": [], "normalizer": None,
            "pre_tokenizer": None, "post_processor": None, "decoder": None, "model": _DEFAULT_BPE})).model
        if not isinstance(model, BpeTrainable):
            raise TrainingError("the tokenizer's default BPE cannot be trained; check the BPE model class")
        model.set_trained_bpe(result.vocab, result.merges, options.prefix, options.suffix)
        tokenizer.model = model
        tokenizer.add_special_tokens(self.special_tokens)

    # -- HF's repr and pickle state ------------------------------------------------------------
    def __repr__(self) -> str:
        return (f"ParityBpeTrainer(num_merges={self.num_merges}, variant=\"{self.variant}\", "
                f"min_frequency={self.min_frequency}, global_merges={self.global_merges}, "
                f"window_size={self.window_size}, alpha={_rust_float(self.alpha)}, "
                f"total_symbols={str(self.total_symbols).lower()})")

    __str__ = __repr__

    def __getstate__(self) -> dict[str, Any]:
        return {"num_merges": self.num_merges, "variant": self.variant, "min_frequency": self.min_frequency,
                "global_merges": self.global_merges, "window_size": self.window_size, "alpha": self.alpha,
                "total_symbols": self.total_symbols, "show_progress": self.show_progress,
                "ratio": None if self._ratio is None else list(self._ratio),
                "special_tokens": [token.content for token in self.special_tokens],
                "limit_alphabet": self.limit_alphabet, "initial_alphabet": list(self.initial_alphabet),
                "continuing_subword_prefix": self.continuing_subword_prefix,
                "end_of_word_suffix": self.end_of_word_suffix, "max_token_length": self.max_token_length}

    def __setstate__(self, state: dict[str, Any]) -> None:
        optional = ("limit_alphabet", "continuing_subword_prefix", "end_of_word_suffix", "max_token_length")
        self._set_fixed(state["variant"], state.get("ratio"))
        for name in ("num_merges", "min_frequency", "global_merges", "window_size", "alpha",
                     "total_symbols", "show_progress", "special_tokens"):
            setattr(self, name, state[name])  # HF: a missing one is a KeyError
        for name in optional:
            setattr(self, name, state.get(name))
        self.initial_alphabet = state.get("initial_alphabet") or []


def _count(tokenizer: Any, iterator: Iterable[Any]) -> dict[str, int]:
    """One language's words, normalized and pre-tokenized by ``tokenizer`` (HF: ``pretokenize_sequence``)."""
    counter = _WordCounter()
    tokenizer.train_from_iterator(iterator, trainer=counter)  # the counter leaves the model as it is
    return counter.words


def _validate(options: ParityOptions, languages: int) -> None:
    """HF's ``validate_train_config``: errors are ``RuntimeError("Training error: ...")`` there."""
    problem = None
    if options.ratio is not None and len(options.ratio) != languages:
        problem = f"ratio length ({len(options.ratio)}) does not match number of languages ({languages})"
    elif options.variant == "window" and options.window_size == 0:
        problem = "window_size must be > 0 when variant is Window"
    elif options.variant == "window" and (not math.isfinite(options.alpha) or options.alpha <= 0):
        problem = f"alpha must be a positive finite number when variant is Window (got {options.alpha})"
    else:
        for index, value in enumerate(options.ratio or []):
            if not math.isfinite(value) or value <= 0:
                problem = f"ratio[{index}] must be a positive finite number (got {_rust_float(value)})"
                break
    if problem is not None:
        raise ParityTrainingError(f"Training error: {problem}")


def _rust_float(value: float) -> str:
    """Rust's ``{}`` for an f64: ``2`` for 2.0, ``inf``, ``NaN``, else the shortest repr."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return str(int(value)) if value.is_integer() else repr(value)


def _float(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ArgumentTypeError(f"{name} must be a float, got {type(value).__name__} {value!r:.40}")
    return float(value)


def _optional_unsigned(value: Any, name: str) -> Optional[int]:
    return None if value is None else unsigned(value, name)


_CHECKS: dict[str, Any] = {
    "num_merges": unsigned, "min_frequency": unsigned, "global_merges": unsigned, "window_size": unsigned,
    "alpha": _float, "total_symbols": check_bool, "show_progress": check_bool,
    "special_tokens": lambda value, _name: to_special_tokens(value),
    "limit_alphabet": _optional_unsigned, "max_token_length": _optional_unsigned,
    "initial_alphabet": lambda value, _name: to_alphabet(value),
    "continuing_subword_prefix": check_optional_str, "end_of_word_suffix": check_optional_str,
}
