"""Progress bars that work in terminals and notebooks (``tqdm.auto``), and HF's JSON-lines progress.

HF's indicatif bars stay silent in notebooks (tokenizers#157); tqdm.auto
picks a widget bar there and a text bar elsewhere.  A trainer with HF's
``progress_format="json"`` prints ``{"stage", "current", "total"}`` lines on
stderr instead (``ProgressStages``).

>>> bar = progress_bar(False, total=3); bar.update(1); bar.close()
>>> stage = ProgressStages(False, "Silent")("Count pairs", 3); stage.update(2); stage.finish(3)
"""

from __future__ import annotations

import json
import sys
from typing import Optional, Protocol

__all__ = ["ProgressBar", "progress_bar", "ProgressStages"]


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


class _Stage:
    """One stage of a training: a bar (or none) and/or HF's JSON lines on stderr."""

    def __init__(self, name: str, total: int, bar: bool, json_lines: bool) -> None:
        self.name, self.total, self.json_lines = name, total, json_lines
        self.position = 0
        self.bar = progress_bar(bar, total=total, desc=name)
        self._emit(0, total)

    def _emit(self, current: int, total: int) -> None:
        if self.json_lines:
            print(json.dumps({"stage": self.name, "current": current, "total": total}), file=sys.stderr)

    def update(self, current: int) -> None:
        self.bar.update(current - self.position)
        self.position = current
        self._emit(current, self.total)

    def finish(self, final: int) -> None:
        if hasattr(self.bar, "total"):
            self.bar.total = final  # a tqdm bar: the work turned out smaller or larger than announced
        self.bar.update(final - self.position)
        self.bar.close()
        self._emit(final, final)


class ProgressStages:
    """Factory of stages for ``show_progress`` and HF's ``progress_format`` ("Indicatif", "JsonLines", "Silent")."""

    def __init__(self, show_progress: bool, progress_format: str = "Indicatif") -> None:
        self.bar = show_progress and progress_format == "Indicatif"
        self.json_lines = progress_format == "JsonLines"

    def __call__(self, name: str, total: int) -> _Stage:
        return _Stage(name, total, self.bar, self.json_lines)
