"""Precompiled: SentencePiece's normalization rules, as a compiled charsmap (HF ``normalizers/precompiled.rs``).

What this module does not do: parse or walk the charsmap (``tokkit._unicode.charsmap``).
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any, Mapping

from .._errors import ArgumentRangeError, ArgumentTypeError, ConfigurationError, SerializationError
from .._unicode.charsmap import CharsMapError, shared_charsmap
from .._validation import check_type, describe, json_field
from ..capabilities import NormalizerFastPath, OneToOne
from ..normalized import NormalizedString
from .base import Normalizer, register

__all__ = ["Precompiled"]

# HF decodes with the Rust base64 crate: standard alphabet, padding optional but at most
# up to the next multiple of 4, no whitespace, and the unused bits of the last char must be 0.
_BASE64 = re.compile(r"[A-Za-z0-9+/]*(={0,2})\Z")


@register("Precompiled")
class Precompiled(Normalizer):
    """Normalize with a SentencePiece ``precompiled_charsmap`` (found in T5, ALBERT, XLM-R... files).

    Like HF, each extended grapheme cluster under 6 UTF-8 bytes is replaced
    whole when a prefix of it is in the map (so ``"Ａ\\u0301"`` -> ``"A"``);
    other chars are mapped one by one.

    Args:
        precompiled_charsmap: the raw charsmap bytes (``bytes``, ``bytearray``,
            ``memoryview`` or a sequence of ints 0-255, as HF accepts).

    >>> from tokkit._unicode.charsmap_build import build_blob
    >>> Precompiled(build_blob({"ﬁ": "fi", "\\u3000": " "})).normalize_str("ﬁne\\u3000day")
    'fine day'
    >>> charsmap = build_blob({"ﬁ": "fi"}); Precompiled(charsmap).precompiled_charsmap == charsmap
    True
    >>> Precompiled(charsmap).fast_path().identity_on("fine"), Precompiled(charsmap).fast_path().identity_on("ﬁne")
    (True, False)
    """

    _fields = ("precompiled_charsmap",)

    def __init__(self, precompiled_charsmap: Any) -> None:
        blob = _as_bytes(precompiled_charsmap)
        try:
            self._charsmap = shared_charsmap(blob)
        except CharsMapError as exc:
            raise ConfigurationError(f"Error while attempting to build Precompiled normalizer: {exc}") from None
        self._blob = blob

    @property
    def precompiled_charsmap(self) -> bytes:
        """The raw charsmap bytes (read-only: build a new Precompiled to change them)."""
        return self._blob

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> "Precompiled":
        blob = json_field(data, "precompiled_charsmap", _decode_base64)
        try:
            return cls(blob)
        except ConfigurationError as exc:
            raise SerializationError(f"Precompiled: {exc}") from None

    def _json_fields(self) -> dict[str, Any]:
        return {"precompiled_charsmap": base64.b64encode(self._blob).decode("ascii")}

    def _repr_fields(self) -> list[tuple[str, Any]]:
        return list(self._json_fields().items())

    # -- normalization ----------------------------------------------------------------
    def normalize(self, normalized: NormalizedString) -> None:
        """Apply the charsmap in place (SentencePiece's rules), keeping each char's original span.

        >>> from tokkit import NormalizedString
        >>> from tokkit._unicode.charsmap_build import build_blob
        >>> ns = NormalizedString("ﬁne")
        >>> Precompiled(build_blob({"ﬁ": "fi"})).normalize(ns); ns.normalized
        'fine'
        """
        # The changed spots are applied in one pass: no (char, change) pair per untouched char (a huge
        # text with a few odd chars).  The same result as HF's one transform of the whole text.
        spots = self._charsmap.plan.spots(normalized.normalized)
        if spots is not None:
            if spots:
                normalized.transform_ranges(spots)
            return
        whole = self._charsmap.changes(normalized.normalized)
        if whole is not None:  # HF transforms only when some lookup matched
            normalized.transform(whole)

    def normalize_str(self, sequence: str) -> str:
        """The text as the charsmap rewrites it.

        >>> from tokkit._unicode.charsmap_build import build_blob
        >>> Precompiled(build_blob({"ﬁ": "fi"})).normalize_str("ﬁne ﬁ")
        'fine fi'
        """
        return self._charsmap.normalize_str(check_type(sequence, str, "sequence"))

    def fast_path(self) -> NormalizerFastPath:
        """What the encode fast path may assume: texts the charsmap provably leaves alone keep their spans."""
        # Only on texts it provably leaves alone (with their alignments); nothing follows it here.
        # On texts it maps char for char ("\n" -> " "), the alignments stay the identity: only the text changes.
        plan = self._charsmap.plan
        return NormalizerFastPath(OneToOne.ANY_TEXT, identity_on=plan.is_one_to_one_on, rest=plan.normalize_str)

    def _is_identity_on(self, text: str) -> bool:
        """True if this normalizer leaves ``text`` unchanged *and* its alignments untouched.

        For the encode fast path: such a text may skip the NormalizedString.

        >>> from tokkit._unicode.charsmap_build import build_blob
        >>> p = Precompiled(build_blob({"\\t": " "}))
        >>> p._is_identity_on("a b"), p._is_identity_on("a\\tb")
        (True, False)
        """
        return self._charsmap.plan.is_identity_on(text)


def _as_bytes(value: Any) -> bytes:
    """What HF's ``Vec<u8>`` extraction accepts: bytes-like or a sequence of ints 0-255 (not str)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ArgumentTypeError(
            f"precompiled_charsmap must be bytes (the raw charsmap), got {type(value).__name__}; "
            "for the base64 text of a tokenizer.json use Normalizer.from_dict"
        )
    for item in value:
        if not isinstance(item, int) or isinstance(item, bool):
            raise ArgumentTypeError(f"precompiled_charsmap items must be ints 0-255, got {item!r:.40}")
        if not 0 <= item <= 255:
            raise ArgumentRangeError(f"precompiled_charsmap byte {item} is out of range 0-255")
    return bytes(value)


def _decode_base64(text: Any, name: str = "precompiled_charsmap") -> bytes:
    """Decode like HF's base64 crate, with a SerializationError naming the problem."""
    if not isinstance(text, str):
        raise SerializationError(f"expected a base64 string (the Precompiled charsmap), got {describe(text)}")
    match = _BASE64.match(text)
    data = text.rstrip("=")
    if match is None or len(match.group(1)) > -len(data) % 4 or len(data) % 4 == 1:
        raise SerializationError(f"not valid base64 for a Precompiled charsmap (HF decodes it with the standard alphabet): {text[:40]!r}...")
    try:
        blob = base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except binascii.Error as exc:  # pragma: no cover - the regex above already rules these out
        raise SerializationError(f"not valid base64 ({exc})") from None
    if base64.b64encode(blob).decode("ascii").rstrip("=") != data:
        raise SerializationError("not canonical base64 for a Precompiled charsmap (bad last symbol): re-encode it")
    return blob
