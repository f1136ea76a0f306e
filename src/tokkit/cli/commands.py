"""The small commands: encode, decode, explain, convert, walkthrough (their options and handlers)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any, Iterator

from tokkit.converters import convert
from tokkit.encoding import Encoding
from tokkit.views import explain

from .errors import UsageError, fail
from .inputs import load_tokenizer, read_lines, write_json

__all__ = [
    "ENCODING_FIELDS", "add_encode_parser", "add_decode_parser", "add_explain_parser", "add_convert_parser",
    "add_walkthrough_parser", "parse_ids", "run_encode", "run_decode", "run_explain", "run_convert",
]

#: The Encoding attributes ``encode --fields`` can print.
ENCODING_FIELDS = ("ids", "tokens", "offsets", "type_ids", "attention_mask", "special_tokens_mask", "word_ids")


def _tokenizer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-t", "--tokenizer", required=True, metavar="PATH", help="the tokenizer.json to use")


def add_encode_parser(sub: Any) -> None:
    """``tokkit encode``."""
    parser = sub.add_parser(
        "encode", help="encode texts (JSON lines out)",
        description="Encode each TEXT, or each line of --file (or of stdin when neither is given), and print one "
                    "JSON object per input: its ids, tokens and offsets (see --fields).")
    _tokenizer_option(parser)
    parser.add_argument("texts", nargs="*", metavar="TEXT", help="texts to encode")
    parser.add_argument("-f", "--file", metavar="PATH", help="encode each line of this file (- for stdin)")
    parser.add_argument("--fields", default="ids,tokens,offsets", metavar="LIST",
                        help="comma-separated fields to print, from: " + ", ".join(ENCODING_FIELDS)
                        + " (default: ids,tokens,offsets)")
    parser.add_argument("--no-special-tokens", action="store_true",
                        help="leave out the post-processor's special tokens ([CLS], [SEP]...)")
    parser.set_defaults(handler=run_encode)


def run_encode(args: argparse.Namespace) -> int:
    """Print each input's encoding as a JSON line."""
    fields = [field.strip() for field in args.fields.split(",") if field.strip()]
    unknown = [field for field in fields if field not in ENCODING_FIELDS]
    if unknown or not fields:
        raise UsageError(f"unknown field {unknown[0] if unknown else args.fields!r}: choose from "
                         + ", ".join(ENCODING_FIELDS))
    if args.texts and args.file:
        raise UsageError("give TEXT arguments or --file, not both")
    tokenizer = load_tokenizer(args.tokenizer)
    for text in args.texts or read_lines(args.file):
        encoding = tokenizer.encode(text, add_special_tokens=not args.no_special_tokens)
        write_json({field: _field(encoding, field) for field in fields})
    return 0


def _field(encoding: Encoding, field: str) -> Any:
    value = getattr(encoding, field)
    return [list(pair) for pair in value] if field == "offsets" else value


def add_decode_parser(sub: Any) -> None:
    """``tokkit decode``."""
    parser = sub.add_parser(
        "decode", help="decode id sequences (JSON lines out)",
        description="Decode the IDs given as arguments, or each line of --file (or of stdin): a JSON object with "
                    "\"ids\" (what tokkit encode prints), a JSON list of ids, or ids separated by spaces or commas. "
                    "Prints one JSON object {\"text\": ...} per sequence; blank lines are skipped.")
    _tokenizer_option(parser)
    parser.add_argument("ids", nargs="*", type=int, metavar="ID", help="one sequence of ids to decode")
    parser.add_argument("-f", "--file", metavar="PATH", help="decode each line of this file (- for stdin)")
    parser.add_argument("--keep-special-tokens", action="store_true", help="keep special tokens in the text")
    parser.set_defaults(handler=run_decode)


def run_decode(args: argparse.Namespace) -> int:
    """Print the text of each id sequence as a JSON line."""
    if args.ids and args.file:
        raise UsageError("give ID arguments or --file, not both")
    tokenizer = load_tokenizer(args.tokenizer)
    sequences = [list(args.ids)] if args.ids else _id_lines(args.file)
    for ids in sequences:
        write_json({"text": tokenizer.decode(ids, skip_special_tokens=not args.keep_special_tokens)})
    return 0


def _id_lines(path: str | None) -> Iterator[list[int]]:
    for number, line in enumerate(read_lines(path), 1):
        if line.strip():
            yield parse_ids(line, number)


