"""One registry per component family, keyed by the JSON ``"type"``.

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
"""

from __future__ import annotations

from typing import Any, Callable, Generic, Mapping, TypeVar

from .._errors import SerializationError, UnknownComponentError

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """Maps JSON ``"type"`` names of one family to their classes."""

    def __init__(self, family: str, module: str | None = None) -> None:
        self.family = family
        self.module = module or f"{family}s"  # where users find `register`
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
            known = ", ".join(sorted(self._by_name))
            raise UnknownComponentError(
                f"unknown {self.family} type {name!r}; known types: {known}. "
                f"Register your own class with @tokkit.{self.module}.register({name!r})"
            ) from None

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

    def type_of(self, data: Any) -> type[T]:
        """The class named by ``data["type"]``, with clear errors for bad JSON."""
        if not isinstance(data, Mapping):
            raise SerializationError(
                f"a {self.family} must be a JSON object, got {type(data).__name__}: {data!r:.80}"
            )
        if "type" not in data:
            raise SerializationError(f"{self.family} JSON has no \"type\" field: {dict(data)!r:.120}")
        name = data["type"]
        if not isinstance(name, str):
            raise SerializationError(f"{self.family} \"type\" must be a string, got {name!r}")
        return self.get(name)
