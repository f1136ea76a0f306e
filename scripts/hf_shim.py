"""Write a ``tokenizers`` package that is tokkit, so HF's own tests can import it unchanged.

Usage: python scripts/hf_shim.py DIR   (then put DIR first on PYTHONPATH)

The package replaces itself with ``tokkit`` in ``sys.modules``, and each
``tokenizers.<family>`` name with ``tokkit.<family>``: ``import tokenizers``
then gives tokkit, with every submodule, as the README promises (change the
import and nothing else).
"""

from __future__ import annotations

import sys
from pathlib import Path

SHIM = '''"""tokkit, under the name tokenizers (written by tokkit's scripts/hf_shim.py)."""
import importlib
import sys

import tokkit

for _name in ("models", "normalizers", "pre_tokenizers", "processors", "decoders", "trainers",
              "implementations", "tools"):
    try:
        sys.modules["tokenizers." + _name] = importlib.import_module("tokkit." + _name)
    except ImportError:  # a family tokkit does not have yet: its tests fail to import, as they should
        pass
sys.modules["tokenizers"] = tokkit
'''


def main() -> None:
    package = Path(sys.argv[1]) / "tokenizers"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text(SHIM, encoding="utf-8")


if __name__ == "__main__":
    main()
