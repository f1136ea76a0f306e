"""Compare a tokenizer with HF ``tokenizers`` 0.23.3 on texts: the first difference, readably.

``diff_with_hf(tokenizer_or_json, texts)`` encodes each text (or pair) with tokkit
and with HF loading the same tokenizer.json, compares the fields asked for, and
returns the first :class:`Difference` (``None`` when all agree);
``assert_same_as_hf`` raises ``AssertionError`` with that difference as its message.
HF ``tokenizers`` is imported on the first call (the ``testing`` extra).

>>> from tokkit import Tokenizer, models, pre_tokenizers
>>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hello": 1}, unk_token="[UNK]"))
>>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
>>> print(diff_with_hf(tok, ["hello world", "héllo"]))
None
>>> assert_same_as_hf(tok, "hello  there", pairs=False)
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence, Union

from .._errors import ConfigurationError
from ..tokenizer import Tokenizer
from ._extras import import_extra
from .difference import Difference, Input

__all__ = ["FIELDS", "DEFAULT_FIELDS", "diff_with_hf", "assert_same_as_hf", "TokenizerSource"]

#: What can be compared: the Encoding fields, the overflowing encodings, and decoding HF's ids.
FIELDS = ("ids", "tokens", "offsets", "type_ids", "attention_mask", "special_tokens_mask", "word_ids",
          "sequence_ids", "overflowing", "decode")  # fmt: skip
DEFAULT_FIELDS = FIELDS
#: A tokkit Tokenizer, a tokenizer.json's text, or the path of a tokenizer.json.
TokenizerSource = Union[Tokenizer, str, "os.PathLike[str]"]
_ENCODING_FIELDS = tuple(f for f in FIELDS if f not in ("overflowing", "decode"))


def diff_with_hf(
    tokenizer_or_json: TokenizerSource,
    texts: Union[str, Iterable[Input]],
    *,
    pairs: bool = False,
    fields: Sequence[str] = DEFAULT_FIELDS,
    add_special_tokens: bool = True,
    reference: Any = None,
) -> Optional[Difference]:
    """The first difference between tokkit and HF on ``texts``, or ``None``.

    Args:
        tokenizer_or_json: a tokkit ``Tokenizer``, a tokenizer.json text, or its path.
        texts: the inputs (one str is one input); with ``pairs=True``, (first, second) pairs.
        fields: what to compare, from ``FIELDS`` ("decode" decodes HF's ids with both, skipping
            special tokens and not).
        reference: what to compare with: an HF ``tokenizers.Tokenizer``, a JSON text or a path
            (default: HF loading ``tokenizer_or_json``'s own JSON).

    An input that makes both libraries raise agrees; one that makes only one raise is a
    difference in the field ``"error"``, except where HF's Rust code panics (a pyo3
    ``PanicException``): there tokkit deliberately raises a ``TokkitError`` or gives a result
    (the README's "Differences from HF"), so a panic is not compared.

    >>> print(diff_with_hf('{"version": "1.0", "model": {"type": "WordLevel", "vocab": {"a": 0}, '
    ...                    '"unk_token": "a"}}', [("a", "b")], pairs=True))
    None
    """
    _check_fields(fields)
    ours = _tokkit_tokenizer(tokenizer_or_json)
    theirs = _hf_tokenizer(tokenizer_or_json if reference is None else reference, ours)
    for item in [texts] if isinstance(texts, str) else texts:
        args = _arguments(item, pairs)
        found = _diff_one(ours, theirs, args, fields, add_special_tokens)
        if found is not None:
            return found
    return None


def assert_same_as_hf(
    tokenizer_or_json: TokenizerSource,
    texts: Union[str, Iterable[Input]],
    *,
    pairs: bool = False,
    fields: Sequence[str] = DEFAULT_FIELDS,
    add_special_tokens: bool = True,
    reference: Any = None,
) -> None:
    """Raise ``AssertionError`` naming the first difference :func:`diff_with_hf` finds.

    >>> from tokkit import Tokenizer, models
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "a": 1}, unk_token="[UNK]"))
    >>> hf_json = tok.to_str()
    >>> tok.add_tokens(["b"])  # tokkit now knows "b", the JSON given to HF does not
    1
    >>> assert_same_as_hf(tok, ["b"], reference=hf_json, fields=["ids"])
    Traceback (most recent call last):
    ...
    AssertionError: tokkit and HF differ in 'ids' of the input 'b' (add_special_tokens=True)
      first difference at index 0 (tokkit has 1 items, HF 1):
        tokkit: [2]
        HF:     [0]
                   tokkit 2  !=  HF 0
      token 0: tokkit 'b' (0, 1), HF '[UNK]' (0, 1)
    """
    found = diff_with_hf(tokenizer_or_json, texts, pairs=pairs, fields=fields,
                         add_special_tokens=add_special_tokens, reference=reference)  # fmt: skip
    if found is not None:
        raise AssertionError(str(found))


# -- loading both tokenizers -----------------------------------------------------------------------
def _check_fields(fields: Sequence[str]) -> None:
    unknown = [f for f in ([fields] if isinstance(fields, str) else fields) if f not in FIELDS]
    if isinstance(fields, str) or unknown:
        raise ConfigurationError(f"fields must be a list of names from {FIELDS}, got {fields!r}")


def _json_text(source: Union[str, "os.PathLike[str]"]) -> str:
    """A tokenizer.json's text: ``source`` itself when it is JSON, else the file it names."""
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return source
    path = Path(source)
    if not path.is_file():
        raise ConfigurationError(f"expected a tokenizer.json text or the path of one, got {str(source)[:80]!r}")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def _tokkit_from_json(text: str) -> Tokenizer:
    return Tokenizer.from_str(text)


