"""A griffe extension for the API reference: docstring examples are shown as code.

tokkit's docstrings hold doctests (``>>>`` lines and their output) in their
text, where Markdown would read ``>`` as a quote and ``[a][b]`` as a link.
This wraps each such block, up to the next blank line, in a ``pycon`` fence
before the docstring is parsed.  Used by mkdocs.yml (mkdocstrings' python
handler, ``extensions``); it changes the rendered page only, not the code.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """Wrap every run of lines that starts with ``>>>`` (to the next blank line) in a fence.

    >>> print(fence_doctests("Doubles.\\n\\n>>> f(2)\\n4\\n\\nMore."))
    Doubles.
    <BLANKLINE>
    ```pycon
    >>> f(2)
    4
    ```
    <BLANKLINE>
    More.
    """
    out: list[str] = []
    indent: str | None = None
    for line in text.splitlines():
        stripped = line.lstrip()
        if indent is None and stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
        elif indent is not None and not stripped:
            out.append(f"{indent}```")
            indent = None
        out.append(line)
    if indent is not None:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Rewrites each loaded docstring with :func:`fence_doctests`."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_doctests(obj.docstring.value)
