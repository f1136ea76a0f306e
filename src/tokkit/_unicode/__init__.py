"""Unicode as HF sees it: its tables, graphemes, Oniguruma classes, user ``Regex``, SentencePiece charsmaps.

The submodules hold the tables (``normalization``, ``categories``,
``char_classes``, ``grapheme``, ``oniguruma``, ``charsmap``; generated data
in ``*_data.py``).  This module holds the small predicates every stage
shares.  HF's stages are written in Rust, whose ``char::is_whitespace`` is the Unicode
White_Space property.  Python's ``str.isspace`` also accepts U+001C..U+001F
(information separators), which Rust does not.

>>> is_whitespace("\\u3000"), is_whitespace("\\x1f"), "\\x1f".isspace()
(True, False, True)
"""

from __future__ import annotations

__all__ = ["is_whitespace", "WHITESPACE_CHARS", "WHITESPACE", "bytes_to_unicode", "unicode_to_bytes"]

# Unicode White_Space (PropList.txt); identical from Unicode 6.3 to 16.0.
WHITESPACE_CHARS = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: The same chars as one string (for ``str.strip`` and regex classes).
WHITESPACE = "".join(sorted(WHITESPACE_CHARS))


def is_whitespace(char: str) -> bool:
    """Rust ``char::is_whitespace``: the Unicode White_Space property."""
    return char in WHITESPACE_CHARS


def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's byte -> printable char map (HF ``bytes_char``).

    Printable Latin-1 bytes map to themselves; the other 68 bytes map, in
    increasing order, to U+0100 onwards (space -> 'Ġ', newline -> 'Ċ').

    >>> m = bytes_to_unicode(); m[ord(" ")], m[ord("\\n")], m[ord("a")]
    ('Ġ', 'Ċ', 'a')
    """
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    mapping = {b: chr(b) for b in keep}
    n = 0
    for b in range(256):
        if b not in mapping:
            mapping[b] = chr(256 + n)
            n += 1
    return dict(sorted(mapping.items()))


_BYTES_TO_UNICODE = bytes_to_unicode()
_UNICODE_TO_BYTES = {c: b for b, c in _BYTES_TO_UNICODE.items()}


def unicode_to_bytes() -> dict[str, int]:
    """The inverse of :func:`bytes_to_unicode`."""
    return dict(_UNICODE_TO_BYTES)
