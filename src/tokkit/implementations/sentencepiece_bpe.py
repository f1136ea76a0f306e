"""SentencePieceBPETokenizer: HF's BPE with SentencePiece's pre-tokenization (NFKC, Metaspace).

>>> tokenizer = SentencePieceBPETokenizer()
>>> tokenizer.train_from_iterator(["low lower lowest"] * 3, vocab_size=30, show_progress=False)
>>> tokenizer.encode("lower").tokens
['▁lower']
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence, Union

from .. import decoders, pre_tokenizers, trainers
from .._errors import ArgumentTypeError
from ..added_tokens import AddedToken
from ..models import BPE
from ..normalizers import NFKC
from ..tokenizer import Tokenizer
from .base_tokenizer import BaseTokenizer
from .byte_level_bpe import Merges, Vocab

__all__ = ["SentencePieceBPETokenizer"]


class SentencePieceBPETokenizer(BaseTokenizer):
    """SentencePiece BPE Tokenizer (HF ``SentencePieceBPETokenizer``).

    Args:
        vocab, merges: the BPE's vocab and merges (in memory, or file paths); without both,
            an empty model to train.
        unk_token: the BPE's unknown token.
        replacement: the char that stands for a space (the Metaspace's).
        add_prefix_space: prepend ``replacement`` to the text (prepend_scheme "always", else "never").
        dropout: BPE dropout.
        fuse_unk: fuse consecutive unknown tokens into one.

    >>> tokenizer = SentencePieceBPETokenizer()
    >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
    >>> tokenizer.train_from_iterator(corpus, vocab_size=30, show_progress=False)
    >>> tokenizer.encode("lowest wider").tokens
    ['▁lo', 'west', '▁wide', 'r']
    """

    def __init__(
        self,
        vocab: Vocab = None,
        merges: Merges = None,
        unk_token: Union[str, AddedToken] = "<unk>",
        replacement: str = "\u2581",
        add_prefix_space: bool = True,
        dropout: Optional[float] = None,
        fuse_unk: Optional[bool] = False,
    ) -> None:
        if not isinstance(unk_token, str):  # HF hands it to BPE as it is, which refuses it with a TypeError
            raise ArgumentTypeError(f"unk_token must be a str here, got {type(unk_token).__name__}: pass "
                                    f"{str(unk_token)!r} (SentencePieceBPETokenizer gives it to BPE unchanged)")
        if vocab is not None and merges is not None:
            model = BPE(vocab, merges, dropout=dropout, unk_token=unk_token, fuse_unk=fuse_unk)
        else:
            model = BPE(dropout=dropout, unk_token=unk_token, fuse_unk=fuse_unk)
        tokenizer = Tokenizer(model)
        if tokenizer.token_to_id(str(unk_token)) is not None:
            tokenizer.add_special_tokens([str(unk_token)])
        tokenizer.normalizer = NFKC()
        prepend_scheme = "always" if add_prefix_space else "never"
        tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=replacement, prepend_scheme=prepend_scheme)
        tokenizer.decoder = decoders.Metaspace(replacement=replacement, prepend_scheme=prepend_scheme)
        parameters = {
            "model": "SentencePieceBPE", "unk_token": unk_token, "replacement": replacement,
            "add_prefix_space": add_prefix_space, "dropout": dropout,
        }  # fmt: skip
        super().__init__(tokenizer, parameters)

    @staticmethod
    def from_file(vocab_filename: str, merges_filename: str, **kwargs: Any) -> "SentencePieceBPETokenizer":
        """A SentencePieceBPETokenizer from vocab.json and merges.txt; ``kwargs`` go to the constructor.

        >>> import tempfile
        >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
        >>> trained = SentencePieceBPETokenizer()
        >>> trained.train_from_iterator(corpus, vocab_size=30, show_progress=False)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     loaded = SentencePieceBPETokenizer.from_file(*trained.save_model(folder))
        >>> loaded.encode("lowest").tokens == trained.encode("lowest").tokens
        True
        """
        vocab, merges = BPE.read_file(vocab_filename, merges_filename)
        return SentencePieceBPETokenizer(vocab, merges, **kwargs)

    def train(
        self,
        files: Union[str, list[str]],
        vocab_size: int = 30000,
        min_frequency: int = 2,
        special_tokens: Sequence[Union[str, AddedToken]] = ["<unk>"],
        limit_alphabet: int = 1000,
        initial_alphabet: Sequence[str] = [],
        show_progress: bool = True,
    ) -> None:
        """Train the model on text files.

        >>> import os, tempfile
        >>> tokenizer = SentencePieceBPETokenizer()
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     with open(os.path.join(folder, "corpus.txt"), "w") as f:
        ...         print("low lower lowest", "new newer newest", sep="\\n", file=f)
        ...     tokenizer.train(os.path.join(folder, "corpus.txt"), vocab_size=30, show_progress=False)
        >>> tokenizer.encode("lower").tokens
        ['▁lo', 'wer']
        """
        trainer = _trainer(vocab_size, min_frequency, special_tokens, limit_alphabet, initial_alphabet,
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
        show_progress: bool = True,
        length: Optional[int] = None,
    ) -> None:
        """Train the model on an iterator of texts (or of batches of texts).

        >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
        >>> tokenizer = SentencePieceBPETokenizer()
        >>> tokenizer.train_from_iterator(corpus, vocab_size=30, show_progress=False)
        >>> tokenizer.encode("lowest").tokens
        ['▁lo', 'west']
        """
        trainer = _trainer(vocab_size, min_frequency, special_tokens, limit_alphabet, initial_alphabet,
                           show_progress)
        self._tokenizer.train_from_iterator(iterator, trainer=trainer, length=length)


def _trainer(vocab_size: int, min_frequency: int, special_tokens: Sequence[Union[str, AddedToken]],
             limit_alphabet: int, initial_alphabet: Sequence[str], show_progress: bool) -> trainers.BpeTrainer:
    return trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency,
                               special_tokens=list(special_tokens), limit_alphabet=limit_alphabet,
                               initial_alphabet=list(initial_alphabet), show_progress=show_progress)
