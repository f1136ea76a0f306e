"""Training from word counts gives the tokenizer ``train_from_iterator`` gives (tokkit.counting).

For every trainer: counting then ``train_from_counts`` (in this process, with
worker processes, and through the TSV file) is byte-identical to training on
the texts; counts of two halves add up to the whole; the TSV form keeps any
word; bad counts are refused with HF-style builtin errors.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tokkit
from tokkit import SerializationError, Tokenizer, models, normalizers, pre_tokenizers, trainers
from tokkit.counting import count_words, read_counts, write_counts

DATA = Path(__file__).parent / "data"
TEXTS = (DATA / "wikitext-slice.txt").read_text(encoding="utf-8").split("\n")
HALF = len(TEXTS) // 2


def _bert_like(model: Any) -> Tokenizer:
    tok = Tokenizer(model)
    tok.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase(), normalizers.StripAccents()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    return tok


def _byte_level(model: Any) -> Tokenizer:
    tok = Tokenizer(model)
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    return tok


def _metaspace(model: Any) -> Tokenizer:
    tok = Tokenizer(model)
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    return tok


SETUPS: dict[str, tuple[Callable[[], Tokenizer], Callable[[], Any]]] = {
    "bpe": (lambda: _bert_like(models.BPE(unk_token="[UNK]")),
            lambda: trainers.BpeTrainer(vocab_size=600, special_tokens=["[UNK]"], show_progress=False)),
    "byte-level bpe": (lambda: _byte_level(models.BPE()),
                       lambda: trainers.BpeTrainer(vocab_size=600, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                                   show_progress=False)),
    "wordpiece": (lambda: _bert_like(models.WordPiece(unk_token="[UNK]")),
                  lambda: trainers.WordPieceTrainer(vocab_size=600, special_tokens=["[UNK]"], show_progress=False)),
    "wordpiece likelihood": (lambda: _bert_like(models.WordPiece(unk_token="[UNK]")),
                             lambda: trainers.WordPieceTrainer(vocab_size=600, special_tokens=["[UNK]"],
                                                               show_progress=False, scoring="likelihood")),
    "wordlevel": (lambda: _bert_like(models.WordLevel(unk_token="[UNK]")),
                  lambda: trainers.WordLevelTrainer(vocab_size=600, special_tokens=["[UNK]"], show_progress=False)),
    "unigram": (lambda: _metaspace(models.Unigram()),
                lambda: trainers.UnigramTrainer(vocab_size=300, unk_token="<unk>", special_tokens=["<unk>"],
                                                show_progress=False)),
}


@pytest.mark.parametrize("name", sorted(SETUPS))
def test_training_from_counts_is_byte_identical(name: str, tmp_path: Path) -> None:
    make_tokenizer, make_trainer = SETUPS[name]
    expected = make_tokenizer()
    expected.train_from_iterator(TEXTS, make_trainer())
    counter = make_tokenizer()
    counts = count_words(counter, TEXTS, num_proc=1)
    from_counts = make_tokenizer()
    from_counts.train_from_counts(counts, make_trainer())
    write_counts(counts, str(tmp_path / "counts.tsv"))
    from_file = make_tokenizer()
    from_file.train_from_counts(read_counts(str(tmp_path / "counts.tsv")), make_trainer())
    from_pairs = make_tokenizer()
    from_pairs.train_from_counts(list(counts.items()), make_trainer())
    assert from_counts.to_str() == from_file.to_str() == from_pairs.to_str() == expected.to_str()


def test_counts_of_two_halves_add_up_and_do_not_depend_on_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    from tokkit._training import parallel

    tok = SETUPS["wordpiece"][0]()
    whole = count_words(tok, TEXTS, num_proc=1)
    halves = count_words(tok, TEXTS[:HALF], num_proc=1)
    halves.update(count_words(tok, [TEXTS[HALF:]], num_proc=1))  # a batch, as train_from_iterator takes
    assert halves != count_words(tok, TEXTS[:HALF], num_proc=1)  # the second half counted
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD_CHARS", 1)
    assert halves == whole == count_words(tok, TEXTS, num_proc=2)
    assert all(type(count) is int for count in whole.values())


@given(counts=st.dictionaries(st.text(st.characters(codec="utf-8"), min_size=1, max_size=12).filter(
    lambda word: not any(0xD800 <= ord(c) <= 0xDFFF for c in word)), st.integers(1, 10**30), max_size=30))
def test_tsv_keeps_every_word(counts: dict[str, int], tmp_path_factory: pytest.TempPathFactory) -> None:
    path = str(tmp_path_factory.mktemp("counts") / "c.tsv")
    write_counts(counts, path)
    assert read_counts(path) == Counter(counts)


@pytest.mark.parametrize("line", ["word\n", "word\tx\n", "word\t-1\n", "a\\qb\t1\n"])
def test_a_bad_tsv_line_is_a_serialization_error(line: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(line, encoding="utf-8")
    with pytest.raises(SerializationError, match="line 1"):
        read_counts(str(path))


@pytest.mark.parametrize("counts,error", [({"a": "2"}, TypeError), ({1: 2}, TypeError), ([("a",)], TypeError),
                                          ({"a": True}, TypeError), ({"a": -1}, ValueError)])
def test_bad_counts_are_refused(counts: Any, error: type[Exception]) -> None:
    tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    with pytest.raises(error):
        tok.train_from_counts(counts, trainers.WordLevelTrainer(show_progress=False))


def test_zero_counts_are_not_words_and_repeats_add_up() -> None:
    def trained(counts: Any) -> str:
        tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
        tok.train_from_counts(counts, trainers.WordLevelTrainer(show_progress=False))
        return tok.to_str()

    assert trained([("b", 1), ("a", 2), ("zz", 0), ("b", 2)]) == trained({"a": 2, "b": 3})
    assert "zz" not in tokkit.Tokenizer.from_str(trained({"a": 1, "zz": 0})).get_vocab()
