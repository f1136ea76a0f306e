"""The textbook likelihood WordPiece loop: recount everything, score every pair exactly, merge the best.

An oracle for ``tokkit.trainers.wordpiece.likelihood``: slow and obviously
correct, written straight from the specification (issue 10, item 1), sharing no
code with the fast trainer.

>>> train_likelihood_slow({"ab": 2, "b": 1}, vocab_size=10)
{'##b': 0, 'a': 1, 'b': 2, 'ab': 3}
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from typing import Iterable, Mapping, Optional


def kept_chars(words: Mapping[str, int], initial_alphabet: Iterable[str], limit: Optional[int]) -> set[str]:
    """The chars kept: weighted counts, initial chars always kept, lowest counts dropped (ties: highest code point)."""
    counts: dict[str, float] = Counter()
    for word, count in words.items():
        for char in word:
            counts[char] += count
    for char in initial_alphabet:
        counts[char] = float("inf")
    chars = sorted(counts, key=lambda c: (counts[c], -ord(c)))
    drop = max(0, len(chars) - limit) if limit is not None else 0
    return set(chars[drop:])


def token_length(token: str, prefix: str) -> int:
    """Chars of a token, a leading continuing prefix not counted."""
    return len(token) - len(prefix) if prefix and token.startswith(prefix) else len(token)


def train_likelihood_slow(words: Mapping[str, int], vocab_size: int, min_frequency: int = 0,
                          special_tokens: Iterable[str] = (), limit_alphabet: Optional[int] = None,
                          initial_alphabet: Iterable[str] = (), prefix: Optional[str] = "##",
                          max_token_length: Optional[int] = None) -> dict[str, int]:
    """The trained vocab (token -> id)."""
    prefix = prefix or ""
    initial = list(initial_alphabet)
    kept = kept_chars(words, initial, limit_alphabet)
    splits: list[tuple[list[str], int]] = []
    alphabet = {c for c in initial if c in kept} | {prefix + c for c in initial if c in kept}
    for word, count in words.items():
        pieces = [char if i == 0 else prefix + char for i, char in enumerate(word) if char in kept]
        alphabet.update(pieces)
        splits.append((pieces, count))
    vocab: dict[str, int] = {}
    for token in [*special_tokens, *sorted(alphabet)]:
        vocab.setdefault(token, len(vocab))
    while len(vocab) < vocab_size:
        best = _best_pair(splits, prefix, min_frequency, max_token_length)
        if best is None:
            break
        a, b = best
        merged = a + (b[len(prefix):] if prefix and b.startswith(prefix) else b)
        vocab.setdefault(merged, len(vocab))
        splits = [(_merge(pieces, a, b, merged), count) for pieces, count in splits]
    return vocab


def _best_pair(splits: list[tuple[list[str], int]], prefix: str, min_frequency: int,
               max_token_length: Optional[int]) -> Optional[tuple[str, str]]:
    token_counts: Counter[str] = Counter()
    pair_counts: Counter[tuple[str, str]] = Counter()
    for pieces, count in splits:
        for piece in pieces:
            token_counts[piece] += count
        for pair in zip(pieces, pieces[1:]):
            pair_counts[pair] += count
    best_key = None
    best = None
    for (a, b), count in pair_counts.items():
        if count < max(1, min_frequency):
            continue
        merged = a + (b[len(prefix):] if prefix and b.startswith(prefix) else b)
        if max_token_length is not None and token_length(merged, prefix) > max_token_length:
            continue
        key = (-Fraction(count, token_counts[a] * token_counts[b]), -count, a, b)
        if best_key is None or key < best_key:
            best_key, best = key, (a, b)
    return best


def _merge(pieces: list[str], a: str, b: str, merged: str) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(pieces):
        if i + 1 < len(pieces) and pieces[i] == a and pieces[i + 1] == b:
            out.append(merged)
            i += 2
        else:
            out.append(pieces[i])
            i += 1
    return out
