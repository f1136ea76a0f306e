"""The optional libraries ``tokkit.testing`` needs, imported only when used.

``import tokkit`` never imports Hypothesis or HF ``tokenizers``: the strategies
import Hypothesis when their module is imported, the comparisons import
``tokenizers`` on their first call, and a missing one raises
:class:`MissingExtraError` naming the extra that installs it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .._errors import TokkitError

__all__ = ["MissingExtraError", "import_extra"]

#: The extra of tokkit's pyproject that installs everything ``tokkit.testing`` uses.
EXTRA = "testing"


class MissingExtraError(TokkitError, ImportError):
    """An optional library of ``tokkit.testing`` is not installed.

    >>> print(MissingExtraError.for_module("hypothesis"))
    tokkit.testing needs hypothesis, which is not installed: pip install -e ".[testing]" in a tokkit checkout (or pip install hypothesis "tokenizers==0.23.3")
    """

    @classmethod
    def for_module(cls, name: str) -> "MissingExtraError":
        """The error for the missing library ``name``."""
        return cls(
            f"tokkit.testing needs {name}, which is not installed: "
            f'pip install -e ".[{EXTRA}]" in a tokkit checkout (or pip install hypothesis "tokenizers==0.23.3")'
        )


def import_extra(name: str) -> ModuleType:
    """The module ``name``, or :class:`MissingExtraError` when it is not installed.

    >>> import_extra("json").__name__
    'json'
    """
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise MissingExtraError.for_module(name) from error
