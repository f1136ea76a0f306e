"""Counting on Dask (a 2-worker LocalCluster) gives the one-process counts, and the same tokenizer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask.bag
import pytest
from distributed import Client, LocalCluster

from tokkit import ConfigurationError, SerializationError, Tokenizer, models, normalizers, pre_tokenizers, trainers
from tokkit.counting import count_words
from tokkit.distributed import count_words as count_on_dask

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as active:
            yield active


def _tokenizer() -> Tokenizer:
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer()
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.add_special_tokens(["[CLS]"])  # the added vocabulary travels with the JSON too
    return tok


def test_counts_on_the_cluster_equal_one_process(client: Client, tmp_path: Path) -> None:
    files = []
    lines = (DATA / "wikitext-slice.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    for index in range(4):  # four files, read by dask.bag.read_text as a user would
        path = tmp_path / f"part-{index}.txt"
        path.write_text("".join(lines[index::4]) + "[CLS] tail\n", encoding="utf-8")
        files.append(str(path))
    bag = dask.bag.read_text(files)
    texts = bag.compute()
    on_dask = count_on_dask(_tokenizer(), bag)
    assert on_dask == count_words(_tokenizer(), texts, num_proc=1)
    for make_model, make_trainer in TRAININGS:
        from_counts, from_texts = _tokenizer(), _tokenizer()
        from_counts.model, from_texts.model = make_model(), make_model()
        from_counts.train_from_counts(on_dask, make_trainer())
        from_texts.train_from_iterator(texts, make_trainer())
        assert from_counts.to_str() == from_texts.to_str()


# Every trainer, trained from the cluster's counts, gives the tokenizer.json of train_from_iterator.
TRAININGS = [
    (lambda: models.WordPiece(unk_token="[UNK]"),
     lambda: trainers.WordPieceTrainer(vocab_size=500, show_progress=False)),
    (lambda: models.WordPiece(unk_token="[UNK]"),
     lambda: trainers.WordPieceTrainer(vocab_size=500, show_progress=False, scoring="likelihood")),
    (lambda: models.BPE(unk_token="[UNK]"), lambda: trainers.BpeTrainer(vocab_size=500, show_progress=False)),
    (lambda: models.WordLevel(unk_token="[UNK]"),
     lambda: trainers.WordLevelTrainer(vocab_size=500, show_progress=False)),
    (lambda: models.Unigram(), lambda: trainers.UnigramTrainer(vocab_size=200, show_progress=False)),
]


def test_a_tokenizer_that_cannot_travel_is_refused(client: Client) -> None:
    class Lower:
        def normalize(self, normalized: Any) -> None:
            normalized.lowercase()

    tok = _tokenizer()
    tok.normalizer = normalizers.Normalizer.custom(Lower())
    with pytest.raises(SerializationError):
        count_on_dask(tok, dask.bag.from_sequence(["a b"], npartitions=1))
    with pytest.raises(ConfigurationError, match="dask.bag.Bag"):
        count_on_dask(_tokenizer(), ["a b"])


def test_the_dask_example_trains_from_a_folder(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "texts").mkdir()
    lines = (DATA / "wikitext-slice.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "texts" / "a.txt").write_text("".join(lines[:120]), encoding="utf-8")
    (tmp_path / "texts" / "b.txt").write_text("".join(lines[120:]), encoding="utf-8")
    example = Path(__file__).resolve().parents[1] / "examples" / "train_on_dask.py"
    done = subprocess.run([sys.executable, str(example), str(tmp_path / "texts"), "--vocab-size", "600"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "from 2 files" in done.stdout and "'the'" in done.stdout  # the counts, then an encoding
