"""``tokkit compare``: tokkit and HF tokenizers on the lines of a file, field by field.

For each line both libraries encode the text (and decode their ids); the
report counts the lines where each field differs and shows the first
differences.  The exit code is 1 when any line differs, so scripts and CI can
use it as a check.
"""

from __future__ import annotations

import argparse
import itertools
import os
from typing import Any, Callable, Optional

from .errors import fail
from .inputs import load_tokenizer, read_lines

__all__ = ["FIELDS", "add_parser", "run_compare", "first_difference"]

#: What is compared on each line, in report order.
FIELDS = ("ids", "tokens", "offsets", "type_ids", "attention_mask", "special_tokens_mask", "word_ids", "decoded")


def add_parser(sub: Any) -> None:
    """``tokkit compare``."""
    parser = sub.add_parser(
        "compare", help="compare tokkit with HF tokenizers on the lines of a file",
        description="Encode each line of FILE with tokkit and with HF tokenizers (the tokenizers package) and "
                    "compare ids, tokens, offsets, type ids, masks, word ids and the decoded text. Prints the "
                    "number of lines compared, how many differ in each field and the first differences; the "
                    "exit code is 1 when any line differs.")
    parser.add_argument("-t", "--tokenizer", required=True, metavar="PATH", help="the tokenizer.json to compare")
    parser.add_argument("file", metavar="FILE", help="the texts, one per line (- for stdin)")
    parser.add_argument("--hf-tokenizer", metavar="PATH",
                        help="give HF this tokenizer.json instead (default: the same as --tokenizer)")
    parser.add_argument("--limit", type=int, metavar="N", help="compare the first N lines only")
    parser.add_argument("--show", type=int, default=5, metavar="N", help="show the first N differences (default 5)")
    parser.add_argument("--no-special-tokens", action="store_true", help="encode without the post-processor's tokens")
    parser.set_defaults(handler=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    """Compare, print the report, return 1 if any line differs."""
    ours = load_tokenizer(args.tokenizer)
    theirs_path = args.hf_tokenizer or args.tokenizer
    theirs = _hf_tokenizer(theirs_path)
    special = not args.no_special_tokens
    lines = itertools.islice(read_lines(args.file), args.limit)
    counts = dict.fromkeys(FIELDS, 0)
    compared = differing = 0
    shown: list[str] = []
    for number, line in enumerate(lines, 1):
        compared += 1
        a, b = _outputs(ours.encode, ours.decode, line, special), _outputs(theirs.encode, theirs.decode, line, special)
        fields = [field for field in FIELDS if a.get(field) != b.get(field)]
        differing += bool(fields)
        for field in fields:
            counts[field] += 1
            if len(shown) < args.show:
                shown.append(_difference(number, line, field, a.get(field), b.get(field)))
    print(f"compared {compared} lines of {args.file}: tokkit with {args.tokenizer}, HF tokenizers with {theirs_path}")
    print(f"lines that differ: {differing}")
    for field in FIELDS:
        print(f"  {field}: {counts[field]}")
    if shown:
        print(f"first {len(shown)} differences:")
        print("\n".join(shown))
    return 1 if differing else 0


def _hf_tokenizer(path: str) -> Any:
    try:
        import tokenizers
    except ImportError:
        fail("tokkit compare needs HF tokenizers: pip install tokenizers==0.23.3")
    if not os.path.isfile(path):
        fail(f"no tokenizer file {path!r}: give the path of a tokenizer.json")
    try:
        return tokenizers.Tokenizer.from_file(path)
    except Exception as error:  # HF raises its own Exception subclasses: say it in one line
        fail(f"HF tokenizers cannot load {path}: {error}")


def _outputs(encode: Callable[..., Any], decode: Callable[..., str], text: str, special: bool) -> dict[str, Any]:
    """One library's fields for ``text`` (an exception is a value too: its type and message)."""
    try:
        encoding = encode(text, add_special_tokens=special)
        values = {field: getattr(encoding, field) for field in FIELDS[:-1]}
        values["offsets"] = [tuple(pair) for pair in values["offsets"]]
        values["decoded"] = decode(encoding.ids)
        return values
    except Exception as error:  # the other library may succeed: that is a difference to report, not a crash
        return dict.fromkeys(FIELDS, f"error: {error}")


def first_difference(a: Any, b: Any) -> Optional[int]:
    """The first position where the lists ``a`` and ``b`` differ (None when equal; strings are whole values).

    >>> first_difference([1, 2, 3], [1, 5, 3]), first_difference([1, 2], [1, 2, 3]), first_difference("a", "b")
    (1, 2, None)
    """
    if not isinstance(a, list) or not isinstance(b, list) or a == b:
        return None
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _difference(number: int, line: str, field: str, a: Any, b: Any) -> str:
    position = first_difference(a, b)
    text = line if len(line) <= 100 else line[:97] + "..."
    if position is None:
        where, a_part, b_part = "", repr(a), repr(b)
    else:
        start = max(0, position - 3)
        where = f", from position {position}"
        a_part = ("..." if start else "") + repr(a[start : position + 5])
        b_part = ("..." if start else "") + repr(b[start : position + 5])
    return f"line {number}, {field}{where}:\n  text:   {text!r}\n  tokkit: {a_part}\n  HF:     {b_part}"
