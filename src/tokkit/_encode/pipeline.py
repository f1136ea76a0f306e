"""The encode pipeline behind ``Tokenizer``.

Two paths produce the same result:

* the aligned path: HF's pipeline step by step (added tokens, per-piece
  normalization with alignments, pre-tokenization, model, offsets through the
  alignments);
* a plain-string fast path (``fast``), taken only when it is provably the
  same: no added token occurs in the text (raw or normalized), the normalizer
  keeps a one-to-one alignment on this text up to a prefix (ASCII text through
  NFD/Lowercase/StripAccents; any text through ``Prepend`` and one-char
  ``Replace``), the pre-tokenizer only cuts the text into substrings or is
  ByteLevel, and the model is deterministic.  Tests check both paths agree.

Training's word counting lives in ``tokkit._training.counting``.
"""

from __future__ import annotations

from typing import Any, Optional

from .._errors import InputTypeError
from .._support.gc import gc_paused
from ..encoding import Encoding, Offsets
from ..normalized import PreTokenizedString
from ..protocols import Model, Pipeline
from .fast import FastEncoder
from .words import columns_function

__all__ = ["encode_text", "encode_aligned", "model_columns", "encode_sequence", "split_batch_item"]

_PAUSE_GC_FROM = 10_000  # chars: below this, pausing costs more than the collections it saves


# -- encoding ------------------------------------------------------------------------------
def encode_aligned(tokenizer: Pipeline, text: str, type_id: int, word_index: Optional[int] = None) -> Encoding:
    """HF's pipeline, step by step, with alignments (always correct)."""
    pretokenized = tokenizer._added_vocabulary.extract_and_normalize(tokenizer.normalizer, text)
    pre_tokenizer = tokenizer.pre_tokenizer  # read once: another thread may replace it meanwhile
    if pre_tokenizer is not None:
        pre_tokenizer.pre_tokenize(pretokenized)
    ids, tokens, offsets, splits = model_columns(tokenizer.model, pretokenized)
    n = len(ids)
    words: list[Optional[int]] = list(splits) if word_index is None else [word_index] * n
    return Encoding._raw(ids, [type_id] * n, tokens, words, offsets, [0] * n, [1] * n, [], {})


def model_columns(model: Model, pretokenized: PreTokenizedString) -> tuple[list[int], list[str], list[Offsets], list[int]]:
    """The model's tokens of every piece: ids, strings, original offsets and piece indexes (``encode_aligned``'s step).

    The model tokenizes each piece as columns: a piece that is a whole long text never
    becomes one Token tuple per token.
    """
    columns = columns_function(model)
    return pretokenized.token_columns(model.tokenize, lambda word: columns(word, 0))


def encode_text(
    tokenizer: Pipeline, text: str, type_id: int, word_index: Optional[int] = None, fast: Optional[FastEncoder] = None
) -> Encoding:
    """Encode one text: the fast path when it is provably equal, else the aligned one.

    ``fast`` is a ``FastEncoder`` shared by the texts of one batch.
    """
    if fast is None:
        fast = FastEncoder(tokenizer)
    if len(text) >= _PAUSE_GC_FROM:
        # A long text allocates millions of acyclic tuples (tokens, offsets): the cyclic GC would
        # rescan the growing heap again and again, as in encode_batch (which pauses it already).
        with gc_paused():
            return _encode_text(tokenizer, text, type_id, word_index, fast)
    encoding = fast.encode(text, type_id, word_index)
    return encoding if encoding is not None else encode_aligned(tokenizer, text, type_id, word_index)


def _encode_text(tokenizer: Pipeline, text: str, type_id: int, word_index: Optional[int],
                 fast: FastEncoder) -> Encoding:
    encoding = fast.encode(text, type_id, word_index)
    if encoding is not None:
        return encoding
    return encode_aligned(tokenizer, text, type_id, word_index)


def encode_sequence(tokenizer: Pipeline, sequence: Any, type_id: int, is_pretokenized: bool,
                    fast: FastEncoder) -> Encoding:
    """One input sequence: a str, or with ``is_pretokenized`` a list of words encoded one by one."""
    if is_pretokenized:
        if type(sequence).__name__ == "ndarray" and getattr(sequence, "ndim", 0) == 1:
            sequence = sequence.tolist()  # HF also takes a 1-d numpy array of words
        if not isinstance(sequence, (list, tuple)) or not all(isinstance(w, str) for w in sequence):
            raise InputTypeError(
                "PreTokenizedInputSequence must be Union[List[str], Tuple[str]]: with "
                "is_pretokenized=True pass a list of words"
            )
        # HF: each word's offsets start at 0 again (tokenizer/mod.rs, encode_single_sequence)
        parts = [encode_text(tokenizer, word, type_id, word_index=i, fast=fast) for i, word in enumerate(sequence)]
        return Encoding.merge(parts, growing_offsets=False) if parts else Encoding()
    if not isinstance(sequence, str):
        raise InputTypeError("TextInputSequence must be str: pass a string, or a list of words with is_pretokenized=True")
    encoding = encode_text(tokenizer, sequence, type_id, fast=fast)
    encoding._texts = sequence  # for Encoding._repr_html_ only (post_process passes it on); no tuple: 56 bytes each
    return encoding


def split_batch_item(item: Any, is_pretokenized: bool) -> tuple[Any, Any]:
    """One ``encode_batch`` input as ``(sequence, pair or None)``, HF's ``EncodeInput`` rules."""
    if is_pretokenized:
        if isinstance(item, (tuple, list)) and len(item) == 2 and all(isinstance(x, (list, tuple)) for x in item):
            return item[0], item[1]
        return item, None
    if isinstance(item, str):
        return item, None
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return item[0], item[1]
    raise InputTypeError(
        "TextEncodeInput must be Union[TextInputSequence, Tuple[InputSequence, InputSequence]]: "
        f"got {type(item).__name__}"
    )
