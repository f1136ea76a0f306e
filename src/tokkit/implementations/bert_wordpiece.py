"""BertWordPieceTokenizer: HF's BERT recipe (BertNormalizer, BertPreTokenizer, WordPiece, BertProcessing).

>>> vocab = {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "hello": 3, "world": 4}
>>> BertWordPieceTokenizer(vocab).encode("Hello World!").tokens
['[CLS]', 'hello', 'world', '[UNK]', '[SEP]']
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence, Union

from .. import decoders, trainers
from .._errors import ArgumentTypeError
from ..added_tokens import AddedToken
from ..models import WordPiece
from ..normalizers import BertNormalizer
from ..pre_tokenizers import BertPreTokenizer
from ..processors import BertProcessing
from ..tokenizer import Tokenizer
from .base_tokenizer import BaseTokenizer

__all__ = ["BertWordPieceTokenizer"]


class BertWordPieceTokenizer(BaseTokenizer):
    """Bert WordPiece Tokenizer (HF ``BertWordPieceTokenizer``).

    Args:
        vocab: token -> id dict, or the path of a ``vocab.txt``; None for an empty model to train.
        unk_token, sep_token, cls_token, pad_token, mask_token: BERT's special tokens.
        clean_text, handle_chinese_chars, strip_accents, lowercase: the BertNormalizer's options.
        wordpieces_prefix: the prefix of non-initial pieces (the decoder's too).

    >>> tokenizer = BertWordPieceTokenizer()
    >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
    >>> tokenizer.train_from_iterator(corpus, vocab_size=60, show_progress=False)
    >>> tokenizer.encode("Lowest wider").tokens
    ['lo', '##west', 'wide', '##r']
    """

    def __init__(
        self,
        vocab: Optional[Union[str, dict[str, int]]] = None,
        unk_token: Union[str, AddedToken] = "[UNK]",
        sep_token: Union[str, AddedToken] = "[SEP]",
        cls_token: Union[str, AddedToken] = "[CLS]",
        pad_token: Union[str, AddedToken] = "[PAD]",
        mask_token: Union[str, AddedToken] = "[MASK]",
        clean_text: bool = True,
        handle_chinese_chars: bool = True,
        strip_accents: Optional[bool] = None,
        lowercase: bool = True,
        wordpieces_prefix: str = "##",
    ) -> None:
        tokenizer = Tokenizer(WordPiece(vocab, unk_token=str(unk_token)))
        # HF makes each of the five special tokens an added special token when the vocab has it.
        for token in (unk_token, sep_token, cls_token, pad_token, mask_token):
            if tokenizer.token_to_id(str(token)) is not None:
                tokenizer.add_special_tokens([str(token)])
        tokenizer.normalizer = BertNormalizer(clean_text=clean_text, handle_chinese_chars=handle_chinese_chars,
                                              strip_accents=strip_accents, lowercase=lowercase)
        tokenizer.pre_tokenizer = BertPreTokenizer()
        if vocab is not None:
            sep = _required_id(tokenizer, sep_token, "sep_token")
            cls = _required_id(tokenizer, cls_token, "cls_token")
            tokenizer.post_processor = BertProcessing((str(sep_token), sep), (str(cls_token), cls))
        tokenizer.decoder = decoders.WordPiece(prefix=wordpieces_prefix)
        parameters = {
            "model": "BertWordPiece", "unk_token": unk_token, "sep_token": sep_token, "cls_token": cls_token,
            "pad_token": pad_token, "mask_token": mask_token, "clean_text": clean_text,
            "handle_chinese_chars": handle_chinese_chars, "strip_accents": strip_accents, "lowercase": lowercase,
            "wordpieces_prefix": wordpieces_prefix,
        }  # fmt: skip
        super().__init__(tokenizer, parameters)

    @staticmethod
    def from_file(vocab: str, **kwargs: Any) -> "BertWordPieceTokenizer":
        """A BertWordPieceTokenizer from a ``vocab.txt`` (one token a line); ``kwargs`` go to the constructor.

        >>> import tempfile
        >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
        >>> trained = BertWordPieceTokenizer()
        >>> trained.train_from_iterator(corpus, vocab_size=60, show_progress=False)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     loaded = BertWordPieceTokenizer.from_file(*trained.save_model(folder))
        >>> loaded.encode("lowest").tokens == trained.encode("lowest").tokens
        False
        """
        return BertWordPieceTokenizer(WordPiece.read_file(vocab), **kwargs)

    def train(
        self,
        files: Union[str, list[str]],
        vocab_size: int = 30000,
        min_frequency: int = 2,
        limit_alphabet: int = 1000,
        initial_alphabet: Sequence[str] = [],
        special_tokens: Sequence[Union[str, AddedToken]] = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"],
        show_progress: bool = True,
        wordpieces_prefix: str = "##",
    ) -> None:
        """Train the model on text files.

        >>> import os, tempfile
        >>> tokenizer = BertWordPieceTokenizer()
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     with open(os.path.join(folder, "corpus.txt"), "w") as f:
        ...         print("low lower lowest", "new newer newest", sep="\\n", file=f)
        ...     tokenizer.train(os.path.join(folder, "corpus.txt"), vocab_size=60, show_progress=False)
        >>> tokenizer.encode("lower").tokens
        ['lo', '##wer']
        """
        trainer = _trainer(vocab_size, min_frequency, limit_alphabet, initial_alphabet, special_tokens,
                           show_progress, wordpieces_prefix)
        self._tokenizer.train([files] if isinstance(files, str) else files, trainer=trainer)

    def train_from_iterator(
        self,
        iterator: Iterable[Any],
        vocab_size: int = 30000,
        min_frequency: int = 2,
        limit_alphabet: int = 1000,
        initial_alphabet: Sequence[str] = [],
        special_tokens: Sequence[Union[str, AddedToken]] = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"],
        show_progress: bool = True,
        wordpieces_prefix: str = "##",
        length: Optional[int] = None,
    ) -> None:
        """Train the model on an iterator of texts (or of batches of texts).

        >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
        >>> tokenizer = BertWordPieceTokenizer()
        >>> tokenizer.train_from_iterator(corpus, vocab_size=60, show_progress=False)
        >>> tokenizer.encode("lowest").tokens
        ['lo', '##west']
        """
        trainer = _trainer(vocab_size, min_frequency, limit_alphabet, initial_alphabet, special_tokens,
                           show_progress, wordpieces_prefix)
        self._tokenizer.train_from_iterator(iterator, trainer=trainer, length=length)


def _required_id(tokenizer: Tokenizer, token: Union[str, AddedToken], name: str) -> int:
    token_id = tokenizer.token_to_id(str(token))
    if token_id is None:  # HF raises TypeError("sep_token not found in the vocabulary")
        raise ArgumentTypeError(f"{name} not found in the vocabulary: add {str(token)!r} to the vocab, "
                          f"or pass the {name} the vocab uses")
    return token_id


def _trainer(vocab_size: int, min_frequency: int, limit_alphabet: int, initial_alphabet: Sequence[str],
             special_tokens: Sequence[Union[str, AddedToken]], show_progress: bool,
             prefix: str) -> trainers.WordPieceTrainer:
    return trainers.WordPieceTrainer(
        vocab_size=vocab_size, min_frequency=min_frequency, limit_alphabet=limit_alphabet,
        initial_alphabet=list(initial_alphabet), special_tokens=list(special_tokens),
        show_progress=show_progress, continuing_subword_prefix=prefix,
    )
