"""WordLevel: each word is looked up whole, else it becomes the unk token.

>>> wl = WordLevel({"hello": 0, "<unk>": 1}, unk_token="<unk>")
>>> wl.tokenize("hello"), wl.tokenize("bye")
([Token(id=0, value='hello', offsets=(0, 5))], [Token(id=1, value='<unk>', offsets=(0, 3))])
"""

from __future__ import annotations

from typing import Any, Mapping

from .._errors import ConfigurationError, MissingUnkTokenError, SerializationError, TokkitError
from .._json.serde_json import dumps
from .._support.files import atomic_write_text
from .._validation import check_optional_str, json_field, json_object, json_str
from ..capabilities import ModelFastPath
from ..normalized import Token
from ..trainers import WordLevelTrainer
from .base import MODELS, Model, check_vocab, ordered_vocab, read_json_vocab

__all__ = ["WordLevel"]


@MODELS.register("WordLevel")
class WordLevel(Model):
    """Word-level model (HF ``models.WordLevel``).

    Args:
        vocab: token -> id dict, or the path of a ``vocab.json``.
        unk_token: the token for unknown words (None means ``"<unk>"``, like HF).

    >>> WordLevel()
    WordLevel(vocab={}, unk_token="<unk>")
    """

    _fields = ("vocab", "unk_token")

    unk_token: str

    def __init__(self, vocab: "Mapping[str, int] | str | None" = None, unk_token: str | None = None) -> None:
        self._build(vocab, unk_token, ConfigurationError)

    def _build(self, vocab: Any, unk_token: Any, error: type[TokkitError], checked: bool = False) -> None:
        """Set the model up; ``checked``: ``vocab`` is a dict check_vocab returned already (JSON reading)."""
        if isinstance(vocab, str):
            vocab = WordLevel.read_file(vocab)
        unk_token = check_optional_str(unk_token, "unk_token", error)
        self.unk_token = "<unk>" if unk_token is None else unk_token  # HF's builder default (the signature says None)
        self._set_vocab(vocab if checked else check_vocab(vocab if vocab is not None else {}, error))

    # -- files -----------------------------------------------------------
    @staticmethod
    def read_file(vocab: str) -> dict[str, int]:
        """Read a ``vocab.json`` (token -> id).

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     print(WordLevel.read_file(*WordLevel({"[UNK]": 0, "hi": 1}).save(folder)))
        {'[UNK]': 0, 'hi': 1}
        """
        return read_json_vocab(vocab)

    @classmethod
    def from_file(cls, vocab: str, unk_token: str | None = None) -> "WordLevel":
        """Build a WordLevel from a ``vocab.json`` file.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     [vocab] = WordLevel({"[UNK]": 0, "hi": 1}).save(folder)
        ...     print(WordLevel.from_file(vocab, unk_token="[UNK]").get_vocab())
        {'[UNK]': 0, 'hi': 1}
        """
        return cls(cls.read_file(vocab), unk_token=unk_token)

    def _save_files(self, folder: str, prefix: str | None) -> list[str]:
        path = self._file_name(folder, prefix, "vocab.json")
        atomic_write_text(path, dumps(ordered_vocab(self._vocab_r)))
        return [path]

    def set_trained_wordlevel(self, vocab: dict[str, int]) -> None:
        """Install a ``WordLevelTrainer``'s vocab; unk_token stays (HF: models/wordlevel/trainer.rs, do_train).

        >>> model = WordLevel({"a": 0}, unk_token="[UNK]"); model.set_trained_wordlevel({"[UNK]": 0, "hi": 1})
        >>> model.get_vocab(), model.token_to_id("hi")
        ({'[UNK]': 0, 'hi': 1}, 1)
        """
        self._set_vocab(dict(vocab))

    def fast_path(self) -> ModelFastPath:
        """What the encode fast path may assume: the tokens are a function of the word.

        >>> WordLevel().fast_path().deterministic
        True
        """
        return ModelFastPath(deterministic=True)

    def get_trainer(self) -> WordLevelTrainer:
        """A default :class:`~tokkit.trainers.WordLevelTrainer`.

        >>> WordLevel().get_trainer().vocab_size
        30000
        """
        return WordLevelTrainer()

    # -- JSON ------------------------------------------------------------
    def _json_fields(self) -> dict[str, Any]:
        return {"vocab": ordered_vocab(self._vocab_r), "unk_token": self.unk_token}

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "WordLevel":
        # A JSON vocab is an object: never a path to read (the constructor's str form).
        vocab = json_field(data, "vocab", lambda value, _name: check_vocab(json_object(value), SerializationError))
        model = cls.__new__(cls)
        model._build(vocab, json_field(data, "unk_token", json_str), SerializationError, checked=True)
        return model

    # -- encoding --------------------------------------------------------
    def tokenize(self, sequence: str) -> list[Token]:
        """The word itself if it is in the vocab, else the unk token; offsets (0, len).

        >>> model = WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]")
        >>> [(t.id, t.value) for t in model.tokenize("hi") + model.tokenize("yo")]
        [(1, 'hi'), (0, '[UNK]')]
        """
        token_id = self._vocab.get(sequence)
        if token_id is not None:
            return [Token(token_id, sequence, (0, len(sequence)))]
        unk_id = self._vocab.get(self.unk_token)
        if unk_id is None:
            raise MissingUnkTokenError(
                f"WordLevel error: Missing {self.unk_token} token from the vocabulary; "
                f"add {self.unk_token!r} to the vocab or pass an existing unk_token"
            )
        return [Token(unk_id, self.unk_token, (0, len(sequence)))]
