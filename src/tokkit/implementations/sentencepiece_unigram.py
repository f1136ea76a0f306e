"""SentencePieceUnigramTokenizer: HF's Unigram with SentencePiece's normalization and Metaspace.

``from_spm`` reads a SentencePiece ``.model`` file with tokkit's own reader of
protobuf's wire format (HF needs protobuf and sentencepiece's generated module).

>>> tokenizer = SentencePieceUnigramTokenizer()
>>> tokenizer.train_from_iterator(["low lower lowest"] * 3, vocab_size=20, show_progress=False)
>>> tokenizer.encode("lower").tokens, tokenizer
(['▁lowe', 'r'], Tokenizer(vocabulary_size=10, model=SentencePieceUnigram, replacement=▁, add_prefix_space=True))
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence, Union

from .. import decoders, normalizers, pre_tokenizers, trainers
from .._errors import ConfigurationError
from .._support.sentencepiece_model import ModelType, read_model_file
from .._unicode.oniguruma import Regex
from ..added_tokens import AddedToken
from ..models import Unigram
from ..normalizers import Normalizer
from ..tokenizer import Tokenizer
from .base_tokenizer import BaseTokenizer

__all__ = ["SentencePieceUnigramTokenizer"]


class SentencePieceUnigramTokenizer(BaseTokenizer):
    """SentencePiece Unigram Tokenizer (HF ``SentencePieceUnigramTokenizer``).

    Args:
        vocab: ``(piece, score)`` pairs; None for HF's default Unigram, to train.
        replacement: the char that stands for a space (the Metaspace's).
        add_prefix_space: prepend ``replacement`` to the text (prepend_scheme "always", else "never").

    >>> tokenizer = SentencePieceUnigramTokenizer()
    >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
    >>> tokenizer.train_from_iterator(corpus, vocab_size=30, show_progress=False)
    >>> tokenizer.encode("lowest").tokens
    ['▁lowe', 's', 't']
    """

    def __init__(
        self,
        vocab: Optional[list[tuple[str, float]]] = None,
        replacement: str = "\u2581",
        add_prefix_space: bool = True,
    ) -> None:
        tokenizer = Tokenizer(Unigram(vocab) if vocab is not None else Unigram())
        # Nmt and NFKC as SentencePiece's default nmt_nfkc rule does, then its runs of spaces folded.
        tokenizer.normalizer = normalizers.Sequence([normalizers.Nmt(), normalizers.NFKC(), _fold_spaces()])
        _set_metaspace(tokenizer, replacement, add_prefix_space)
        parameters = {"model": "SentencePieceUnigram", "replacement": replacement,
                      "add_prefix_space": add_prefix_space}
        super().__init__(tokenizer, parameters)

    def train(
        self,
        files: Union[str, list[str]],
        vocab_size: int = 8000,
        show_progress: bool = True,
        special_tokens: Optional[Sequence[Union[str, AddedToken]]] = None,
        initial_alphabet: Optional[Sequence[str]] = None,
        unk_token: Optional[str] = None,
    ) -> None:
        """Train the model on text files.

        Args:
            files: the paths of the text files.
            vocab_size: the size of the final vocabulary, special tokens and alphabet included.
            show_progress: show progress bars while training.
            special_tokens: tokens the model should know of.
            initial_alphabet: chars to keep in the alphabet even when the data has none
                (of a longer string only the first char is kept).
            unk_token: the model's unknown token.

        >>> import os, tempfile
        >>> tokenizer = SentencePieceUnigramTokenizer()
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     with open(os.path.join(folder, "corpus.txt"), "w") as f:
        ...         print("low lower lowest", "new newer newest", sep="\\n", file=f)
        ...     tokenizer.train(os.path.join(folder, "corpus.txt"), vocab_size=30, show_progress=False)
        >>> tokenizer.encode("lower").tokens
        ['▁lowe', 'r']
        """
        trainer = _trainer(vocab_size, show_progress, special_tokens, initial_alphabet, unk_token)
        self._tokenizer.train([files] if isinstance(files, str) else files, trainer=trainer)

    def train_from_iterator(
        self,
        iterator: Iterable[Any],
        vocab_size: int = 8000,
        show_progress: bool = True,
        special_tokens: Optional[Sequence[Union[str, AddedToken]]] = None,
        initial_alphabet: Optional[Sequence[str]] = None,
        unk_token: Optional[str] = None,
        length: Optional[int] = None,
    ) -> None:
        """Train the model on an iterator of texts (or of batches of texts); see :meth:`train`.

        ``length``, the number of sequences, only makes the progress bar meaningful.

        >>> corpus = ["low lower lowest", "new newer newest", "wide wider widest"]
        >>> tokenizer = SentencePieceUnigramTokenizer()
        >>> tokenizer.train_from_iterator(corpus, vocab_size=30, show_progress=False)
        >>> tokenizer.encode("lowest").tokens
        ['▁lowe', 's', 't']
        """
        trainer = _trainer(vocab_size, show_progress, special_tokens, initial_alphabet, unk_token)
        self._tokenizer.train_from_iterator(iterator, trainer=trainer, length=length)

    @staticmethod
    def from_spm(filename: str) -> "SentencePieceUnigramTokenizer":
        """The tokenizer of a SentencePiece Unigram ``.model`` file (no protobuf needed).

        As HF: the pieces with their scores, the trainer's unk_id and byte_fallback, the
        precompiled charsmap (when the file has one) then runs of spaces folded, and a
        Metaspace that always prepends "▁".  Raises :class:`~tokkit.SerializationError` on a
        malformed file, and a ConfigurationError when the model is not a Unigram one.

        >>> import os, tempfile
        >>> import sentencepiece as spm
        >>> from tokkit import Tokenizer, models, normalizers, pre_tokenizers
        >>> from tokkit.converters import to_sentencepiece
        >>> tok = Tokenizer(models.Unigram([("<unk>", 0.0), ("▁hi", -1.0), ("▁", -2.0), ("h", -3.0)], unk_id=0))
        >>> tok.normalizer = normalizers.Prepend("▁")
        >>> tok.pre_tokenizer = pre_tokenizers.Metaspace(prepend_scheme="never", split=False)
        >>> path = os.path.join(tempfile.mkdtemp(), "hi.model"); to_sentencepiece(tok, path)
        >>> SentencePieceUnigramTokenizer.from_spm(path).encode("hi hix").tokens
        ['▁hi', '▁hi', 'x']
        >>> spm.SentencePieceProcessor(model_file=path).encode("hi hix", out_type=str)
        ['▁hi', '▁hi', 'x']
        """
        proto = read_model_file(filename)
        spec = proto.trainer_spec
        if spec.model_type != ModelType.UNIGRAM:  # HF raises a bare Exception here
            raise ConfigurationError(
                f"{filename} holds a SentencePiece {spec.model_type.name} model, not a Unigram one: "
                "from_spm reads Unigram models only (a BPE model's pieces need a BPE tokenizer)")
        vocab = [(piece.piece, piece.score) for piece in proto.pieces]
        tokenizer = Tokenizer(Unigram(vocab, spec.unk_id, spec.byte_fallback))
        charsmap = proto.normalizer_spec.precompiled_charsmap
        steps: list[Normalizer] = [normalizers.Precompiled(charsmap)] if charsmap else []
        tokenizer.normalizer = normalizers.Sequence(steps + [_fold_spaces()])
        _set_metaspace(tokenizer, "\u2581", True)
        # HF builds this one without __init__, with "model" as its only parameter.
        obj = SentencePieceUnigramTokenizer.__new__(SentencePieceUnigramTokenizer)
        BaseTokenizer.__init__(obj, tokenizer, {"model": "SentencePieceUnigram"})
        return obj


def _fold_spaces() -> Normalizer:
    return normalizers.Replace(Regex(" {2,}"), " ")


def _set_metaspace(tokenizer: Tokenizer, replacement: str, add_prefix_space: bool) -> None:
    prepend_scheme = "always" if add_prefix_space else "never"
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=replacement, prepend_scheme=prepend_scheme)
    tokenizer.decoder = decoders.Metaspace(replacement=replacement, prepend_scheme=prepend_scheme)


def _trainer(vocab_size: int, show_progress: bool, special_tokens: Optional[Sequence[Union[str, AddedToken]]],
             initial_alphabet: Optional[Sequence[str]], unk_token: Optional[str]) -> trainers.UnigramTrainer:
    return trainers.UnigramTrainer(vocab_size=vocab_size, special_tokens=list(special_tokens or []),
                                   show_progress=show_progress, initial_alphabet=list(initial_alphabet or []),
                                   unk_token=unk_token)
