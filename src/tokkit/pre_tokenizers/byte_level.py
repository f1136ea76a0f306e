"""ByteLevel: GPT-2's pre-tokenizer, bytes as printable chars (HF ``pre_tokenizers/byte_level.rs``).

A prefix space takes the span of the split's first char, as HF's ``prepend``
does.  Its fast path works on identity-aligned pieces (a plain string and its
start offset), so it can end a Sequence whose other members only cut.

What this module does not do: the ByteLevel decoder or post-processor.
"""

from __future__ import annotations

from typing import Any, Mapping

from .._unicode import bytes_to_unicode
from .._unicode.char_classes import ONIG_LETTER, ONIG_NUMBER, SPACE, ExactPattern
from .._validation import check_bool, json_bool, json_field
from ..capabilities import ByteLevelWords, Pieces
from ..normalized import NormalizedString, PreTokenizedString, SplitDelimiterBehavior
from .base import PreTokenizer, register, split_with

__all__ = ["GPT2", "gpt2_pattern", "byte_level", "ByteLevel"]


B = SplitDelimiterBehavior


def gpt2_pattern(separator: str = "") -> ExactPattern:
    """HF's GPT-2 split, with Oniguruma's ``\\s``, ``\\p{L}``, ``\\p{N}`` (HF: pre_tokenizers/byte_level.rs).

    Its matches tile any text.  With a one-char ``separator``, that char ends a
    text as the end of the input does and is a match of its own, so training can
    split many texts joined by it in one pass.

    >>> gpt2_pattern().plain.findall("it's  ok")
    ['it', "'s", ' ', ' ok']
    >>> gpt2_pattern("\\x00").plain.findall("a \\x00b")
    ['a', ' ', '\\x00', 'b']
    """
    x = f"\\U{ord(separator):08x}" if separator else ""
    template = rf"'s|'t|'re|'ve|'m|'ll|'d| ?[{{L}}]+| ?[{{N}}]+| ?[^{{S}}{{L}}{{N}}{x}]+|[{{S}}]+(?![^{{S}}{x}])|[{{S}}]+"
    return ExactPattern(template + (f"|{x}" if x else ""), {"L": ONIG_LETTER, "N": ONIG_NUMBER, "S": SPACE})


#: The pattern ByteLevel splits with (``use_regex=True``).
GPT2 = gpt2_pattern()


_BYTE_CHARS = bytes_to_unicode()


_LATIN1_TO_BYTE_CHAR = {b: c for b, c in _BYTE_CHARS.items()}


def byte_level(text: str) -> str:
    """Each UTF-8 byte of ``text`` as its GPT-2 char (``' '`` -> ``'Ġ'``).

    >>> byte_level("hé y")
    'hÃ©Ġy'
    """
    return text.encode("utf-8").decode("latin-1").translate(_LATIN1_TO_BYTE_CHAR)


def _byte_level_in_place(normalized: NormalizedString) -> None:
    """HF ByteLevel transform: a char's first byte-char replaces it, the others are inserts."""
    text = normalized.normalized
    if text.isascii():
        normalized.normalized = byte_level(text)  # one char per char: alignments unchanged
        return
    mapped = {char: byte_level(char) for char in set(text)}  # each distinct char once
    normalized.map_chars(mapped.__getitem__)


def _unprefixed_span(start: int, end: int, prefixed: int) -> tuple[int, int]:
    """A span of the prefixed text -> the original span (the prefix shares char 0's span)."""
    if not prefixed:
        return start, end
    return max(start - 1, 0), max(end - 1, 1)


@register("ByteLevel")
class ByteLevel(PreTokenizer):
    """GPT-2's pre-tokenizer: optional leading space, the GPT-2 regex split, bytes as chars.

    Args:
        add_prefix_space: prepend ``' '`` to each split that does not start with one.
        trim_offsets: used by the ByteLevel post-processor only (kept for the JSON).
        use_regex: split with the GPT-2 regex (else only map the bytes).

    >>> ByteLevel().pre_tokenize_str("Hello my friend")
    [('ĠHello', (0, 5)), ('Ġmy', (5, 8)), ('Ġfriend', (8, 15))]
    """

    _fields = ("add_prefix_space", "trim_offsets", "use_regex")

    def __init__(self, add_prefix_space: bool = True, trim_offsets: bool = True, use_regex: bool = True, **_kwargs: Any) -> None:
        # HF ignores unknown keyword arguments here.
        self.add_prefix_space = check_bool(add_prefix_space, "add_prefix_space")
        self.trim_offsets = check_bool(trim_offsets, "trim_offsets")
        self.use_regex = check_bool(use_regex, "use_regex")

    @staticmethod
    def alphabet() -> list[str]:
        """The 256 chars that stand for the 256 bytes.

        >>> len(ByteLevel.alphabet()), "Ġ" in ByteLevel.alphabet()
        (256, True)
        """
        return list(_BYTE_CHARS.values())

    def _needs_prefix(self, text: str) -> bool:
        return self.add_prefix_space and not text.startswith(" ")

    def pre_tokenize(self, pretok: PreTokenizedString) -> None:
        """Split with GPT-2's pattern (if ``use_regex``) and map each word to byte-chars, in place (offsets kept).

        >>> from tokkit import PreTokenizedString
        >>> pts = PreTokenizedString('Hi you')
        >>> ByteLevel().pre_tokenize(pts); pts.get_splits()
        [('ĠHi', (0, 2), None), ('Ġyou', (2, 6), None)]
        """
        def cut(normalized: NormalizedString) -> list[NormalizedString]:
            if self._needs_prefix(normalized.normalized):
                normalized.prepend(" ")
            if self.use_regex:
                return normalized.split(GPT2.for_text(normalized.normalized), B.ISOLATED)
            return [normalized]

        split_with(pretok, cut)
        pretok.normalize(_byte_level_in_place)

    def _spans(self, text: str) -> list[tuple[int, int]]:
        if not self.use_regex:
            return [(0, len(text))] if text else []
        return [m.span() for m in GPT2.for_text(text).finditer(text)]

    def _transform(self, pieces: Pieces) -> Pieces | None:
        if not self._trusted():
            return None
        out: Pieces = []
        for text, (offset, _) in pieces:
            if not text:
                continue
            prefixed = int(self._needs_prefix(text))
            if prefixed:
                text = " " + text
            for start, end in self._spans(text):
                a, b = _unprefixed_span(start, end, prefixed)
                out.append((byte_level(text[start:end]), (offset + a, offset + b)))
        return out

    def split_words(self, text: str) -> list[str]:
        """Just the words of ``pre_tokenize_str(text)`` (fastest; used by training).

        >>> ByteLevel().split_words("Hi you")
        ['ĠHi', 'Ġyou']
        """
        if not self._trusted():
            return super().split_words(text)
        if not text:
            return []
        if self._needs_prefix(text):
            text = " " + text
        words = GPT2.for_text(text).findall(text) if self.use_regex else [text]
        return [byte_level(word) for word in words]

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "ByteLevel":
        return cls(
            json_field(data, "add_prefix_space", json_bool),
            json_field(data, "trim_offsets", json_bool),
            json_field(data, "use_regex", json_bool, True),
        )

    def fast_path(self) -> ByteLevelWords:
        """What the encode fast path may assume: its words tile the (prefixed) text and the model sees their bytes.

        >>> words = ByteLevel().fast_path(); words.add_prefix_space, words.to_model_input(" é")
        (True, 'ĠÃ©')
        """
        # Words tile the (prefixed) text; the model sees each word's bytes.
        return ByteLevelWords(self.add_prefix_space, GPT2 if self.use_regex else None, byte_level)
