"""WordPieceTrainer(scoring="likelihood"): equal to the textbook loop, exact, deterministic, usable end to end."""

from __future__ import annotations

import pickle
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oracle.slow_wordpiece_likelihood import train_likelihood_slow
from tokkit import Tokenizer, models, normalizers, pre_tokenizers, trainers
from tokkit.trainers.wordpiece import train_likelihood

DATA = Path(__file__).parent / "data"
WIKI = (DATA / "wikitext-slice.txt").read_text(encoding="utf-8").splitlines()

# Few chars, '#' among them (a word may start with the prefix), and one outside the BMP.
CHARS = "abcd#é\U0001f600"
word_counts = st.dictionaries(st.text(CHARS, min_size=1, max_size=7),
                              st.integers(1, 6) | st.integers(1, 1 << 70), max_size=14)
options = st.fixed_dictionaries({
    "vocab_size": st.integers(0, 45),
    "min_frequency": st.integers(0, 3),
    "special_tokens": st.lists(st.sampled_from(["[UNK]", "a", "##b", "ab", "[CLS]"]), max_size=3),
    "limit_alphabet": st.none() | st.integers(0, 6),
    "initial_alphabet": st.lists(st.sampled_from("abxy"), max_size=2),
    "prefix": st.sampled_from(["##", "", None, "@"]),
    "max_token_length": st.none() | st.integers(1, 4),
})


@given(word_counts, options)
def test_equals_the_textbook_loop(words: dict[str, int], kwargs: dict) -> None:
    fast = train_likelihood(words, **kwargs)
    assert fast == train_likelihood_slow(words, **kwargs)
    assert list(train_likelihood(dict(reversed(words.items())), **kwargs).items()) == list(fast.items())


# Larger corpora: many merges, so counts of common tokens move many times (the queue's hard case).
larger_corpora = st.dictionaries(st.text("abcdefgh", min_size=1, max_size=10), st.integers(1, 30),
                                 min_size=20, max_size=80)


@given(larger_corpora, st.integers(20, 160), st.integers(0, 2))
def test_equals_the_textbook_loop_on_larger_corpora(words: dict[str, int], vocab_size: int, min_frequency: int) -> None:
    assert train_likelihood(words, vocab_size, min_frequency) == train_likelihood_slow(words, vocab_size, min_frequency)


def test_equals_the_textbook_loop_on_wikitext() -> None:
    tok = _bert_like()
    counts = {}
    for line in WIKI[:300]:
        for word, _ in tok.pre_tokenizer.pre_tokenize_str(tok.normalizer.normalize_str(line)):
            counts[word] = counts.get(word, 0) + 1
    fast = train_likelihood(counts, vocab_size=400, special_tokens=["[UNK]"])
    assert len(fast) == 400
    assert fast == train_likelihood_slow(counts, vocab_size=400, special_tokens=["[UNK]"])


def test_float_ties_are_broken_exactly() -> None:
    # x/(x+1)^2 and 1/(x+2) are the same float for this x, but 1/(x+2) is larger: "cd" must merge first,
    # although the count of "ab" (x) would win a tie.
    x = 1 << 30
    assert x / (x + 1) ** 2 == 1 / (x + 2)
    words = {"ab": x, "a": 1, "b": 1, "cd": 1, "d": x + 1}
    vocab = train_likelihood(words, vocab_size=5, prefix="")
    assert vocab == train_likelihood_slow(words, vocab_size=5, prefix="") == {"a": 0, "b": 1, "c": 2, "d": 3, "cd": 4}


def test_the_score_is_not_the_frequency() -> None:
    # "th" is the most frequent pair, but "q" and "u" never occur apart: likelihood merges "qu" first.
    words = {"the": 50, "then": 20, "that": 30, "queen": 2, "quit": 1}
    frequency = trainers.WordPieceTrainer(vocab_size=100, show_progress=False)
    likelihood = trainers.WordPieceTrainer(vocab_size=100, show_progress=False, scoring="likelihood")
    firsts = []
    for trainer in (frequency, likelihood):
        trainer.words = words
        model = models.WordPiece()
        trainer.train(model)
        by_id = sorted(model.get_vocab().items(), key=lambda item: item[1])
        firsts.append(next(token for token, _ in by_id if len(token.removeprefix("##")) > 1))
    assert firsts == ["th", "qu"]


def _bert_like() -> Tokenizer:
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase(), normalizers.StripAccents()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    return tok


def test_through_the_tokenizer_save_and_reload(tmp_path: Path) -> None:
    tok = _bert_like()
    trainer = trainers.WordPieceTrainer(vocab_size=500, special_tokens=["[UNK]", "[CLS]"], show_progress=False,
                                        scoring="likelihood")
    tok.train_from_iterator(WIKI, trainer)
    counts: dict[str, int] = {}
    for line in WIKI:
        for word, _ in tok.pre_tokenizer.pre_tokenize_str(tok.normalizer.normalize_str(line)):
            counts[word] = counts.get(word, 0) + 1
    assert tok.get_vocab() == train_likelihood(counts, 500, special_tokens=["[UNK]", "[CLS]"])
    path = tmp_path / "tokenizer.json"
    tok.save(str(path))
    again = Tokenizer.from_file(str(path))
    assert again.encode(WIKI[3]).tokens == tok.encode(WIKI[3]).tokens
    assert "[UNK]" not in tok.encode(" ".join(WIKI[:50])).tokens  # the alphabet covers every word


def test_the_option_is_kept_by_pickle_and_shown_in_repr() -> None:
    trainer = trainers.WordPieceTrainer(vocab_size=7, scoring="likelihood", max_token_length=3)
    again = pickle.loads(pickle.dumps(trainer))
    assert (again.scoring, again.max_token_length, again.vocab_size) == ("likelihood", 3, 7)
    assert repr(trainer).endswith(', scoring="likelihood"))') and "max_token_length=3" in repr(trainer)
    default = trainers.WordPieceTrainer()
    assert "scoring" not in repr(default)  # HF's repr, unchanged
    assert pickle.loads(pickle.dumps(default)).scoring == "frequency"


def test_bad_options_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="scoring must be one of"):
        trainers.WordPieceTrainer(scoring="likely")
    trainer = trainers.WordPieceTrainer(scoring="likelihood", end_of_word_suffix="</w>", show_progress=False)
    trainer.words = {"ab": 1}
    with pytest.raises(ValueError, match="end_of_word_suffix"):
        trainer.train(models.WordPiece())


def test_a_small_vocab_size_keeps_the_alphabet_with_a_warning() -> None:
    trainer = trainers.WordPieceTrainer(vocab_size=2, scoring="likelihood", show_progress=False)
    trainer.words = {"abc": 1}
    model = models.WordPiece()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        trainer.train(model)
    assert sorted(model.get_vocab()) == ["##b", "##c", "a"]
    assert "more than vocab_size=2" in str(caught[0].message)
