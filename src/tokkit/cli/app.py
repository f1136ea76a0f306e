"""``main``: parse the command line, run one command, turn errors into one line on stderr.

Exit codes: 0 done, 1 the command failed (a bad file, a tokenizer error, or
``compare`` found differences), 2 a usage error (bad or missing arguments),
130 interrupted.  ``TOKKIT_DEBUG=1`` lets the traceback through instead.
"""

from __future__ import annotations

import io
import os
import sys
from typing import Optional, Sequence

import tokkit
from tokkit import TokkitError

from .errors import UsageError
from .parser import build_parser

__all__ = ["main"]


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run ``tokkit`` with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    >>> main(["encode"])  # no --tokenizer: one line on stderr, exit code 2
    2
    """
    _utf8_streams()
    parser = build_parser(tokkit.__version__)
    try:
        args = parser.parse_args(argv)
        if getattr(args, "handler", None) is None:
            parser.print_help()
            return 0
        return int(args.handler(args))
    except SystemExit as done:  # --help and --version end here
        return done.code if isinstance(done.code, int) else 0
    except (TokkitError, OSError, UnicodeError) as error:  # UnicodeError: an input file that is not UTF-8
        if os.environ.get("TOKKIT_DEBUG") == "1":
            raise
        if isinstance(error, BrokenPipeError):  # `tokkit encode ... | head`: the reader has enough
            _silence_stdout()
            return 0
        print(f"tokkit: error: {_one_line(error)}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except KeyboardInterrupt:
        print("tokkit: interrupted", file=sys.stderr)
        return 130


def _one_line(error: BaseException) -> str:
    """The error's message on one line (an OSError says which file: its strerror and filename)."""
    if isinstance(error, OSError) and error.filename is not None and error.strerror:
        text = f"{error.strerror}: {error.filename}"
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.split())


def _utf8_streams() -> None:
    """JSON lines and texts are UTF-8 whatever the locale (Windows consoles included)."""
    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")


def _silence_stdout() -> None:
    # Python would complain again when flushing the closed pipe at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
