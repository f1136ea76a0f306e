"""The encode inputs' type aliases, under HF's public names (``tokenizers.EncodeInput``, ...).

>>> from typing import get_args
>>> str in get_args(InputSequence)
True
"""

from __future__ import annotations

from typing import List, Tuple, Union

__all__ = [
    "Offsets", "TextInputSequence", "PreTokenizedInputSequence", "TextEncodeInput", "PreTokenizedEncodeInput",
    "InputSequence", "EncodeInput",
]  # fmt: skip

# typing's List/Tuple as HF spells them, so the aliases read (and compare) as HF's.
Offsets = Tuple[int, int]
#: A raw text.
TextInputSequence = str
#: A text already cut into words (``is_pretokenized=True``).
PreTokenizedInputSequence = Union[List[str], Tuple[str]]
#: One ``encode_batch`` item of raw text: a text, or a pair of texts.
TextEncodeInput = Union[TextInputSequence, Tuple[TextInputSequence, TextInputSequence], List[TextInputSequence]]
#: One ``encode_batch`` item of words: a word list, or a pair of word lists.
PreTokenizedEncodeInput = Union[
    PreTokenizedInputSequence,
    Tuple[PreTokenizedInputSequence, PreTokenizedInputSequence],
    List[PreTokenizedInputSequence],
]
#: What ``encode`` takes as ``sequence`` or ``pair``.
InputSequence = Union[TextInputSequence, PreTokenizedInputSequence]
#: What ``encode_batch`` takes per item.
EncodeInput = Union[TextEncodeInput, PreTokenizedEncodeInput]
