"""The fast path of a Metaspace pre-tokenizer (T5, ALBERT, XLNet), alone or after cut-only ones.

Metaspace maps ``' '`` to ``'▁'`` one to one, prepends ``'▁'`` to a piece
(whose span is that of the piece's first char, HF ``prepend``), then splits
before each ``'▁'`` (MergedWithNext: ``'▁[^▁]*|[^▁]+'``, which tiles the text).

* Alone, the whole text is one piece: its words tile it, are cached, and a
  line is assembled from the running sum of token lengths (as ByteLevel).
* After cut-only pre-tokenizers (``WhitespaceSplit`` for T5), each piece is
  cached whole, with its tokens' offsets already relative to the piece, so a
  line of one-token pieces takes whole-list operations only.
* A piece of ``_LONG_PIECE`` chars or more (a 10 MB "word" without spaces) is
  not cached: its tokens go straight into the encoding's lists with whole-list
  operations, with the cyclic GC paused, so its memory is one copy of the tokens.

>>> from tokkit.models import WordLevel
>>> from tokkit.pre_tokenizers import Metaspace, Sequence, WhitespaceSplit
>>> model = WordLevel({"▁hi": 0, "▁you": 1, "<unk>": 2}, unk_token="<unk>")
>>> words = Sequence([WhitespaceSplit(), Metaspace()]).fast_path()
>>> enc = MetaspaceEncoder(words, model.tokenize).encode("hi  you", 0, 0, None)
>>> enc.tokens, enc.offsets, enc.word_ids
(['▁hi', '▁you'], [(0, 2), (4, 7)], [0, 1])

What this module does not do: added tokens or normalization (``fast`` checks them first).
"""

from __future__ import annotations

import re
from itertools import accumulate, chain, compress, islice, pairwise, repeat
from operator import add, eq, itemgetter, lt
from typing import Any, Callable, NamedTuple, Optional, cast

from .._support.gc import gc_paused
from .._unicode import WHITESPACE
from ..capabilities import MetaspaceWords, declared_with
from ..encoding import Encoding
from ..normalized import Offsets, Token
from .metaspace_runs import RunEntry, run_of_ends, run_of_tokens
from .words import TilingWords, empty_encoding, unprefix

__all__ = ["MetaspaceEncoder"]

#: A word's tokens as ids, strings, and ends (token ``i`` spans ``ends[i - 1]``, 0 for the first, to ``ends[i]``).
Columns = tuple[list[int], list[str], list[int]]

_MAX_CACHED_PIECES = 1_000_000
_LONG_PIECE = 256  # a piece this long is not cached (see the module docstring)
# Fields by index (PieceEntry's ids, tokens, ..., starts, ends; RunEntry's ids, tokens, lens, mask, flags):
# itemgetter reads a NamedTuple field faster than attrgetter, which goes through the class's descriptor.
_IDS, _TOKENS, _STARTS, _ENDS = itemgetter(0), itemgetter(1), itemgetter(5), itemgetter(6)
_chain = chain.from_iterable
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)
# WhitespaceSplit cuts at Rust's char::is_whitespace (Unicode White_Space), kept as separators.
_WHITESPACE_RUNS = re.compile(f"([{WHITESPACE}]+)")
_RUNS = re.compile(f"[{WHITESPACE}]*[^{WHITESPACE}]+")  # a piece with the whitespace before it


def _whitespace_pieces(text: str) -> tuple[list[str], list[Offsets]]:
    """``WhitespaceSplit`` with whole-list operations: the pieces and their spans.

    >>> _whitespace_pieces("  hi  you\t")
    (['hi', 'you'], [(2, 4), (6, 9)])
    """
    parts = _WHITESPACE_RUNS.split(text)  # piece, run, piece, run, ..., piece (end pieces may be "")
    bounds = list(accumulate(map(len, parts), initial=0))
    pieces, spans = parts[0::2], list(zip(bounds[0::2], bounds[1::2]))
    if not pieces[-1]:
        del pieces[-1], spans[-1]
    if pieces and not pieces[0]:
        del pieces[0], spans[0]
    return pieces, spans


