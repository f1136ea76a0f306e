"""Progress bars that work in terminals and notebooks (``tqdm.auto``).

HF's indicatif bars stay silent in notebooks (tokenizers#157); tqdm.auto
picks a widget bar there and a text bar elsewhere.

>>> bar = progress_bar(False, total=3); bar.update(1); bar.close()
"""

from __future__ import annotations

from typing import Optional, Protocol

__all__ = ["ProgressBar", "progress_bar"]


class ProgressBar(Protocol):
    """What the trainers use of a bar: a tqdm bar and ``_NoBar`` both have it."""

    def update(self, n: int = 1, /) -> Optional[bool]: ...

    def close(self) -> None: ...

    def set_postfix_str(self, text: str, /) -> None: ...


class _NoBar:
    """Stands in for a tqdm bar when progress is off."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass

    def set_postfix_str(self, text: str) -> None:
        pass


def progress_bar(enabled: bool, total: Optional[int] = None, desc: str = "", unit: str = "it") -> ProgressBar:
    """A ``tqdm.auto`` bar when ``enabled``, else an object with the same methods doing nothing."""
    if not enabled:
        return _NoBar()
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit, dynamic_ncols=True)
