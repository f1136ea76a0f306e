"""The standard pipelines ``tokkit train --model`` builds: one per model family.

* ``wordpiece``: BERT's (BertNormalizer lowercasing, BertPreTokenizer,
  ``[CLS] $A [SEP]`` template, WordPiece decoder);
* ``bpe``: the original subword BPE (NFC, Whitespace pre-tokenizer, words end
  with ``</w>``, BPEDecoder);
* ``byte-level-bpe``: GPT-2's (ByteLevel pre-tokenizer, post-processor and
  decoder, the 256 byte chars as initial alphabet, no unknown token);
* ``unigram``: SentencePiece's (NFKC, Metaspace pre-tokenizer and decoder);
* ``wordlevel``: whole words (Whitespace pre-tokenizer).

>>> tokenizer, trainer = build_pipeline("wordpiece", special_tokens=None, unk_token=None)
>>> [token.content for token in trainer.special_tokens[:2]], type(tokenizer.pre_tokenizer).__name__
(['[UNK]', '[PAD]'], 'BertPreTokenizer')
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from tokkit import decoders, models, normalizers, pre_tokenizers, processors, trainers
from tokkit.tokenizer import Tokenizer
from tokkit.trainers import Trainer

from .errors import UsageError

__all__ = ["MODELS", "DEFAULT_SPECIALS", "build_pipeline", "finish_pipeline"]

#: Default special tokens per model; the first one is the unknown token (byte-level BPE has none).
DEFAULT_SPECIALS: dict[str, list[str]] = {
    "wordpiece": ["[UNK]", "[PAD]", "[CLS]", "[SEP]", "[MASK]"],
    "bpe": ["<unk>"],
    "byte-level-bpe": ["<|endoftext|>"],
    "unigram": ["<unk>"],
    "wordlevel": ["[UNK]"],
}
MODELS = tuple(DEFAULT_SPECIALS)


def build_pipeline(model: str, special_tokens: Optional[list[str]], unk_token: Optional[str],
                   **trainer_options: Any) -> tuple[Tokenizer, Trainer]:
    """An untrained tokenizer of the ``model`` family and its trainer.

    ``special_tokens`` (default ``DEFAULT_SPECIALS[model]``) get the first ids;
    the unknown token (default: the family's) is put first among them when
    missing, since the model needs its id.  ``trainer_options`` that are None
    keep the trainer's default.
    """
    if model not in DEFAULT_SPECIALS:
        raise UsageError(f"unknown model {model!r}: choose from {', '.join(MODELS)}")
    specials = list(DEFAULT_SPECIALS[model] if special_tokens is None else special_tokens)
    unk = None if model == "byte-level-bpe" else (unk_token or DEFAULT_SPECIALS[model][0])
    if unk_token is not None and unk is None:
        raise UsageError("byte-level-bpe has no unknown token (every byte is in its alphabet): drop --unk-token")
    if unk is not None and unk not in specials:
        specials.insert(0, unk)
    options = {key: value for key, value in trainer_options.items() if value is not None}
    options["special_tokens"] = specials
    return _BUILDERS[model](unk, options)


def _wordpiece(unk: Optional[str], options: dict[str, Any]) -> tuple[Tokenizer, Trainer]:
    tokenizer = Tokenizer(models.WordPiece(unk_token=unk or "[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.decoder = decoders.WordPiece(prefix="##")
    return tokenizer, trainers.WordPieceTrainer(**options)


def _bpe(unk: Optional[str], options: dict[str, Any]) -> tuple[Tokenizer, Trainer]:
    tokenizer = Tokenizer(models.BPE(unk_token=unk, end_of_word_suffix="</w>"))
    tokenizer.normalizer = normalizers.NFC()
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.decoder = decoders.BPEDecoder(suffix="</w>")
    return tokenizer, trainers.BpeTrainer(end_of_word_suffix="</w>", **options)


def _byte_level_bpe(unk: Optional[str], options: dict[str, Any]) -> tuple[Tokenizer, Trainer]:
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.post_processor = processors.ByteLevel(trim_offsets=False)
    tokenizer.decoder = decoders.ByteLevel()
    return tokenizer, trainers.BpeTrainer(initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), **options)


def _unigram(unk: Optional[str], options: dict[str, Any]) -> tuple[Tokenizer, Trainer]:
    if "min_frequency" in options:
        raise UsageError("the unigram trainer has no --min-frequency (it prunes by likelihood): drop it")
    tokenizer = Tokenizer(models.Unigram())
    tokenizer.normalizer = normalizers.NFKC()
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
    tokenizer.decoder = decoders.Metaspace()
    return tokenizer, trainers.UnigramTrainer(unk_token=unk, **options)


def _wordlevel(unk: Optional[str], options: dict[str, Any]) -> tuple[Tokenizer, Trainer]:
    tokenizer = Tokenizer(models.WordLevel(unk_token=unk))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    return tokenizer, trainers.WordLevelTrainer(**options)


_BUILDERS: dict[str, Callable[[Optional[str], dict[str, Any]], tuple[Tokenizer, Trainer]]] = {
    "wordpiece": _wordpiece, "bpe": _bpe, "byte-level-bpe": _byte_level_bpe, "unigram": _unigram,
    "wordlevel": _wordlevel,
}


def finish_pipeline(model: str, tokenizer: Tokenizer) -> None:
    """What needs the trained ids: BERT's ``[CLS] $A [SEP]`` template when both tokens were trained.

    >>> tok = Tokenizer(models.WordPiece({"[UNK]": 0, "[CLS]": 1, "[SEP]": 2}, unk_token="[UNK]"))
    >>> finish_pipeline("wordpiece", tok); tok.encode("x").tokens
    ['[CLS]', '[UNK]', '[SEP]']
    """
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if model == "wordpiece" and cls is not None and sep is not None:
        tokenizer.post_processor = processors.TemplateProcessing(
            single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
