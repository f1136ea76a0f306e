"""The issue's walk-through, run with tokkit and with HF, on the embedded WikiText-2 split."""

from __future__ import annotations

import io
import os
import tempfile
from contextlib import redirect_stdout
from types import ModuleType

import pytest
import tokenizers as hf

import tokkit
from tokkit.corpus import load_wikitext2


def run_walkthrough(lib: ModuleType, vocab_size: int = 25000) -> tuple[str, object]:
    """The walk-through exactly as a user writes it, with ``lib`` as the import."""
    Tokenizer, models, normalizers = lib.Tokenizer, lib.models, lib.normalizers
    pre_tokenizers, trainers, processors, decoders = lib.pre_tokenizers, lib.trainers, lib.processors, lib.decoders
    out = io.StringIO()
    with redirect_stdout(out):
        tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
        tokenizer.normalizer = normalizers.Sequence(
            [normalizers.NFD(), normalizers.Lowercase(), normalizers.StripAccents()]
        )
        tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
            [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()]
        )
        trainer = trainers.WordPieceTrainer(
            vocab_size=vocab_size, special_tokens=["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"],
            show_progress=False,
        )
        dataset = load_wikitext2()

        def get_training_corpus():
            for i in range(0, len(dataset), 1000):
                yield dataset[i : i + 1000]["text"]

        tokenizer.train_from_iterator(get_training_corpus(), trainer=trainer)
        encoding = tokenizer.encode("This's me  .")
        print(encoding)
        print(encoding.tokens, encoding.type_ids, encoding.offsets, encoding.attention_mask,
              encoding.special_tokens_mask, encoding.overflowing)
        tokenizer.post_processor = processors.TemplateProcessing(
            single="[CLS]:0 $A:0 [SEP]:0", pair="[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1",
            special_tokens=[("[CLS]", tokenizer.token_to_id("[CLS]")), ("[SEP]", tokenizer.token_to_id("[SEP]"))],
        )
        encoding = tokenizer.encode("This's me  .", "That's is fine-tuning.")
        print(encoding.tokens, encoding.type_ids, encoding.offsets, encoding.word_ids, encoding.sequence_ids)
        tokenizer.decoder = decoders.WordPiece(prefix="##")
        print(tokenizer.decode(encoding.ids))
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "tokenizer.json")
            tokenizer.save(path)
            print(Tokenizer.from_file(path).decode(encoding.ids))
    return out.getvalue(), tokenizer


@pytest.fixture(scope="module")
def both() -> tuple[tuple[str, object], tuple[str, object]]:
    return run_walkthrough(tokkit), run_walkthrough(hf)


def test_walkthrough_prints_what_hf_prints(both) -> None:
    (ours, _), (theirs, _) = both
    assert ours == theirs


def test_walkthrough_vocab_overlap(both) -> None:
    (_, ours), (_, theirs) = both
    a, b = set(ours.get_vocab()), set(theirs.get_vocab())
    assert len(a) == len(b)
    assert len(a & b) / len(b) >= 0.99
    specials = ["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"]
    assert [ours.token_to_id(s) for s in specials] == [theirs.token_to_id(s) for s in specials] == [0, 1, 2, 3, 4]


def test_walkthrough_ids_agree_where_vocab_ids_agree(both) -> None:
    (_, ours), (_, theirs) = both
    text = "This's me  ."
    a, b = ours.encode(text), theirs.encode(text)
    assert a.tokens == b.tokens
    for token, x, y in zip(a.tokens, a.ids, b.ids):
        assert x == ours.token_to_id(token) and y == theirs.token_to_id(token)
