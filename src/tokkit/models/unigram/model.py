"""Unigram: the SentencePiece unigram language model (HF ``models/unigram/model.rs``).

Encoding one word (HF ``encode_optimized`` + ``tokenize``):

1. Viterbi over char positions.  Every vocab piece starting at a position is
   an edge with its score; a position with no single-char piece gets an unk
   edge of one char scored ``min_score - 10``.  Starts are relaxed in
   increasing order and only a **strictly greater** score replaces the best
   path to an end, so on ties the earliest start (the longest last piece)
   wins.
2. Consecutive unk edges are fused into one token whose string is the raw
   text (HF: models/unigram/model.rs, encode_optimized).  Its id is looked up
   again: the text's own id if it is a piece, else with ``byte_fallback`` one
   ``<0xHH>`` token per UTF-8 byte (all or nothing, each with the whole span's
   offsets), else ``unk_id``.
3. Offsets are chars of the word (HF: bytes; tokkit's pipeline works in chars).

The Viterbi and the path's tokens are in ``best_path``.  A word of
``_LONG_WORD`` chars or more (a text without spaces) is read back with
whole-list operations and the cyclic GC paused; ``tokenize_ends`` gives
its tokens as three lists, without Token objects, to the encode fast path.

With ``alpha`` set (and not 0) the model samples a segmentation instead
(see ``lattice.Lattice``); tokkit draws from Python's
global :mod:`random`, so ``random.seed(n)`` makes sampling reproducible (HF
uses an unseeded ``thread_rng``: a deliberate difference).

The class docstring shows these steps on a small vocabulary.  What this module does not do: training (``tokkit.trainers.UnigramTrainer``).
"""

from __future__ import annotations

import math
from contextlib import nullcontext
from typing import Any, Iterable, Mapping, Optional, cast

from ..._errors import ConfigurationError, SerializationError, TokkitError
from ..._json.serde_json import dumps
from ..._json.serde_repr import Struct
from ..._support.files import atomic_write_text
from ..._support.gc import gc_paused
from ..._validation import check_count
from ...capabilities import ModelFastPath
from ...normalized import Token, TokenColumns, past_prefix, unzip_tokens
from ...trainers import UnigramTrainer
from ..base import MODELS, Model, cache_clearing
from .best_path import Columns, columns_tokens, missing_unk, offset_columns, path_columns, path_tokens, viterbi
from .lattice import Lattice
from .serialization import check_alpha, check_byte_fallback, check_pieces, check_unk_id
from .trie import Trie, build_trie, populate_lattice, unused_char

__all__ = ["K_UNK_PENALTY", "DEFAULT_CACHE_CAPACITY", "Unigram"]


K_UNK_PENALTY = 10.0  # HF's ``K_UNK_PENALTY``: an unk edge scores min_score - 10

# HF caches every word; a dict without eviction that stops growing when full, like BPE's.
DEFAULT_CACHE_CAPACITY = 100_000


_MAX_CACHED_LENGTH = 256  # HF caches words shorter than 256 bytes; chars here (same results)

# From this length on, a word's tokens are built with whole-list operations and the cyclic GC
# paused (a 10 MB word makes millions of Tokens: the GC would rescan them again and again).
_LONG_WORD = 256


_BYTE_PIECES = tuple(f"<0x{byte:02X}>" for byte in range(256))

_new_token = tuple.__new__  # Token(...) without the NamedTuple __new__ overhead (hot path)


