"""The Normalizer family base: registry, argument checks, legacy JSON, custom wrappers.

Every normalizer has two paths that always agree:

* ``normalize(ns)`` edits a :class:`~tokkit.NormalizedString` in place and
  keeps HF's exact alignments (what ``encode`` offsets are built from);
* ``normalize_str(s)`` is the plain-string fast path (C-level ``str`` methods
  and compiled regexes), used for training and for fast encoding.

What this module does not do: any normalization itself.
"""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

from .._errors import ConfigurationError
from .._json.component import Component, CustomWrapper
from .._json.registry import Registry
from .._validation import check_type
from ..capabilities import NormalizerFastPath, declared_with
from ..normalized import NormalizedString
from .custom import refmut

__all__ = ["NORMALIZERS", "register", "from_dict", "Normalizer"]


# HF: normalizers/mod.rs (NormalizerWrapper): the tagged reader knows the BertNormalizer as "Bert";
# "BertNormalizer" (what HF writes), untyped JSON, or JSON whose "type" is given twice (checked
# against the 0.23.3 wheel) are tried as these variants, in this order: the ones without fields
# match only their own (last) "type", and Precompiled never.
NORMALIZERS: Registry["Normalizer"] = Registry(
    "normalizer", aliases={"Bert": "BertNormalizer"}, untagged_first=("BertNormalizer",),
    untagged=("BertNormalizer", "Strip", "StripAccents", "NFC", "NFD", "NFKC", "NFKD", "Sequence", "Lowercase",
              "Nmt", "Replace", "Prepend", "ByteLevel"),
    only_when_named=("StripAccents", "NFC", "NFD", "NFKC", "NFKD", "Lowercase", "Nmt", "ByteLevel"),
    untagged_when_type_repeats=True,
)
register = NORMALIZERS.register


class Normalizer(Component):
    """Base class of normalizers: implement ``normalize(ns)`` (in place).

    >>> from tokkit.normalizers import Lowercase
    >>> Lowercase().normalize_str("HeLLo")
    'hello'
    """

    _registry: ClassVar[Registry["Normalizer"]] = NORMALIZERS

    def normalize(self, normalized: NormalizedString) -> None:
        """Normalize ``normalized`` in place, keeping alignments.

        >>> from tokkit import NormalizedString
        >>> from tokkit.normalizers import Lowercase
        >>> ns = NormalizedString("HeLLo")
        >>> Lowercase().normalize(ns); ns.normalized
        'hello'
        """
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

    def fast_path(self) -> NormalizerFastPath:
        """What this normalizer guarantees on plain strings (see ``tokkit.capabilities``): nothing here.

        A normalizer class overrides this to let the encode fast path skip alignments.

        >>> from tokkit.normalizers import Lowercase
        >>> Normalizer.fast_path(Lowercase()).one_to_one, Lowercase().fast_path().one_to_one
        (<OneToOne.NEVER: 3>, <OneToOne.ASCII_TEXT: 1>)
        """
        return NormalizerFastPath()

    def trusted_fast_path(self) -> NormalizerFastPath:
        """``fast_path()``, if the class declaring it also defines ``normalize`` and ``normalize_str``.

        A subclass that changes what the normalizer does without declaring its own
        ``fast_path`` gets no guarantee, so it can never take a wrong fast path.

        >>> from tokkit.normalizers import Lowercase
        >>> class Shouting(Lowercase):
        ...     def normalize_str(self, sequence):
        ...         return sequence.upper()
        >>> Lowercase().trusted_fast_path().per_char, Shouting().trusted_fast_path().per_char
        (True, False)
        """
        if declared_with(self, "fast_path", "normalize", "normalize_str"):
            return self.fast_path()
        return NormalizerFastPath()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Normalizer":
        """Build a normalizer from its JSON object (the family registry's rule).

        >>> Normalizer.from_dict({"type": "Strip", "strip_left": True, "strip_right": False}).normalize_str("  hi  ")
        'hi  '
        """
        return cls._registry.build(data)

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
    """Build a normalizer from its JSON object (``Normalizer.from_dict``).

    >>> from_dict({"type": "Lowercase"})
    Lowercase()
    """
    return Normalizer.from_dict(data)


# CustomWrapper hashes by identity, over Component's ``__hash__ = None``: mypy cannot accept a
# subclass making an unhashable base hashable again.
class _CustomNormalizer(CustomWrapper, Normalizer):  # type: ignore[misc]
    _family = "Normalizer"

    def normalize(self, normalized: NormalizedString) -> None:
        # HF hands the user a NormalizedStringRefMut, dead after the call, and reports the user's
        # exception as Exception("TypeError: ...").
        with refmut(normalized) as view:
            self.call_inner("normalize", view)
