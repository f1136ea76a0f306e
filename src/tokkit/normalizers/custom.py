"""What a custom normalizer works on: HF's ``NormalizedStringRefMut``, a view usable during the call only.

``Normalizer.custom(obj)`` calls ``obj.normalize(view)``: the view forwards
everything to the ``NormalizedString`` being normalized, and refuses any use
once ``normalize`` has returned (HF: "Cannot use a NormalizedStringRefMut
outside `normalize`"), so a kept reference cannot edit a finished encoding.
(An exception from the user's code is reported by ``CustomWrapper.call_inner``.)

>>> from tokkit import NormalizedString
>>> ns = NormalizedString("Hey there")
>>> with refmut(ns) as view:
...     view.replace("there", "you")
>>> ns.normalized
'Hey you'
>>> try:
...     view.normalized
... except EncodeError as exc:
...     print(str(exc).split(":")[0])
Cannot use a NormalizedStringRefMut outside `normalize`
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator, Optional

from .._errors import EncodeError
from ..normalized import NormalizedString

__all__ = ["NormalizedStringRefMut", "refmut"]


class NormalizedStringRefMut:
    """The ``NormalizedString`` a custom normalizer edits, usable only inside its ``normalize`` call."""

    __slots__ = ("_target",)

    def __init__(self, target: NormalizedString) -> None:
        object.__setattr__(self, "_target", target)

    def _get(self) -> NormalizedString:
        target: Optional[NormalizedString] = object.__getattribute__(self, "_target")
        if target is None:
            raise EncodeError("Cannot use a NormalizedStringRefMut outside `normalize`: edit the NormalizedString "
                              "given to normalize() during the call, do not keep it")
        return target

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._get(), name, value)

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, item: Any) -> Any:
        return self._get()[item]

    def __str__(self) -> str:
        return str(self._get())

    def __repr__(self) -> str:
        return repr(self._get())

    def __eq__(self, other: object) -> bool:
        return self._get() == (other._get() if isinstance(other, NormalizedStringRefMut) else other)

    __hash__ = None  # type: ignore[assignment]


@contextmanager
def refmut(target: NormalizedString) -> Iterator[NormalizedStringRefMut]:
    """A view of ``target`` for the duration of the block (HF's ``NormalizedStringRefMut``)."""
    view = NormalizedStringRefMut(target)
    try:
        yield view
    finally:
        object.__setattr__(view, "_target", None)