@lru_cache(maxsize=8)
def _hf_from_json(text: str) -> Any:
    return import_extra("tokenizers").Tokenizer.from_str(text)


def _tokkit_tokenizer(source: TokenizerSource) -> Tokenizer:
    # loaded tokenizers are cached by their JSON: a Hypothesis test calls this once per example
    return source if isinstance(source, Tokenizer) else _tokkit_from_json(_json_text(source))


def _hf_tokenizer(source: Any, ours: Tokenizer) -> Any:
    if isinstance(source, Tokenizer):
        return _hf_from_json(ours.to_str())
    if isinstance(source, (str, os.PathLike)):
        return _hf_from_json(_json_text(source))
    return source  # an HF tokenizer already


def _arguments(item: Any, pairs: bool) -> tuple[str, Optional[str]]:
    """``(first, second)`` of one input (``second`` None for a single text)."""
    if pairs:
        if isinstance(item, str) or len(item) != 2:
            raise ConfigurationError(f"pairs=True takes (first, second) pairs of texts, got {item!r}")
        return (item[0], item[1])
    if not isinstance(item, str):
        raise ConfigurationError(f"texts must be str (or pairs, with pairs=True), got {item!r}")
    return (item, None)


# -- comparing -------------------------------------------------------------------------------------
def _diff_one(ours: Tokenizer, theirs: Any, args: tuple[str, Optional[str]], fields: Sequence[str],
              add_special_tokens: bool) -> Optional[Difference]:  # fmt: skip
    first, second = args
    shown: Input = first if second is None else (first, second)
    mine, mine_error = _call(lambda: ours.encode(first, second, add_special_tokens=add_special_tokens))
    hers, hers_error = _call(lambda: theirs.encode(first, second, add_special_tokens=add_special_tokens))
    if mine_error or hers_error:
        if (mine_error and hers_error) or _panicked(hers_error):
            return None  # both refuse the input, or HF has no answer: they agree
        return Difference(shown, "error", mine_error or "no error", hers_error or "no error", add_special_tokens)
    found = _diff_encodings(mine, hers, fields, "", shown, add_special_tokens)
    if found is None and "decode" in fields:
        found = _diff_decode(ours, theirs, hers.ids, shown, add_special_tokens)
    return found


def _diff_encodings(mine: Any, hers: Any, fields: Sequence[str], where: str, shown: Input,
                    add_special_tokens: bool) -> Optional[Difference]:  # fmt: skip
    for name in _ENCODING_FIELDS:
        if name in fields:
            a, b = list(getattr(mine, name)), list(getattr(hers, name))
            if a != b:
                return Difference(shown, where + name, a, b, add_special_tokens, _token_note(mine, hers, a, b))
    if "overflowing" not in fields:
        return None
    a_over, b_over = mine.overflowing, hers.overflowing
    if len(a_over) != len(b_over):
        return Difference(shown, f"{where}len(overflowing)", len(a_over), len(b_over), add_special_tokens)
    for index, (a, b) in enumerate(zip(a_over, b_over)):
        found = _diff_encodings(a, b, fields, f"{where}overflowing[{index}].", shown, add_special_tokens)
        if found is not None:
            return found
    return None


def _token_note(mine: Any, hers: Any, a: list[Any], b: list[Any]) -> str:
    """The token and offsets at the first differing index, in both libraries."""
    index = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))

    def at(encoding: Any) -> str:
        if index >= len(encoding.tokens):
            return "(nothing)"
        return f"{encoding.tokens[index]!r} {tuple(encoding.offsets[index])}"

    return f"token {index}: tokkit {at(mine)}, HF {at(hers)}"


def _diff_decode(ours: Tokenizer, theirs: Any, ids: list[int], shown: Input,
                 add_special_tokens: bool) -> Optional[Difference]:  # fmt: skip
    for skip in (True, False):
        a, a_error = _call(lambda: ours.decode(ids, skip_special_tokens=skip))
        b, b_error = _call(lambda: theirs.decode(ids, skip_special_tokens=skip))
        if (a, bool(a_error)) != (b, bool(b_error)) and not _panicked(b_error):
            mine = a_error or a
            hers = b_error or b
            return Difference(shown, f"decode(skip_special_tokens={skip})", mine, hers, add_special_tokens,
                              f"decoding HF's ids {ids[:20]}{'...' if len(ids) > 20 else ''}")  # fmt: skip
    return None


def _panicked(error: str) -> bool:
    """Whether HF's Rust code panicked: where it does, tokkit raises a clear error or gives the
    result the README's "Differences from HF" lists, so a panic is no answer to compare with."""
    return error.startswith("PanicException:")


def _call(function: Callable[[], Any]) -> tuple[Any, str]:
    """``(result, "")``, or ``(None, "TypeName: message")`` when it raised."""
    try:
        return function(), ""
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # HF's Rust panics are BaseExceptions (pyo3 PanicException)
        return None, f"{type(error).__name__}: {error}"
