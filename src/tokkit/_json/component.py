"""Shared machinery of every pipeline component: JSON fields, repr, pickling.

A component is a small mutable class (HF's Python objects are mutable too:
``tok.pre_tokenizer.add_prefix_space = False`` works) whose JSON fields are
listed in ``_fields`` in HF's key order.  Its family base class supplies
``_registry``; ``to_dict`` / ``from_dict`` / pickling all go through it, so a
user's registered component saves and loads like a built-in one.
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar, Mapping

from .._errors import EncodeError, SerializationError, TokkitError
from .registry import Registry
from .serde_json import dumps
from .serde_repr import serde_repr, serde_str

__all__ = ["Component", "CustomComponentError", "CustomWrapper", "rust_repr", "changes_seen", "note_change"]

#: How many changes components have seen (attribute sets, Sequence item assignments), in any
#: component.  Encoders that keep state across calls (a word cache) compare it to know when
#: to start over; a change anywhere invalidates them all, which is rare and always correct.
_changes = 0


def note_change() -> None:
    """Record that some component changed (``Component.__setattr__`` and ``Sequence.__setitem__`` call it).

    >>> before = changes_seen(); note_change(); changes_seen() > before
    True
    """
    global _changes
    _changes += 1  # two threads racing may count once: the value still changes, which is all that matters


def changes_seen() -> int:
    """The number of component changes so far (see ``note_change``)."""
    return _changes


def rust_repr(value: Any) -> str:
    """Format ``value`` the way HF's Python ``__repr__`` does (serde_pyo3, see ``serde_repr``).

    >>> rust_repr({"a": 0, "b": 1}), rust_repr(("[SEP]", 1)), rust_repr([None, True, 1.0])
    ('{"a":0, "b":1}', '("[SEP]", 1)', '[None, True, 1]')
    """
    return serde_repr(value)


def to_json_value(value: Any) -> Any:
    """Turn a field value into plain JSON data (components become dicts)."""
    if isinstance(value, Component):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json_value(v) for k, v in value.items()}
    return value


def _rebuild(cls: type[Component], data: dict[str, Any]) -> Any:
    """Unpickle: rebuild a component from its JSON (pickle state = the JSON)."""
    return cls._from_json(data)


class Component:
    """Base of normalizers, pre-tokenizers, processors, decoders and models.

    Subclasses list their JSON fields in ``_fields`` (HF's key order) and keep
    them as attributes of the same names.  Override ``_json_fields`` /
    ``_from_json`` only where the JSON shape differs from the attributes.
    """

    _registry: ClassVar[Registry[Any]]
    _fields: ClassVar[tuple[str, ...]] = ()

    def __setattr__(self, name: str, value: Any) -> None:
        # Any set may change what the component does (``tok.pre_tokenizer.add_prefix_space = False``),
        # so encoders holding per-tokenizer caches must see it (``note_change``).
        object.__setattr__(self, name, value)
        note_change()

    # -- JSON ------------------------------------------------------------
    def _json_fields(self) -> dict[str, Any]:
        return {name: to_json_value(getattr(self, name)) for name in self._fields}

    def to_dict(self) -> dict[str, Any]:
        """This component as HF's JSON object (``{"type": ..., fields...}``).

        >>> from tokkit.normalizers import Strip
        >>> Strip(right=False).to_dict()
        {'type': 'Strip', 'strip_left': True, 'strip_right': False}
        """
        return {"type": self._registry.name_of(type(self)), **self._json_fields()}

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> Any:
        return cls(**{name: data[name] for name in cls._fields if name in data})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Any:
        """Build a component of this family from its JSON object (the family registry's rule).

        >>> from tokkit.normalizers import Normalizer
        >>> Normalizer.from_dict({"type": "Strip", "strip_left": True, "strip_right": False})
        Strip(strip_left=True, strip_right=False)
        """
        return cls._registry.build(data)

    def to_str(self) -> str:
        """The component's JSON, as HF's ``to_str`` writes it (compact, fields in HF's order).

        >>> from tokkit.normalizers import Strip
        >>> Strip(right=False).to_str()
        '{"type":"Strip","strip_left":true,"strip_right":false}'
        """
        return dumps(self.to_dict())

    # -- Python protocol -------------------------------------------------
    def __getstate__(self) -> bytes:  # HF returns the JSON bytes as state
        return self.to_str().encode("utf-8")

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.to_dict()))

    def _repr_fields(self) -> list[tuple[str, Any]]:
        return [(name, getattr(self, name)) for name in self._fields]

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={rust_repr(value)}" for name, value in self._repr_fields())
        return f"{type(self).__name__}({inner})"

    def __str__(self) -> str:
        """HF's ``str``: the repr with serde_pyo3's ellipsis rule, inside nested components too."""
        if type(self).__repr__ is not Component.__repr__:  # a class with its own repr keeps it
            return repr(self)
        inner = ", ".join(f"{name}={serde_str(value)}" for name, value in self._repr_fields())
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]  # mutable, like HF's objects


class CustomComponentError(EncodeError):
    """An error raised by the user code of a ``custom(...)`` component (HF: an ``Exception``)."""


class CustomWrapper:
    """Mixin for ``Family.custom(obj)`` wrappers: they run, but cannot be saved.

    Put it before the family base: ``class _CustomDecoder(CustomWrapper, Decoder)``
    and set ``_family`` to the base's name; the subclass only delegates its stage
    method to ``self.inner``.
    """

    _family: ClassVar[str] = "Component"
    _registry: ClassVar[Registry[Any]]

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def call_inner(self, method: str, *args: Any) -> Any:
        """``inner.method(*args)``; an error in the user's code comes back as HF's does: an error whose
        message starts with the original type (``"TypeError: normalize() missing ..."``)."""
        try:
            return getattr(self.inner, method)(*args)
        except TokkitError:
            raise
        except Exception as exc:
            raise CustomComponentError(f"{type(exc).__name__}: {exc}") from exc

    def to_dict(self) -> dict[str, Any]:
        module = self._registry.module
        raise SerializationError(
            f"Custom {self._family} cannot be serialized: subclass tokkit.{module}.{self._family} and "
            f'decorate it with @tokkit.{module}.register("Name") to save it'
        )

    def __eq__(self, other: object) -> bool:  # no JSON to compare: identity
        return other is self

    __hash__ = object.__hash__

    def __repr__(self) -> str:  # HF raises here; a repr that works is more useful
        return f"{self._family}.custom({self.inner!r})"
