"""Normalizers: clean the raw text before pre-tokenization (HF ``normalizers/*``, 0.23.3).

Each normalizer has two paths that always agree:

* ``normalize(ns)`` edits a :class:`~tokkit.NormalizedString` in place and
  keeps HF's exact alignments (what ``encode`` offsets are built from);
* ``normalize_str(s)`` is the plain-string fast path (C-level ``str`` methods
  and compiled regexes), used for training and for fast encoding.

>>> Sequence([NFD(), Lowercase(), StripAccents()]).normalize_str("Héllo WÖRLD")
'hello world'
>>> BertNormalizer().normalize_str("Héllo\\t中文")
'hello  中  文 '

What this module does not do: ``Precompiled`` (SentencePiece charsmaps) and the
Unicode tables themselves (``_unicode_norm``).
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import Any, Mapping, Optional

from . import _unicode_norm as un
from ._component import Component, CustomWrapper, from_dict_of
from ._errors import ConfigurationError, SerializationError
from ._regex import Regex, compile_pattern, pattern_from_json, pattern_to_json
from ._registry import Registry
from ._unicode import WHITESPACE_CHARS, bytes_to_unicode
from .normalized import NormalizedString, find_matches

__all__ = [
    "NORMALIZERS", "register", "from_dict", "Normalizer", "NFD", "NFKD", "NFC", "NFKC",
    "Lowercase", "Strip", "StripAccents", "Replace", "Prepend", "BertNormalizer", "ByteLevel",
    "Nmt", "Sequence", "unicode_normalizer_from_str",
]  # fmt: skip

NORMALIZERS: Registry["Normalizer"] = Registry("normalizer")
register = NORMALIZERS.register


class _ArgumentTypeError(ConfigurationError, TypeError):
    """A wrong argument type (HF raises TypeError here)."""


def _check(value: Any, kind: type, name: str) -> Any:
    if not isinstance(value, kind):
        raise _ArgumentTypeError(
            f"{name} must be a {kind.__name__}, got {type(value).__name__}: {value!r:.40}"
        )
    return value


def _required(data: Mapping[str, Any], *names: str) -> None:
    """HF's serde rejects JSON that lacks a field without a default."""
    for name in names:
        if name not in data:
            raise SerializationError(f"missing field `{name}` in {data.get('type', 'normalizer')} JSON")


class Normalizer(Component):
    """Base class of normalizers: implement ``normalize(ns)`` (in place)."""

    _registry = NORMALIZERS

    def normalize(self, normalized: NormalizedString) -> None:
        """Normalize ``normalized`` in place, keeping alignments."""
        raise NotImplementedError(f"{type(self).__name__} must implement normalize")

    def normalize_str(self, sequence: str) -> str:
        """Normalize a plain string (no alignments).

        >>> Lowercase().normalize_str("ΟΔΟΣ")
        'οδοσ'
        """
        ns = NormalizedString(_check(sequence, str, "sequence"))
        self.normalize(ns)
        return ns.normalized

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Normalizer":
        """Build a normalizer from HF's JSON.

        Like HF, ``"type": "Bert"`` means BertNormalizer, and JSON without a
        known type is matched by its fields (legacy files).

        >>> Normalizer.from_dict({"strip_left": True, "strip_right": False})
        Strip(strip_left=True, strip_right=False)
        """
        if isinstance(data, Mapping):
            if data.get("type") == "Bert":
                data = {**data, "type": "BertNormalizer"}
            if data.get("type") not in NORMALIZERS.names():
                legacy = _from_legacy(data)
                if legacy is not None:
                    return legacy
        return from_dict_of(NORMALIZERS, data)

    @classmethod
    def custom(cls, normalizer: Any) -> "Normalizer":
        """Wrap a user object with a ``normalize(ns: NormalizedString)`` method.

        It works in a tokenizer but cannot be saved; to save one, register a
        ``Normalizer`` subclass with ``tokkit.normalizers.register("Name")``.

        >>> class Upper:
        ...     def normalize(self, ns):
        ...         ns.uppercase()
        >>> Normalizer.custom(Upper()).normalize_str("abc")
        'ABC'
        """
        if not callable(getattr(normalizer, "normalize", None)):
            raise ConfigurationError("Normalizer.custom needs an object with a normalize(ns) method")
        return _CustomNormalizer(normalizer)


def from_dict(data: Mapping[str, Any]) -> Normalizer:
    """Build a normalizer from its JSON object (``Normalizer.from_dict``)."""
    return Normalizer.from_dict(data)


