"""One registry per component family, keyed by the JSON ``"type"``, and the one rule that reads JSON.

HF reuses type names across families (``ByteLevel`` is a normalizer, a
pre-tokenizer, a post-processor and a decoder), so each family has its own
registry.  Users register their own components and they serialize like the
built-in ones:

>>> from tokkit import pre_tokenizers
>>> @pre_tokenizers.register("KmerSplit")
... class KmerSplit(pre_tokenizers.PreTokenizer):
...     _fields = ("k",)
...     def __init__(self, k=3):
...         self.k = k
...     def pre_tokenize(self, pretok):
...         pretok.split(lambda i, ns: [ns.slice(j, min(j + self.k, len(ns))) for j in range(0, len(ns), self.k)])
>>> pre_tokenizers.PreTokenizer.from_dict({"type": "KmerSplit", "k": 2}).pre_tokenize_str("abcde")
[('ab', (0, 2)), ('cd', (2, 4)), ('e', (4, 5))]

Reading a component's JSON follows one rule in every family, HF's wrapper
enums (HF: ``normalizers/mod.rs``, ``models/mod.rs``, ... ``Deserialize``): a
``"type"`` naming a registered class builds that class; JSON without a
known ``"type"`` (legacy files) is tried as each of the family's
``untagged`` variants in HF's order, and the first that parses wins.  A
family whose HF enum is untagged even for named types (post-processors)
lists those names in ``untagged_first``; a family whose variants reject any
other ``"type"`` than their own (models) sets ``untyped_only``.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Generic, Mapping, Optional, TypeVar

from .._errors import SerializationError, TokkitError, UnknownComponentError
from .._validation import describe, unit_variant
from .parse import duplicate_keys, refuse_duplicates

__all__ = ["Registry"]

T = TypeVar("T")

#: What a failed ``_from_json`` raises; in the untagged fallback it means "not this variant".
_PARSE_ERRORS = (TokkitError, TypeError, ValueError, LookupError, AttributeError, ArithmeticError)


class Registry(Generic[T]):
    """Maps JSON ``"type"`` names of one family to their classes, and builds components from JSON.

    Args:
        family: the family's name in messages (``"normalizer"``).
        module: the ``tokkit`` module users register with (default ``family + "s"``).
        aliases: other names HF accepts for a type (``{"Bert": "BertNormalizer"}``).
        untagged: HF's untagged variants, in the order serde tries them.
        untagged_first: type names HF reads through the untagged variants even when given
            (an alias of one is still read as tagged).
        only_when_named: untagged variants tried only when the JSON names them.
        untyped_only: the untagged variants are tried only for JSON without a ``"type"``
            (HF's model readers reject a ``"type"`` that is not their own).
        refuses_duplicates: a field given twice is an error (HF's enum is untagged over
            derived structs, which refuse their fields twice); elsewhere the last one counts.
        untagged_when_type_repeats: JSON whose ``"type"`` is given twice is read as untyped.
    """

    def __init__(self, family: str, module: Optional[str] = None, *, aliases: Optional[Mapping[str, str]] = None,
                 untagged: tuple[str, ...] = (), untagged_first: tuple[str, ...] = (),
                 only_when_named: tuple[str, ...] = (), untyped_only: bool = False,
                 refuses_duplicates: bool = False, untagged_when_type_repeats: bool = False) -> None:
        self.family = family
        self.module = module or f"{family}s"  # where users find `register`
        self.aliases = dict(aliases or {})
        self.untagged = untagged
        self.untagged_first = frozenset(untagged_first)
        self.only_when_named = frozenset(only_when_named)
        self.untyped_only = untyped_only
        self.refuses_duplicates = refuses_duplicates
        self.untagged_when_type_repeats = untagged_when_type_repeats
        self._by_name: dict[str, type[T]] = {}
        self._names: dict[type, str] = {}

    def register(self, name: str) -> Callable[[type[T]], type[T]]:
        """Class decorator: make ``cls`` load and save as ``{"type": name}``."""

        def decorate(cls: type[T]) -> type[T]:
            self._by_name[name] = cls
            self._names[cls] = name
            return cls

        return decorate

    def get(self, name: str) -> type[T]:
        try:
            return self._by_name[name]
        except KeyError:
            raise UnknownComponentError(self.unknown(name)) from None

    def unknown(self, name: str) -> str:
        """The message for a type name nobody registered."""
        return (f"unknown {self.family} type {name!r}; known types: {', '.join(sorted(self._by_name))}. "
                f"Register your own class with @tokkit.{self.module}.register({name!r})")

    def name_of(self, cls: type) -> str:
        for klass in cls.__mro__:
            if klass in self._names:
                return self._names[klass]
        raise SerializationError(
            f"{cls.__name__} is not a registered {self.family}; decorate it with "
            f"@tokkit.{self.module}.register(\"Name\") so it can be saved"
        )

    def names(self) -> list[str]:
        return sorted(self._by_name)

    # -- reading JSON --------------------------------------------------------------------
    def build(self, data: Any) -> T:
        """The component ``data`` (a JSON object) describes, by the rule in the module docstring.

        A failure is a SerializationError located inside ``data`` (``err.path``); the
        reader that holds ``data`` adds where ``data`` is (see :meth:`build_each`).
        """
        if not isinstance(data, Mapping):
            raise SerializationError(f"expected a {self.family} (a JSON object with a \"type\"), got {describe(data)}")
        name = unit_variant(data.get("type"))  # serde also reads {"BPE": null} for the tag
        if "type" in data and not isinstance(name, str):
            if self.untyped_only:  # HF's model readers refuse any "type" but their own name (null too)
                raise SerializationError(f"expected a string, got {describe(name)}", ("type",))
            name = None  # a "type" that names nothing: HF tries the untagged variants, as without one
        tagged = name is not None and name not in self.untagged_first  # before the alias (normalizers' "Bert")
        name = self.aliases.get(name, name) if name is not None else None
        repeated = self.untagged_when_type_repeats and "type" in duplicate_keys(data)
        if self.untyped_only:  # HF's model readers take "type" as a field: given twice, it is refused
            refuse_duplicates(data, f"a {self.family}", ("type",))
        # A repeated tag: HF's tagged reader refuses it, its legacy untagged one reads the rest
        if name in self._by_name and tagged and not repeated:
            return self.construct(self._by_name[name], data)
        errors: dict[str, SerializationError] = {}
        found = None if (self.untyped_only and name is not None) else self._untagged(data, name, errors)
        if found is not None:
            return found
        reasons = "; ".join(f"{variant}: {_first_part(exc)}" for variant, exc in errors.items())
        if name is not None and not repeated:
            if name in errors:  # tried already: building it again would redo its children, 2^depth times
                raise errors[name]
            if name not in self._by_name and errors:
                raise UnknownComponentError(f"{self.unknown(name)}; and read untyped, as HF then does: {reasons}")
            return self.construct(self.get(name), data)  # that type's own error (or unknown type)
        raise SerializationError(
            f"{self.family} JSON has no \"type\" field and data did not match any variant of the untagged "
            f"{self.family} enum ({reasons or 'no untagged variants'}). Got {_excerpt(data)}"
        )

    def build_each(self, items: Any, key: str) -> list[T]:
        """The components of the JSON array ``items`` (a Sequence's field ``key``), errors located in it.

        >>> from tokkit.normalizers.base import NORMALIZERS
        >>> NORMALIZERS.build_each([{"type": "NFC"}, {"type": "Strip", "strip_left": 1}], "normalizers")
        Traceback (most recent call last):
        ...
        tokkit._errors.SerializationError: normalizers[1].strip_left: expected a boolean (true or false), got integer `1`
        """
        if not isinstance(items, list):
            raise SerializationError(f"expected an array of {self.family}s, got {describe(items)}", (key,))
        built = []
        for index, item in enumerate(items):
            try:
                built.append(self.build(item))
            except SerializationError as exc:
                raise exc.at(key, index) from None
        return built

    def _untagged(self, data: Mapping[str, Any], name: Optional[str],
                  errors: dict[str, SerializationError]) -> Optional[T]:
        """The first untagged variant whose JSON reading accepts ``data``, or None (``errors`` say why)."""
        for variant in self.untagged:
            if variant not in self._by_name or (variant in self.only_when_named and variant != name):
                continue
            try:
                return self.construct(self._by_name[variant], data)
            except SerializationError as exc:  # construct turns every reading failure into one
                # Without its traceback: a kept traceback holds this frame, and `errors` with it, a cycle
                # that would keep the whole parsed JSON alive until the next full collection.
                errors[variant] = exc.with_traceback(None)
        return None

    def construct(self, cls: type[T], data: Mapping[str, Any]) -> T:
        """``cls._from_json(data)``, any failure reported as a SerializationError naming the type."""
        if self.refuses_duplicates:  # each variant refuses its own fields twice ("type" when it checks it)
            checked = ("type",) if self._names.get(cls) in self.only_when_named else ()
            refuse_duplicates(data, f"a {self.family}", (*getattr(cls, "_fields", ()), *checked))
        try:
            built: T = cls._from_json(data)  # type: ignore[attr-defined]
            return built
        except SerializationError:
            raise
        except RecursionError:
            raise SerializationError(f"{self.family} JSON nests too deeply to be built") from None
        except _PARSE_ERRORS as exc:
            raise SerializationError(
                f"invalid {self.family} JSON for type {data.get('type')!r}: {exc}. Got {_excerpt(data)}"
            ) from exc


def _first_part(exc: SerializationError) -> str:
    return str(exc).split(". Got ")[0]


def _excerpt(data: Mapping[str, Any]) -> str:
    """The start of ``data`` as JSON, for messages (surrogates escaped so it always prints)."""
    try:
        text = json.dumps(dict(data), ensure_ascii=False, default=repr)
    except (TypeError, ValueError, RecursionError):
        text = repr(data)
    return text[:160].encode("utf-8", "backslashreplace").decode("utf-8")
