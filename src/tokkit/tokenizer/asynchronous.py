"""Awaitable methods of the ``Tokenizer``: the same work in a thread, off the event loop (HF: tokio's spawn_blocking).

>>> import asyncio
>>> from tokkit import Tokenizer, models
>>> tok = Tokenizer(models.WordLevel({"a": 0}, unk_token="a"))
>>> asyncio.run(tok.async_encode("a")).ids
[0]
"""

from __future__ import annotations

from typing import Optional, Protocol, Sequence

from .._encode.inputs import EncodeInput, InputSequence
from .._encode.threads import in_thread
from ..encoding import Encoding

__all__ = ["AsyncMethods"]


class Encodes(Protocol):
    """The blocking methods the awaitable ones run in a thread."""

    def encode(self, sequence: InputSequence, pair: Optional[InputSequence] = None, is_pretokenized: bool = False,
               add_special_tokens: bool = True) -> Encoding: ...

    def encode_batch(self, input: Sequence[EncodeInput], is_pretokenized: bool = False,  # noqa: A002
                     add_special_tokens: bool = True) -> list[Encoding]: ...

    def encode_batch_fast(self, input: Sequence[EncodeInput], is_pretokenized: bool = False,  # noqa: A002
                          add_special_tokens: bool = True) -> list[Encoding]: ...

    def decode_batch(self, sequences: Sequence[Sequence[int]], skip_special_tokens: bool = True) -> list[str]: ...


class AsyncMethods:
    """``async_encode``, ``async_encode_batch``, ``async_encode_batch_fast``, ``async_decode_batch`` (a mixin).

    >>> import asyncio
    >>> from tokkit import Tokenizer, models, pre_tokenizers
    >>> tok = Tokenizer(models.WordLevel({"[UNK]": 0, "hi": 1}, unk_token="[UNK]"))
    >>> tok.pre_tokenizer = pre_tokenizers.Whitespace()
    >>> async def main():
    ...     batch = await tok.async_encode_batch(["hi you", "hi"])
    ...     fast = await tok.async_encode_batch_fast(["you hi"])
    ...     one = await tok.async_encode("hi")
    ...     return [e.ids for e in batch + fast + [one]], await tok.async_decode_batch([[1, 1], [0]])
    >>> asyncio.run(main())
    ([[1, 0], [1], [0, 1], [1]], ['hi hi', '[UNK]'])
    """

    async def async_encode(self: Encodes, sequence: InputSequence, pair: Optional[InputSequence] = None,
                           is_pretokenized: bool = False, add_special_tokens: bool = True) -> Encoding:
        """``encode``, awaitable."""
        return await in_thread(self.encode, sequence, pair, is_pretokenized, add_special_tokens)

    async def async_encode_batch(self: Encodes, input: Sequence[EncodeInput], is_pretokenized: bool = False,  # noqa: A002
                                 add_special_tokens: bool = True) -> list[Encoding]:
        """``encode_batch``, awaitable."""
        return await in_thread(self.encode_batch, input, is_pretokenized, add_special_tokens)

    async def async_encode_batch_fast(self: Encodes, input: Sequence[EncodeInput], is_pretokenized: bool = False,  # noqa: A002
                                      add_special_tokens: bool = True) -> list[Encoding]:
        """``encode_batch_fast``, awaitable."""
        return await in_thread(self.encode_batch_fast, input, is_pretokenized, add_special_tokens)

    async def async_decode_batch(self: Encodes, sequences: Sequence[Sequence[int]],
                                 skip_special_tokens: bool = True) -> list[str]:
        """``decode_batch``, awaitable."""
        return await in_thread(self.decode_batch, sequences, skip_special_tokens)

