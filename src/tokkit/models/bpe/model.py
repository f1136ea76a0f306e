"""BPE: byte-pair encoding with HF's exact merge order and unknown handling.

Encoding one word (HF ``BPE::merge_word`` + ``Word::merge_all``):

1. Each char becomes a symbol: ``continuing_subword_prefix`` is put before
   every char but the first and ``end_of_word_suffix`` after the last.  A
   string missing from the vocab becomes ``<0xHH>`` byte tokens (with
   ``byte_fallback``, prefix and suffix bytes included), else the unk token
   (fused with its neighbours if ``fuse_unk``), else it is **dropped
   silently** and its neighbours may merge across the gap (HF: models/bpe/model.rs, merge_word).
2. Adjacent pairs merge lowest rank first, leftmost first, one merge at a
   time (a merge can create a pair with a lower rank that then goes first).
3. Offsets are cumulative symbol lengths, so dropped chars shift them; tokkit
   reports them in chars of the word (HF: bytes).

Results of ``tokenize`` are cached per word when dropout is off: the returned
list is shared, callers must not mutate it.  A whole line encoded as one word
(phi-3, Llama: no pre-tokenizer) is merged piece by piece, each ``▁...`` run
cached, when the merges show no merge can join a char to a following ``▁``
(see ``_segment_splitter``); the result is HF's, as the heap order restricted
to one piece is that piece's own order.  Words of 1024 chars and more (a
whole text without pre-tokenizer, a 10 MB run of letters) are merged by
rank buckets with whole-list steps per char, and a text's many new words
together (``tokenizing``, ``buckets``, ``long_word``).

>>> bpe = BPE({"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4}, [("a", "b"), ("ab", "c")])
>>> [(t.value, t.offsets) for t in bpe.tokenize("abxxc")]
[('abc', (0, 3))]

What this module does not do: training (see ``tokkit.trainers``), the encoding loop itself (``tokenizing``).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

import regex

from ..._errors import ConfigurationError, SerializationError, TokkitError
from ..._json.serde_json import dumps
from ..._json.serde_repr import Struct
from ..._support.files import atomic_write_text
from ..._validation import (
    check_count, check_optional_str, json_array, json_bool, json_f64, json_field, json_object, json_optional, json_str,
    require_fields,
)  # fmt: skip
from ...capabilities import ModelFastPath
from ...trainers import BpeTrainer
from ..base import (
    MODELS,
    Model,
    cache_clearing,
    check_vocab,
    f32,
    f32_json,
    ordered_vocab,
    read_json_vocab,
    read_lines,
)  # fmt: skip
from .serialization import check_dropout, optional_flag, parse_merge_lines, parse_merges
from .tokenizing import Tokenizing
from .word import build_merges, metaspace_closed

__all__ = ["DEFAULT_CACHE_CAPACITY", "Pair", "BPE"]


# HF caches 10,000 words per thread; a miss costs far more in Python, so tokkit
# keeps more.  Like HF, a full cache stops taking new words (no eviction).
DEFAULT_CACHE_CAPACITY = 100_000


Pair = tuple[int, int]


_SEGMENT_RE = regex.compile("\u2581+[^\u2581]*|[^\u2581]+")


def _as_f32(dropout: Any) -> float | None:
    return None if dropout is None else f32(float(dropout))  # HF stores an f32


@MODELS.register("BPE")
class BPE(Tokenizing, Model):
    """Byte-Pair Encoding model (HF ``models.BPE``).

    Args:
        vocab: token -> id dict (or a ``vocab.json`` path, with ``merges`` a path too).
        merges: list of ``(a, b)`` pairs in rank order.
        cache_capacity: how many words to cache (0 disables the cache).
        dropout: BPE-dropout probability in [0, 1]; disables the cache.  Draws come from
            Python's module-level ``random`` (HF's RNG cannot be seeded), so
            ``random.seed(n)`` makes dropout reproducible.
        unk_token: token for unknown chars; None drops them silently.
        continuing_subword_prefix: prefix of non-initial symbols (e.g. ``"##"``).
        end_of_word_suffix: suffix of the last symbol (e.g. ``"</w>"``).
        fuse_unk: merge consecutive unknown chars into one unk token.
        byte_fallback: use ``<0xHH>`` tokens instead of unk when they exist.
        ignore_merges: a word found whole in the vocab is one token.

    >>> [(t.id, t.value, t.offsets) for t in BPE({"a": 0, "b": 1, "ab": 2}, [("a", "b")]).tokenize("abba")]
    [(2, 'ab', (0, 2)), (1, 'b', (2, 3)), (0, 'a', (3, 4))]
    >>> bpe = BPE({"a": 0, "b": 1, "ab": 2, "<unk>": 3}, [("a", "b")], unk_token="<unk>", fuse_unk=True, dropout=0.5)
    >>> bpe.unk_token, bpe.fuse_unk, bpe.dropout, bpe.byte_fallback, bpe.ignore_merges
    ('<unk>', True, 0.5, False, False)
    >>> bpe.continuing_subword_prefix, bpe.end_of_word_suffix, bpe.fast_path().deterministic, bpe.segments_function()
    (None, None, False, None)
    >>> bpe.dropout = None; [t.value for t in bpe.tokenize("abxyab")], type(bpe.get_trainer()).__name__
    (['ab', '<unk>', 'ab'], 'BpeTrainer')
    >>> bpe.set_trained_bpe({"x": 0, "y": 1, "xy": 2}, [(0, 1, 2)], None, None); [t.value for t in bpe.tokenize("xyx")]
    ['xy', 'x']
    """

    _fields = ("dropout", "unk_token", "continuing_subword_prefix", "end_of_word_suffix", "fuse_unk",
               "byte_fallback", "ignore_merges", "vocab", "merges")

    _metaspace_closed: bool  # no merge joins a char to a following "▁" (see _segment_splitter)

    # The options tokenization depends on: setting one clears the caches.  Hot paths read the
    # private attributes.
    dropout = cache_clearing("_dropout", "BPE-dropout probability (an f32, like HF), or None.", _as_f32)
    unk_token = cache_clearing("_unk_token", "Token for unknown chars; None drops them.")
    continuing_subword_prefix = cache_clearing("_continuing_subword_prefix", "Prefix of non-initial symbols.")
    end_of_word_suffix = cache_clearing("_end_of_word_suffix", "Suffix of the last symbol.")
    fuse_unk = cache_clearing("_fuse_unk", "Merge consecutive unknown chars into one unk token.")
    byte_fallback = cache_clearing("_byte_fallback", "Use <0xHH> tokens instead of unk when they exist.")
    ignore_merges = cache_clearing("_ignore_merges", "A word found whole in the vocab is one token.")

    def __init__(
        self,
        vocab: "Mapping[str, int] | str | None" = None,
        merges: "Iterable[tuple[str, str]] | str | None" = None,
        cache_capacity: int | None = None,
        dropout: float | None = None,
        unk_token: str | None = None,
        continuing_subword_prefix: str | None = None,
        end_of_word_suffix: str | None = None,
        fuse_unk: bool | None = None,
        byte_fallback: bool = False,
        ignore_merges: bool = False,
    ) -> None:
        self._build(vocab, merges, cache_capacity, dropout, unk_token, continuing_subword_prefix,
                    end_of_word_suffix, fuse_unk, byte_fallback, ignore_merges, ConfigurationError)

    def _build(self, vocab: Any, merges: Any, cache_capacity: Any, dropout: Any, unk_token: Any, prefix: Any,
               suffix: Any, fuse_unk: Any, byte_fallback: Any, ignore_merges: Any, error: type[TokkitError]) -> None:
        if (vocab is None) != (merges is None):
            raise error("`vocab` and `merges` must be both specified")
        if isinstance(vocab, str) or isinstance(merges, str):
            if not (isinstance(vocab, str) and isinstance(merges, str)):
                raise error("`vocab` and `merges` must be both be from memory or both filenames")
            vocab, merges = BPE.read_file(vocab, merges)
        vocab = check_vocab(vocab if vocab is not None else {}, error)
        pairs = parse_merges(merges if merges is not None else [], error)
        self._install(vocab, pairs, cache_capacity, dropout, unk_token, prefix, suffix, fuse_unk, byte_fallback,
                      ignore_merges, error)

    def _install(self, vocab: dict[str, int], pairs: list[tuple[str, str]], cache_capacity: Any, dropout: Any,
                 unk_token: Any, prefix: Any, suffix: Any, fuse_unk: Any, byte_fallback: Any, ignore_merges: Any,
                 error: type[TokkitError]) -> None:
        """Set a checked vocab and parsed merges, with the options (checked here)."""
        self._cache = {}
        self._cache_capacity = (DEFAULT_CACHE_CAPACITY if cache_capacity is None
                                else check_count(cache_capacity, "cache_capacity", error=error))
        # The options go to the private attributes: _set_model clears the caches once all are set.
        self._dropout = check_dropout(dropout, error)
        self._unk_token = check_optional_str(unk_token, "unk_token", error)
        self._continuing_subword_prefix = check_optional_str(prefix, "continuing_subword_prefix", error)
        self._end_of_word_suffix = check_optional_str(suffix, "end_of_word_suffix", error)
        self._fuse_unk = optional_flag(fuse_unk, "fuse_unk", error)
        self._byte_fallback = optional_flag(byte_fallback, "byte_fallback", error)
        self._ignore_merges = optional_flag(ignore_merges, "ignore_merges", error)
        self._set_model(vocab, build_merges(vocab, pairs, prefix, error))

    def _set_model(self, vocab: dict[str, int], merges: dict[Pair, tuple[int, int]]) -> None:
        """Replace vocab and merges in place, then forget cached words."""
        self._merges = merges
        self._table = None
        self._metaspace_closed = metaspace_closed(vocab, merges)
        self._set_vocab(vocab)  # clears the caches

    def set_trained_bpe(self, vocab: dict[str, int], merges: list[tuple[int, int, int]],
                        continuing_subword_prefix: str | None, end_of_word_suffix: str | None) -> None:
        """Install a ``BpeTrainer``'s result: vocab, merges ``(id_a, id_b, new_id)`` by rank, prefix and suffix."""
        # HF: models/bpe/trainer.rs, do_train replaces these four; dropout, unk and the flags stay.
        self._continuing_subword_prefix = continuing_subword_prefix
        self._end_of_word_suffix = end_of_word_suffix
        self._set_model(dict(vocab), {(a, b): (rank, new_id) for rank, (a, b, new_id) in enumerate(merges)})

    def _clear_cache(self) -> None:
        self._cache.clear()
        self._segment_cache = {}
        self._segments = self._segment_splitter()

    def _segment_splitter(self) -> Callable[[str], list[str]] | None:
        """``findall`` splitting a word before each ``▁`` run, when no merge can cross there.

        Then each piece merges exactly as inside the whole word (HF's heap
        order restricted to a piece is the piece's own order), so a whole line
        encoded as one word (phi-3, Llama) reuses cached pieces.  Not with a
        prefix/suffix (they depend on the position in the word).
        """
        unk = self._unk_token
        if (not self._metaspace_closed or self._continuing_subword_prefix is not None
                or self._end_of_word_suffix is not None or (unk is not None and not unk.strip("\u2581"))):
            return None
        return _SEGMENT_RE.findall

    def segments_function(self) -> Callable[[str], list[str]] | None:
        """A splitter whose pieces ``tokenize`` can encode one by one, as inside the whole word; else None.

        For callers that cache pieces (the no-pre-tokenizer fast path).  None
        with dropout or ``ignore_merges`` (HF checks the *whole* word against
        the vocab, not each piece).
        """
        if self._ignore_merges or (self._dropout is not None and self._dropout != 0.0):
            return None
        return self._segments

    # HF's private cache controls: ``_clear_cache()`` above and ``_resize_cache``.
    def _resize_cache(self, capacity: int) -> None:
        """Change how many words the cache holds."""
        self._cache_capacity = int(capacity)
        self._clear_cache()

    # -- files -----------------------------------------------------------
    @staticmethod
    def read_file(vocab: str, merges: str) -> tuple[dict[str, int], list[tuple[str, str]]]:
        """Read ``vocab.json`` and ``merges.txt``; returns ``(vocab, merges)``.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     print(BPE.read_file(*BPE({"a": 0, "b": 1, "ab": 2}, [("a", "b")]).save(folder)))
        ({'a': 0, 'b': 1, 'ab': 2}, [('a', 'b')])
        """
        return read_json_vocab(vocab), parse_merge_lines(read_lines(merges, "merges"), SerializationError)

    @classmethod
    def from_file(cls, vocab: str, merges: str, **kwargs: Any) -> "BPE":
        """Build a BPE from ``vocab.json`` and ``merges.txt`` files.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     vocab, merges = BPE({"a": 0, "b": 1, "ab": 2}, [("a", "b")]).save(folder)
        ...     print(BPE.from_file(vocab, merges).get_vocab_size())
        3
        """
        vocab_map, merge_list = cls.read_file(vocab, merges)
        return cls(vocab_map, merge_list, **kwargs)

    def _save_files(self, folder: str, prefix: str | None) -> list[str]:
        vocab_path = self._file_name(folder, prefix, "vocab.json")
        merges_path = self._file_name(folder, prefix, "merges.txt")
        atomic_write_text(vocab_path, dumps(ordered_vocab(self._vocab_r)))
        lines = ["#version: 0.2\n"] + [f"{a} {b}\n" for a, b in self._merge_strings()]
        atomic_write_text(merges_path, "".join(lines))
        return [vocab_path, merges_path]

    def fast_path(self) -> ModelFastPath:
        """What the encode fast path may assume: the tokens are a function of the word (unless ``dropout``)."""
        # Dropout draws at random; otherwise the tokens are a function of the word.
        return ModelFastPath(deterministic=not self._dropout, segments=self.segments_function())

    def get_trainer(self) -> BpeTrainer:
        """A default :class:`~tokkit.trainers.BpeTrainer`."""
        return BpeTrainer()

    # -- JSON ------------------------------------------------------------
    def _merge_strings(self) -> list[tuple[str, str]]:
        ranked = sorted(self._merges.items(), key=lambda item: item[1][0])
        vocab_r = self._vocab_r
        return [(vocab_r[a], vocab_r[b]) for (a, b), _ in ranked]

    def _json_fields(self) -> dict[str, Any]:
        return {
            "dropout": None if self.dropout is None else f32_json(self.dropout),
            "unk_token": self.unk_token,
            "continuing_subword_prefix": self.continuing_subword_prefix,
            "end_of_word_suffix": self.end_of_word_suffix,
            "fuse_unk": self.fuse_unk,
            "byte_fallback": self.byte_fallback,
            "ignore_merges": self.ignore_merges,
            "vocab": ordered_vocab(self._vocab_r),
            "merges": [list(pair) for pair in self._merge_strings()],
        }

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "BPE":
        # Each field is read (and located) here; _install then only combines them.
        require_fields(data, "vocab", "merges", what="BPE")  # before any work: legacy JSON tries BPE first
        vocab = json_field(data, "vocab", _json_vocab)
        merges = json_field(data, "merges", _json_merges)
        dropout, unk, prefix, suffix, fuse_unk, byte_fallback, ignore_merges = (
            json_field(data, name, reader, None) for name, reader in _OPTIONS)
        model = cls.__new__(cls)
        model._install(vocab, merges, None, dropout, unk, prefix, suffix, fuse_unk, byte_fallback, ignore_merges,
                       SerializationError)
        return model

    def _repr_struct(self) -> Struct:
        fields = [(k, v) for k, v in self._json_fields().items() if k != "merges"]
        fields[0] = ("dropout", self.dropout)  # repr shows the f32 widened to f64
        return Struct("BPE", fields + [("merges", [tuple(p) for p in self._merge_strings()])])


def _json_vocab(value: Any, name: str) -> dict[str, int]:
    return check_vocab(json_object(value), SerializationError)


def _json_merges(value: Any, name: str) -> list[tuple[str, str]]:
    return parse_merges(json_array(value), SerializationError)


#: BPE's optional fields in ``_build``'s order (HF: models/bpe/serialization.rs, ``BPEVisitor``).
_OPTIONS = (
    ("dropout", json_optional(json_f64)),
    ("unk_token", json_optional(json_str)),
    ("continuing_subword_prefix", json_optional(json_str)),
    ("end_of_word_suffix", json_optional(json_str)),
    ("fuse_unk", json_optional(json_bool)),
    ("byte_fallback", json_optional(json_bool)),
    ("ignore_merges", json_optional(json_bool)),
)