def parse_ids(line: str, number: int = 1) -> list[int]:
    """The ids on one input line of ``decode``.

    >>> parse_ids('{"ids": [101, 7592], "tokens": ["[CLS]", "hello"]}'), parse_ids("[1, 2]"), parse_ids("3 4,5")
    ([101, 7592], [1, 2], [3, 4, 5])
    """
    text = line.strip()
    try:
        value: Any = json.loads(text) if text[:1] in "{[" else [int(part) for part in re.split(r"[\s,]+", text)]
    except ValueError:
        value = None
    if isinstance(value, dict):
        value = value.get("ids")
    if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        fail(f"input line {number}: expected a JSON object with \"ids\", a JSON list of ids or ids separated "
             f"by spaces, got {text[:60]!r}")
    return value


def add_explain_parser(sub: Any) -> None:
    """``tokkit explain``."""
    parser = sub.add_parser(
        "explain", help="show what each stage of a tokenizer does to a text",
        description="Show how the tokenizer turns TEXT into tokens: the normalized text, the pre-tokenized "
                    "words, the model's tokens and the post-processed encoding.")
    _tokenizer_option(parser)
    parser.add_argument("text", metavar="TEXT", help="the text to explain")
    parser.add_argument("--pair", metavar="TEXT", help="a second text, encoded as the pair of TEXT")
    parser.add_argument("--no-special-tokens", action="store_true",
                        help="leave out the post-processor's special tokens ([CLS], [SEP]...)")
    parser.set_defaults(handler=run_explain)


def run_explain(args: argparse.Namespace) -> int:
    """Print ``tokkit.views.explain(tokenizer, text, pair=pair)`` (its str is the terminal view)."""
    tokenizer = load_tokenizer(args.tokenizer)
    options = {"add_special_tokens": False} if args.no_special_tokens else {}
    print(str(explain(tokenizer, args.text, pair=args.pair, **options)))
    return 0


def add_convert_parser(sub: Any) -> None:
    """``tokkit convert``."""
    parser = sub.add_parser(
        "convert", help="convert a tokenizer from another format to tokenizer.json",
        description="Read the tokenizer SOURCE (a file or folder in another format) and write it to OUTPUT as a "
                    "tokenizer.json that tokkit and HF tokenizers load.")
    parser.add_argument("source", metavar="SOURCE", help="the tokenizer to convert")
    parser.add_argument("output", metavar="OUTPUT", help="the tokenizer.json to write")
    parser.add_argument("--from", dest="source_format", metavar="FORMAT",
                        help="the format of SOURCE: sentencepiece, tiktoken or tokenizer.json (default: recognised "
                             "from SOURCE)")
    parser.add_argument("--pattern", metavar="REGEX", help="a tiktoken file's split pattern (tiktoken's syntax)")
    parser.add_argument("--encoding", dest="encoding_name", metavar="NAME",
                        help="a tiktoken file's OpenAI encoding (cl100k_base...): its pattern and special tokens")
    parser.add_argument("--special-token", dest="special_tokens", action="append", metavar="TEXT=ID",
                        help="a tiktoken file's special token and its id (repeat for more)")
    parser.set_defaults(handler=run_convert)


def run_convert(args: argparse.Namespace) -> int:
    """``tokkit.converters.convert(source, output, source_format=...)``, then say what was written."""
    options: dict[str, Any] = {"pattern": args.pattern, "encoding_name": args.encoding_name}
    if args.special_tokens:
        options["special_tokens"] = dict(_special_token(item) for item in args.special_tokens)
    options = {key: value for key, value in options.items() if value is not None}  # convert's defaults otherwise
    convert(args.source, args.output, source_format=args.source_format, **options)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _special_token(item: str) -> tuple[str, int]:
    """``TEXT=ID`` (split at the last ``=``, so the text may hold one).

    >>> _special_token("<|endoftext|>=100257"), _special_token("a=b=7")
    (('<|endoftext|>', 100257), ('a=b', 7))
    """
    text, equals, number = item.rpartition("=")
    if not equals or not text or not number.isdigit():
        raise UsageError(f"--special-token expects TEXT=ID, got {item!r}")
    return text, int(number)


def add_walkthrough_parser(sub: Any) -> None:
    """``tokkit walkthrough``."""
    parser = sub.add_parser(
        "walkthrough", help="train WordPiece on the embedded WikiText-2 and show the results",
        description="Train a BERT-style WordPiece tokenizer on the WikiText-2 test split that ships with tokkit "
                    "(no network needed), then encode, post-process, decode, save and reload it, printing each "
                    "result with a label.")
    parser.add_argument("--vocab-size", type=int, default=25000, metavar="N", help="vocabulary size (default 25000)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    parser.set_defaults(handler=_run_walkthrough)


def _run_walkthrough(args: argparse.Namespace) -> int:
    from .demo import walkthrough

    walkthrough(vocab_size=args.vocab_size, show_progress=not args.no_progress)
    return 0
