"""ByteLevelBPETokenizer: HF's GPT-2 style recipe (ByteLevel pre-tokenizer, BPE, ByteLevel decoder).

>>> tokenizer = ByteLevelBPETokenizer()
>>> tokenizer.train_from_iterator(["low lower lowest"] * 3, vocab_size=270, show_progress=False)
>>> tokenizer.encode("low lower").tokens
['low', 'Ġlower']
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence, Union

from .. import decoders, pre_tokenizers, processors, trainers
from ..added_tokens import AddedToken
from ..models import BPE
from ..normalizers import Lowercase, Normalizer, Sequence as NormalizerSequence, unicode_normalizer_from_str
from ..tokenizer import Tokenizer
from .base_tokenizer import BaseTokenizer

__all__ = ["ByteLevelBPETokenizer", "normalizer_chain"]

Vocab = Optional[Union[str, dict[str, int]]]
Merges = Optional[Union[str, list[tuple[str, str]]]]


class ByteLevelBPETokenizer(BaseTokenizer):
    """Byte-level BPE as introduced by OpenAI with GPT-2 (HF ``ByteLevelBPETokenizer``).

    Args:
        vocab, merges: the BPE's vocab and merges (in memory, or the paths of vocab.json and
            merges.txt); without both, an empty model to train.
        add_prefix_space: the ByteLevel pre-tokenizer adds a space before the first word.
        lowercase: lowercase the text first.
        dropout: BPE dropout.
        unicode_normalizer: "nfc", "nfd", "nfkc" or "nfkd", applied before lowercasing.
        continuing_subword_prefix, end_of_word_suffix: the BPE's affixes.
        trim_offsets: the ByteLevel post-processor trims the offsets' whitespace.

    >>> tokenizer = ByteLevelBPETokenizer()
    >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
    >>> tokenizer.train_from_iterator(corpus, vocab_size=270, show_progress=False)
    >>> tokenizer.encode("lowest wider").tokens
    ['lo', 'west', 'Ġwide', 'r']
    """

    def __init__(
        self,
        vocab: Vocab = None,
        merges: Merges = None,
        add_prefix_space: bool = False,
        lowercase: bool = False,
        dropout: Optional[float] = None,
        unicode_normalizer: Optional[str] = None,
        continuing_subword_prefix: Optional[str] = None,
        end_of_word_suffix: Optional[str] = None,
        trim_offsets: bool = False,
    ) -> None:
        if vocab is not None and merges is not None:
            tokenizer = Tokenizer(BPE(vocab, merges, dropout=dropout,
                                      continuing_subword_prefix=continuing_subword_prefix or "",
                                      end_of_word_suffix=end_of_word_suffix or ""))
        else:  # HF ignores every model option (dropout, affixes) without both vocab and merges
            tokenizer = Tokenizer(BPE())
        normalizer = normalizer_chain(unicode_normalizer, Lowercase() if lowercase else None)
        if normalizer is not None:
            tokenizer.normalizer = normalizer
        tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=add_prefix_space)
        tokenizer.decoder = decoders.ByteLevel()
        tokenizer.post_processor = processors.ByteLevel(trim_offsets=trim_offsets)
        parameters = {
            "model": "ByteLevelBPE", "add_prefix_space": add_prefix_space, "lowercase": lowercase,
            "dropout": dropout, "unicode_normalizer": unicode_normalizer,
            "continuing_subword_prefix": continuing_subword_prefix, "end_of_word_suffix": end_of_word_suffix,
            "trim_offsets": trim_offsets,
        }  # fmt: skip
        super().__init__(tokenizer, parameters)

    @staticmethod
    def from_file(vocab_filename: str, merges_filename: str, **kwargs: Any) -> "ByteLevelBPETokenizer":
        """A ByteLevelBPETokenizer from vocab.json and merges.txt; ``kwargs`` go to the constructor.

        >>> import tempfile
        >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
        >>> trained = ByteLevelBPETokenizer()
        >>> trained.train_from_iterator(corpus, vocab_size=270, show_progress=False)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     loaded = ByteLevelBPETokenizer.from_file(*trained.save_model(folder))
        >>> loaded.encode("lowest").tokens == trained.encode("lowest").tokens
        True
        """
        vocab, merges = BPE.read_file(vocab_filename, merges_filename)
        return ByteLevelBPETokenizer(vocab, merges, **kwargs)

    def train(
        self,
        files: Union[str, list[str]],
        vocab_size: int = 30000,
        min_frequency: int = 2,
        show_progress: bool = True,
        special_tokens: Sequence[Union[str, AddedToken]] = [],
    ) -> None:
        """Train the model on text files (the 256 byte-level chars are always in the alphabet).

        >>> import os, tempfile
        >>> tokenizer = ByteLevelBPETokenizer()
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     with open(os.path.join(folder, "corpus.txt"), "w") as f:
        ...         print("low lower lowest", "new newer newest", sep="\\n", file=f)
        ...     tokenizer.train(os.path.join(folder, "corpus.txt"), vocab_size=270, show_progress=False)
        >>> tokenizer.encode("lower").tokens
        ['lo', 'wer']
        """
        trainer = _trainer(vocab_size, min_frequency, show_progress, special_tokens)
        self._tokenizer.train([files] if isinstance(files, str) else files, trainer=trainer)

    def train_from_iterator(
        self,
        iterator: Iterable[Any],
        vocab_size: int = 30000,
        min_frequency: int = 2,
        show_progress: bool = True,
        special_tokens: Sequence[Union[str, AddedToken]] = [],
        length: Optional[int] = None,
    ) -> None:
        """Train the model on an iterator of texts (or of batches of texts).

        >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
        >>> tokenizer = ByteLevelBPETokenizer()
        >>> tokenizer.train_from_iterator(corpus, vocab_size=270, show_progress=False)
        >>> tokenizer.encode("lowest").tokens
        ['lo', 'west']
        """
        trainer = _trainer(vocab_size, min_frequency, show_progress, special_tokens)
        self._tokenizer.train_from_iterator(iterator, trainer=trainer, length=length)


def normalizer_chain(unicode_normalizer: Optional[str], *rest: Optional[Normalizer]) -> Optional[Normalizer]:
    """The recipes' normalizer: the unicode one (by name) then ``rest``; one alone is not wrapped.

    >>> normalizer_chain(None, None) is None, normalizer_chain("nfc", Lowercase())
    (True, Sequence(normalizers=[NFC(), Lowercase()]))
    """
    chain = [unicode_normalizer_from_str(unicode_normalizer)] if unicode_normalizer else []
    chain += [normalizer for normalizer in rest if normalizer is not None]
    if not chain:
        return None
    return chain[0] if len(chain) == 1 else NormalizerSequence(chain)


def _trainer(vocab_size: int, min_frequency: int, show_progress: bool,
             special_tokens: Sequence[Union[str, AddedToken]]) -> trainers.BpeTrainer:
    return trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency, show_progress=show_progress,
                               special_tokens=list(special_tokens),
                               initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
