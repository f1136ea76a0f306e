"""Every public class, function, method and property of the public API has a docstring.

The public API is what ``tokkit`` and its public modules export (their ``__all__``,
else their names without a leading underscore) and, for each exported class, its
public methods and properties, inherited ones included (an override without a
docstring counts as missing: the API reference shows each class's own text).
Each of them also has a runnable ``>>>`` example (run by ``pytest --doctest-modules``).
A method or property may instead take its example from its class: it counts as shown
when a ``>>>`` (or ``...``) line of the docstring of a class that exports it (its defining class, or
an exported subclass that inherits it unchanged) calls it by name, as ``.member`` or
``member(``. This keeps files near the 400-line limit to one combined example, and
covers properties that helpers generate (the trainers' ``_delegate``). Names still
awaiting an example are listed in ``AWAITING_EXAMPLES``, which may only shrink.
Run as a script to print the counts and the names missing a docstring or an example:
``python tests/test_docstrings.py``.
"""

from __future__ import annotations

import importlib
import inspect
import re
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


def _exported_classes() -> list[type]:
    classes: list[type] = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in _exports(module):
            obj = getattr(module, name)
            if inspect.isclass(obj) and _is_tokkit(obj) and obj not in classes:
                classes.append(obj)
    return classes


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


def _example_lines(doc: str) -> list[str]:
    return [line.strip()[4:] for line in doc.splitlines() if line.strip().startswith((">>> ", "... "))]


def _shown_by_a_class(owner: type, member: str, attribute: object) -> bool:
    """Whether a ``>>>`` or ``...`` line of a class exporting ``member`` calls it by name."""
    called = re.compile(rf"\.{member}\b|\b{member}\(")
    for cls in [owner, *_exported_classes()]:
        if owner not in cls.__mro__:
            continue
        # the subclass must inherit the member unchanged, else its own text is what is shown
        found = next((vars(k)[member] for k in cls.__mro__ if member in vars(k)), None)
        if isinstance(found, (staticmethod, classmethod)):
            found = found.__func__
        if found is not attribute:
            continue
        if any(called.search(line) for line in _example_lines(own_doc(cls))):
            return True
    return False


def missing_examples() -> list[str]:
    """Public names whose docstring (or class docstring, see above) has no ``>>>`` example."""
    owners = {f"{cls.__module__}.{cls.__qualname__}": cls for cls in _all_classes()}
    missing = []
    for name, obj in public_api().items():
        if ">>>" in own_doc(obj):
            continue
        owner_name, _, member = name.rpartition(".")
        owner = owners.get(owner_name)
        if owner is not None and _shown_by_a_class(owner, member, obj):
            continue
        missing.append(name)
    return sorted(missing)


def _all_classes() -> list[type]:
    """Every class that defines a public member (the exported ones and their tokkit bases)."""
    return [owner for cls in _exported_classes() for owner in cls.__mro__ if _is_tokkit(owner)]


#: Public names still without an example: this list may only shrink.
AWAITING_EXAMPLES: frozenset[str] = frozenset({
    # a deprecated alias that warns when called, in a file at the 400-line limit
    "tokkit.encoding.encoding.Encoding.words",
    # downloads from the HF hub: no example runs offline
    "tokkit.tokenizer.core.Tokenizer.from_pretrained",
})


def test_every_public_name_has_an_example() -> None:
    missing = [name for name in missing_examples() if name not in AWAITING_EXAMPLES]
    assert not missing, f"{len(missing)} public names without a >>> example:\n" + "\n".join(missing)


def test_the_awaiting_list_only_shrinks() -> None:
    # a listed name that now has an example (or is gone) must leave the list
    done = sorted(AWAITING_EXAMPLES - set(missing_examples()))
    assert not done, "remove from AWAITING_EXAMPLES:\n" + "\n".join(done)


def test_a_member_can_take_its_class_example() -> None:
    # Encoding.ids has no example of its own: the Encoding class docstring's example reads ``e.ids``
    name = "tokkit.encoding.encoding.Encoding.ids"
    assert ">>>" not in own_doc(public_api()[name])
    assert name not in missing_examples()


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
    no_example = missing_examples()
    print(f"{len(api)} public names, {len(api) - len(missing)} with a docstring, "
          f"{examples} with an example of their own, {len(no_example)} without an example "
          f"({len(AWAITING_EXAMPLES)} awaiting), {len(missing)} without a docstring", file=sys.stderr)
    print("\n".join(missing + no_example))
