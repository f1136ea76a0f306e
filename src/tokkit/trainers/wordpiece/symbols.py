"""Likelihood WordPiece's starting point: the alphabet tokens, their ids, and each word as symbols.

The alphabet holds each kept char that starts a word as itself, and each
kept char found after a word's first position as ``prefix + char``
(``initial_alphabet`` chars get both forms, so that any word made of them can
be encoded).  Chars are kept as in BPE training (``compute_alphabet``: lowest
weighted counts dropped first by ``limit_alphabet``).  Ids: the special
tokens in the order given, then the alphabet sorted by code point.  A word is
a string of ``chr(id)``: chars outside the alphabet are skipped, and a char's
form depends on its position in the word, as in BPE training.

>>> vocab, kept = initial_vocab({"ab": 2, "b": 1}, ["[UNK]"], "##", [], None)
>>> vocab.id2w
['[UNK]', '##b', 'a', 'b']
>>> [[ord(s) for s in word] for word in word_symbols(["ab", "b"], vocab, "##", kept)]
[[2, 1], [3]]
"""

from __future__ import annotations

from itertools import islice
from typing import Iterable, Mapping, Optional

from ..bpe.words import Vocab, compute_alphabet

__all__ = ["token_length", "initial_vocab", "word_symbols"]

#: Words joined per call when collecting the chars found after a first position (bounded memory).
_CHUNK = 1 << 14


def token_length(token: str, prefix: str) -> int:
    """A token's length in chars, a leading continuing prefix not counted (``max_token_length`` measures this).

    >>> token_length("##ab", "##"), token_length("ab", "##")
    (2, 2)
    """
    return len(token) - len(prefix) if prefix and token.startswith(prefix) else len(token)


def _chars_after_first(words: Iterable[str]) -> set[str]:
    found: set[str] = set()
    iterator = iter(words)
    while chunk := list(islice(iterator, _CHUNK)):
        found.update("".join(word[1:] for word in chunk))
    return found


def initial_vocab(words: Mapping[str, int], special_tokens: Iterable[str], prefix: str,
                  initial_alphabet: Iterable[str], limit_alphabet: Optional[int]) -> tuple[Vocab, set[str]]:
    """The vocab (special tokens, then the alphabet sorted by code point) and the kept chars."""
    initial = list(initial_alphabet)
    kept = set(compute_alphabet(words, initial, limit_alphabet))
    firsts = {word[0] for word in words if word} | set(initial)
    follows = _chars_after_first(words) | set(initial)
    alphabet = {c for c in firsts if c in kept} | {prefix + c for c in follows if c in kept}
    vocab = Vocab()
    for token in special_tokens:
        vocab.add(token, token_length(token, prefix))
    for token in sorted(alphabet):
        vocab.add(token, token_length(token, prefix))
    return vocab, kept


class _Deleting(dict[int, Optional[str]]):
    """A ``str.translate`` table that deletes the chars it does not hold."""

    def __missing__(self, code: int) -> None:
        return None


def word_symbols(words: Iterable[str], vocab: Vocab, prefix: str, kept: set[str]) -> list[str]:
    """Each word as a string of ``chr(id)``: first char as itself, the others with the prefix; unkept chars skipped."""
    w2id = vocab.w2id
    # A kept char's form exists whenever a word has it in that position (see initial_vocab).
    first = _Deleting((ord(c), chr(w2id[c])) for c in kept if c in w2id)
    follow = _Deleting((ord(c), chr(w2id[prefix + c])) for c in kept if prefix + c in w2id)
    return [word[:1].translate(first) + word[1:].translate(follow) for word in words]
