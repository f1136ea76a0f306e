"""The ``tokkit`` command line: one subcommand per task, each with its handler.

Help texts are plain text (no markup), as the terminal shows them.
"""

from __future__ import annotations

import argparse

from . import commands, compare, training
from .errors import CliParser

__all__ = ["build_parser"]

DESCRIPTION = """\
Pure-Python tokenizers with HuggingFace tokenizers' API, results and tokenizer.json format.
Run "tokkit COMMAND --help" for a command's options."""

EXAMPLES = """\
examples:
  tokkit train --model wordpiece --vocab-size 8000 --output tok.json 'corpus/*.txt'
  tokkit encode --tokenizer tok.json "Hello there!"
  tokkit encode --tokenizer tok.json --file lines.txt | tokkit decode --tokenizer tok.json
  tokkit compare --tokenizer tok.json lines.txt"""


def _formatter(prog: str) -> argparse.HelpFormatter:
    """Descriptions and examples as written; room for the longest command name."""
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def build_parser(version: str) -> argparse.ArgumentParser:
    """The parser of ``tokkit`` (each subcommand sets ``handler``, called with the parsed arguments).

    >>> args = build_parser("0").parse_args(["encode", "-t", "tok.json", "hi"])
    >>> args.handler.__name__, args.tokenizer, args.texts
    ('run_encode', 'tok.json', ['hi'])
    """
    parser = CliParser(prog="tokkit", description=DESCRIPTION, epilog=EXAMPLES, formatter_class=_formatter)
    parser.add_argument("--version", action="version", version=f"tokkit {version}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=CliParser)
    training.add_parser(sub)
    commands.add_encode_parser(sub)
    commands.add_decode_parser(sub)
    compare.add_parser(sub)
    commands.add_explain_parser(sub)
    commands.add_convert_parser(sub)
    commands.add_walkthrough_parser(sub)
    return parser
