"""WordPiece: greedy longest-match-first subwords (BERT), HF's exact rules.

* A word longer than ``max_input_chars_per_word`` chars is one unk token.
* Otherwise take the longest vocab entry starting at each position (pieces
  after the first are looked up with ``continuing_subword_prefix``); if some
  position has no match, the **whole word** becomes one unk token.
* The unk token must be in the vocab when it is needed (``MissingUnkTokenError``).

Results are cached per word: the returned list is shared, do not mutate it.

>>> wp = WordPiece({"un": 0, "##aff": 1, "##able": 2, "[UNK]": 3})
>>> [t.value for t in wp.tokenize("unaffable")], [t.value for t in wp.tokenize("unx")]
(['un', '##aff', '##able'], ['[UNK]'])
"""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import ConfigurationError, MissingUnkTokenError, SerializationError, TokkitError
from .._support.files import atomic_write_text
from ..normalized import Token
from .base import MODELS, Model, check_vocab, ordered_vocab, read_lines, rstrip_rust

__all__ = ["WordPiece"]

#: Words cached per model.  HF has no WordPiece cache; it only saves time.
WORD_CACHE_CAPACITY = 50_000
_CACHE_FIELDS = frozenset({"unk_token", "continuing_subword_prefix", "max_input_chars_per_word"})


def _check_str(value: Any, name: str, error: type[TokkitError]) -> str:
    if not isinstance(value, str):
        raise error(f"{name} must be a str, got {value!r}")
    return value


def _check_usize(value: Any, name: str, error: type[TokkitError]) -> int:
    if type(value) is not int or value < 0:
        raise error(f"{name} must be a non-negative int, got {value!r}")
    return value


@MODELS.register("WordPiece")
class WordPiece(Model):
    """WordPiece model (HF ``models.WordPiece``).

    Args:
        vocab: token -> id dict, or the path of a ``vocab.txt``.
        unk_token: the token for words that cannot be split.
        max_input_chars_per_word: longer words become ``unk_token`` directly.
        continuing_subword_prefix: prefix of non-initial pieces.

    >>> WordPiece({"a": 0, "##b": 1}, unk_token="a")
    WordPiece(unk_token="a", continuing_subword_prefix="##", max_input_chars_per_word=100, vocab={"a":0, "##b":1})
    """

    _fields = ("unk_token", "continuing_subword_prefix", "max_input_chars_per_word", "vocab")

    def __init__(
        self,
        vocab: "Mapping[str, int] | str | None" = None,
        unk_token: str = "[UNK]",
        max_input_chars_per_word: int = 100,
        continuing_subword_prefix: str = "##",
    ) -> None:
        self._build(vocab, unk_token, max_input_chars_per_word, continuing_subword_prefix, ConfigurationError)

    def _build(self, vocab: Any, unk_token: Any, max_chars: Any, prefix: Any, error: type[TokkitError]) -> None:
        if isinstance(vocab, str):
            vocab = WordPiece.read_file(vocab)
        object.__setattr__(self, "_cache", {})
        self.unk_token = _check_str(unk_token, "unk_token", error)
        self.continuing_subword_prefix = _check_str(prefix, "continuing_subword_prefix", error)
        self.max_input_chars_per_word = _check_usize(max_chars, "max_input_chars_per_word", error)
        self._set_vocab(check_vocab(vocab if vocab is not None else {}, error))

    def _set_vocab(self, vocab: dict[str, int]) -> None:
        super()._set_vocab(vocab)
        # No piece is longer than the longest vocab entry: bounds the greedy search.
        object.__setattr__(self, "_max_len", max(map(len, vocab), default=0))

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        if name in _CACHE_FIELDS:
            self._clear_cache()

    def _clear_cache(self) -> None:
        self._cache.clear()

    # -- files -----------------------------------------------------------
    @staticmethod
    def read_file(vocab: str) -> dict[str, int]:
        """Read a ``vocab.txt``: one token per line, id = line number (trailing spaces trimmed)."""
        return {rstrip_rust(line): index for index, line in enumerate(read_lines(vocab, "vocab"))}

    @classmethod
    def from_file(cls, vocab: str, **kwargs: Any) -> "WordPiece":
        """Build a WordPiece from a ``vocab.txt`` file."""
        return cls(cls.read_file(vocab), **kwargs)

    def _save_files(self, folder: str, prefix: str | None) -> list[str]:
        path = self._file_name(folder, prefix, "vocab.txt")
        ordered = sorted(self._vocab.items(), key=lambda item: item[1])
        atomic_write_text(path, "".join(token + "\n" for token, _ in ordered))
        return [path]

    def get_trainer(self) -> Any:
        """A default :class:`~tokkit.trainers.WordPieceTrainer`."""
        from ..trainers import WordPieceTrainer

        return WordPieceTrainer()

    # -- JSON ------------------------------------------------------------
    def _json_fields(self) -> dict[str, Any]:
        return {
            "unk_token": self.unk_token,
            "continuing_subword_prefix": self.continuing_subword_prefix,
            "max_input_chars_per_word": self.max_input_chars_per_word,
            "vocab": ordered_vocab(self._vocab_r),
        }

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "WordPiece":
        missing = [f for f in cls._fields if f not in data]
        if missing:
            raise SerializationError(f"WordPiece JSON is missing field `{missing[0]}`")
        model = cls.__new__(cls)
        model._build(data["vocab"], data["unk_token"], data["max_input_chars_per_word"],
                     data["continuing_subword_prefix"], SerializationError)
        return model

    # -- encoding --------------------------------------------------------
    def tokenize(self, sequence: str) -> list[Token]:
        """Tokenize one word (greedy longest match).  Cached lists are shared."""
        cached = self._cache.get(sequence)
        if cached is not None:
            return cached
        tokens = self._tokenize(sequence)
        if len(self._cache) < WORD_CACHE_CAPACITY:
            self._cache[sequence] = tokens
        return tokens

    def _tokenize(self, word: str) -> list[Token]:
        n = len(word)
        if n > self.max_input_chars_per_word:
            return [self._unk(n)]
        vocab, prefix, max_len = self._vocab, self.continuing_subword_prefix, self._max_len
        tokens = []
        start = 0
        while start < n:
            end = min(n, start + max_len)
            while start < end:
                piece = word[start:end] if start == 0 else prefix + word[start:end]
                token_id = vocab.get(piece)
                if token_id is not None:
                    tokens.append(Token(token_id, piece, (start, end)))
                    break
                end -= 1
            else:
                return [self._unk(n)]  # no piece fits here: the whole word is unknown
            start = end
        return tokens

    def _unk(self, length: int) -> Token:
        unk_id = self._vocab.get(self.unk_token)
        if unk_id is None:
            raise MissingUnkTokenError(
                f"WordPiece error: Missing {self.unk_token} token from the vocabulary; "
                f"add {self.unk_token!r} to the vocab or pass an existing unk_token"
            )
        return Token(unk_id, self.unk_token, (0, length))
