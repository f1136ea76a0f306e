"""The Normalizer family base: registry, argument checks, legacy JSON, custom wrappers.

Every normalizer has two paths that always agree:

* ``normalize(ns)`` edits a :class:`~tokkit.NormalizedString` in place and
  keeps HF's exact alignments (what ``encode`` offsets are built from);
* ``normalize_str(s)`` is the plain-string fast path (C-level ``str`` methods
  and compiled regexes), used for training and for fast encoding.

What this module does not do: any normalization itself.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from .._errors import ConfigurationError, SerializationError
from .._json.component import Component, CustomWrapper, from_dict_of
from .._json.registry import Registry
from .._validation import check_type
from ..normalized import NormalizedString

__all__ = ["NORMALIZERS", "register", "from_dict", "Normalizer"]


NORMALIZERS: Registry["Normalizer"] = Registry("normalizer")
register = NORMALIZERS.register


class Normalizer(Component):
    """Base class of normalizers: implement ``normalize(ns)`` (in place)."""

    _registry = NORMALIZERS

    def normalize(self, normalized: NormalizedString) -> None:
        """Normalize ``normalized`` in place, keeping alignments."""
        raise NotImplementedError(f"{type(self).__name__} must implement normalize")

    def normalize_str(self, sequence: str) -> str:
        """Normalize a plain string (no alignments).

        >>> from tokkit.normalizers import Lowercase
        >>> Lowercase().normalize_str("ΟΔΟΣ")
        'οδοσ'
        """
        ns = NormalizedString(check_type(sequence, str, "sequence"))
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
    ("Replace", ("pattern", "content")),
    ("Prepend", ("prepend",)),
)


def _from_legacy(data: Mapping[str, Any]) -> Optional[Normalizer]:
    """HF's untagged fallback: the first type whose fields all parse.

    Precompiled is not there: HF requires its ``"type"`` even in the fallback.
    """
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
