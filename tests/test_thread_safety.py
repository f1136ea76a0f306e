"""Encoding while other threads replace components or change their settings (HF tests/test_freethreaded.py).

Every encoding must be the one some consistent choice of components gives: the
results seen are checked against all combinations computed up front.
"""

from __future__ import annotations

import itertools
import sys
import threading
from typing import Any, Callable

import pytest

from tokkit import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

TEXT = "Hello, World 12-34 the QUICK fox"
WORDS = ["hello", ",", "world", "12", "-", "34", "the", "quick", "fox", "Hello", "World", "QUICK", "12-34",
         "hello,", "Hello,"]
VOCAB = {"[UNK]": 0, **{word: i + 1 for i, word in enumerate(dict.fromkeys(WORDS))}}

NORMALIZERS = [normalizers.Lowercase(), normalizers.Sequence([normalizers.NFD(), normalizers.Strip()])]
PRE_TOKENIZERS = [pre_tokenizers.Whitespace(), pre_tokenizers.WhitespaceSplit()]
PROCESSORS = [None, processors.TemplateProcessing(single="[UNK] $A", special_tokens=[("[UNK]", 0)])]
DECODERS = [decoders.WordPiece(), decoders.Metaspace()]


def tokenizer() -> Tokenizer:
    tok = Tokenizer(models.WordLevel(VOCAB, unk_token="[UNK]"))
    tok.normalizer, tok.pre_tokenizer = NORMALIZERS[0], PRE_TOKENIZERS[0]
    return tok


def expected_results() -> set[Any]:
    results = set()
    for norm, pre, proc in itertools.product(NORMALIZERS, PRE_TOKENIZERS, PROCESSORS):
        tok = tokenizer()
        tok.normalizer, tok.pre_tokenizer, tok.post_processor = norm, pre, proc
        encoding = tok.encode(TEXT)
        results.add((tuple(encoding.ids), tuple(encoding.tokens), tuple(encoding.offsets)))
    return results


def race(work: Callable[[], Any], setters: list[Callable[[], None]], seconds: float = 1.0) -> list[Any]:
    """Run ``work`` in 4 threads and the setters in a loop until ``seconds`` pass; the results of ``work``."""
    stop = threading.Event()
    seen: list[Any] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            while not stop.is_set():
                seen.append(work())
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    def setter(change: Callable[[], None]) -> None:
        try:
            while not stop.is_set():
                change()
        except BaseException as exc:
            errors.append(exc)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, so settings change mid-encode
    try:
        threads = [threading.Thread(target=worker) for _ in range(4)]
        threads += [threading.Thread(target=setter, args=(change,)) for change in setters]
        for thread in threads:
            thread.start()
        stop.wait(seconds)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors[0]
    assert seen, "the workers made no progress"
    return seen


def test_encode_while_replacing_components_sees_one_consistent_set() -> None:
    tok = tokenizer()
    allowed = expected_results()

    def encode() -> Any:
        encoding = tok.encode(TEXT)
        return (tuple(encoding.ids), tuple(encoding.tokens), tuple(encoding.offsets))

    def swapper(attribute: str, choices: list[Any]) -> Callable[[], None]:
        cycle = itertools.cycle(choices)
        return lambda: setattr(tok, attribute, next(cycle))

    seen = race(encode, [swapper("normalizer", NORMALIZERS), swapper("pre_tokenizer", PRE_TOKENIZERS),
                         swapper("post_processor", PROCESSORS), swapper("decoder", DECODERS)])
    assert set(seen) <= allowed


def test_decode_while_replacing_the_decoder() -> None:
    tok = tokenizer()
    ids = tok.encode(TEXT).ids
    allowed = set()
    for decoder in DECODERS:
        tok.decoder = decoder
        allowed.add(tok.decode(ids))
    cycle = itertools.cycle(DECODERS)
    seen = race(lambda: tok.decode(ids), [lambda: setattr(tok, "decoder", next(cycle))])
    assert set(seen) <= allowed


def test_encode_while_changing_sequence_items() -> None:
    # Item setters through a Sequence change the live tokenizer (HF); encodes never fail.
    tok = tokenizer()
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    tok.normalizer = normalizers.Sequence([normalizers.Strip(), normalizers.Lowercase()])
    behaviors = itertools.cycle(["isolated", "removed", "merged_with_previous"])
    items = itertools.cycle([normalizers.Lowercase(), normalizers.NFC()])

    def change_behavior() -> None:
        tok.pre_tokenizer[1].behavior = next(behaviors)  # type: ignore[index]

    def change_item() -> None:
        tok.normalizer[1] = next(items)  # type: ignore[index]

    seen = race(lambda: tok.encode(TEXT).tokens, [change_behavior, change_item])
    assert all(isinstance(token, str) for tokens in seen for token in tokens)


@pytest.mark.parametrize("field,values", [("vocab_size", [50, 60]), ("min_frequency", [0, 2]),
                                          ("special_tokens", [["[UNK]"], ["[UNK]", "[PAD]"]])])
def test_train_while_mutating_trainer_fields(field: str, values: list[Any]) -> None:
    trainer = trainers.BpeTrainer(show_progress=False, vocab_size=50)
    cycle = itertools.cycle(values)

    def train() -> int:
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.Whitespace()
        tok.train_from_iterator([TEXT] * 20, trainer=trainer)
        return tok.get_vocab_size()

    seen = race(train, [lambda: setattr(trainer, field, next(cycle))], seconds=0.5)
    assert all(size > 0 for size in seen)
