"""CharBPETokenizer: HF's original (Sennrich) BPE recipe, with an end-of-word suffix.

The defaults follow OpenAI GPT: a BertNormalizer (without lowercasing) cleans the
text, and BertPreTokenizer splits on punctuation as well as whitespace.

>>> tokenizer = CharBPETokenizer()
>>> tokenizer.train_from_iterator(["low lower lowest"] * 3, show_progress=False)
>>> tokenizer.encode("lower").tokens
['lower</w>']
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence, Union

from .. import decoders, pre_tokenizers, trainers
from ..added_tokens import AddedToken
from ..models import BPE
from ..normalizers import BertNormalizer, Lowercase
from ..tokenizer import Tokenizer
from .base_tokenizer import BaseTokenizer
from .byte_level_bpe import Merges, Vocab, normalizer_chain

__all__ = ["CharBPETokenizer"]


class CharBPETokenizer(BaseTokenizer):
    """Original BPE Tokenizer (HF ``CharBPETokenizer``).

    Args:
        vocab, merges: the BPE's vocab and merges (in memory, or file paths); without both,
            an empty model to train.
        unk_token: the BPE's unknown token.
        suffix: the end-of-word suffix (the model's and the BPEDecoder's).
        dropout: BPE dropout.
        lowercase: lowercase the text (after the other normalizers).
        unicode_normalizer: "nfc", "nfd", "nfkc" or "nfkd", applied first.
        bert_normalizer: clean the text with a BertNormalizer (no lowercasing).
        split_on_whitespace_only: WhitespaceSplit instead of BertPreTokenizer.

    >>> tokenizer = CharBPETokenizer()
    >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
    >>> tokenizer.train_from_iterator(corpus, vocab_size=30, show_progress=False)
    >>> tokenizer.encode("lowest wider").tokens
    ['lo', 'west</w>', 'wide', 'r</w>']
    """

    def __init__(
        self,
        vocab: Vocab = None,
        merges: Merges = None,
        unk_token: Union[str, AddedToken] = "<unk>",
        suffix: str = "</w>",
        dropout: Optional[float] = None,
        lowercase: bool = False,
        unicode_normalizer: Optional[str] = None,
        bert_normalizer: bool = True,
        split_on_whitespace_only: bool = False,
    ) -> None:
        if vocab is not None and merges is not None:
            model = BPE(vocab, merges, dropout=dropout, unk_token=str(unk_token), end_of_word_suffix=suffix)
        else:
            model = BPE(unk_token=str(unk_token), dropout=dropout, end_of_word_suffix=suffix)
        tokenizer = Tokenizer(model)
        if tokenizer.token_to_id(str(unk_token)) is not None:
            tokenizer.add_special_tokens([str(unk_token)])
        normalizer = normalizer_chain(unicode_normalizer, BertNormalizer(lowercase=False) if bert_normalizer else None,
                                      Lowercase() if lowercase else None)
        if normalizer is not None:
            tokenizer.normalizer = normalizer
        if split_on_whitespace_only:
            tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
        else:
            tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        tokenizer.decoder = decoders.BPEDecoder(suffix=suffix)
        parameters = {
            "model": "BPE", "unk_token": unk_token, "suffix": suffix, "dropout": dropout, "lowercase": lowercase,
            "unicode_normalizer": unicode_normalizer, "bert_normalizer": bert_normalizer,
            "split_on_whitespace_only": split_on_whitespace_only,
        }  # fmt: skip
        super().__init__(tokenizer, parameters)

    @staticmethod
    def from_file(vocab_filename: str, merges_filename: str, **kwargs: Any) -> "CharBPETokenizer":
        """A CharBPETokenizer from vocab.json and merges.txt; ``kwargs`` go to the constructor.

        >>> import tempfile
        >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
        >>> trained = CharBPETokenizer()
        >>> trained.train_from_iterator(corpus, vocab_size=30, show_progress=False)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     loaded = CharBPETokenizer.from_file(*trained.save_model(folder))
        >>> loaded.encode("lowest").tokens == trained.encode("lowest").tokens
        True
        """
        vocab, merges = BPE.read_file(vocab_filename, merges_filename)
        return CharBPETokenizer(vocab, merges, **kwargs)

    def train(
        self,
        files: Union[str, list[str]],
        vocab_size: int = 30000,
        min_frequency: int = 2,
        special_tokens: Sequence[Union[str, AddedToken]] = ["<unk>"],
        limit_alphabet: int = 1000,
        initial_alphabet: Sequence[str] = [],
        suffix: Optional[str] = "</w>",
        show_progress: bool = True,
    ) -> None:
        """Train the model on text files.

        >>> import os, tempfile
        >>> tokenizer = CharBPETokenizer()
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     with open(os.path.join(folder, "corpus.txt"), "w") as f:
        ...         print("low lower lowest", "new newer newest", sep="\\n", file=f)
        ...     tokenizer.train(os.path.join(folder, "corpus.txt"), vocab_size=30, show_progress=False)
        >>> tokenizer.encode("lower").tokens
        ['lo', 'wer</w>']
        """
        trainer = _trainer(vocab_size, min_frequency, special_tokens, limit_alphabet, initial_alphabet, suffix,
                           show_progress)
        self._tokenizer.train([files] if isinstance(files, str) else files, trainer=trainer)

    def train_from_iterator(
        self,
        iterator: Iterable[Any],
        vocab_size: int = 30000,
        min_frequency: int = 2,
        special_tokens: Sequence[Union[str, AddedToken]] = ["<unk>"],
        limit_alphabet: int = 1000,
        initial_alphabet: Sequence[str] = [],
        suffix: Optional[str] = "</w>",
        show_progress: bool = True,
        length: Optional[int] = None,
    ) -> None:
        """Train the model on an iterator of texts (or of batches of texts).

        >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
        >>> tokenizer = CharBPETokenizer()
        >>> tokenizer.train_from_iterator(corpus, vocab_size=30, show_progress=False)
        >>> tokenizer.encode("lowest").tokens
        ['lo', 'west</w>']
        """
        trainer = _trainer(vocab_size, min_frequency, special_tokens, limit_alphabet, initial_alphabet, suffix,
                           show_progress)
        self._tokenizer.train_from_iterator(iterator, trainer=trainer, length=length)


def _trainer(vocab_size: int, min_frequency: int, special_tokens: Sequence[Union[str, AddedToken]],
             limit_alphabet: int, initial_alphabet: Sequence[str], suffix: Optional[str],
             show_progress: bool) -> trainers.BpeTrainer:
    return trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency,
                               special_tokens=list(special_tokens), limit_alphabet=limit_alphabet,
                               initial_alphabet=list(initial_alphabet), end_of_word_suffix=suffix,
                               show_progress=show_progress)
