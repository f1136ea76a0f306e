"""``python -m tokkit``: the walk-through, on the embedded WikiText-2 corpus.

Trains a BERT-style WordPiece tokenizer, then encodes, post-processes,
decodes, saves and reloads it, printing what HF tokenizers prints for the
same code.  Needs no network.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator, Optional, Sequence

__all__ = ["main", "walkthrough"]


def _find_pretrained(name: str) -> Optional[Path]:
    """A real tokenizer.json shipped beside a checkout (tests/data or ../shared)."""
    here = Path(__file__).resolve()
    for root in list(here.parents)[:5] + [Path.cwd()]:
        for candidate in (root / "tests" / "data" / name, root.parent / "shared" / "tokenizers" / name):
            if candidate.is_file():
                return candidate
    return None


def _show_pretrained() -> None:
    from tokkit import Tokenizer

    bert_path, gpt2_path = _find_pretrained("bert-base-uncased.json"), _find_pretrained("gpt2.json")
    if bert_path is None or gpt2_path is None:
        print("(bert-base-uncased.json / gpt2.json not found beside this checkout: skipping them)")
        return
    bert, gpt2 = Tokenizer.from_file(str(bert_path)), Tokenizer.from_file(str(gpt2_path))
    assert bert.normalizer is not None and bert.pre_tokenizer is not None and gpt2.pre_tokenizer is not None
    print(bert.normalizer.normalize_str("Héllò hôw are ü?"))
    print(bert.pre_tokenizer.pre_tokenize_str("hello how are  u?"))
    print(gpt2.pre_tokenizer.pre_tokenize_str("hello how are  u?"))


def walkthrough(vocab_size: int = 25000, show_progress: bool = True) -> None:
    """Run the canonical walk-through and print its results."""
    from tokkit import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from tokkit.corpus import load_wikitext2

    _show_pretrained()
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase(), normalizers.StripAccents()])
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    trainer = trainers.WordPieceTrainer(
        vocab_size=vocab_size,
        special_tokens=["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"],
        show_progress=show_progress,
    )
    dataset = load_wikitext2()  # WikiText-2 raw, test split, embedded in tokkit

    def get_training_corpus() -> Iterator[list[str]]:
        for i in range(0, len(dataset), 1000):
            yield dataset[i : i + 1000]["text"]

    start = time.perf_counter()
    tokenizer.train_from_iterator(get_training_corpus(), trainer=trainer)
    seconds = time.perf_counter() - start
    print(f"# trained on {len(dataset)} rows in {seconds:.1f} s; vocab size {tokenizer.get_vocab_size()}", file=sys.stderr)
    encoding = tokenizer.encode("This's me  .")
    print(encoding)
    print(
        encoding.ids, encoding.type_ids, encoding.tokens, encoding.offsets,
        encoding.attention_mask, encoding.special_tokens_mask, encoding.overflowing,
    )
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS]:0 $A:0 [SEP]:0",
        pair="[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1",
        special_tokens=[("[CLS]", tokenizer.token_to_id("[CLS]")), ("[SEP]", tokenizer.token_to_id("[SEP]"))],
    )
    encoding = tokenizer.encode("This's me  .", "That's is fine-tuning.")
    print(encoding.tokens)
    print(encoding.type_ids)
    tokenizer.decoder = decoders.WordPiece(prefix="##")
    print(tokenizer.decode(encoding.ids))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "tokenizer.json")
        tokenizer.save(path)
        print(Tokenizer.from_file(path).decode(encoding.ids))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="tokkit", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    walk = sub.add_parser("walkthrough", help="train WordPiece on embedded WikiText-2 and show the results")
    walk.add_argument("--vocab-size", type=int, default=25000)
    walk.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    walkthrough(
        vocab_size=getattr(args, "vocab_size", 25000),
        show_progress=not getattr(args, "no_progress", False),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
