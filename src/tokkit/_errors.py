"""The TokkitError hierarchy: every error tokkit raises on bad input.

Each error message names the problem and says how to fix it.  The classes
also derive from the builtin exception a Python user would expect
(``ValueError``, ``KeyError``...) so ``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = [
    "TokkitError",
    "SerializationError",
    "json_path",
    "UnknownComponentError",
    "ConfigurationError",
    "TrainingError",
    "TruncationError",
    "EncodeError",
    "MissingUnkTokenError",
    "ArgumentTypeError",
    "ArgumentRangeError",
    "InputTypeError",
    "HubError",
    "PatternTimeoutError",
    "FileWriteError",
]


class TokkitError(Exception):
    """Base class of every error tokkit raises on purpose.

    >>> from tokkit import Tokenizer
    >>> try:
    ...     Tokenizer.from_str("{")
    ... except TokkitError as error:
    ...     print(type(error).__name__)
    SerializationError
    """


class SerializationError(TokkitError, ValueError):
    """A tokenizer.json (or component JSON) is malformed or inconsistent.

    ``path`` locates the problem in the document (``("added_tokens", 3, "lstrip")``);
    each reader that knows a step of it adds that step as the error goes up
    (:meth:`at`), so the message starts with the whole path:

    >>> raise SerializationError('expected a boolean, got "no"').at("lstrip").at("added_tokens", 3)
    Traceback (most recent call last):
    ...
    tokkit._errors.SerializationError: added_tokens[3].lstrip: expected a boolean, got "no"
    """

    def __init__(self, message: str, path: "tuple[str | int, ...]" = ()) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def at(self, *steps: "str | int") -> "SerializationError":
        """This error, located ``steps`` further up the document (outermost step first).

        >>> str(SerializationError("expected a boolean").at("added_tokens", 3, "lstrip"))
        'added_tokens[3].lstrip: expected a boolean'
        """
        self.path = steps + self.path
        return self

    def __str__(self) -> str:
        return f"{json_path(self.path)}: {self.message}" if self.path else self.message

    def __reduce__(self) -> "tuple[type, tuple[str, tuple[str | int, ...]]]":
        return (type(self), (self.message, self.path))


def json_path(path: "tuple[str | int, ...]") -> str:
    """``("pre_tokenizer", "pretokenizers", 0, "behavior")`` -> ``pre_tokenizer.pretokenizers[0].behavior``.

    >>> json_path(("model", "vocab", "a b")), json_path(("x",) + (0,) * 20)
    ('model.vocab["a b"]', 'x[0][0][0][0][0]...(13 more)...[0][0]')
    """
    if len(path) > 12:  # a deeply nested value: its first and last steps say enough
        return f"{json_path(path[:6])}...({len(path) - 8} more)...{json_path(path[-2:])}"
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif step.isascii() and step.replace("_", "a").isalnum():
            parts.append(f".{step}" if parts else step)
        else:  # a vocab token or odd key: quoted, surrogates escaped so the message always prints
            quoted = '"' + step.replace("\\", "\\\\").replace('"', '\\"') + '"'
            parts.append(f"[{quoted.encode('utf-8', 'backslashreplace').decode('utf-8')}]")
    return "".join(parts)


class UnknownComponentError(SerializationError, KeyError):
    """A JSON ``"type"`` names no registered component.

    >>> from tokkit import models
    >>> models.Model.from_dict({"type": "Nope"})
    Traceback (most recent call last):
    ...
    tokkit._errors.UnknownComponentError: unknown model type 'Nope'; known types: BPE, Unigram, WordLevel, WordPiece. Register your own class with @tokkit.models.register('Nope')
    """

    __str__ = SerializationError.__str__  # KeyError would otherwise repr() the message


class ConfigurationError(TokkitError, ValueError):
    """A constructor or method got an argument it cannot work with.

    >>> from tokkit.pre_tokenizers import Metaspace
    >>> Metaspace(replacement="ab")
    Traceback (most recent call last):
    ...
    tokkit._errors.ConfigurationError: Metaspace replacement: expected a string of length 1, got 'ab'
    """


class TrainingError(TokkitError, ValueError):
    """Training cannot proceed with the given trainer and data.

    >>> from tokkit import Tokenizer, models, trainers
    >>> Tokenizer(models.WordPiece()).train_from_iterator(["a"], trainers.BpeTrainer(show_progress=False))
    Traceback (most recent call last):
    ...
    tokkit._errors.TrainingError: BpeTrainer can only train a BPE, got WordPiece; use the trainer matching the model (model.get_trainer())
    """


class TruncationError(TokkitError, ValueError):
    """Truncation cannot be applied as configured.

    >>> from tokkit import Tokenizer, models
    >>> tok = Tokenizer(models.WordLevel({"a": 0}, unk_token="a")); tok.enable_truncation(1, strategy="only_second")
    >>> tok.encode("aa", "a")
    Traceback (most recent call last):
    ...
    tokkit._errors.TruncationError: Truncation error: Sequence to truncate too short to respect the provided max_length
    """


class EncodeError(TokkitError, ValueError):
    """A model or the pipeline cannot encode the given input.

    >>> from tokkit import PreTokenizedString
    >>> PreTokenizedString("ab").to_encoding()
    Traceback (most recent call last):
    ...
    tokkit._errors.EncodeError: a split has not been tokenized: call PreTokenizedString.tokenize(func) first
    """


class MissingUnkTokenError(EncodeError):
    """The model needs its unknown token but the vocabulary lacks it.

    >>> from tokkit import Tokenizer, models
    >>> Tokenizer(models.WordPiece({"a": 0})).encode("b")
    Traceback (most recent call last):
    ...
    tokkit._errors.MissingUnkTokenError: WordPiece error: Missing [UNK] token from the vocabulary; add '[UNK]' to the vocab or pass an existing unk_token
    """


class ArgumentTypeError(ConfigurationError, TypeError):
    """An argument of the wrong type (HF raises TypeError there)."""


class ArgumentRangeError(ConfigurationError, OverflowError):
    """An integer outside the Rust type's range (HF raises OverflowError there)."""


class InputTypeError(TokkitError, TypeError):
    """An encode input has the wrong type (HF raises TypeError too).

    >>> from tokkit import Tokenizer, models
    >>> Tokenizer(models.WordPiece({"a": 0})).encode(5)
    Traceback (most recent call last):
    ...
    tokkit._errors.InputTypeError: TextInputSequence must be str: pass a string, or a list of words with is_pretokenized=True
    """


class HubError(TokkitError, OSError):
    """A tokenizer.json could not be downloaded from the hub."""


class PatternTimeoutError(EncodeError):
    """A regex that can backtrack badly ran out of its time limit on one text.

    >>> issubclass(PatternTimeoutError, EncodeError)  # so ``except EncodeError`` catches it too
    True
    """


class FileWriteError(TokkitError, OSError):
    """A tokenizer or vocabulary file could not be written (the message names the target).

    >>> from tokkit import Tokenizer, models
    >>> Tokenizer(models.WordLevel({"a": 0}, unk_token="a")).save("")
    Traceback (most recent call last):
    ...
    tokkit._errors.FileWriteError: [Errno 2] cannot save to an empty path: give a file name such as 'tokenizer.json'
    """
