"""Train a WordPiece tokenizer on a folder of text files, counting words on a Dask cluster.

Usage: python examples/train_on_dask.py FOLDER [--workers 2]   (pip install -e ".[dask]")

The counting (normalize, pre-tokenize, count) runs on the workers; the counts
come back as one Counter and the model trains from them here, giving the same
tokenizer as ``train_from_iterator`` on the same texts.  A 2-worker
LocalCluster stands in for a real cluster: to use one, connect a ``Client`` to
its scheduler instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import dask.bag
from distributed import Client, LocalCluster, progress

from tokkit import Tokenizer, models, normalizers, pre_tokenizers, trainers
from tokkit.distributed import count_words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--vocab-size", type=int, default=8000)
    args = parser.parse_args()
    files = sorted(str(path) for path in args.folder.rglob("*.txt"))
    if not files:
        sys.exit(f"no .txt file under {args.folder}")

    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer()
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster):
        bag = dask.bag.read_text(files, blocksize="16MiB").persist()  # read on the workers
        progress(bag)  # a progress bar while the files are read
        print()
        counts = count_words(tokenizer, bag)
    print(f"{len(counts):,} distinct words, {sum(counts.values()):,} in all, from {len(files)} files")
    trainer = trainers.WordPieceTrainer(vocab_size=args.vocab_size, special_tokens=["[UNK]", "[CLS]", "[SEP]"])
    tokenizer.train_from_counts(counts, trainer)
    print(tokenizer.encode("Counting scales out; training does not need the texts.").tokens)


if __name__ == "__main__":
    main()
