"""``tokkit train``: a standard pipeline trained on files, globs, stdin or a word-counts file."""

from __future__ import annotations

import argparse
import io
import itertools
import sys
import time
from typing import Any, Iterator

from tokkit.counting import read_counts

from .errors import UsageError
from .inputs import STDIN, expand_inputs
from .pipelines import MODELS, build_pipeline, finish_pipeline

__all__ = ["add_parser", "run_train", "special_token_list"]

DESCRIPTION = """\
Train a tokenizer with a standard pipeline and save it as a tokenizer.json.

models:
  wordpiece       BERT-like: lowercasing BertNormalizer, BertPreTokenizer, [CLS] $A [SEP], WordPiece decoder
                  (special tokens [UNK] [PAD] [CLS] [SEP] [MASK])
  bpe             subword BPE: NFC, Whitespace pre-tokenizer, </w> word ends (special token <unk>)
  byte-level-bpe  GPT-2-like: ByteLevel pre-tokenizer, post-processor and decoder, no unknown token
                  (special token <|endoftext|>)
  unigram         SentencePiece-like: NFKC, Metaspace pre-tokenizer and decoder (special token <unk>)
  wordlevel       whole words: Whitespace pre-tokenizer (special token [UNK])

Each line of the inputs is a training text (its line break kept, as HF tokenizers reads files).
Progress goes to stderr."""

EXAMPLES = """\
examples:
  tokkit train --model wordpiece --vocab-size 30000 --output bert.json wiki/*.txt
  cat corpus.txt | tokkit train --model byte-level-bpe --output gpt.json -
  tokkit train --model unigram --from-counts counts.tsv --output sp.json"""


def add_parser(sub: Any) -> None:
    """``tokkit train``."""
    parser = sub.add_parser("train", help="train a tokenizer on text files, globs or stdin (or word counts)",
                            description=DESCRIPTION, epilog=EXAMPLES,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="text files or glob patterns ('corpus/**/*.txt', quoted), - for stdin")
    parser.add_argument("-m", "--model", choices=MODELS, default="wordpiece", metavar="MODEL",
                        help=f"the pipeline: {', '.join(MODELS)} (default wordpiece)")
    parser.add_argument("-o", "--output", default="tokenizer.json", metavar="PATH",
                        help="where to save the tokenizer (default tokenizer.json)")
    parser.add_argument("--vocab-size", type=int, metavar="N", help="vocabulary size (default: the trainer's)")
    parser.add_argument("--min-frequency", type=int, metavar="N",
                        help="keep only pairs or words seen at least N times (not for unigram)")
    parser.add_argument("--special-tokens", action="append", metavar="LIST",
                        help="comma-separated special tokens, given the first ids (repeat the option to add more; "
                             "default: the model's)")
    parser.add_argument("--unk-token", metavar="TOKEN", help="the unknown token (default: the model's)")
    parser.add_argument("--from-counts", metavar="PATH",
                        help="train from word counts (the TSV tokkit.counting.write_counts writes) instead of texts")
    parser.add_argument("--num-proc", type=int, metavar="N",
                        help="processes counting words (default: TOKKIT_NUM_PROC, else one per CPU)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars or summary on stderr")
    parser.set_defaults(handler=run_train)


def special_token_list(values: list[str] | None) -> list[str] | None:
    """The ``--special-tokens`` values as one list (None when the option was not given).

    >>> special_token_list(["[UNK],[PAD]", "<x>"])
    ['[UNK]', '[PAD]', '<x>']
    """
    if values is None:
        return None
    return [token.strip() for value in values for token in value.split(",") if token.strip()]


def run_train(args: argparse.Namespace) -> int:
    """Build the pipeline, train it, save it, report on stderr."""
    if bool(args.inputs) == bool(args.from_counts):
        raise UsageError("give INPUT files (or - for stdin), or --from-counts, exactly one of the two")
    tokenizer, trainer = build_pipeline(
        args.model, special_token_list(args.special_tokens), args.unk_token, vocab_size=args.vocab_size,
        min_frequency=args.min_frequency, show_progress=not args.quiet)
    start = time.perf_counter()
    if args.from_counts:
        tokenizer.train_from_counts(read_counts(args.from_counts), trainer)
    else:
        files = expand_inputs(args.inputs)
        if STDIN in files:
            tokenizer.train_from_iterator(_lines(files), trainer, num_proc=args.num_proc)
        else:
            tokenizer.train(files, trainer, num_proc=args.num_proc)
    finish_pipeline(args.model, tokenizer)
    tokenizer.save(args.output)
    if not args.quiet:
        print(f"trained {args.model} in {time.perf_counter() - start:.1f} s: {tokenizer.get_vocab_size()} tokens, "
              f"saved to {args.output}", file=sys.stderr)
    return 0


def _lines(files: list[str]) -> Iterator[str]:
    """The lines of ``files`` in order, stdin where ``-`` stands, each with its line break (as ``train`` reads)."""
    def one(path: str) -> Iterator[str]:
        if path == STDIN:  # newline="": "\r\n" kept, as train() keeps it in files
            yield from io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="")
        else:
            with open(path, encoding="utf-8", newline="") as handle:
                yield from handle

    return itertools.chain.from_iterable(one(path) for path in files)
