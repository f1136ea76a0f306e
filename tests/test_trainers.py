"""Trainers against the HF wheel, the slow oracle, and themselves (determinism).

Both sides see the same words: HF through ``train_from_iterator`` with a
``WhitespaceSplit`` pre-tokenizer, tokkit through ``trainer.words =
Counter(str.split())`` on text whose only whitespace is ASCII spaces.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import subprocess
import sys
import warnings
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tokenizers import AddedToken as HfAddedToken
from tokenizers import Tokenizer
from tokenizers import models as hf_models
from tokenizers import pre_tokenizers as hf_pre
from tokenizers import trainers as hf_trainers

from tokkit._errors import ConfigurationError, TrainingError
from tokkit.added_tokens import AddedToken
from tokkit.models import BPE, Unigram, WordLevel, WordPiece
from tokkit.trainers import (
    BpeTrainable, BpeTrainer, UnigramTrainable, UnigramTrainer, WordLevelTrainable, WordLevelTrainer,
    WordPieceTrainable, WordPieceTrainer,
)  # fmt: skip
from tokkit.trainers.bpe.core import train_bpe

DATA = os.path.join(os.path.dirname(__file__), "data")
SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")


def slice_lines() -> list[str]:
    with open(os.path.join(DATA, "wikitext-slice.txt"), encoding="utf-8") as handle:
        return handle.read().splitlines()


def hf_train(model, trainer, lines) -> dict:
    tok = Tokenizer(model)
    tok.pre_tokenizer = hf_pre.WhitespaceSplit()
    tok.train_from_iterator(lines, trainer)
    return json.loads(tok.to_str())["model"]


def kt_train(model, trainer, lines) -> dict:
    trainer.words = Counter(word for line in lines for word in line.split())
    trainer.train(model)
    return model.to_dict()


def both(kind: str, lines, model_kwargs=None, **trainer_kwargs) -> tuple[dict, dict]:
    hf_model, kt_model = {"bpe": (hf_models.BPE, BPE), "wordlevel": (hf_models.WordLevel, WordLevel),
                          "wordpiece": (hf_models.WordPiece, WordPiece)}[kind]
    hf_trainer, kt_trainer = {"bpe": (hf_trainers.BpeTrainer, BpeTrainer),
                              "wordlevel": (hf_trainers.WordLevelTrainer, WordLevelTrainer),
                              "wordpiece": (hf_trainers.WordPieceTrainer, WordPieceTrainer)}[kind]
    kwargs = {k: v for k, v in trainer_kwargs.items() if v is not None}  # HF rejects explicit None
    model_kwargs = model_kwargs or {}
    hf = hf_train(hf_model(**model_kwargs), hf_trainer(show_progress=False, **kwargs), lines)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kt = kt_train(kt_model(**model_kwargs), kt_trainer(show_progress=False, **kwargs), lines)
    # Deliberate difference: a vocabulary bigger than vocab_size comes with a warning (HF says nothing).
    exceeded = len(kt["vocab"]) > kwargs.get("vocab_size", 30000)
    assert [str(w.message) for w in caught if "more than vocab_size" in str(w.message)] == (
        [ANY_EXCEEDED] if exceeded else [])
    return hf, kt


class _AnyExceeded:
    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and "raise vocab_size to at least" in other


ANY_EXCEEDED = _AnyExceeded()

# Small alphabets force ties; é/中 check code point ordering.
corpora = st.lists(
    st.lists(st.text(st.sampled_from("abcé中"), min_size=1, max_size=8), min_size=1, max_size=12).map(" ".join),
    min_size=1, max_size=8)
bpe_options = st.fixed_dictionaries({"vocab_size": st.integers(0, 60)}, optional={
    "min_frequency": st.integers(0, 6),
    "max_token_length": st.integers(1, 5),
    "special_tokens": st.lists(st.sampled_from(["[UNK]", "a", "ab", "<s>", "b"]), max_size=3),
    "initial_alphabet": st.lists(st.sampled_from(["x", "a", "yz", "é"]), max_size=3),
})


# -- BPE and WordLevel: identical to HF --------------------------------------------------------
class TestBpeParity:
    @given(lines=corpora, options=bpe_options)
    def test_random_corpora_identical(self, lines, options):
        hf, kt = both("bpe", lines, **options)
        assert kt == hf

    @pytest.mark.parametrize("options", [
        {"vocab_size": 2000},
        {"vocab_size": 2000, "max_token_length": 4, "special_tokens": ["[UNK]", "[PAD]"]},
        {"vocab_size": 1500, "min_frequency": 3, "initial_alphabet": ["€", "q"]},
        {"vocab_size": 1000, "limit_alphabet": 1000},
    ])
    def test_wikitext_slice_identical(self, options):
        hf, kt = both("bpe", slice_lines(), **options)
        assert kt == hf

    def test_trained_model_keeps_its_options(self):
        model_kwargs = {"unk_token": "[UNK]", "dropout": 0.25, "fuse_unk": True, "byte_fallback": True,
                        "continuing_subword_prefix": "@@"}
        hf, kt = both("bpe", ["aab abc ab"], model_kwargs, vocab_size=8, special_tokens=["[UNK]"])
        assert kt == hf and kt["continuing_subword_prefix"] is None  # replaced by the trainer's

    def test_trap1_tie_break_uses_ids_not_strings(self):
        for text, expected in [("ba ab", [["a", "b"]]), ("ba ba ab", [["b", "a"]])]:
            hf, kt = both("bpe", [text], vocab_size=3)
            assert kt["merges"] == hf["merges"] == expected

    @pytest.mark.parametrize("limit,expected", [
        (1, ["ab", "cd", "ef", "gh"]), (3, ["ab", "cd", "ef", "gh"]), (5, ["ab", "cd", "ef", "gh", "abcd", "efgh"])])
    def test_trap2_max_token_length_only_checked_on_merged_pairs(self, limit, expected):
        hf, kt = both("bpe", ["abcdefgh"] * 4, vocab_size=100, max_token_length=limit)
        assert kt == hf
        assert ["".join(m) for m in kt["merges"]] == expected

    def test_vocab_size_below_alphabet_gives_hf_result_and_a_warning(self):
        # HF silently gives a vocab of 9 here; tokkit gives the same and says why (README: Differences).
        hf = hf_train(hf_models.BPE(), hf_trainers.BpeTrainer(vocab_size=3, special_tokens=["<s>", "<s>", "x"],
                                                                show_progress=False), ["hello world"])
        assert len(hf["vocab"]) == 9
        trainer = BpeTrainer(vocab_size=3, special_tokens=["<s>", "<s>", "x"], show_progress=False)
        with pytest.warns(UserWarning, match="has 9 entries, more than vocab_size=3: the 7 characters"):
            assert kt_train(BPE(), trainer, ["hello world"]) == hf
        with pytest.warns(UserWarning, match="limit_alphabet"):
            kt = kt_train(WordPiece(), WordPieceTrainer(vocab_size=5, show_progress=False), ["hello world"])
        hf = hf_train(hf_models.WordPiece(), hf_trainers.WordPieceTrainer(vocab_size=5, show_progress=False),
                      ["hello world"])
        assert sorted(kt["vocab"]) == sorted(hf["vocab"])  # ## ids differ (README: WordPiece ids)

    def test_limit_alphabet_without_ties_matches_hf(self):
        hf, kt = both("bpe", ["aaaa bbb cc d e"] * 2, vocab_size=30, limit_alphabet=2)
        assert kt == hf

    def test_limit_alphabet_ties_drop_highest_code_point_first(self):
        result = train_bpe({"ab": 1, "cd": 1, "zz": 1}, vocab_size=100, limit_alphabet=3)
        assert [t for t in result.vocab if len(t) == 1] == ["a", "b", "z"]


class TestWordLevelParity:
    @given(lines=corpora, vocab_size=st.integers(0, 30), min_frequency=st.integers(0, 4),
           specials=st.lists(st.sampled_from(["[UNK]", "a", "b", "ab"]), max_size=3))
    def test_random_corpora_identical(self, lines, vocab_size, min_frequency, specials):
        hf, kt = both("wordlevel", lines, {"unk_token": "[UNK]"}, vocab_size=vocab_size,
                      min_frequency=min_frequency, special_tokens=specials)
        assert kt == hf

    def test_wikitext_slice_identical(self):
        hf, kt = both("wordlevel", slice_lines(), vocab_size=700, min_frequency=2, special_tokens=["[UNK]"])
        assert kt == hf

    def test_trap3_a_word_overwrites_a_special_token(self):
        hf, kt = both("wordlevel", ["b a c a b d e e [UNK] Z"], vocab_size=7, special_tokens=["[UNK]", "a"])
        assert kt == hf
        assert kt["vocab"] == {"a": 2, "b": 3, "e": 4, "Z": 5, "[UNK]": 6}


class TestWordPiece:
    def test_wikitext_slice_vocab_overlap(self):
        hf, kt = both("wordpiece", slice_lines(), {"unk_token": "[UNK]"}, vocab_size=3000,
                      special_tokens=["[UNK]", "[CLS]"])
        overlap = len(set(hf["vocab"]) & set(kt["vocab"])) / len(hf["vocab"])
        assert overlap >= 0.99, overlap
        assert {k: v for k, v in kt.items() if k != "vocab"} == {k: v for k, v in hf.items() if k != "vocab"}
        assert list(kt["vocab"])[:2] == ["[UNK]", "[CLS]"]

    def test_model_keeps_unk_and_max_chars_prefix_replaced(self):
        model = WordPiece(unk_token="<u>", max_input_chars_per_word=7, continuing_subword_prefix="@@")
        trainer = WordPieceTrainer(vocab_size=20, show_progress=False, continuing_subword_prefix="##",
                                   end_of_word_suffix="</w>")
        kt_train(model, trainer, ["hello hell"])
        assert (model.unk_token, model.max_input_chars_per_word, model.continuing_subword_prefix) == ("<u>", 7, "##")
        assert "##o</w>" in model.get_vocab() and "##l" in model.get_vocab()

    def test_no_trainer_prefix_gives_the_model_hashes_like_hf(self):
        # HF installs WordPiece::from_bpe's prefix, which falls back to "##" when the BPE has none.
        hf_model = hf_models.WordPiece(unk_token="[UNK]", continuing_subword_prefix="@@")
        hf_trainer = hf_trainers.WordPieceTrainer(vocab_size=30, show_progress=False)
        hf_trainer.continuing_subword_prefix = None
        hf_tok = Tokenizer(hf_model)
        hf_tok.pre_tokenizer = hf_pre.Whitespace()
        hf_tok.train_from_iterator(["hello hell yellow"], trainer=hf_trainer)
        model = WordPiece(unk_token="[UNK]", continuing_subword_prefix="@@")
        trainer = WordPieceTrainer(vocab_size=30, show_progress=False)
        trainer.continuing_subword_prefix = None
        kt_train(model, trainer, ["hello hell yellow"])
        assert model.continuing_subword_prefix == hf_tok.model.continuing_subword_prefix == "##"

    def test_vocab_is_the_bpe_vocab(self):
        words = {"hello": 3, "hell": 2, "yellow": 1}
        bpe, wordpiece = BPE(), WordPiece()
        trainer = BpeTrainer(vocab_size=25, show_progress=False, continuing_subword_prefix="##")
        trainer.words = words
        trainer.train(bpe)
        wp_trainer = WordPieceTrainer(vocab_size=25, show_progress=False)
        wp_trainer.words = words
        wp_trainer.train(wordpiece)
        assert wordpiece.get_vocab() == bpe.get_vocab()


# -- determinism -----------------------------------------------------------------------------
_DETERMINISM_SCRIPT = """
import sys
import warnings
from collections import Counter
from tokkit.models import WordPiece
from tokkit.trainers import WordPieceTrainer
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
trainer = WordPieceTrainer(vocab_size=1200, show_progress=False, end_of_word_suffix="</w>", limit_alphabet=60)
trainer.words = Counter(w for line in lines for w in line.split())
model = WordPiece()
trainer.train(model)
sys.stdout.write(model.to_str())
"""


def test_wordpiece_identical_across_hash_seeds():
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=os.pathsep.join(
            [SRC] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
        run = subprocess.run([sys.executable, "-c", _DETERMINISM_SCRIPT, os.path.join(DATA, "wikitext-slice.txt")],
                             env=env, capture_output=True, text=True, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1 and '"##' in outputs.pop()


@pytest.mark.parametrize("kind", ["bpe", "wordpiece", "wordlevel"])
def test_identical_under_shuffled_word_order(kind):
    words = list(Counter(w for line in slice_lines() for w in line.split()).items())
    results = set()
    for seed in range(3):
        random.Random(seed).shuffle(words)
        model, trainer = {"bpe": (BPE(), BpeTrainer(continuing_subword_prefix="##", end_of_word_suffix="</w>")),
                          "wordpiece": (WordPiece(), WordPieceTrainer()),
                          "wordlevel": (WordLevel(), WordLevelTrainer())}[kind]
        trainer.vocab_size, trainer.show_progress = 900, False
        trainer.words = dict(words)
        trainer.train(model)
        results.add(model.to_str())
    assert len(results) == 1


# -- trainer API ------------------------------------------------------------------------------
TRAINER_CASES = [
    ("BpeTrainer", {}),
    ("BpeTrainer", {"vocab_size": 10, "min_frequency": 2, "show_progress": False, "progress_format": "json",
                    "special_tokens": ["[UNK]", "x"], "limit_alphabet": 5, "initial_alphabet": ["abc"],
                    "continuing_subword_prefix": "##", "end_of_word_suffix": "</w>", "max_token_length": 4}),
    ("WordPieceTrainer", {}),
    ("WordPieceTrainer", {"vocab_size": 5, "limit_alphabet": 3, "end_of_word_suffix": "</w>",
                          "special_tokens": ["é"], "initial_alphabet": ["q"]}),
    ("WordLevelTrainer", {}),
    ("WordLevelTrainer", {"vocab_size": 3, "min_frequency": 1, "show_progress": False, "special_tokens": ["a"]}),
]


class TestTrainerApi:
    @pytest.mark.parametrize("name,kwargs", TRAINER_CASES)
    def test_repr_state_and_attributes_match_hf(self, name, kwargs):
        hf = getattr(hf_trainers, name)(**kwargs)
        kt = globals()[name](**kwargs)
        assert repr(kt) == repr(hf)
        assert str(kt) == str(hf)
        assert kt.__getstate__() == hf.__getstate__()
        for attr in ("vocab_size", "min_frequency", "show_progress", "limit_alphabet", "initial_alphabet",
                     "continuing_subword_prefix", "end_of_word_suffix", "max_token_length", "progress_format"):
            if hasattr(hf, attr):
                assert getattr(kt, attr) == getattr(hf, attr), attr
        assert [repr(t) for t in kt.special_tokens] == [repr(t) for t in hf.special_tokens]

    @pytest.mark.parametrize("name,kwargs", TRAINER_CASES)
    def test_pickle_round_trip(self, name, kwargs):
        trainer = globals()[name](**kwargs)
        trainer.words = {"hello": 2, "wörld": 1}
        clone = pickle.loads(pickle.dumps(trainer))
        assert type(clone) is type(trainer) and clone.__getstate__() == trainer.__getstate__()

    def test_special_tokens_become_special(self):
        token = AddedToken("<m>", lstrip=True)
        trainer = BpeTrainer(special_tokens=[token, "<s>"])
        hf = hf_trainers.BpeTrainer(special_tokens=[HfAddedToken("<m>", lstrip=True), "<s>"])
        assert [repr(t) for t in trainer.special_tokens] == [repr(t) for t in hf.special_tokens]
        assert token.special is False  # HF mutates the caller's AddedToken; tokkit copies it
        with pytest.raises(ConfigurationError):
            BpeTrainer(special_tokens="<s>")
        with pytest.raises(ConfigurationError):
            BpeTrainer(special_tokens=[1])

    @pytest.mark.parametrize("kwargs", [{"vocab_size": -1}, {"vocab_size": "10"}, {"min_frequency": 1.5},
                                        {"limit_alphabet": -2}, {"initial_alphabet": "abc"},
                                        {"continuing_subword_prefix": 3}, {"max_token_length": "x"}])
    def test_bad_arguments(self, kwargs):
        with pytest.raises(ConfigurationError):
            BpeTrainer(**kwargs)

    def test_explicit_none_is_accepted(self):
        trainer = BpeTrainer(limit_alphabet=None, continuing_subword_prefix=None, end_of_word_suffix=None)
        assert trainer.limit_alphabet is None and WordPieceTrainer(limit_alphabet=None).limit_alphabet is None

    def test_feed_replaces_words(self):
        trainer = WordLevelTrainer()
        trainer.feed(["a b a", "c"], str.split)
        trainer.feed(["x x"], str.split)
        assert trainer.words == {"x": 2}
        wordpiece = WordPieceTrainer()
        wordpiece.feed(["a a"], str.split)
        assert wordpiece.words == {"a": 2}
        bpe = BpeTrainer()
        bpe.feed(["q r"], str.split)
        assert bpe.get_word_count() == 2

    @pytest.mark.parametrize("trainer,model", [(BpeTrainer(), WordPiece()), (WordPieceTrainer(), BPE()),
                                               (WordLevelTrainer(), BPE())])
    def test_wrong_model_raises_training_error(self, trainer, model):
        with pytest.raises(TrainingError, match="can only train"):
            trainer.train(model)

    def test_train_returns_special_tokens(self):
        trainer = WordLevelTrainer(special_tokens=["[UNK]"])
        trainer.words = {"a": 1}
        tokens = trainer.train(WordLevel())
        assert [(t.content, t.special, t.normalized) for t in tokens] == [("[UNK]", True, False)]

    @pytest.mark.parametrize("name", ["BpeTrainer", "WordLevelTrainer", "UnigramTrainer"])
    def test_state_lacking_defaulted_fields_loads_and_lacking_others_is_a_key_error(self, name):
        trainer = globals()[name]()
        state = json.loads(trainer.__getstate__())
        fields = state[name]
        del fields["words"]
        for optional in ("progress_format", "max_token_length", "seed_size"):
            fields.pop(optional, None)  # fields serde fills with a default
        clone = type(trainer).__new__(type(trainer))
        clone.__setstate__(json.dumps(state).encode())
        assert clone.__getstate__() == trainer.__getstate__()
        del fields["vocab_size"]
        with pytest.raises(KeyError, match="vocab_size"):
            clone.__setstate__(json.dumps(state).encode())

    def test_models_are_checked_by_what_they_can_do(self):
        assert isinstance(BPE(), BpeTrainable) and not isinstance(BPE(), WordPieceTrainable)
        assert isinstance(WordPiece(), WordPieceTrainable) and isinstance(WordLevel(), WordLevelTrainable)
        assert isinstance(Unigram(), UnigramTrainable) and not isinstance(Unigram(), BpeTrainable)

        class Lookup:  # not a tokkit model: anything offering the install method can be trained
            def set_trained_wordlevel(self, vocab):
                self.vocab = vocab

        trainer = WordLevelTrainer(special_tokens=["[UNK]"])
        trainer.words = {"b": 2, "a": 1}
        model = Lookup()
        trainer.train(model)
        assert model.vocab == {"[UNK]": 0, "b": 1, "a": 2}
        with pytest.raises(TrainingError, match="can only train"):
            UnigramTrainer().train(model)

    def test_learn_returns_the_result_without_a_model(self):
        trainer = BpeTrainer(vocab_size=4, show_progress=False)
        trainer.words = {"ab": 2, "b": 1}
        result = trainer.learn()
        model = BPE()
        trainer.train(model)
        assert result.vocab == model.get_vocab() == {"a": 0, "b": 1, "ab": 2}
        assert result.merges == [(0, 1, 2)]
        trainer.words = {"a": -1}
        with pytest.raises(TrainingError, match="non-negative"):
            trainer.learn()

    def test_trainers_keep_the_options_hf_keeps(self):
        bpe = BPE(unk_token="a", continuing_subword_prefix="@@", fuse_unk=True, byte_fallback=True, dropout=0.5)
        trainer = BpeTrainer(vocab_size=5, show_progress=False, end_of_word_suffix="</w>")
        trainer.words = {"ab": 2}
        trainer.train(bpe)
        assert (bpe.unk_token, bpe.fuse_unk, bpe.byte_fallback, bpe.dropout) == ("a", True, True, 0.5)
        assert (bpe.continuing_subword_prefix, bpe.end_of_word_suffix) == (None, "</w>")  # the trainer's
        wordpiece = WordPiece(unk_token="<u>", max_input_chars_per_word=7, continuing_subword_prefix="@@")
        trainer = WordPieceTrainer(vocab_size=5, show_progress=False, continuing_subword_prefix="%%")
        trainer.words = {"ab": 2}
        trainer.train(wordpiece)
        assert (wordpiece.unk_token, wordpiece.max_input_chars_per_word) == ("<u>", 7)
        assert wordpiece.continuing_subword_prefix == "%%"
        unigram = Unigram([("a", 0.0)], unk_id=0, byte_fallback=True, alpha=0.5, nbest_size=2)
        trainer = UnigramTrainer(vocab_size=5, show_progress=False, unk_token="<unk>")
        trainer.words = {"ab": 2}
        trainer.train(unigram)
        assert (unigram.byte_fallback, unigram.alpha, unigram.nbest_size, unigram.unk_id) == (False, None, None, 0)

    def test_trained_model_is_the_same_object_and_cache_is_reset(self):
        model = BPE()
        assert model.tokenize("ab") == []
        trainer = BpeTrainer(vocab_size=10, show_progress=False)
        trainer.words = {"ab": 2}
        trainer.train(model)
        assert [t.value for t in model.tokenize("ab")] == ["ab"]


class TestProgress:
    def test_progress_bar_on_stderr(self, capfd):
        trainer = BpeTrainer(vocab_size=30, show_progress=True)
        trainer.words = {"hello": 3, "world": 2}
        trainer.train(BPE())
        assert "Compute merges" in capfd.readouterr().err

    def test_silent(self, capfd):
        trainer = BpeTrainer(vocab_size=30, show_progress=False)
        trainer.words = {"hello": 3}
        trainer.train(BPE())
        captured = capfd.readouterr()
        assert captured.err == "" and captured.out == ""

    def test_json_lines(self, capfd):
        trainer = BpeTrainer(vocab_size=12, show_progress=False, progress_format="json")
        trainer.words = {"hello": 3}
        trainer.train(BPE())
        lines = [json.loads(line) for line in capfd.readouterr().err.splitlines()]
        assert {"stage": "Compute merges", "current": 0, "total": 12} in lines
        assert lines[-1]["stage"] == "Compute merges" and lines[-1]["current"] == lines[-1]["total"]
