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
from .._validation import check_count, check_str, json_field, json_object, json_str, json_usize
from ..capabilities import ModelFastPath
from ..normalized import Token
from ..trainers import WordPieceTrainer
from .base import MODELS, Model, cache_clearing, check_vocab, ordered_vocab, read_lines, rstrip_rust

__all__ = ["WordPiece"]

#: Words cached per model.  HF has no WordPiece cache; it only saves time.
WORD_CACHE_CAPACITY = 50_000


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
    >>> wp = WordPiece({"[UNK]": 0, "a": 1, "##a": 2}, unk_token="[UNK]", max_input_chars_per_word=3)
    >>> wp.unk_token, wp.continuing_subword_prefix, wp.max_input_chars_per_word, [t.value for t in wp.tokenize("aaaa")]
    ('[UNK]', '##', 3, ['[UNK]'])
    """

    _fields = ("unk_token", "continuing_subword_prefix", "max_input_chars_per_word", "vocab")

    _cache: dict[str, list[Token]]
    _max_len: int  # the longest vocab entry: no piece is longer, which bounds the greedy search
    _unk_token: str
    _continuing_subword_prefix: str
    _max_input_chars_per_word: int

    # The options tokenization depends on: setting one clears the cache.  Hot paths read the
    # private attributes.
    unk_token = cache_clearing("_unk_token", "The token for words that cannot be split.")
    continuing_subword_prefix = cache_clearing("_continuing_subword_prefix", "Prefix of non-initial pieces.")
    max_input_chars_per_word = cache_clearing("_max_input_chars_per_word", "Longer words become unk_token.")

    def __init__(
        self,
        vocab: "Mapping[str, int] | str | None" = None,
        unk_token: str = "[UNK]",
        max_input_chars_per_word: int = 100,
        continuing_subword_prefix: str = "##",
    ) -> None:
        self._build(vocab, unk_token, max_input_chars_per_word, continuing_subword_prefix, ConfigurationError)

    def _build(self, vocab: Any, unk_token: Any, max_chars: Any, prefix: Any, error: type[TokkitError],
               checked: bool = False) -> None:
        """Set the model up; ``checked``: ``vocab`` is a dict check_vocab returned already (JSON reading)."""
        if isinstance(vocab, str):
            vocab = WordPiece.read_file(vocab)
        self._cache = {}
        self._unk_token = check_str(unk_token, "unk_token", error)
        self._continuing_subword_prefix = check_str(prefix, "continuing_subword_prefix", error)
        self._max_input_chars_per_word = check_count(max_chars, "max_input_chars_per_word", error=error)
        self._set_vocab(vocab if checked else check_vocab(vocab if vocab is not None else {}, error))

    def _set_vocab(self, vocab: dict[str, int]) -> None:
        super()._set_vocab(vocab)
        self._max_len = max(map(len, vocab), default=0)

    def set_trained_wordpiece(self, vocab: dict[str, int], continuing_subword_prefix: str | None) -> None:
        """Install a ``WordPieceTrainer``'s result: the vocab and the prefix (``"##"`` when None).

        HF keeps unk_token and max_input_chars_per_word and takes the prefix of
        ``WordPiece::from_bpe``, which defaults to ``"##"`` (HF: models/wordpiece/trainer.rs, train).

        >>> model = WordPiece({"[UNK]": 0}, unk_token="[UNK]")
        >>> model.set_trained_wordpiece({"[UNK]": 0, "a": 1, "##b": 2}, None)
        >>> [t.value for t in model.tokenize("ab")], model.unk_token
        (['a', '##b'], '[UNK]')
        """
        self._continuing_subword_prefix = "##" if continuing_subword_prefix is None else continuing_subword_prefix
        self._set_vocab(dict(vocab))  # clears the cache

    def _clear_cache(self) -> None:
        self._cache.clear()

    # -- files -----------------------------------------------------------
    @staticmethod
    def read_file(vocab: str) -> dict[str, int]:
        """Read a ``vocab.txt``: one token per line, id = line number (trailing spaces trimmed).

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     print(WordPiece.read_file(*WordPiece({"[UNK]": 0, "un": 1, "##able": 2}).save(folder)))
        {'[UNK]': 0, 'un': 1, '##able': 2}
        """
        return {rstrip_rust(line): index for index, line in enumerate(read_lines(vocab, "vocab"))}

    @classmethod
    def from_file(cls, vocab: str, **kwargs: Any) -> "WordPiece":
        """Build a WordPiece from a ``vocab.txt`` file.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     [vocab] = WordPiece({"[UNK]": 0, "un": 1, "##able": 2}).save(folder)
        ...     print(WordPiece.from_file(vocab).tokenize("unable"))
        [Token(id=1, value='un', offsets=(0, 2)), Token(id=2, value='##able', offsets=(2, 6))]
        """
        return cls(cls.read_file(vocab), **kwargs)

    def _save_files(self, folder: str, prefix: str | None) -> list[str]:
        path = self._file_name(folder, prefix, "vocab.txt")
        ordered = sorted(self._vocab.items(), key=lambda item: item[1])
        atomic_write_text(path, "".join(token + "\n" for token, _ in ordered))
        return [path]

    def fast_path(self) -> ModelFastPath:
        """What the encode fast path may assume: the tokens are a function of the word.

        >>> WordPiece().fast_path().deterministic
        True
        """
        return ModelFastPath(deterministic=True)

    def get_trainer(self) -> WordPieceTrainer:
        """A default :class:`~tokkit.trainers.WordPieceTrainer`.

        >>> WordPiece().get_trainer().continuing_subword_prefix
        '##'
        """
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
        # A JSON vocab is an object: never a path to read (the constructor's str form).
        vocab = json_field(data, "vocab", lambda value, _name: check_vocab(json_object(value), SerializationError))
        model = cls.__new__(cls)
        model._build(vocab, json_field(data, "unk_token", json_str), json_field(data, "max_input_chars_per_word", json_usize),
                     json_field(data, "continuing_subword_prefix", json_str), SerializationError, checked=True)
        return model

    # -- encoding --------------------------------------------------------
    def tokenize(self, sequence: str) -> list[Token]:
        """Tokenize one word (greedy longest match).  Cached lists are shared.

        >>> [t.value for t in WordPiece({"[UNK]": 0, "un": 1, "##able": 2}).tokenize("unable")]
        ['un', '##able']
        """
        cached = self._cache.get(sequence)
        if cached is not None:
            return cached
        tokens = self._tokenize(sequence)
        if len(self._cache) < WORD_CACHE_CAPACITY:
            self._cache[sequence] = tokens
        return tokens

    def _tokenize(self, word: str) -> list[Token]:
        n = len(word)
        if n > self._max_input_chars_per_word:
            return [self._unk(n)]
        vocab, prefix, max_len = self._vocab, self._continuing_subword_prefix, self._max_len
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
        unk = self._unk_token
        unk_id = self._vocab.get(unk)
        if unk_id is None:
            raise MissingUnkTokenError(
                f"WordPiece error: Missing {unk} token from the vocabulary; "
                f"add {unk!r} to the vocab or pass an existing unk_token"
            )
        return Token(unk_id, unk, (0, length))
