"""Training through Tokenizer.train / train_from_iterator against HF, and determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
import tokenizers as hf
from hypothesis import given
from hypothesis import strategies as st
from strategies import sentences

import tokkit
from tokkit import Tokenizer

from conftest import DATA

WIKI = (DATA / "wikitext-slice.txt").read_text(encoding="utf-8").split("\n")


def pair_of(model: str, **model_kwargs):
    ours = Tokenizer(getattr(tokkit.models, model)(**model_kwargs))
    theirs = hf.Tokenizer(getattr(hf.models, model)(**model_kwargs))
    for tok, lib in ((ours, tokkit), (theirs, hf)):
        tok.normalizer = lib.normalizers.Sequence([lib.normalizers.NFD(), lib.normalizers.Lowercase(),
                                                   lib.normalizers.StripAccents()])
        tok.pre_tokenizer = lib.pre_tokenizers.Sequence([lib.pre_tokenizers.WhitespaceSplit(),
                                                         lib.pre_tokenizers.Punctuation()])
    return ours, theirs


def model_json(tok) -> dict:
    return json.loads(tok.to_str())


@pytest.mark.parametrize("vocab_size", [250, 600, 2000])
def test_bpe_trained_on_wikitext_identical_to_hf(vocab_size: int) -> None:
    ours, theirs = pair_of("BPE", unk_token="[UNK]")
    kwargs = dict(vocab_size=vocab_size, min_frequency=2, special_tokens=["[UNK]", "<s>"], show_progress=False)
    ours.train_from_iterator(WIKI, tokkit.trainers.BpeTrainer(**kwargs))
    theirs.train_from_iterator(WIKI, hf.trainers.BpeTrainer(**kwargs))
    assert ours.to_str() == theirs.to_str()


def test_wordlevel_trained_on_wikitext_identical_to_hf() -> None:
    ours, theirs = pair_of("WordLevel", unk_token="[UNK]")
    kwargs = dict(vocab_size=500, min_frequency=2, special_tokens=["[UNK]"], show_progress=False)
    ours.train_from_iterator(WIKI, tokkit.trainers.WordLevelTrainer(**kwargs))
    theirs.train_from_iterator(WIKI, hf.trainers.WordLevelTrainer(**kwargs))
    assert ours.to_str() == theirs.to_str()


@given(corpus=st.lists(sentences, min_size=1, max_size=20), vocab_size=st.integers(5, 60))
def test_bpe_random_corpora_identical_to_hf(corpus: list[str], vocab_size: int) -> None:
    ours, theirs = pair_of("BPE")
    theirs.train_from_iterator(corpus, hf.trainers.BpeTrainer(vocab_size=vocab_size, show_progress=False))
    try:
        ours.train_from_iterator(corpus, tokkit.trainers.BpeTrainer(vocab_size=vocab_size, show_progress=False))
    except tokkit.TrainingError:
        assert theirs.get_vocab_size() > vocab_size  # the documented difference: HF silently exceeds it
        return
    assert ours.to_str() == theirs.to_str()


def test_train_from_files_keeps_newlines(tmp_path) -> None:
    path = tmp_path / "corpus.txt"
    path.write_text("ab ab\nab\ncd\n", encoding="utf-8")
    ours = Tokenizer(tokkit.models.WordLevel(unk_token="[UNK]"))
    theirs = hf.Tokenizer(hf.models.WordLevel(unk_token="[UNK]"))
    ours.train([str(path)], tokkit.trainers.WordLevelTrainer(show_progress=False))
    theirs.train([str(path)], hf.trainers.WordLevelTrainer(show_progress=False))
    assert ours.get_vocab() == theirs.get_vocab()
    assert "ab\n" in ours.get_vocab()


def test_train_without_trainer_uses_model_default() -> None:
    ours = Tokenizer(tokkit.models.WordLevel(unk_token="[UNK]"))
    theirs = hf.Tokenizer(hf.models.WordLevel(unk_token="[UNK]"))
    ours.train_from_iterator(["a b c a"])
    theirs.train_from_iterator(["a b c a"])
    assert ours.to_str() == theirs.to_str()


def test_trap_6_specials_added_before_training_count_as_words() -> None:
    ours = Tokenizer(tokkit.models.BPE())
    theirs = hf.Tokenizer(hf.models.BPE())
    for tok in (ours, theirs):
        tok.add_special_tokens(["<s>"])
    ours.train_from_iterator(["<s>hello <s>hello"], tokkit.trainers.BpeTrainer(show_progress=False))
    theirs.train_from_iterator(["<s>hello <s>hello"], hf.trainers.BpeTrainer(show_progress=False))
    assert ours.to_str() == theirs.to_str()
    assert ours.token_to_id("<s>") == 0 and ours.id_to_token(0) == "<s>"


def test_batches_and_datasets_give_the_same_counts() -> None:
    from tokkit.corpus import TextDataset

    results = []
    for feed in (WIKI, [WIKI[i : i + 7] for i in range(0, len(WIKI), 7)], TextDataset(WIKI)):
        tok, _ = pair_of("WordLevel", unk_token="[UNK]")
        tok.train_from_iterator(feed, tokkit.trainers.WordLevelTrainer(vocab_size=300, show_progress=False))
        results.append(tok.to_str())
    assert results[0] == results[1] == results[2]


def test_parallel_counting_equals_single_process(monkeypatch) -> None:
    from tokkit._training import parallel as _parallel

    text = WIKI * 3
    outputs = []
    for procs, threshold in (("1", 1 << 40), ("2", 1)):
        monkeypatch.setenv("TOKKIT_NUM_PROC", procs)
        monkeypatch.setattr(_parallel, "PARALLEL_THRESHOLD_CHARS", threshold)
        tok, _ = pair_of("WordPiece", unk_token="[UNK]")
        tok.train_from_iterator(text, tokkit.trainers.WordPieceTrainer(vocab_size=400, show_progress=False))
        outputs.append(tok.to_str())
    assert outputs[0] == outputs[1]


def test_num_proc_is_a_parameter_of_training(monkeypatch, tmp_path) -> None:
    # num_proc overrides TOKKIT_NUM_PROC; the result is the same for any value, files or iterator.
    from tokkit._training import parallel as _parallel

    started: list[int] = []
    original = _parallel.ParallelCounter.for_tokenizer.__func__

    def recording(cls, count, workers):
        started.append(workers)
        return original(cls, count, workers)

    monkeypatch.setattr(_parallel.ParallelCounter, "for_tokenizer", classmethod(recording))
    monkeypatch.setattr(_parallel, "PARALLEL_THRESHOLD_CHARS", 1)
    monkeypatch.setenv("TOKKIT_NUM_PROC", "3")
    path = tmp_path / "wiki.txt"
    path.write_text("\n".join(WIKI), encoding="utf-8")
    outputs = []
    for num_proc in (1, 2, None):
        tok, _ = pair_of("WordPiece", unk_token="[UNK]")
        trainer = tokkit.trainers.WordPieceTrainer(vocab_size=400, show_progress=False)
        tok.train_from_iterator(WIKI, trainer, num_proc=num_proc)
        outputs.append(tok.to_str())
        tok.train([str(path)], trainer, num_proc=num_proc)
    assert started == [1, 1, 2, 2, 3, 3]
    assert outputs[0] == outputs[1] == outputs[2]
    with pytest.raises((ValueError, OverflowError)):
        tok.train_from_iterator(WIKI, trainer, num_proc=-1)


def test_num_proc_reaches_the_trainers_workers(monkeypatch) -> None:
    # BPE's merge slices follow the num_proc of the training call (with the same result for any value).
    from tokkit.trainers.bpe import core as bpe_core
    from tokkit.trainers.bpe import shards

    seen: list[int] = []

    def recording(words: int) -> int:
        seen.append(shards.shard_count(words))
        return seen[-1]

    monkeypatch.setattr(shards, "SHARD_MIN_WORDS", 1)
    monkeypatch.setattr(bpe_core, "shard_count", recording)
    outputs = []
    for num_proc in (1, 2):
        tok, _ = pair_of("BPE", unk_token="[UNK]")
        tok.train_from_iterator(WIKI, tokkit.trainers.BpeTrainer(vocab_size=400, show_progress=False),
                                num_proc=num_proc)
        outputs.append(tok.to_str())
        tok.train_from_counts({"ab": 3, "abc": 1}, tokkit.trainers.BpeTrainer(vocab_size=9, show_progress=False),
                              num_proc=num_proc)
    assert seen == [1, 1, 2, 2]
    assert outputs[0] == outputs[1]


def _train_in_pool_worker(text: list[str]) -> str:
    tok = tokkit.Tokenizer(tokkit.models.WordPiece(unk_token="[UNK]"))
    tok.pre_tokenizer = tokkit.pre_tokenizers.Whitespace()
    tok.train_from_iterator(text, tokkit.trainers.WordPieceTrainer(vocab_size=400, show_progress=False))
    return tok.to_str()


def test_training_inside_a_pool_worker_counts_in_process(monkeypatch) -> None:
    # A Pool worker is daemonic and may not start processes: counting stays in it (it used to fail
    # with "daemonic processes are not allowed to have children" past the parallel threshold).
    import multiprocessing

    from tokkit._training import parallel as _parallel

    monkeypatch.setenv("TOKKIT_NUM_PROC", "2")
    monkeypatch.setattr(_parallel, "PARALLEL_THRESHOLD_CHARS", 1)  # inherited by the forked pool worker
    with multiprocessing.get_context("fork").Pool(1) as pool:
        in_worker = pool.apply(_train_in_pool_worker, (WIKI,))
    monkeypatch.setenv("TOKKIT_NUM_PROC", "1")
    assert in_worker == _train_in_pool_worker(WIKI)


SCRIPT = textwrap.dedent(
    """
    import sys, random
    from tokkit import Tokenizer, models, normalizers, pre_tokenizers, trainers
    lines = open(sys.argv[1], encoding="utf-8").read().split("\\n")
    random.Random(int(sys.argv[2])).shuffle(lines)
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase(), normalizers.StripAccents()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    trainer = trainers.WordPieceTrainer(vocab_size=800, special_tokens=["[UNK]"], show_progress=False)
    batch = int(sys.argv[3])
    tok.train_from_iterator([lines[i:i + batch] for i in range(0, len(lines), batch)], trainer=trainer)
    sys.stdout.write(tok.to_str())
    """
)


def test_training_is_deterministic_across_hash_seeds_order_and_batches() -> None:
    outputs = set()
    for seed, shuffle, batch in (("0", 0, 1000), ("1", 1, 7), ("12345", 2, 1)):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(DATA / "wikitext-slice.txt"), str(shuffle), str(batch)],
            env=env, capture_output=True, text=True, check=True,
        )
        outputs.add(proc.stdout)
    assert len(outputs) == 1


def test_trainer_model_mismatch_is_an_error() -> None:
    tok = Tokenizer(tokkit.models.WordLevel(unk_token="[UNK]"))
    with pytest.raises(tokkit.TrainingError):
        tok.train_from_iterator(["a b"], tokkit.trainers.BpeTrainer(show_progress=False))


def test_bad_training_inputs() -> None:
    tok = Tokenizer(tokkit.models.WordLevel(unk_token="[UNK]"))
    with pytest.raises(tokkit.TrainingError, match="single str"):
        tok.train_from_iterator("abc")
    with pytest.raises(tokkit.TrainingError, match="str"):
        tok.train_from_iterator([1, 2])
    with pytest.raises(tokkit.TrainingError, match="not found"):
        tok.train(["/nonexistent/file.txt"])


def test_progress_bars_are_tqdm(capsys) -> None:
    tok = Tokenizer(tokkit.models.WordPiece(unk_token="[UNK]"))
    tok.train_from_iterator(WIKI[:50], tokkit.trainers.WordPieceTrainer(vocab_size=200, show_progress=True))
    err = capsys.readouterr().err
    assert "Pre-processing sequences" in err
