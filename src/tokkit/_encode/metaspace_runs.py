"""Run entries of the Metaspace fast path: a piece with the whitespace before it, ready for a running sum.

``MetaspaceEncoder._encode_runs`` gets a whole line's offsets from one running
sum over each run's steps.  A run's entry is built here, either from the
piece's cached tokens (``run_of_tokens``, any model) or, for a piece that is
one Metaspace word, straight from the model's ids, strings and ends
(``run_of_ends``: Unigram's ``tokenize_ends``, no Token objects and no
per-piece entry in between; most new words of a T5 text take this way).

>>> run_of_ends([7, 8], ["▁", "ab"], [1, 3], 1, 2, 1)
RunEntry(ids=(7, 8), tokens=('▁', 'ab'), lens=(1, 1, -1, 2), mask=(False, True, False, True), flags=(1, 0))
"""

from __future__ import annotations

from typing import Iterable, NamedTuple, Optional, Sequence

from ..normalized import Offsets

__all__ = ["RunEntry", "run_of_tokens", "run_of_ends"]


class RunEntry(NamedTuple):
    """Whitespace + a piece: tokens, and steps whose running sum gives their offsets.

    ``lens`` holds each token's length, with a masked-out step wherever the
    next token does not start where the previous one ended (the whitespace
    before the piece, a dropped char, or a step back when two tokens share a
    char's span, like ``"▁"`` and ``"a"`` in T5's ``"▁a"``).
    """

    ids: tuple[int, ...]
    tokens: tuple[str, ...]
    lens: tuple[int, ...]
    mask: tuple[bool, ...]
    flags: tuple[int, ...]  # 1 on the piece's first token: a running sum gives the word ids


def run_of_tokens(ids: tuple[int, ...], tokens: tuple[str, ...], offsets: Iterable[Offsets], words: Iterable[int],
                  n_words: int, length: int, space: int) -> Optional[RunEntry]:
    """The run of a piece of ``length`` chars after ``space`` whitespace chars, from its tokens' offsets
    (relative to the piece) and Metaspace word indexes; None when a Metaspace word has no token
    (the word ids then need the piece path)."""
    lens: list[int] = []
    mask: list[bool] = []
    flags: list[int] = []
    position, word = -space, -1  # relative to the piece; the run starts before it
    for (a, b), token_word in zip(offsets, words):
        if a != position:  # whitespace, a gap, or a step back (tokens sharing a char's span)
            lens.append(a - position)
            mask.append(False)
        lens.append(b - a)
        mask.append(True)
        flags.append(int(token_word != word))
        if token_word not in (word, word + 1):
            return None
        position, word = b, token_word
    if word != n_words - 1:
        return None
    if position != length:
        lens.append(length - position)
        mask.append(False)
    return RunEntry(ids, tokens, tuple(lens), tuple(mask), tuple(flags))


def run_of_ends(ids: Sequence[int], tokens: Sequence[str], ends: Sequence[int], added: int, length: int,
                space: int) -> RunEntry:
    """The run of a one-word piece of ``length`` chars after ``space`` whitespace chars, from the model's
    tokens of the prepared word (the piece behind ``added`` prefix chars), which tile it.

    A token's span ``(x, y)`` in the prepared word is ``unprefix``-ed: ``(x - added if x > added else 0,
    y - added if y > added else 1)``, the prefix sharing the span of the piece's first char (HF ``prepend``).
    """
    lens = [space] if space else []
    mask = [False] if space else []
    position = previous = 0
    for end in ends:
        a = previous - added if previous > added else 0
        b = end - added if end > added else 1
        if a != position:  # a step back: the prefix token and the next share the first char's span
            lens.append(a - position)
            mask.append(False)
        lens.append(b - a)
        mask.append(True)
        position, previous = b, end
    if position != length:
        lens.append(length - position)
        mask.append(False)
    return RunEntry(tuple(ids), tuple(tokens), tuple(lens), tuple(mask), (1,) + (0,) * (len(ids) - 1))
