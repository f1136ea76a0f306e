"""What likelihood scoring changes against frequency scoring, on WikiText-2 (the embedded test split).

Usage: python examples/wordpiece_likelihood.py [--vocab-sizes 8000,16000] [--min-frequencies 0,10]
                                              [--words W1,W2,...]

Trains the walk-through's BERT-style WordPiece tokenizer twice per vocab size
on the first 80% of the lines, with ``WordPieceTrainer(scoring="frequency")``
(HF's WordPiece training, which merges the most frequent pair) and
``scoring="likelihood"`` (the pair with the highest
count(ab) / (count(a) * count(b))), then encodes the last 20% of the lines
(other articles) and prints a markdown table: tokens per word, the share of
words kept whole, the share of [UNK], and the mean token length in the
vocabulary; then how a few words split.
"""

from __future__ import annotations

import argparse
import statistics

from tokkit import Tokenizer, models, normalizers, pre_tokenizers, trainers
from tokkit.corpus import wikitext2_text

SCORINGS = ("frequency", "likelihood")
DEFAULT_WORDS = "unpredictable,mechanization,archbishopric,thunderstorms,reconsidered,goalkeeper,tokenizer"


def bert_like() -> Tokenizer:
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase(), normalizers.StripAccents()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    return tok


def train(lines: list[str], vocab_size: int, scoring: str, min_frequency: int) -> Tokenizer:
    tok = bert_like()
    trainer = trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=["[UNK]", "[CLS]", "[SEP]", "[PAD]",
                                        "[MASK]"], show_progress=False, scoring=scoring, min_frequency=min_frequency)
    tok.train_from_iterator(lines, trainer)
    return tok


def measure(tok: Tokenizer, held_out: list[str]) -> dict[str, float]:
    words = tokens = whole = unknown = 0
    for encoding in tok.encode_batch(held_out, add_special_tokens=False):
        word_ids = encoding.word_ids
        words += len(set(word_ids))
        tokens += len(word_ids)
        per_word: dict[int, int] = {}
        for word in word_ids:
            per_word[word] = per_word.get(word, 0) + 1
        whole += sum(1 for n in per_word.values() if n == 1)
        unknown += encoding.tokens.count("[UNK]")
    vocab = [token.removeprefix("##") for token in tok.get_vocab() if not token.startswith("[")]
    return {"tokens per word": tokens / words, "words kept whole": whole / words, "[UNK]": unknown / tokens,
            "mean token length (vocab)": statistics.mean(map(len, vocab))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vocab-sizes", default="8000,16000")
    parser.add_argument("--min-frequencies", default="0,10",
                        help="min_frequency values (a pair counted less is not merged)")
    parser.add_argument("--words", default=DEFAULT_WORDS)
    args = parser.parse_args()
    lines = [line for line in wikitext2_text().split("\n") if line.strip()]
    cut = len(lines) * 8 // 10
    training, held_out = lines[:cut], lines[cut:]
    print(f"WikiText-2 test split: {len(training):,} lines to train, {len(held_out):,} held-out lines\n")
    print("| vocab_size | min_frequency | scoring | vocab trained | tokens per word | words kept whole | [UNK] "
          "| mean token length (vocab) |")
    print("|---|---|---|---|---|---|---|---|")
    trained = {}
    for vocab_size in map(int, args.vocab_sizes.split(",")):
        for min_frequency in map(int, args.min_frequencies.split(",")):
            for scoring in SCORINGS:
                tok = trained[vocab_size, min_frequency, scoring] = train(training, vocab_size, scoring, min_frequency)
                m = measure(tok, held_out)
                print(f"| {vocab_size:,} | {min_frequency} | {scoring} | {tok.get_vocab_size():,} | "
                      f"{m['tokens per word']:.3f} | "
                      f"{m['words kept whole']:.1%} | {m['[UNK]']:.2%} | {m['mean token length (vocab)']:.2f} |")
    vocab_size = max(size for size, _, _ in trained)
    columns = sorted({(min_frequency, scoring) for _, min_frequency, scoring in trained})
    print(f"\nSplits at vocab {vocab_size:,}:\n")
    print("| word | " + " | ".join(f"{scoring}, min_frequency {m}" for m, scoring in columns) + " |")
    print("|---|" + "---|" * len(columns))
    for word in args.words.split(","):
        splits = [" ".join(trained[vocab_size, m, scoring].encode(word, add_special_tokens=False).tokens)
                  for m, scoring in columns]
        print(f"| {word} | " + " | ".join(f"`{split}`" for split in splits) + " |")


if __name__ == "__main__":
    main()
