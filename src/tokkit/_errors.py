"""The TokkitError hierarchy: every error tokkit raises on bad input.

Each error message names the problem and says how to fix it.  The classes
also derive from the builtin exception a Python user would expect
(``ValueError``, ``KeyError``...) so ``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = [
    "TokkitError",
    "SerializationError",
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
    """Base class of every error tokkit raises on purpose."""


class SerializationError(TokkitError, ValueError):
    """A tokenizer.json (or component JSON) is malformed or inconsistent."""


class UnknownComponentError(SerializationError, KeyError):
    """A JSON ``"type"`` names no registered component."""

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return str(self.args[0]) if self.args else ""


class ConfigurationError(TokkitError, ValueError):
    """A constructor or method got an argument it cannot work with."""


class TrainingError(TokkitError, ValueError):
    """Training cannot proceed with the given trainer and data."""


class TruncationError(TokkitError, ValueError):
    """Truncation cannot be applied as configured."""


class EncodeError(TokkitError, ValueError):
    """A model or the pipeline cannot encode the given input."""


class MissingUnkTokenError(EncodeError):
    """The model needs its unknown token but the vocabulary lacks it."""


class ArgumentTypeError(ConfigurationError, TypeError):
    """An argument of the wrong type (HF raises TypeError there)."""


class ArgumentRangeError(ConfigurationError, OverflowError):
    """An integer outside the Rust type's range (HF raises OverflowError there)."""


class InputTypeError(TokkitError, TypeError):
    """An encode input has the wrong type (HF raises TypeError too)."""


class HubError(TokkitError, OSError):
    """A tokenizer.json could not be downloaded from the hub."""


class PatternTimeoutError(EncodeError):
    """A regex that can backtrack badly ran out of its time limit on one text."""


class FileWriteError(TokkitError, OSError):
    """A tokenizer or vocabulary file could not be written (the message names the target)."""