@MODELS.register("Unigram")
class Unigram(Model):
    """Unigram language model (HF ``models.Unigram``).

    Args:
        vocab: list of ``(piece, score)``; the id of a piece is its index.
            ``None`` (with ``unk_id`` None) gives ``[("<unk>", 0.0)]``, unk_id 0.
        unk_id: index of the unk piece, or None (then unknown chars raise
            :class:`~tokkit.MissingUnkTokenError` when they are needed).
        byte_fallback: turn unknown text into ``<0xHH>`` pieces when all exist.
        alpha: sampling smoothing; when set (and not 0) each call samples a
            segmentation (Python's global ``random``; HF's is unseeded).
        nbest_size: sample among the n best segmentations instead of the full lattice.

    >>> u = Unigram([("<unk>", 0.0), ("a", -1.0), ("b", -2.0), ("ab", -2.5)], unk_id=0)
    >>> [(t.value, t.id, t.offsets) for t in u.tokenize("abxyb")]
    [('ab', 3, (0, 2)), ('xy', 0, (2, 4)), ('b', 2, (4, 5))]
    >>> u.tokenize_columns("abxyb"), u.fast_path().deterministic
    (([3, 0, 2], ['ab', 'xy', 'b'], [(0, 2), (2, 4), (4, 5)]), True)
    >>> u.id_to_token(3), u.get_vocab_size(), u.unk_id, u.vocab[1], u.byte_fallback, u.alpha, u.nbest_size
    ('ab', 4, 0, ('a', -1.0), False, None, None)
    >>> u.set_trained_unigram([("<unk>", 0.0), ("x", -1.0)], 0); u.vocab, type(u.get_trainer()).__name__
    ([('<unk>', 0.0), ('x', -1.0)], 'UnigramTrainer')
    """

    _fields = ("unk_id", "vocab", "byte_fallback")

    _pieces: list[tuple[str, float]]
    _unk_id: int | None
    _scores: list[float]  # per id
    _strings: list[str]  # the piece string of each id
    _lengths: list[int]  # the length of each piece (to walk the best path back)
    _trie: Trie  # see trie.build_trie
    _end_mark: str  # a char in no piece: ends every trie walk
    min_score: float  # the lowest score (HF's ``min_score``)
    _unk_score: float  # the score of an unk edge
    _cache: dict[str, list[Token]]
    _cache_capacity: int
    _byte_fallback: bool
    _alpha: float | None
    _nbest_size: int | None

    # Tokenization depends on byte_fallback: setting it clears the cache (sampling bypasses the cache, so
    # alpha and nbest_size need not).  Hot paths read the private attributes.
    byte_fallback = cache_clearing("_byte_fallback", "Unknown text becomes <0xHH> pieces when all exist.",
                                   check_byte_fallback)

    def __init__(
        self,
        vocab: "Iterable[tuple[str, float]] | None" = None,
        unk_id: int | None = None,
        byte_fallback: bool | None = None,
        alpha: float | None = None,
        nbest_size: int | None = None,
    ) -> None:
        if vocab is None:
            if unk_id is not None:
                raise ConfigurationError("`vocab` and `unk_id` must be both specified")
            # HF's default model ignores byte_fallback here.
            vocab, unk_id, byte_fallback = [("<unk>", 0.0)], 0, False
        if byte_fallback is not None:
            check_byte_fallback(byte_fallback)
        self._build(vocab, unk_id, bool(byte_fallback), ConfigurationError)
        self.alpha = alpha
        self.nbest_size = nbest_size

    def _build(self, vocab: Any, unk_id: Any, byte_fallback: bool, error: type[TokkitError]) -> None:
        pieces = check_pieces(vocab, error)
        self._unk_id = check_unk_id(unk_id, len(pieces), error)
        self._pieces = pieces
        self._byte_fallback = byte_fallback
        self._cache = {}
        self._cache_capacity = DEFAULT_CACHE_CAPACITY
        self._index()

    def _index(self) -> None:
        """Build the lookup tables (HF's ``token_to_ids`` + trie + ``min_score``)."""
        token_to_id: dict[str, int] = {}
        min_score = math.inf
        for index, (piece, score) in enumerate(self._pieces):
            token_to_id[piece] = index  # a duplicated piece keeps its last id, like HF's map
            if score < min_score:  # NaN never lowers it, as in HF
                min_score = score
        scores = [score for _, score in self._pieces]
        self._vocab = token_to_id
        self._scores = scores
        self._strings = [piece for piece, _ in self._pieces]
        self._lengths = [len(piece) for piece in self._strings]
        self._trie = build_trie(token_to_id)
        self._end_mark = unused_char(token_to_id)
        self.min_score = min_score
        self._unk_score = min_score - K_UNK_PENALTY
        self._clear_cache()

    def fast_path(self) -> ModelFastPath:
        """What the encode fast path may assume: the tokens are a function of the word (unless ``alpha``)."""
        # With alpha set every call samples a segmentation (HF: models/unigram/model.rs, encode).
        return ModelFastPath(deterministic=not self._alpha)

    def set_trained_unigram(self, pieces: list[tuple[str, float]], unk_id: int | None) -> None:
        """Install a ``UnigramTrainer``'s result: become ``Unigram(pieces, unk_id)``."""
        # HF: models/unigram/trainer.rs, do_train replaces the whole model: byte_fallback off, no sampling.
        self._build(pieces, unk_id, False, ConfigurationError)
        self._alpha = None
        self._nbest_size = None

    # -- sampling options (checked on every set) ------------------------------
    @property
    def alpha(self) -> float | None:
        """Sampling smoothing: when set (and not 0) each call samples a segmentation."""
        return self._alpha

    @alpha.setter
    def alpha(self, alpha: Any) -> None:
        self._alpha = check_alpha(alpha)

    @property
    def nbest_size(self) -> int | None:
        """Sample among the n best segmentations instead of the full lattice (None or 0: all)."""
        return self._nbest_size

    @nbest_size.setter
    def nbest_size(self, nbest_size: Any) -> None:
        self._nbest_size = None if nbest_size is None else check_count(nbest_size, "nbest_size")

    # -- vocabulary --------------------------------------------------------
    @property
    def vocab(self) -> list[tuple[str, float]]:
        """A copy of the ``(piece, score)`` list."""
        return list(self._pieces)

    @vocab.setter
    def vocab(self, vocab: Iterable[tuple[str, float]]) -> None:
        self._build(vocab, self._unk_id, self._byte_fallback, ConfigurationError)

    @property
    def unk_id(self) -> int | None:
        """Index of the unk piece, or None."""
        return self._unk_id

    @unk_id.setter
    def unk_id(self, unk_id: int | None) -> None:
        self._unk_id = check_unk_id(unk_id, len(self._pieces), ConfigurationError)
        self._clear_cache()

    def id_to_token(self, id: int) -> str | None:  # noqa: A002 - HF's argument name
        """The piece at index ``id`` (even a duplicated one), or None."""
        if 0 <= id < len(self._pieces):
            return self._pieces[id][0]
        return None

    def get_vocab_size(self) -> int:
        """Number of pieces, duplicates included (HF: ``vocab.len()``)."""
        return len(self._pieces)

    def _clear_cache(self) -> None:
        self._cache.clear()

    def _resize_cache(self, capacity: int) -> None:
        """Change how many words the cache holds (HF's private ``_resize_cache``)."""
        self._cache_capacity = int(capacity)
        self._clear_cache()

    # -- files and trainer -------------------------------------------------
    def _save_files(self, folder: str, prefix: str | None) -> list[str]:
        path = self._file_name(folder, prefix, "unigram.json")
        atomic_write_text(path, dumps(self.to_dict(), pretty=True))
        return [path]

    def get_trainer(self) -> UnigramTrainer:
        """A default :class:`~tokkit.trainers.UnigramTrainer`."""
        return UnigramTrainer()

    # -- JSON ------------------------------------------------------------
    def _json_fields(self) -> dict[str, Any]:
        return {"unk_id": self._unk_id, "vocab": [[piece, score] for piece, score in self._pieces],
                "byte_fallback": self._byte_fallback}

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Unigram":
        if "vocab" not in data or data["vocab"] is None:
            raise SerializationError("Unigram JSON is missing its \"vocab\" (Missing vocab)")
        if not isinstance(data["vocab"], list):
            raise SerializationError(f"Unigram \"vocab\" must be a list of [piece, score], "
                                     f"got {type(data['vocab']).__name__}")
        byte_fallback = data.get("byte_fallback", False)
        if not isinstance(byte_fallback, bool):
            raise SerializationError(f"Unigram \"byte_fallback\" must be true or false, got {byte_fallback!r}")
        model = cls.__new__(cls)
        model._build(data["vocab"], data.get("unk_id"), byte_fallback, SerializationError)
        model._alpha = None
        model._nbest_size = None
        return model

    def _repr_struct(self) -> Struct:
        return Struct("Unigram", [("unk_id", self._unk_id), ("vocab", list(self._pieces)),
                                  ("byte_fallback", self._byte_fallback)])

    # -- lattice (sampling) --------------------------------------------------
    def _lattice(self, sentence: str) -> Lattice:
        """A lattice of ``sentence`` holding every piece and unk edge (HF ``populate_nodes``)."""
        size = len(self._pieces)
        lattice = Lattice(sentence, size + 1, size + 2)
        populate_lattice(lattice, self._trie, self._scores, self._end_mark, self._unk_score, self._unk_id)
        return lattice

    # -- encoding --------------------------------------------------------
    def tokenize(self, sequence: str) -> list[Token]:
        """Tokenize one word (see the module docstring).  Cached lists are shared: do not mutate."""
        alpha = self._alpha
        if alpha is not None and alpha != 0.0:
            return self._sampled_tokens(sequence) if sequence else []
        cache = self._cache
        tokens = cache.get(sequence)
        if tokens is None:
            tokens = self._encode_word(sequence)
            if len(sequence) < _MAX_CACHED_LENGTH and len(cache) < self._cache_capacity:
                cache[sequence] = tokens
        return tokens

    def tokenize_ends(self, sequence: str) -> Optional[Columns]:
        """``tokenize``'s tokens as three lists: ids, strings and ends, no Token objects.

        Token ``i`` spans ``ends[i - 1]`` (0 for the first) to ``ends[i]``.  None when ``tokenize``
        must be used instead: sampling, an empty word, or an unknown run that byte fallback
        turns into ``<0xHH>`` tokens.  Not cached.

        >>> Unigram([("<unk>", 0.0), ("a", -1.0), ("ab", -1.5)], unk_id=0).tokenize_ends("abxy")
        ([2, 0], ['ab', 'xy'], [2, 4])
        """
        if not sequence or (self._alpha is not None and self._alpha != 0.0):
            return None
        # A short word (the Metaspace run path's) makes too few objects to pause the collector for.
        with gc_paused() if len(sequence) >= _LONG_WORD else nullcontext():
            return path_columns(sequence, self._edges(sequence), self._lengths, self._strings, self._unk_id,
                                self._unk_text_id)

    def tokenize_columns(self, sequence: str, skip: int = 0) -> TokenColumns:
        """``tokenize``'s tokens as ids, strings and char offsets (as BPE's): a long word builds no Token."""
        found = self.tokenize_ends(sequence) if len(sequence) >= _LONG_WORD else None
        if found is not None:
            return offset_columns(found, skip)
        ids, values, offsets = unzip_tokens(self.tokenize(sequence))
        return ids, values, past_prefix(offsets, skip) if skip else offsets

    def _encode_word(self, word: str) -> list[Token]:
        """The best segmentation of ``word`` as Tokens (char offsets), uncached."""
        if not word:
            return []
        if len(word) < _LONG_WORD:
            return path_tokens(word, self._edges(word), self._lengths, self._strings, self._unk_id, self._unk_tokens)
        with gc_paused():
            edges = self._edges(word)
            columns = path_columns(word, edges, self._lengths, self._strings, self._unk_id, self._unk_text_id)
            if columns is None:
                return path_tokens(word, edges, self._lengths, self._strings, self._unk_id, self._unk_tokens)
            del edges
            return columns_tokens(columns)

    def _edges(self, word: str) -> list[int]:
        """The best path's last edge at each end position (see ``best_path.viterbi``)."""
        return viterbi(word, self._trie, self._scores, self._end_mark, self._unk_score, self._unk_id)

    def _viterbi(self, word: str) -> tuple[list[int], list[int]]:
        """The best path as, for each end position, the start and the id of its last edge (for tests)."""
        edges = self._edges(word)
        starts = [-1] + [end - (1 if e < 0 else self._lengths[e]) for end, e in enumerate(edges) if end]
        unk_id = -1 if self._unk_id is None else self._unk_id  # (no unk edge is taken without an unk id)
        return starts, [0] + [unk_id if e < 0 else e for e in edges[1:]]

    def _unk_text_id(self, text: str) -> Optional[int]:
        """The id of a fused unk run's one token, or None when byte fallback makes it ``<0xHH>`` tokens."""
        token_id = self._vocab.get(text)
        if token_id is not None:
            return token_id
        if self._byte_fallback and all(_BYTE_PIECES[byte] in self._vocab for byte in text.encode("utf-8")):
            return None
        return self._unk_id

    def _unk_tokens(self, word: str, start: int, end: int, out: list[Token]) -> None:
        """Append (reversed, as the caller builds backwards) the tokens of a fused unk span."""
        text = word[start:end]
        offsets = (start, end)
        token_id = self._vocab.get(text)
        if token_id is None and self._byte_fallback:
            get = self._vocab.get
            byte_ids = [get(_BYTE_PIECES[byte]) for byte in text.encode("utf-8")]
            if None not in byte_ids:
                for byte_id in reversed(cast("list[int]", byte_ids)):  # no None, tested just above
                    out.append(_new_token(Token, (byte_id, self._pieces[byte_id][0], offsets)))
                return
        if token_id is None:
            token_id = self._unk_id
        out.append(_new_token(Token, (token_id, text, offsets)))

    def _sampled_tokens(self, word: str) -> list[Token]:
        """HF ``encode_unoptimized`` with sampling: a random segmentation, unk runs fused."""
        if self._unk_id is None:
            raise missing_unk()  # HF checks unk_id on every node of the path (or panics on a gap)
        lattice = self._lattice(word)
        nbest_size, alpha = self._nbest_size, self._alpha
        if nbest_size:
            path = lattice.sample_nbest(nbest_size, alpha)  # type: ignore[arg-type]
        else:
            path = lattice.sample(alpha)  # type: ignore[arg-type]
        tokens: list[Token] = []
        ids, positions, lengths = lattice.ids, lattice.positions, lattice.lengths
        group_start = -1
        for node in path:
            start, end = positions[node], positions[node] + lengths[node]
            if ids[node] == self._unk_id:
                group_start = start if group_start < 0 else group_start
                group_end = end
                continue
            if group_start >= 0:
                self._sampled_unk(word, group_start, group_end, tokens)
                group_start = -1
            piece = word[start:end]
            tokens.append(_new_token(Token, (self._vocab[piece], piece, (start, end))))
        if group_start >= 0:
            self._sampled_unk(word, group_start, group_end, tokens)
        return tokens

    def _sampled_unk(self, word: str, start: int, end: int, out: list[Token]) -> None:
        """Append the tokens of the fused unk span ``word[start:end]``, in order."""
        pending: list[Token] = []
        self._unk_tokens(word, start, end, pending)
        out.extend(reversed(pending))
