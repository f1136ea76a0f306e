"""What the commands read and write: tokenizer files, lines of text (a file or stdin), JSON lines."""

from __future__ import annotations

import glob
import json
import os
import sys
from typing import Any, Iterable, Iterator, Optional

from tokkit import TokkitError
from tokkit.tokenizer import Tokenizer

from .errors import fail

__all__ = ["load_tokenizer", "read_lines", "expand_inputs", "write_json", "STDIN"]

STDIN = "-"


def load_tokenizer(path: str) -> Tokenizer:
    """The tokenizer saved at ``path`` (a missing or broken file is an error naming it).

    >>> load_tokenizer("no-such-tokenizer.json")
    Traceback (most recent call last):
    ...
    tokkit.cli.errors.CliError: no tokenizer file 'no-such-tokenizer.json': give the path of a tokenizer.json (written by tokkit or HF tokenizers)
    """
    if not os.path.isfile(path):
        fail(f"no tokenizer file {path!r}: give the path of a tokenizer.json (written by tokkit or HF tokenizers)")
    try:
        return Tokenizer.from_file(path)
    except TokkitError as error:  # the library's message says what is wrong, not in which file
        fail(f"cannot load {path}: {error}")


def read_lines(path: Optional[str]) -> Iterator[str]:
    """The lines of ``path`` (stdin when None or ``-``), each without its line break.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "a.txt")
    >>> _ = open(path, "w", encoding="utf-8").write("one\\n\\ntwo")
    >>> list(read_lines(path))
    ['one', '', 'two']
    """
    if path is None or path == STDIN:
        yield from (line.rstrip("\n") for line in sys.stdin)
        return
    if not os.path.isfile(path):
        fail(f"no input file {path!r}")
    with open(path, encoding="utf-8") as handle:
        yield from (line.rstrip("\n") for line in handle)


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files named by ``inputs``: paths, glob patterns (``corpus/**/*.txt``) and ``-`` (stdin) kept as is.

    A pattern that matches nothing or a path that does not exist is an error:
    training silently on less than asked would go unnoticed.

    >>> expand_inputs(["-"])
    ['-']
    """
    files: list[str] = []
    for item in inputs:
        if item == STDIN:
            files.append(item)
        elif glob.has_magic(item):
            matches = sorted(path for path in glob.glob(item, recursive=True) if os.path.isfile(path))
            if not matches:
                fail(f"no file matches {item!r}")
            files.extend(matches)
        elif os.path.isfile(item):
            files.append(item)
        else:
            fail(f"no input file {item!r} (give files, glob patterns or - for stdin)")
    return files


def write_json(value: Any) -> None:
    """Print ``value`` as one JSON line (non-ASCII text as is, UTF-8).

    >>> write_json({"text": "héllo", "ids": [1, 2]})
    {"text": "héllo", "ids": [1, 2]}
    """
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")
