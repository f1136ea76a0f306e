"""Unigram training's compact lattices: what the flat arrays, shard streaming and edge dropping must keep.

The training results themselves are checked against HF and the oracle in
``test_unigram_trainer.py``; these tests pin the invariants the memory work relies on.
"""

from __future__ import annotations

import io
import math

import pytest

from tokkit.trainers.unigram import shard as shard_module
from tokkit.trainers.unigram.lattice import find_edges, prefix_table
from tokkit.trainers.unigram.seeds import seed_pieces
from tokkit.trainers.unigram.shard import Shard
from tokkit.trainers.unigram.words import SortedWords


@pytest.fixture(scope="module")
def setup(data_dir):
    counts: dict[str, int] = {}
    for line in (data_dir / "wikitext-slice.txt").read_text(encoding="utf-8").splitlines()[:200]:
        for word in line.split():
            counts[word] = counts.get(word, 0) + 1
    words = SortedWords(counts)
    seeds = seed_pieces(list(words.items()), 16, 1_000_000)
    pieces = ["<UNK>"] + [piece for piece, _ in seeds]
    scores = [math.nan] + [score for _, score in seeds]
    return words, pieces, scores


def make_shard(words, pieces, blocks=None):
    blocks = blocks or [0, len(words)]
    return Shard(words.items(), blocks, [len(piece) for piece in pieces], 16, prefix_table(pieces))


def test_piece_lattice_read_from_a_word_is_the_piece_s_own(setup):
    words, pieces, _ = setup
    shard, table = make_shard(words, pieces), prefix_table(pieces)
    present = shard.present()
    checked = 0
    for index, piece in enumerate(pieces):
        if index == 0 or len(piece) == 1:
            continue
        assert present[index], piece  # every seed is a substring of some word
        assert shard.piece_lattice(index) == find_edges(piece, table, 16, skip_full=True), piece
        checked += 1
    assert checked > 100


def test_written_shard_reads_back_the_same(setup):
    words, pieces, scores = setup
    shard = make_shard(words, pieces, [0, 50, len(words)])
    stream = io.BytesIO()
    shard.write(stream)
    stream.seek(0)
    copy = Shard.read(stream)
    order = list(range(len(pieces)))
    assert [list(block) for block in copy.e_step(order, scores)] == [list(b) for b in shard.e_step(order, scores)]
    assert copy.present() == shard.present()


def test_dropping_dead_edges_changes_no_bit(setup, monkeypatch):
    words, pieces, scores = setup
    order = [0] + [index for index in range(1, len(pieces)) if index % 3]  # a third of the pieces dead
    live = [scores[index] for index in order]
    monkeypatch.setattr(shard_module, "SYNC_FRACTION", 0.0)  # never drop
    kept = make_shard(words, pieces)
    expected_kept, freq_kept = kept.e_step(order, live), kept.viterbi_freq(order, live)
    split_kept = kept.alternatives(order, live, order[1:])
    monkeypatch.setattr(shard_module, "SYNC_FRACTION", 1.0)  # drop at once
    dropped = make_shard(words, pieces)
    assert dropped.e_step(order, live) == expected_kept
    assert len(dropped.idx) < len(kept.idx)
    assert dropped.viterbi_freq(order, live) == freq_kept
    assert dropped.alternatives(order, live, order[1:]) == split_kept


def test_sorted_words_skip_the_empty_word_and_keep_code_point_order():
    counts = {"b": 1, "": 3, "\U0001f600": 2, "a\ud800": 4, "a": 5, "\uffff": 6}
    words = SortedWords(counts)
    assert list(words.items()) == sorted((word, count) for word, count in counts.items() if word)
    assert words.n_chars() == sum(map(len, counts))
