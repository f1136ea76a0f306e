"""Trainer arguments at their edges, against the wheel: where HF trains, tokkit trains to the same
vocabulary; where HF refuses a value (constructor or setter), tokkit refuses it with the same
built-in exception kind."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
import tokenizers as hf

import tokkit

CORPUS = ["low lower lowest newer wider", "hello world héllo"]
KINDS = (OverflowError, TypeError, ValueError, AttributeError)


def kind(exc: BaseException) -> str:
    return next(k.__name__ for k in KINDS if isinstance(exc, k)) if isinstance(exc, KINDS) else "Exception"


def trained(lib: Any, model: str, trainer: str, **kwargs: Any) -> Any:
    """The sorted tokens of the trained vocabulary and the added tokens, or the error kind."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            trainer_obj = getattr(lib.trainers, trainer)(show_progress=False, **kwargs)
        tok = lib.Tokenizer(getattr(lib.models, model)())
        tok.pre_tokenizer = lib.pre_tokenizers.Whitespace()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tok.train_from_iterator(CORPUS, trainer_obj)
    except Exception as exc:  # the kind is compared
        return kind(exc)
    document = json.loads(tok.to_str())
    vocab = document["model"]["vocab"]
    tokens = sorted(vocab) if isinstance(vocab, dict) else sorted(piece for piece, _ in vocab)
    return tokens, [token["content"] for token in document["added_tokens"]]


TRAINERS = [("BPE", "BpeTrainer"), ("WordPiece", "WordPieceTrainer"), ("WordLevel", "WordLevelTrainer"),
            ("Unigram", "UnigramTrainer")]
EDGES = [
    {"vocab_size": 0}, {"vocab_size": 1}, {"vocab_size": 5}, {"vocab_size": 3, "special_tokens": ["[UNK]", "[PAD]"]},
    {"vocab_size": 40, "min_frequency": 0}, {"vocab_size": 40, "special_tokens": []},
    {"vocab_size": 40, "special_tokens": [""]}, {"vocab_size": 40, "special_tokens": ["a", "a", "<s>"]},
    {"vocab_size": 40, "initial_alphabet": ["xyz", "", "q"]}, {"vocab_size": 40, "foo": 1},
    {"vocab_size": "10"}, {"vocab_size": -1}, {"vocab_size": 10.0},
]


@pytest.mark.parametrize("model,trainer", TRAINERS)
@pytest.mark.parametrize("kwargs", EDGES)
def test_edges_like_hf(model: str, trainer: str, kwargs: dict[str, Any]) -> None:
    if trainer == "WordLevelTrainer" and "initial_alphabet" in kwargs:
        kwargs = {k: v for k, v in kwargs.items() if k != "initial_alphabet"}  # an unknown keyword there
    same(model, trained(tokkit, model, trainer, **kwargs), trained(hf, model, trainer, **kwargs))


def same(model: str, ours: Any, theirs: Any) -> None:
    if theirs == "Exception":  # HF's plain Exception: tokkit raises a TokkitError
        assert isinstance(ours, str)
    elif model == "WordPiece" and isinstance(theirs, tuple):
        # HF's "##x" ids are in hash order, so its merges tie differently (README: WordPiece ids):
        # the size, the alphabet with its "##" forms and the added tokens are the same.
        def alphabet(result: Any) -> Any:
            return len(result[0]), [t for t in result[0] if len(t.removeprefix("##")) <= 1], result[1]
        assert alphabet(ours) == alphabet(theirs)
    else:
        assert ours == theirs


@pytest.mark.parametrize("model,trainer", [("BPE", "BpeTrainer"), ("WordPiece", "WordPieceTrainer")])
def test_limit_alphabet_zero_like_hf(model: str, trainer: str) -> None:
    same(model, trained(tokkit, model, trainer, vocab_size=40, limit_alphabet=0),
         trained(hf, model, trainer, vocab_size=40, limit_alphabet=0))


@pytest.mark.parametrize("vocab_size,specials,unk", [(12, ["<a>", "<b>"], None), (13, ["<a>"], "<unk>"),
                                                     (14, ["<a>", "<b>"], None)])
def test_unigram_specials_beyond_vocab_size_like_hf(vocab_size: int, specials: list[str], unk: Any) -> None:
    kwargs = {"vocab_size": vocab_size, "special_tokens": specials, "unk_token": unk}
    same("Unigram", trained(tokkit, "Unigram", "UnigramTrainer", **kwargs),
         trained(hf, "Unigram", "UnigramTrainer", **kwargs))


@pytest.mark.parametrize("model,trainer", TRAINERS[:2])
def test_vocab_size_below_alphabet_warns(model: str, trainer: str) -> None:
    # Deliberate difference (README): HF says nothing.
    tok = tokkit.Tokenizer(getattr(tokkit.models, model)())
    tok.pre_tokenizer = tokkit.pre_tokenizers.Whitespace()
    with pytest.warns(UserWarning, match="more than vocab_size=5"):
        tok.train_from_iterator(CORPUS, getattr(tokkit.trainers, trainer)(vocab_size=5, show_progress=False))


SETTERS = {
    "BpeTrainer": [("vocab_size", -1), ("vocab_size", "1"), ("vocab_size", 7), ("min_frequency", -1),
                   ("show_progress", 1), ("show_progress", False), ("limit_alphabet", -1), ("limit_alphabet", None),
                   ("max_token_length", -1), ("max_token_length", 3), ("continuing_subword_prefix", 3),
                   ("end_of_word_suffix", "</w>"), ("special_tokens", "ab"), ("initial_alphabet", "ab")],
    "WordPieceTrainer": [("vocab_size", -1), ("min_frequency", "x"), ("show_progress", 0), ("limit_alphabet", 4),
                         ("continuing_subword_prefix", None)],
    "WordLevelTrainer": [("vocab_size", -1), ("vocab_size", 3), ("min_frequency", -2), ("show_progress", "yes")],
    "UnigramTrainer": [("vocab_size", -1), ("vocab_size", 2**33), ("vocab_size", 10), ("show_progress", 1),
                       ("special_tokens", ["<s>"])],
}


@pytest.mark.parametrize("trainer,field,value", [(t, f, v) for t, cases in SETTERS.items() for f, v in cases])
def test_setters_like_hf(trainer: str, field: str, value: Any) -> None:
    results = []
    for lib in (hf, tokkit):
        obj = getattr(lib.trainers, trainer)()
        try:
            setattr(obj, field, value)
            got = getattr(obj, field)
            results.append(("ok", [t.content for t in got] if field == "special_tokens" else got))
        except Exception as exc:  # the kind is compared
            results.append(("error", kind(exc)))
    assert results[0] == results[1]
