"""Every observable field of an Encoding, HF's or tokkit's, and an assertion that two are equal.

>>> from tokkit import Tokenizer, models
>>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "a": 1}, unk_token="[UNK]"))
>>> encoding_dict(tok.encode("a"))["ids"]
[1]
>>> assert_same_encoding(tok.encode("a"), tok.encode("b"), "a vs b")
Traceback (most recent call last):
...
AssertionError: a vs b: field 'ids' differs
 tokkit: [1]
 HF:     [0]
"""

from __future__ import annotations

from typing import Any

__all__ = ["ENCODING_FIELDS", "encoding_dict", "assert_same_encoding"]

#: The list fields of an Encoding.
ENCODING_FIELDS = ("ids", "type_ids", "tokens", "offsets", "attention_mask", "special_tokens_mask", "word_ids",
                   "sequence_ids")  # fmt: skip


def encoding_dict(encoding: Any, with_overflow: bool = True) -> dict[str, Any]:
    """Every observable field of an Encoding (HF's or tokkit's), the overflowing ones included.

    >>> from tokenizers import Tokenizer as HFTokenizer
    >>> from tokkit import Tokenizer, models
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]"))
    >>> encoding_dict(tok.encode("hi")) == encoding_dict(HFTokenizer.from_str(tok.to_str()).encode("hi"))
    True
    >>> e = tok.encode("hi"); encoding_dict(e)["overflowing"], encoding_dict(e, with_overflow=False)["ids"]
    ([], [1])
    """
    out = {name: list(getattr(encoding, name)) for name in ENCODING_FIELDS}
    out["n_sequences"] = encoding.n_sequences
    if with_overflow:
        out["overflowing"] = [encoding_dict(o, with_overflow=True) for o in encoding.overflowing]
    return out


def assert_same_encoding(ours: Any, theirs: Any, context: str = "") -> None:
    """Raise ``AssertionError`` naming the first field where two Encodings differ (tokkit's first).

    >>> from tokenizers import Tokenizer as HFTokenizer
    >>> from tokkit import Tokenizer, models
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]"))
    >>> assert_same_encoding(tok.encode("hi"), HFTokenizer.from_str(tok.to_str()).encode("hi"), "hi")  # passes
    >>> assert_same_encoding(tok.encode("hi"), HFTokenizer.from_str(tok.to_str()).encode("hi ho"), "hi")
    Traceback (most recent call last):
    ...
    AssertionError: hi: field 'ids' differs
     tokkit: [1]
     HF:     [0]
    """
    a, b = encoding_dict(ours), encoding_dict(theirs)
    for key in a:
        if a[key] != b[key]:
            raise AssertionError(f"{context}: field {key!r} differs\n tokkit: {a[key]!r}\n HF:     {b[key]!r}")