_LEGACY_SHAPES = (
    ("BertNormalizer", ("clean_text", "handle_chinese_chars", "lowercase")),
    ("Strip", ("strip_left", "strip_right")),
    ("Sequence", ("normalizers",)),
    ("Precompiled", ("precompiled_charsmap",)),
    ("Replace", ("pattern", "content")),
    ("Prepend", ("prepend",)),
)


def _from_legacy(data: Mapping[str, Any]) -> Optional[Normalizer]:
    """HF's untagged fallback: the first type whose fields all parse."""
    for name, fields in _LEGACY_SHAPES:
        if name not in NORMALIZERS.names() or not all(f in data for f in fields):
            continue
        try:
            return from_dict_of(NORMALIZERS, {**data, "type": name})
        except SerializationError:
            continue
    return None


class _CustomNormalizer(CustomWrapper, Normalizer):
    _family = "Normalizer"

    def normalize(self, normalized: NormalizedString) -> None:
        self.inner.normalize(normalized)


# ==================== Unicode normalization forms ====================================
class _UnicodeForm(Normalizer):
    _form = ""

    def normalize(self, normalized: NormalizedString) -> None:
        normalized._apply_form(self._form)

    def normalize_str(self, sequence: str) -> str:
        return un.normalize(self._form, _check(sequence, str, "sequence"))


@register("NFD")
class NFD(_UnicodeForm):
    """Canonical decomposition (Unicode 9.0 data, like HF).

    >>> [hex(ord(c)) for c in NFD().normalize_str("é")]
    ['0x65', '0x301']
    """

    _form = "NFD"


@register("NFKD")
class NFKD(_UnicodeForm):
    """Compatibility decomposition.

    >>> NFKD().normalize_str("ﬁ")
    'fi'
    """

    _form = "NFKD"


@register("NFC")
class NFC(_UnicodeForm):
    """Canonical decomposition then composition; a composed char keeps the first char's span.

    >>> NFC().normalize_str("e\\u0301")
    'é'
    """

    _form = "NFC"


@register("NFKC")
class NFKC(_UnicodeForm):
    """Compatibility decomposition then canonical composition.

    >>> NFKC().normalize_str("①ｘ")
    '1x'
    """

    _form = "NFKC"


_UNICODE_FORMS = {"nfc": NFC, "nfd": NFD, "nfkc": NFKC, "nfkd": NFKD}


def unicode_normalizer_from_str(normalizer: str) -> Normalizer:
    """``"nfc"``/``"nfd"``/``"nfkc"``/``"nfkd"`` -> that normalizer (HF's helper).

    >>> unicode_normalizer_from_str("nfkc")
    NFKC()
    """
    if normalizer not in _UNICODE_FORMS:
        raise ConfigurationError(
            f"{normalizer!r} is not a known unicode normalizer; use one of {sorted(_UNICODE_FORMS)}"
        )
    return _UNICODE_FORMS[normalizer]()


# ==================== simple char-wise normalizers ===================================
@register("Lowercase")
class Lowercase(Normalizer):
    """Rust ``char::to_lowercase`` per char: full mappings, no final-sigma rule.

    >>> Lowercase().normalize_str("İΣ")
    'i̇σ'
    """

    def normalize(self, normalized: NormalizedString) -> None:
        _lowercase(normalized)

    def normalize_str(self, sequence: str) -> str:
        return un.lowercase(_check(sequence, str, "sequence"))


def _map_same_length(normalized: NormalizedString, mapped: str) -> None:
    """Install a char-for-char mapping of the normalized text.

    HF does such maps with ``transform`` and a change of 0 per char, which
    leaves every alignment as it was; so only the text changes.
    """
    if len(mapped) != len(normalized.normalized):
        raise ValueError("_map_same_length needs a one-to-one mapping")
    normalized.normalized = mapped


def _lowercase(normalized: NormalizedString) -> None:
    lowered = un.lowercase(normalized.normalized)
    if len(lowered) == len(normalized.normalized):
        _map_same_length(normalized, lowered)  # every char mapped to exactly one char
    else:
        normalized.lowercase()  # some char grew (İ -> i̇): the per-char transform


_WHITESPACE = "".join(sorted(WHITESPACE_CHARS))


