"""``DecodeStream``: incremental decoding that emits only complete new text."""

from __future__ import annotations

from typing import Any, Optional, Protocol, Sequence

from .._errors import ConfigurationError

__all__ = ["DecodeStream"]


class _Decoding(Protocol):
    """What ``step`` needs of a tokenizer: its ``decode``."""

    def decode(self, ids: Sequence[int], skip_special_tokens: bool = ...) -> str: ...


class DecodeStream:
    """Decode ids one step at a time, emitting only complete new text (HF ``DecodeStream``).

    ``step`` returns the new text, or None while the output would end in an
    incomplete character (``�``).

    Args:
        ids: ids already generated (used as context, not emitted).
        skip_special_tokens: passed to ``tokenizer.decode``.

    >>> from tokkit import Tokenizer, models
    >>> tok = Tokenizer(models.WordLevel({"hi": 0, "you": 1}, unk_token="hi"))
    >>> stream = DecodeStream()
    >>> [stream.step(tok, i) for i in (0, 1, 1)]
    ['hi', ' you', ' you']
    """

    def __init__(self, ids: Optional[list[int]] = None, skip_special_tokens: bool = False) -> None:
        self.skip_special_tokens = bool(skip_special_tokens)
        self.ids: list[int] = list(ids or [])
        self.prefix = ""
        self.prefix_index = 0

    def step(self, tokenizer: _Decoding, id: "int | list[int]") -> Optional[str]:
        """Add ``id`` (or a list of ids) and return the text it completes, or None while a char is incomplete.

        >>> from tokkit import Tokenizer, decoders, models
        >>> tok = Tokenizer(models.BPE({"<0xC3>": 0, "<0xA9>": 1, "a": 2}, [], byte_fallback=True))
        >>> tok.decoder = decoders.ByteFallback()
        >>> stream = DecodeStream()
        >>> stream.step(tok, 2), stream.step(tok, 0), stream.step(tok, 1)
        ('a', None, 'é')
        """
        new_ids = [id] if isinstance(id, int) else list(id)

        def decode(ids: list[int]) -> str:
            return tokenizer.decode(ids, skip_special_tokens=self.skip_special_tokens)

        if not self.prefix and self.ids:
            prefix = decode(self.ids)
            if not prefix.endswith("\ufffd"):
                self.prefix, self.prefix_index = prefix, len(self.ids)
        self.ids.extend(new_ids)
        text = decode(self.ids)
        # HF compares UTF-8 byte lengths.
        if len(text.encode("utf-8")) <= len(self.prefix.encode("utf-8")) or text.endswith("\ufffd"):
            return None
        if not text.startswith(self.prefix):
            raise ConfigurationError(
                f"Invalid prefix encountered while decoding stream. Token ID: {self.ids[-1]}, "
                f"Expected prefix: '{self.prefix}', Actual string: '{text}'"
            )
        new_text = text[len(self.prefix):]
        new_index = len(self.ids) - self.prefix_index
        self.ids = self.ids[self.prefix_index:]
        self.prefix = decode(self.ids)
        self.prefix_index = new_index
        return new_text

    def __copy__(self) -> "DecodeStream":
        clone = DecodeStream(self.ids, self.skip_special_tokens)
        clone.prefix, clone.prefix_index = self.prefix, self.prefix_index
        return clone

    def __deepcopy__(self, memo: Any) -> "DecodeStream":
        return self.__copy__()
