"""After the model: truncate, add the special tokens, pad (HF ``TokenizerImpl::post_process``).

>>> from tokkit import Encoding
>>> post_process(Encoding(ids=[1, 2, 3], tokens=["a", "b", "c"]), None, True, None, None, None).ids
[1, 2, 3]
"""

from __future__ import annotations

from typing import Optional

from .. import processors
from ..encoding import (
    Encoding, PaddingParams, RowLayout, TruncationParams, effective_params, pad_encodings, truncate_encodings,
)  # fmt: skip
from ..protocols import PostProcessor

__all__ = ["post_process", "single_layout"]


def post_process(encoding: Encoding, pair: Optional[Encoding], add_special_tokens: bool,
                 processor: Optional[PostProcessor], truncation: Optional[TruncationParams],
                 padding: Optional[PaddingParams], owned: bool = False) -> Encoding:
    """Truncate (room left for the special tokens), run ``processor``, then pad, as HF does.

    ``owned``: the encodings are fresh from the pipeline, so the processor may reuse them.
    """
    if truncation is not None:
        added = 0 if processor is None else processor.num_special_tokens_to_add(pair is not None)
        encoding, pair = truncate_encodings(encoding, pair, effective_params(truncation, added, add_special_tokens))
    if (owned and isinstance(processor, processors.PostProcessor)
            and type(processor).process is processors.PostProcessor.process):
        # Our own fresh encodings: no defensive copies (a subclass that overrides process() still gets its call).
        final = processor.process_owned([encoding] if pair is None else [encoding, pair], add_special_tokens)
    elif processor is not None:
        final = processor.process(encoding, pair, add_special_tokens)
    else:
        final = processors.default_process(encoding, pair, add_special_tokens)
    if padding is not None:
        pad_encodings([final], padding)
    _pass_texts(encoding, pair, final)
    return final


def _pass_texts(encoding: Encoding, pair: Optional[Encoding], final: Encoding) -> None:
    """Give ``final`` (and its overflow) the input texts ``encode_sequence`` attached, for ``_repr_html_``."""
    texts = getattr(encoding, "_texts", None)
    if texts is not None and pair is not None:
        pair_text = getattr(pair, "_texts", None)
        texts = None if not isinstance(texts, str) or not isinstance(pair_text, str) else (texts, pair_text)
    final._texts = texts
    for overflow in final._overflowing:  # cut from the same inputs: its offsets point into them too
        overflow._texts = texts


def single_layout(processor: Optional[PostProcessor], add_special_tokens: bool, truncation: Optional[TruncationParams],
                  padding: Optional[PaddingParams]) -> Optional[RowLayout]:
    """What ``post_process`` does to every single text's encoding, when that is fixed (else None).

    Only without truncation and padding (they depend on each text's length), and only for a
    processor that declares it (``PostProcessor.single_layout``) and whose ``process`` is ours.

    >>> single_layout(None, True, None, None)
    RowLayout(before=[], after=[], type_id=0, ranges=False)
    """
    if truncation is not None or padding is not None:
        return None
    if processor is None:  # HF's default_process: a single encoding is returned as it is
        return RowLayout([], [], 0, ranges=False)
    if (not isinstance(processor, processors.PostProcessor)
            or type(processor).process is not processors.PostProcessor.process
            or type(processor).process_owned is not processors.PostProcessor.process_owned):
        return None
    return processor.single_layout(bool(add_special_tokens))
