"""The command line's errors: one line on stderr, exit code 1 (or 2 for a usage error)."""

from __future__ import annotations

import argparse
from typing import NoReturn

from tokkit import TokkitError

__all__ = ["CliError", "CliParser", "UsageError", "fail"]


class CliError(TokkitError, ValueError):
    """A command cannot run with what it was given (a missing file, an unreadable input line...)."""


class UsageError(CliError):
    """The command line itself is wrong (exit code 2, as argparse's own errors)."""


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (``tokkit: error: ...``), not usage + error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def fail(message: str) -> NoReturn:
    """Stop the command with ``message`` (exit code 1).

    >>> fail("no such file: x.json")
    Traceback (most recent call last):
    ...
    tokkit.cli.errors.CliError: no such file: x.json
    """
    raise CliError(message)