@register("Strip")
class Strip(Normalizer):
    """Trim Unicode White_Space (Rust ``char::is_whitespace``) on the left and/or right.

    Args:
        left: strip the start (JSON ``strip_left``).
        right: strip the end (JSON ``strip_right``).

    >>> Strip(right=False).normalize_str(" \\u3000 hi ")
    'hi '
    """

    _fields = ("strip_left", "strip_right")

    def __init__(self, left: bool = True, right: bool = True) -> None:
        self.strip_left = _check(left, bool, "left")
        self.strip_right = _check(right, bool, "right")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Strip":
        _required(data, "strip_left", "strip_right")
        return cls(data["strip_left"], data["strip_right"])

    # HF's Python attributes are ``left``/``right``; the JSON keys are ``strip_*``.
    left = property(lambda self: self.strip_left, lambda self, v: setattr(self, "strip_left", _check(v, bool, "left")))
    right = property(lambda self: self.strip_right, lambda self, v: setattr(self, "strip_right", _check(v, bool, "right")))

    def normalize(self, normalized: NormalizedString) -> None:
        normalized._lrstrip(self.strip_left, self.strip_right)

    def normalize_str(self, sequence: str) -> str:
        _check(sequence, str, "sequence")
        if self.strip_left and self.strip_right:
            return sequence.strip(_WHITESPACE)
        if self.strip_left:
            return sequence.lstrip(_WHITESPACE)
        return sequence.rstrip(_WHITESPACE) if self.strip_right else sequence


@register("StripAccents")
class StripAccents(Normalizer):
    """Remove combining marks (M*, Unicode 9.0).  It does **not** decompose first.

    >>> StripAccents().normalize_str("é"), StripAccents().normalize_str("e\\u0301")
    ('é', 'e')
    """

    def normalize(self, normalized: NormalizedString) -> None:
        if un.has_combining_mark(normalized.normalized):
            normalized.filter(lambda c: not un.is_combining_mark(c))

    def normalize_str(self, sequence: str) -> str:
        return un.strip_marks(_check(sequence, str, "sequence"))


@register("Prepend")
class Prepend(Normalizer):
    """Put ``prepend`` in front of non-empty text; it takes the first char's span.

    >>> Prepend().normalize_str("hi"), Prepend().normalize_str("")
    ('▁hi', '')
    """

    _fields = ("prepend",)

    def __init__(self, prepend: str = "▁") -> None:
        self.prepend = _check(prepend, str, "prepend")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Prepend":
        _required(data, "prepend")
        return cls(data["prepend"])

    def normalize(self, normalized: NormalizedString) -> None:
        normalized.prepend(self.prepend)

    def normalize_str(self, sequence: str) -> str:
        return self.prepend + sequence if _check(sequence, str, "sequence") else sequence


