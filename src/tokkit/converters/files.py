"""File-to-file conversion, the entry point of ``tokkit convert``.

The source's format comes from ``source_format``, else its suffix (``.model``,
``.json``, ``.tiktoken``), else its first bytes; the output's from its suffix
(``.model``: a SentencePiece model, anything else: a tokenizer.json).
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Mapping, Optional, Union

from .._errors import ConfigurationError, SerializationError
from ..tokenizer import Tokenizer
from .sentencepiece import from_sentencepiece
from .sentencepiece_export import to_sentencepiece
from .tiktoken import PATTERNS, SPECIAL_TOKENS, from_tiktoken

__all__ = ["convert", "read_tiktoken_ranks", "FORMATS"]

#: The source formats ``convert`` reads.
FORMATS = ("sentencepiece", "tiktoken", "tokenizer.json")
_SUFFIXES = {".model": "sentencepiece", ".tiktoken": "tiktoken", ".json": "tokenizer.json"}


def convert(
    source: Union[str, Path],
    output: Union[str, Path],
    *,
    source_format: Optional[str] = None,
    pattern: Optional[str] = None,
    encoding_name: Optional[str] = None,
    special_tokens: Optional[Mapping[str, int]] = None,
) -> Tokenizer:
    """Convert the tokenizer file ``source`` into ``output``; returns the tokenizer.

    Args:
        source: a SentencePiece ``.model``, a tokenizer.json, or a tiktoken ranks file
            (one ``base64-token rank`` per line, as OpenAI's ``.tiktoken`` files).
        output: where to write; a ``.model`` suffix writes a SentencePiece model
            (:func:`~tokkit.converters.to_sentencepiece`, for tokenizers SentencePiece
            can express), any other a tokenizer.json.
        source_format: ``"sentencepiece"``, ``"tiktoken"`` or ``"tokenizer.json"``;
            by default the suffix of ``source`` tells, else its first bytes.
        pattern: a tiktoken file's split regex (tiktoken's syntax).
        encoding_name: a tiktoken file's OpenAI encoding (``gpt2``, ``r50k_base``,
            ``p50k_base``, ``p50k_edit``, ``cl100k_base``, ``o200k_base``): its pattern and
            special tokens; by default the file's name (``cl100k_base.tiktoken``) tells.
        special_tokens: a tiktoken file's special tokens (text -> id), replacing the
            encoding's.

    Raises :class:`~tokkit.ConfigurationError` for what cannot be converted (naming
    it) and :class:`~tokkit.SerializationError` for a malformed file.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> ranks = os.path.join(folder, "tiny.tiktoken")
    >>> with open(ranks, "w") as f:
    ...     _ = f.writelines(f"{base64.b64encode(bytes([b])).decode()} {b}\\n" for b in range(256))
    >>> convert(ranks, os.path.join(folder, "tokenizer.json"), pattern=r"\\w+|\\s").encode("hi").ids
    [104, 105]
    """
    kind = source_format or _detect(Path(source))
    if kind == "sentencepiece":
        tokenizer = from_sentencepiece(source)
    elif kind == "tokenizer.json":
        tokenizer = Tokenizer.from_file(str(source))
    elif kind == "tiktoken":
        tokenizer = _from_tiktoken_file(Path(source), pattern, encoding_name, special_tokens)
    else:
        raise ConfigurationError(f"unknown source_format {kind!r}; use one of {', '.join(FORMATS)}")
    if kind != "tiktoken" and (pattern or encoding_name or special_tokens):
        raise ConfigurationError("pattern, encoding_name and special_tokens are for a tiktoken source only")
    if Path(output).suffix == ".model":
        to_sentencepiece(tokenizer, output)
    else:
        tokenizer.save(str(output))
    return tokenizer


def _detect(source: Path) -> str:
    if source.suffix in _SUFFIXES:
        return _SUFFIXES[source.suffix]
    with open(source, "rb") as file:
        head = file.read(256)
    if head.lstrip()[:1] == b"{":
        return "tokenizer.json"
    first = head.split(b"\n", 1)[0].split()
    if len(first) == 2 and first[1].isdigit():
        return "tiktoken"
    return "sentencepiece"


def _from_tiktoken_file(source: Path, pattern: Optional[str], encoding_name: Optional[str],
                        special_tokens: Optional[Mapping[str, int]]) -> Tokenizer:
    name = encoding_name or (source.stem if source.stem in PATTERNS else None)
    if name is not None and name not in PATTERNS:
        raise ConfigurationError(f"unknown tiktoken encoding {name!r}; known: {', '.join(PATTERNS)} "
                                 "(or give its pattern)")
    if pattern is None and name is None:
        raise ConfigurationError(f"{source} is a tiktoken ranks file: give its split pattern, or the name of "
                                 f"its encoding ({', '.join(PATTERNS)})")
    specials = special_tokens if special_tokens is not None else SPECIAL_TOKENS.get(name or "", {})
    return from_tiktoken(mergeable_ranks=read_tiktoken_ranks(source),
                         pattern=pattern if pattern is not None else PATTERNS[name or ""], special_tokens=specials)


def read_tiktoken_ranks(path: Union[str, Path]) -> dict[bytes, int]:
    """The mergeable ranks of a tiktoken file: ``base64-token rank`` per line (blank lines skipped).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "r.tiktoken")
    >>> _ = open(path, "w").write("YQ== 0\\nYWI= 1\\n")
    >>> read_tiktoken_ranks(path)
    {b'a': 0, b'ab': 1}
    """
    ranks = {}
    for number, line in enumerate(Path(path).read_bytes().splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split()
        try:
            if len(fields) != 2:
                raise ValueError
            ranks[base64.b64decode(fields[0], validate=True)] = int(fields[1])
        except (ValueError, binascii.Error):
            raise SerializationError(f"{path}, line {number}: expected 'base64-token rank', got "
                                     f"{line[:60]!r}") from None
    return ranks