class PieceEntry(NamedTuple):
    """A cut piece's tokens, offsets relative to the piece, word index (within the piece) of each token."""

    ids: tuple[int, ...]
    tokens: tuple[str, ...]
    offsets: tuple[Offsets, ...]
    words: tuple[int, ...]
    n_words: int
    starts: tuple[int, ...]  # the offsets again, split in two for whole-list shifting
    ends: tuple[int, ...]


_LENS, _MASK, _FLAGS = itemgetter(2), itemgetter(3), itemgetter(4)
_MISSING: Any = object()


class MetaspaceEncoder:
    """Encodes identity-aligned text through [cut-only pre-tokenizers +] Metaspace and a deterministic model."""

    def __init__(self, words: MetaspaceWords, tokenize: Callable[[str], list[Token]]) -> None:
        self._rep = words.replacement
        self._scheme = words.prepend_scheme
        rep = re.escape(self._rep)  # MergedWithNext on the replacement: each word starts at one
        self._findall = re.compile(f"{rep}[^{rep}]*|[^{rep}]+").findall if words.split else None
        self._cut = None if words.cut is None else words.cut.pieces
        self._whitespace_split = words.cut is not None and words.cut.is_whitespace_split
        self._tokenize = tokenize
        self._columns: Any = _MISSING  # the model's tokenize_ends or None, looked up for the first long word
        # Text mode: Metaspace words cached one by one (not whole texts, when there is no split).
        self._words = TilingWords(tokenize, capacity=_MAX_CACHED_PIECES if words.split else 0)
        self._single: dict[str, tuple[int, str]] = {}  # piece mode: pieces that are one token, one word
        self._cache: dict[str, PieceEntry] = {}
        self._origin_cache: dict[str, PieceEntry] = {}  # "first" scheme: pieces at the text's start
        self._multiword: set[str] = set()  # pieces holding more than one Metaspace word
        self._runs: dict[str, Optional[RunEntry]] = {}  # whitespace + piece; None: not tileable

    def _prepared(self, piece: str, at_origin: bool) -> tuple[str, int]:
        """The piece with spaces replaced and the prefix added if due; and 1 if it was."""
        text = piece.replace(" ", self._rep)
        scheme = self._scheme
        if scheme == "never" or text.startswith(self._rep) or (scheme == "first" and not at_origin):
            return text, 0
        return self._rep + text, 1

    def encode(self, text: str, prefix: int, type_id: int, word_index: Optional[int]) -> Optional[Encoding]:
        """``text`` is the normalized text, whose first ``prefix`` chars share the span of the next one."""
        if not text:
            return empty_encoding()
        if self._cut is None:
            prepared, added = self._prepared(text, True)
            words = self._findall(prepared) if self._findall is not None else [prepared]
            if len(prepared) < _LONG_PIECE or not _has_long(words):
                return self._words.encode(words, len(prepared), prefix + added, type_id, word_index)
            # As TilingWords: an empty token leaves the decision to the aligned path.
            encoding = self._encode_loop([text], [(0, len(text))], prefix, type_id, word_index, strict=True)
            if encoding is not None and prefix:
                encoding._offsets = unprefix(encoding._offsets, prefix)
            return encoding
        if self._whitespace_split and self._scheme != "first":
            encoding = self._encode_runs(text, type_id, word_index)
            if encoding is not None:
                if prefix:
                    encoding._offsets = unprefix(encoding._offsets, prefix)
                return encoding
        if self._whitespace_split:
            pieces, spans = _whitespace_pieces(text)
        else:
            splits = self._cut(text)
            pieces, spans = [piece for piece, _ in splits], [span for _, span in splits]
        encoding = self._encode_pieces(pieces, spans, prefix, type_id, word_index)
        if prefix and encoding is not None:
            encoding._offsets = unprefix(encoding._offsets, prefix)
        return encoding

    # -- WhitespaceSplit pieces with their leading whitespace: they tile the text ---------------
    def _fill_run(self, run: str) -> Optional[RunEntry]:
        """The entry of ``run`` = whitespace + piece; None if a Metaspace word of it has no token.

        Also None, uncached, for a long run: the piece path copies its tokens once.
        """
        if len(run) >= _LONG_PIECE:
            return None
        known = self._runs.get(run, _MISSING)
        if known is not _MISSING:
            return cast(Optional[RunEntry], known)  # filled earlier in this text
        piece = run.lstrip(WHITESPACE)
        run_entry: Optional[RunEntry] = self._respaced_run(piece, len(run) - len(piece))
        if run_entry is _MISSING:
            run_entry = self._new_run(piece, len(run) - len(piece))
        if len(self._runs) < _MAX_CACHED_PIECES:
            self._runs[run] = run_entry
        return run_entry

    def _respaced_run(self, piece: str, space: int) -> Any:
        """The run of ``piece`` after ``space`` whitespace chars from that of the piece alone (a line's first
        word) or after one space, when known (else ``_MISSING``): only the first, masked step differs
        (masked steps only move the running sum, so one step of ``space + a`` or two of ``space``
        and ``a`` give the same offsets)."""
        if space:
            known = self._runs.get(piece, _MISSING)
            if known is None or known is _MISSING:
                return known
            return RunEntry(known.ids, known.tokens, (space,) + known.lens, (False,) + known.mask, known.flags)
        known = self._runs.get(" " + piece, _MISSING)
        if known is None or known is _MISSING or known.mask[0] or known.lens[0] != 1:
            return _MISSING if known is not None else None
        return RunEntry(known.ids, known.tokens, known.lens[1:], known.mask[1:], known.flags)

    def _new_run(self, piece: str, space: int) -> Optional[RunEntry]:
        """The entry of a run not met yet: straight from the model's ends when the piece is one word."""
        if self._columns is _MISSING:
            self._columns = _columns_of(self._tokenize)
        if self._columns is not None and self._cache.get(piece) is None:
            prepared, added = self._prepared(piece, False)
            if self._findall is None or prepared.find(self._rep, 1) < 0:  # one Metaspace word
                columns = self._columns(prepared)
                if columns is not None:  # (None: byte fallback pieces, the token path places them)
                    ids, tokens, ends = columns
                    return run_of_ends(ids, tokens, ends, added, len(piece), space)
        entry = self._cache.get(piece) or self._fill(piece, False)
        return run_of_tokens(entry.ids, entry.tokens, entry.offsets, entry.words, entry.n_words, len(piece), space)

    def _encode_runs(self, text: str, type_id: int, word_index: Optional[int]) -> Optional[Encoding]:
        """Offsets from one running sum over whitespace and token lengths (the whitespace pairs dropped)."""
        runs = _RUNS.findall(text)
        runs_get = self._runs.get
        entries = list(map(runs_get, runs))
        if None in entries:
            entries = [runs_get(run, _MISSING) for run in runs]
            if None in entries:
                return None  # a Metaspace word without tokens: word ids need the piece path
            entries = [self._fill_run(run) if entry is _MISSING else entry for entry, run in zip(entries, runs)]
            if None in entries:
                return None
        known = cast(list[RunEntry], entries)  # (no None left)
        bounds = accumulate(_chain(map(_LENS, known)), initial=0)
        offsets = list(compress(pairwise(bounds), _chain(map(_MASK, known))))
        n = len(offsets)
        if word_index is None:
            word_ids: list[Optional[int]] = list(islice(accumulate(_chain(map(_FLAGS, known)), initial=-1), 1, None))
        else:
            word_ids = [word_index] * n
        return Encoding._raw(list(_chain(map(_IDS, known))), [type_id] * n, list(_chain(map(_TOKENS, known))),
                             word_ids, offsets, [0] * n, [1] * n, [], {})

    # -- piece mode ---------------------------------------------------------------------
    def _fill(self, piece: str, at_origin: bool) -> PieceEntry:
        prepared, added = self._prepared(piece, at_origin)
        words = self._findall(prepared) if self._findall is not None else [prepared]
        ids: list[int] = []
        tokens: list[str] = []
        offsets: list[Offsets] = []
        word_of: list[int] = []
        position = 0
        for index, word in enumerate(words):
            for token in self._tokenize(word):
                a, b = token.offsets
                offsets.append((position + a, position + b))
                ids.append(token.id)
                tokens.append(token.value)
                word_of.append(index)
            position += len(word)
        if added:
            offsets = unprefix(offsets, 1)
        entry = PieceEntry(tuple(ids), tuple(tokens), tuple(offsets), tuple(word_of), len(words),
                           tuple(a for a, _ in offsets), tuple(b for _, b in offsets))
        cache = self._origin_cache if (at_origin and self._scheme == "first") else self._cache
        if len(words) != 1:
            self._multiword.add(piece)
        if len(cache) < _MAX_CACHED_PIECES:
            cache[piece] = entry
            if cache is self._cache and len(words) == 1 and len(ids) == 1 and offsets[0] == (0, len(piece)):
                self._single[piece] = (ids[0], tokens[0])
        return entry

    def _encode_pieces(self, pieces: list[str], spans: list[Offsets], prefix: int, type_id: int,
                       word_index: Optional[int]) -> Optional[Encoding]:
        n = len(pieces)
        singles = list(map(self._single.get, pieces))
        origin_first = self._scheme == "first" and n and spans[0][0] <= prefix
        if None not in singles and not origin_first:
            # Every piece is one known token (most of English): whole-list operations only.
            word_ids: list[Optional[int]] = list(range(n)) if word_index is None else [word_index] * n
            known = cast(list[tuple[int, str]], singles)
            return Encoding._raw(list(map(_FIRST, known)), [type_id] * n, list(map(_SECOND, known)), word_ids,
                                 spans, [0] * n, [1] * n, [], {})
        if origin_first:
            return self._encode_loop(pieces, spans, prefix, type_id, word_index)
        entries = list(map(self._cache.get, pieces))
        if None in entries:
            if _has_long(pieces):
                return self._encode_loop(pieces, spans, prefix, type_id, word_index)
            get = self._cache.get  # looked up again: a piece repeated within this text is filled once
            entries = [entry or get(piece) or self._fill(piece, False) for entry, piece in zip(entries, pieces)]
        if not self._multiword.isdisjoint(pieces):
            return self._encode_loop(pieces, spans, prefix, type_id, word_index)
        return _assemble_shifted(cast(list[PieceEntry], entries), [a for a, _ in spans], type_id, word_index)

    def _encode_loop(self, pieces: list[str], spans: list[Offsets], prefix: int, type_id: int,
                     word_index: Optional[int], strict: bool = False) -> Optional[Encoding]:
        """Any pieces (several words in one, a "first" prefix, long ones): token by token.

        With ``strict``, None when a long piece has an empty token (TilingWords leaves those to the aligned path).
        """
        ids: list[int] = []
        tokens: list[str] = []
        offsets: list[Offsets] = []
        words: list[Optional[int]] = []
        base = 0
        for piece, (start, _) in zip(pieces, spans):
            at_origin = self._scheme == "first" and start <= prefix
            if len(piece) >= _LONG_PIECE:
                with gc_paused():
                    count = self._extend_long(piece, start, at_origin, base, word_index, ids, tokens, offsets, words)
                if count < 0 and strict:
                    return None
                base += abs(count)
                continue
            entry = (self._origin_cache if at_origin else self._cache).get(piece) or self._fill(piece, at_origin)
            ids.extend(entry.ids)
            tokens.extend(entry.tokens)
            offsets.extend([(start + a, start + b) for a, b in entry.offsets])
            if word_index is None:
                words.extend([base + w for w in entry.words])
            else:
                words.extend([word_index] * len(entry.ids))
            base += entry.n_words
        n = len(ids)
        return Encoding._raw(ids, [type_id] * n, tokens, words, offsets, [0] * n, [1] * n, [], {})

    def _extend_long(self, piece: str, start: int, at_origin: bool, base: int, word_index: Optional[int],
                     ids: list[int], tokens: list[str], offsets: list[Offsets], words: list[Optional[int]]) -> int:
        """Append a long piece's tokens as ``_fill`` then ``_encode_loop`` would; its word count (< 0: an empty token).

        Offsets: ``_fill``'s ``position + a`` in the prepared piece, ``unprefix``-ed by the added prefix, plus
        ``start``.
        """
        prepared, added = self._prepared(piece, at_origin)
        pieces_words = self._findall(prepared) if self._findall is not None else [prepared]
        position, empty = 0, False
        if self._columns is _MISSING:
            self._columns = _columns_of(self._tokenize)
        for index, word in enumerate(pieces_words):
            columns = self._columns(word) if self._columns is not None and len(word) >= _LONG_PIECE else None
            if columns is not None:  # no Token objects at all
                word_ids, word_tokens, ends = columns
                ids += word_ids
                tokens += word_tokens
                words += repeat(base + index if word_index is None else word_index, len(word_ids))
                y = position + ends[0]  # the first token starts at the word's start: x = position
                offsets.append((start + (position - added if position > added else 0),
                                start + (y - added if y > added else 1)))
                offsets += pairwise(map(add, ends, repeat(start + position - added)))  # (see _extend_shifted)
                position += len(word)
                continue
            model_tokens = self._tokenize(word)
            ids += map(_FIRST, model_tokens)
            tokens += map(_SECOND, model_tokens)
            words += repeat(base + index if word_index is None else word_index, len(model_tokens))
            if len(model_tokens) > 8:
                empty = _extend_shifted(offsets, model_tokens, start, position, added) or empty
            else:  # a short word among many (a long piece of ▁-separated words): no list operations
                for _, _, (a, b) in model_tokens:
                    x, y = position + a, position + b
                    offsets.append((start + (x - added if x > added else 0), start + (y - added if y > added else 1)))
                    empty = empty or a >= b
            position += len(word)
        return -len(pieces_words) if empty else len(pieces_words)


