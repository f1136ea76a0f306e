"""The Tokenizer's component slots: each holds one component of its family (or None), checked like HF's setters.

>>> check_component(None, int, "normalizer") is None
True
"""

from __future__ import annotations

from typing import Any, Generic, Optional, TypeVar

from .._errors import ArgumentTypeError

__all__ = ["ComponentSlot", "check_component"]

T = TypeVar("T")


def check_component(value: Any, family: type[T], name: str, optional: bool = True) -> Optional[T]:
    """``value`` if a ``family`` component (or None if ``optional``), else TypeError, as HF's setters.

    >>> check_component(None, int, "normalizer") is None
    True
    """
    if isinstance(value, family) or (value is None and optional):
        return value
    kind = f"a {family.__module__.rsplit('.base', 1)[0]}.{family.__name__}{' or None' if optional else ''}"
    hint = (f"wrap an object of your own with {family.__name__}.custom(obj)" if hasattr(family, "custom")
            else f"build one from tokkit.{family.__module__.split('.')[1]}")
    raise ArgumentTypeError(f"{name} must be {kind}, got {type(value).__name__} {value!r:.40}; {hint}")


class ComponentSlot(Generic[T]):
    """A class attribute that holds one ``family`` component or None, checked on assignment.

    >>> class Box:
    ...     item = ComponentSlot[int](int, "item")
    >>> box = Box(); box.item = 3; box.item
    3
    """

    def __init__(self, family: type[Any], name: str) -> None:
        self.family, self.name, self.attribute = family, name, "_" + name

    def __get__(self, obj: Any, owner: Any = None) -> Optional[T]:
        return getattr(obj, self.attribute) if obj is not None else self  # type: ignore[return-value]

    def __set__(self, obj: Any, value: Optional[T]) -> None:
        setattr(obj, self.attribute, check_component(value, self.family, self.name))
