"""Every public class, function, method and property of the public API has a docstring.

The public API is what ``tokkit`` and its public modules export (their ``__all__``,
else their names without a leading underscore) and, for each exported class, its
public methods and properties, inherited ones included (an override without a
docstring counts as missing: the API reference shows each class's own text).
Run as a script to print the counts and the missing names:
``python tests/test_docstrings.py``.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Iterator
from types import ModuleType

#: The modules whose exports are the public API (``tokkit`` itself first).
PUBLIC_MODULES = (
    "tokkit",
    "tokkit.tokenizer",
    "tokkit.encoding",
    "tokkit.models",
    "tokkit.normalizers",
    "tokkit.pre_tokenizers",
    "tokkit.processors",
    "tokkit.decoders",
    "tokkit.trainers",
    "tokkit.added_tokens",
    "tokkit.normalized",
    "tokkit.implementations",
    "tokkit.tools",
    "tokkit.counting",
    "tokkit.distributed",
    "tokkit.corpus",
    "tokkit.converters",
    "tokkit.views",
    "tokkit.bridges",
    "tokkit.testing",
)


def _exports(module: ModuleType) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [name for name in vars(module) if not name.startswith("_")]
    return list(names)


def _is_tokkit(obj: object) -> bool:
    return (getattr(obj, "__module__", None) or "").startswith("tokkit")


def _members(cls: type) -> Iterator[tuple[str, object, object]]:
    """(name, owner class, attribute) of each public method and property of ``cls``."""
    seen: set[str] = set()
    for owner in cls.__mro__:
        if not _is_tokkit(owner):
            continue
        for name, attribute in vars(owner).items():
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            if isinstance(attribute, (staticmethod, classmethod)):
                attribute = attribute.__func__
            if isinstance(attribute, property) or inspect.isfunction(attribute):
                yield name, owner, attribute


def public_api() -> dict[str, object]:
    """Qualified name -> object, each object listed once (under its defining class)."""
    found: dict[str, object] = {}
    seen_ids: set[int] = set()

    def add(name: str, obj: object) -> None:
        if id(obj) not in seen_ids:
            seen_ids.add(id(obj))
            found[name] = obj

    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in _exports(module):
            obj = getattr(module, name)
            if not _is_tokkit(obj) or not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            add(f"{obj.__module__}.{obj.__qualname__}", obj)
            if inspect.isclass(obj):
                for member, owner, attribute in _members(obj):
                    add(f"{owner.__module__}.{owner.__qualname__}.{member}", attribute)
    return found


def own_doc(obj: object) -> str:
    """The object's own docstring ("" if none; a dataclass's generated signature is none)."""
    doc = getattr(obj, "__doc__", None) or ""
    if inspect.isclass(obj) and doc.startswith(f"{obj.__name__}("):
        return ""
    return doc.strip()


def missing_docstrings() -> list[str]:
    return sorted(name for name, obj in public_api().items() if not own_doc(obj))


def test_every_public_callable_has_a_docstring() -> None:
    missing = missing_docstrings()
    assert not missing, f"{len(missing)} public names without a docstring:\n" + "\n".join(missing)


def test_the_public_api_is_found() -> None:
    api = public_api()
    # a sample of names that must be part of what is checked
    for name in ("tokkit.tokenizer.core.Tokenizer.encode", "tokkit.encoding.encoding.Encoding.ids",
                 "tokkit.counting.count_words", "tokkit.normalizers.base.Normalizer.normalize_str"):
        assert name in api, name
    assert len(api) > 250


if __name__ == "__main__":
    api = public_api()
    missing = missing_docstrings()
    examples = sum(">>>" in own_doc(obj) for obj in api.values())
    print(f"{len(api)} public names, {len(api) - len(missing)} with a docstring, "
          f"{examples} with an example, {len(missing)} without a docstring", file=sys.stderr)
    print("\n".join(missing))
