"""``python -m tokkit``: the ``tokkit`` command (see ``tokkit --help`` and :mod:`tokkit.cli`)."""

from __future__ import annotations

from typing import Optional, Sequence

from tokkit.cli import main as _cli_main

__all__ = ["main"]


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The console script ``tokkit``: run the command line ``argv`` and return its exit code.

    >>> main(["--version"])  # doctest: +ELLIPSIS
    tokkit ...
    0
    """
    return _cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
