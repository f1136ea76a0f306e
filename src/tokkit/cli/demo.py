"""``tokkit walkthrough``: the walk-through, on the embedded WikiText-2 corpus, each value labelled.

Trains a BERT-style WordPiece tokenizer, then encodes, post-processes,
decodes, saves and reloads it.  Needs no network and no file: the corpus
ships inside tokkit, and the pretrained pipelines it shows (BERT's
normalizer and pre-tokenizer, GPT-2's pre-tokenizer) are built from their
components.  ``lib`` runs the same program with another module of the same
API (``tokenizers``, HF's), which is how the tests compare the two outputs.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from types import ModuleType
from typing import Any, Iterator, Optional

from tokkit.corpus import load_wikitext2

__all__ = ["walkthrough"]

SPECIALS = ["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"]


def _show(label: str, value: Any) -> None:
    print(f"{label}: {value}")


def _show_pretrained(lib: ModuleType) -> None:
    """What bert-base-uncased's normalizer and pre-tokenizer and GPT-2's pre-tokenizer do (as in their JSON)."""
    bert_normalizer = lib.normalizers.BertNormalizer(lowercase=True)
    bert_pre_tokenizer, gpt2_pre_tokenizer = lib.pre_tokenizers.BertPreTokenizer(), lib.pre_tokenizers.ByteLevel()
    _show("BERT's normalizer on 'Héllò hôw are ü?'", bert_normalizer.normalize_str("Héllò hôw are ü?"))
    _show("BERT's pre-tokenizer on 'hello how are  u?'", bert_pre_tokenizer.pre_tokenize_str("hello how are  u?"))
    _show("GPT-2's pre-tokenizer on 'hello how are  u?'", gpt2_pre_tokenizer.pre_tokenize_str("hello how are  u?"))


def walkthrough(vocab_size: int = 25000, show_progress: bool = True, lib: Optional[ModuleType] = None) -> Any:
    """Run the walk-through, print its labelled results and return the trained tokenizer.

    ``lib``: the module providing ``Tokenizer``, ``models``... (default ``tokkit``).
    """
    import tokkit

    lib = tokkit if lib is None else lib
    _show_pretrained(lib)
    tokenizer = lib.Tokenizer(lib.models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = lib.normalizers.Sequence(
        [lib.normalizers.NFD(), lib.normalizers.Lowercase(), lib.normalizers.StripAccents()])
    tokenizer.pre_tokenizer = lib.pre_tokenizers.Sequence(
        [lib.pre_tokenizers.WhitespaceSplit(), lib.pre_tokenizers.Punctuation()])
    trainer = lib.trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=SPECIALS, show_progress=show_progress)
    dataset = load_wikitext2()  # WikiText-2 raw, test split, embedded in tokkit

    def get_training_corpus() -> Iterator[list[str]]:
        for i in range(0, len(dataset), 1000):
            yield dataset[i : i + 1000]["text"]

    start = time.perf_counter()
    tokenizer.train_from_iterator(get_training_corpus(), trainer=trainer)
    print(f"(trained on {len(dataset)} rows in {time.perf_counter() - start:.1f} s)", file=sys.stderr)
    _show("vocabulary size after training", tokenizer.get_vocab_size())
    _show("ids of the special tokens", [tokenizer.token_to_id(token) for token in SPECIALS])
    encoding = tokenizer.encode("This's me  .")
    _show("encoding of \"This's me  .\"", encoding)
    for name in ("ids", "tokens", "offsets", "type_ids", "attention_mask", "special_tokens_mask", "overflowing"):
        _show(f"  {name}", getattr(encoding, name))
    tokenizer.post_processor = lib.processors.TemplateProcessing(
        single="[CLS]:0 $A:0 [SEP]:0",
        pair="[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1",
        special_tokens=[("[CLS]", tokenizer.token_to_id("[CLS]")), ("[SEP]", tokenizer.token_to_id("[SEP]"))],
    )
    encoding = tokenizer.encode("This's me  .", "That's is fine-tuning.")
    print("pair (\"This's me  .\", \"That's is fine-tuning.\") with the [CLS] A [SEP] B [SEP] template:")
    for name in ("tokens", "type_ids", "offsets", "word_ids", "sequence_ids"):
        _show(f"  {name}", getattr(encoding, name))
    tokenizer.decoder = lib.decoders.WordPiece(prefix="##")
    _show("decoded with the WordPiece decoder", repr(tokenizer.decode(encoding.ids)))
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "tokenizer.json")
        tokenizer.save(path)
        _show("decoded by the tokenizer saved and loaded again", repr(lib.Tokenizer.from_file(path).decode(encoding.ids)))
    return tokenizer