def _columns_of(tokenize: Callable[[str], list[Token]]) -> Optional[Callable[[str], Optional[Columns]]]:
    """The model's ``tokenize_ends`` (Unigram's: ids, tokens, end offsets), when its class also defines ``tokenize``.

    It gives a long word's tokens as three lists (ids, strings, ends) instead
    of Token objects: a 10 MB word's tokens are then copied once, not built twice.
    """
    model = getattr(tokenize, "__self__", None)
    if model is None or not declared_with(model, "tokenize_ends", "tokenize"):
        return None
    return cast(Callable[[str], Optional[Columns]], model.tokenize_ends)


def _has_long(pieces: list[str]) -> bool:
    return max(map(len, pieces), default=0) >= _LONG_PIECE


def _extend_shifted(out: list[Offsets], tokens: list[Token], start: int, position: int, added: int) -> bool:
    """Append the offsets of ``tokens`` (of a word at ``position`` in a piece with ``added`` prefix chars) in the text.

    A span ``(a, b)`` becomes ``unprefix``'s ``(x - added if x > added else 0, y - added if y > added else 1)``
    with ``x, y = position + a, position + b``, plus ``start``.  When the spans tile the word (each
    starts where the previous one ends, none is empty), only the first can need the clamp: the others
    come from one shifted stream of ends, neighbours sharing their int, and no list but ``out`` is
    built (a word can have millions of tokens).  Returns True if a span is empty.
    """
    a, b = tokens[0].offsets
    x, y = position + a, position + b
    out.append((start + (x - added if x > added else 0), start + (y - added if y > added else 1)))
    nonempty = all(map(lt, map(_FIRST, map(_THIRD, tokens)), map(_SECOND, map(_THIRD, tokens))))
    if a == 0 and nonempty and all(map(eq, map(_FIRST, map(_THIRD, islice(tokens, 1, None))),
                                       map(_SECOND, map(_THIRD, tokens)))):
        out += pairwise(map(add, map(_SECOND, map(_THIRD, tokens)), repeat(start + position - added)))
        return False
    shift = start + position
    out += [(shift + s - added if position + s > added else start,
             shift + e - added if position + e > added else start + 1) for s, e in map(_THIRD, islice(tokens, 1, None))]
    return not nonempty


def _assemble_shifted(entries: list[PieceEntry], starts: list[int], type_id: int,
                      word_index: Optional[int]) -> Encoding:
    """Pieces of one word each, piece ``i`` starting at ``starts[i]``: whole-list operations only."""
    counts = list(map(len, map(_IDS, entries)))
    shift = list(_chain(map(repeat, starts, counts)))
    offsets = list(zip(map(add, shift, _chain(map(_STARTS, entries))), map(add, shift, _chain(map(_ENDS, entries)))))
    n = len(offsets)
    if word_index is None:
        word_ids: list[Optional[int]] = list(_chain(map(repeat, range(len(entries)), counts)))
    else:
        word_ids = [word_index] * n
    return Encoding._raw(list(_chain(map(_IDS, entries))), [type_id] * n, list(_chain(map(_TOKENS, entries))),
                         word_ids, offsets, [0] * n, [1] * n, [], {})
