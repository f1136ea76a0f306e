"""The ``tokkit`` command: train, encode, decode, compare, explain, convert, walkthrough.

``tokkit COMMAND --help`` describes each command; a bare ``tokkit`` prints
the list.  :func:`main` is the console script (``python -m tokkit`` is the
same); it returns the exit code.

>>> main(["--version"])  # doctest: +ELLIPSIS
tokkit ...
0
"""

from .app import main
from .errors import CliError
from .demo import walkthrough

__all__ = ["CliError", "main", "walkthrough"]