class _PatternRepr:
    """Shows a Replace pattern as HF does: ``String("a")`` or ``Regex("a+")``."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern

    def __repr__(self) -> str:
        from ._component import rust_repr

        kind, value = next(iter(pattern_to_json(self.pattern).items()))
        return f"{kind}({rust_repr(value)})"


@register("Replace")
class Replace(Normalizer):
    """Replace every match of ``pattern`` (a literal ``str`` or a ``Regex``) by ``content``.

    The new chars take the span of the **last** char of the match, as in HF.

    >>> Replace("ll", "L").normalize_str("hello"), Replace(Regex(r"\\s+"), " ").normalize_str("a \\t b")
    ('heLo', 'a b')
    """

    _fields = ("pattern", "content")

    def __init__(self, pattern: "str | Regex", content: str) -> None:
        if not isinstance(pattern, (str, Regex)):
            raise _ArgumentTypeError(f"pattern must be a str or tokkit.Regex, got {type(pattern).__name__}")
        self._pattern = pattern
        self._compiled = compile_pattern(pattern)
        self.content = _check(content, str, "content")

    @property
    def pattern(self) -> "str | Regex":
        return self._pattern

    @pattern.setter
    def pattern(self, value: Any) -> None:  # HF: the compiled regex is fixed at construction
        raise ConfigurationError("Cannot set pattern, please instantiate a new Replace instead")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Replace":
        _required(data, "pattern", "content")
        return cls(pattern_from_json(data["pattern"]), data["content"])

    def _json_fields(self) -> dict[str, Any]:
        return {"pattern": pattern_to_json(self._pattern), "content": self.content}

    def _repr_fields(self) -> list[tuple[str, Any]]:
        return [("pattern", _PatternRepr(self._pattern)), ("content", self.content)]

    def normalize(self, normalized: NormalizedString) -> None:
        normalized.replace(self._compiled, self.content)

    def normalize_str(self, sequence: str) -> str:
        _check(sequence, str, "sequence")
        if isinstance(self._compiled, str):
            # str.replace is the same leftmost, non-overlapping scan; "" matches nothing in HF.
            return sequence.replace(self._compiled, self.content) if self._compiled else sequence
        pieces = find_matches(self._compiled, sequence)
        return "".join(self.content if hit else sequence[a:b] for (a, b), hit in pieces)



# ==================== BertNormalizer =================================================
@register("BertNormalizer")
class BertNormalizer(Normalizer):
    """BERT's cleaning, in HF's order: clean text, pad CJK, strip accents, lowercase.

    Args:
        clean_text: drop NUL, U+FFFD and Cc/Cf/Co chars (not ``\\t\\n\\r``), then map
            every whitespace char to ``' '``.
        handle_chinese_chars: put a space on each side of CJK ideographs.
        strip_accents: NFD then drop Mn chars; ``None`` means "same as ``lowercase``".
        lowercase: per-char lowercase.

    >>> BertNormalizer(lowercase=False).normalize_str("Héllo\\x00")
    'Héllo'
    """

    _fields = ("clean_text", "handle_chinese_chars", "strip_accents", "lowercase")

    def __init__(
        self,
        clean_text: bool = True,
        handle_chinese_chars: bool = True,
        strip_accents: Optional[bool] = None,
        lowercase: bool = True,
    ) -> None:
        self.clean_text = _check(clean_text, bool, "clean_text")
        self.handle_chinese_chars = _check(handle_chinese_chars, bool, "handle_chinese_chars")
        if strip_accents is not None:
            _check(strip_accents, bool, "strip_accents")
        self.strip_accents = strip_accents
        self.lowercase = _check(lowercase, bool, "lowercase")

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "BertNormalizer":
        _required(data, "clean_text", "handle_chinese_chars", "lowercase")
        return cls(data["clean_text"], data["handle_chinese_chars"], data.get("strip_accents"), data["lowercase"])

    def _strips_accents(self) -> bool:
        return self.lowercase if self.strip_accents is None else self.strip_accents

    def normalize(self, normalized: NormalizedString) -> None:
        if self.clean_text:
            if un.has_bert_control(normalized.normalized):
                normalized.filter(lambda c: not un.is_bert_control(c))
            _map_same_length(normalized, un.bert_map_whitespace(normalized.normalized))
        if self.handle_chinese_chars and un.has_chinese_char(normalized.normalized):
            normalized.transform(_pad_chinese_changes(normalized.normalized))
        if self._strips_accents() and not normalized.normalized.isascii():
            normalized.nfd()
            if un.has_bert_nonspacing(normalized.normalized):
                normalized.filter(lambda c: not un.is_bert_nonspacing(c))
        if self.lowercase:
            _lowercase(normalized)

    def normalize_str(self, sequence: str) -> str:
        text = _check(sequence, str, "sequence")
        if self.clean_text:
            text = _ascii_clean(text) if text.isascii() else un.bert_clean_text(text)
        if self.handle_chinese_chars and not text.isascii():
            text = un.pad_chinese_chars(text)
        if self._strips_accents():
            text = un.bert_strip_accents(text)
        return un.lowercase(text) if self.lowercase else text


def _pad_chinese_changes(text: str) -> list[tuple[str, int]]:
    """``(' ', 0), (c, +1), (' ', +1)`` per CJK char, so all three share its span."""
    dest: list[tuple[str, int]] = []
    last = 0
    for i in un.chinese_char_positions(text):
        dest.extend(zip(text[last:i], repeat(0)))
        dest += [(" ", 0), (text[i], 1), (" ", 1)]
        last = i + 1
    dest.extend(zip(text[last:], repeat(0)))
    return dest


# clean_text on ASCII: C0 controls and DEL vanish (\\x0b, \\x0c and \\x1c-\\x1f too: they are
# Cc), \\t \\n \\r become spaces.  Two regex passes beat str.translate (dict lookups).
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ASCII_SPACE = re.compile(r"[\t\n\r]")


def _ascii_clean(text: str) -> str:
    if _ASCII_CONTROL.search(text):
        text = _ASCII_CONTROL.sub("", text)
    return _ASCII_SPACE.sub(" ", text)


# ==================== ByteLevel and Nmt ==============================================
_BYTE_CHARS = bytes_to_unicode()
# latin-1 decoding turns each UTF-8 byte into the char of the same number; translate maps it.
_LATIN1_TO_BYTE_CHAR = str.maketrans({chr(b): c for b, c in _BYTE_CHARS.items()})


@register("ByteLevel")
class ByteLevel(Normalizer):
    """Replace each UTF-8 byte by its GPT-2 char (``' '`` -> ``Ġ``); extra byte-chars share the char's span.

    >>> ByteLevel().normalize_str("hé y")
    'hÃ©Ġy'
    """

    def normalize(self, normalized: NormalizedString) -> None:
        text = normalized.normalized
        mapped = self.normalize_str(text)
        if len(mapped) == len(text):  # ASCII: one byte-char per char
            _map_same_length(normalized, mapped)
            return
        changes: list[int] = []
        for c in text:  # the first byte-char of a char replaces it, the others are inserts
            changes.append(0)
            changes.extend(repeat(1, _utf8_len(c) - 1))
        normalized.transform(zip(mapped, changes))

    def normalize_str(self, sequence: str) -> str:
        raw = _check(sequence, str, "sequence").encode("utf-8").decode("latin-1")
        return raw.translate(_LATIN1_TO_BYTE_CHAR)


def _utf8_len(c: str) -> int:
    cp = ord(c)
    return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4


_NMT_REMOVE = "".join(map(chr, [*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, 0x8F, 0x9F]))
_NMT_SPACE = "".join(map(chr, [0x09, 0x0A, 0x0C, 0x0D, 0x1680, *range(0x200B, 0x2010), 0x2028, 0x2029,
                               0x2581, 0xFEFF, 0xFFFD]))  # fmt: skip
_NMT_REMOVE_RE = re.compile(f"[{re.escape(_NMT_REMOVE)}]")
_NMT_SPACE_RE = re.compile(f"[{re.escape(_NMT_SPACE)}]")


@register("Nmt")
class Nmt(Normalizer):
    """SentencePiece's NMT cleanup: drop some controls, map odd spaces to ``' '``.

    >>> Nmt().normalize_str("a\x01b\u200bc\x0cd")
    'ab c d'
    """

    def normalize(self, normalized: NormalizedString) -> None:
        if _NMT_REMOVE_RE.search(normalized.normalized):
            normalized.filter(lambda c: c not in _NMT_REMOVE)
        _map_same_length(normalized, _NMT_SPACE_RE.sub(" ", normalized.normalized))

    def normalize_str(self, sequence: str) -> str:
        text = _check(sequence, str, "sequence")
        if _NMT_REMOVE_RE.search(text):
            text = _NMT_REMOVE_RE.sub("", text)
        return _NMT_SPACE_RE.sub(" ", text)


# ==================== Sequence =======================================================
@register("Sequence")
class Sequence(Normalizer):
    """Apply normalizers in order.  Nested Sequences are flattened, as in HF's constructor.

    >>> seq = Sequence([NFD(), Sequence([Lowercase(), StripAccents()])])
    >>> len(seq), seq[1], seq.normalize_str("ÀB")
    (3, Lowercase(), 'ab')
    """

    _fields = ("normalizers",)

    def __init__(self, normalizers: list[Normalizer]) -> None:
        if not isinstance(normalizers, list):
            raise _ArgumentTypeError(f"'{type(normalizers).__name__}' object is not an instance of 'list'")
        flat: list[Normalizer] = []
        for item in normalizers:
            if not isinstance(item, Normalizer):
                raise _ArgumentTypeError(f"'{type(item).__name__}' object is not an instance of 'Normalizer'")
            flat.extend(item.normalizers if type(item) is Sequence else [item])
        self.normalizers = flat

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Sequence":
        _required(data, "normalizers")
        items = data["normalizers"]
        if not isinstance(items, list):
            raise SerializationError(f"Sequence normalizer needs a \"normalizers\" array, got {items!r:.60}")
        seq = cls([])
        seq.normalizers = [Normalizer.from_dict(item) for item in items]  # JSON nesting is kept
        return seq

    def __len__(self) -> int:
        return len(self.normalizers)

    def __getitem__(self, index: int) -> Normalizer:
        try:
            return self.normalizers[index]
        except IndexError:
            raise IndexError(f"Index not found: {index} (the Sequence has {len(self)})") from None

    def __setitem__(self, index: int, value: Normalizer) -> None:
        if not isinstance(value, Normalizer):
            raise _ArgumentTypeError(f"'{type(value).__name__}' object is not an instance of 'Normalizer'")
        if isinstance(value, Sequence):
            raise ConfigurationError("normalizer should not be a sequence")
        self.normalizers[index] = value

    def normalize(self, normalized: NormalizedString) -> None:
        for normalizer in self.normalizers:
            normalizer.normalize(normalized)

    def normalize_str(self, sequence: str) -> str:
        text = _check(sequence, str, "sequence")
        for normalizer in self.normalizers:
            text = normalizer.normalize_str(text)
        return text
