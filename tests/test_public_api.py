"""Every public name of HF tokenizers' Python package exists in tokkit and takes the same parameters.

The walk reads HF's installed wheel: each module's public names, each class's
public methods, properties and attributes, and each callable's parameters
(``inspect.signature``, i.e. HF's ``__text_signature__``, else the ``.pyi``
stub next to the module).  A tokkit callable matches when it accepts HF's
parameters in HF's order, with HF's kinds and HF's defaults where HF states
them; tokkit may add parameters after them if they are optional.
"""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
from pathlib import Path
from typing import Any, Optional

import pytest
import tokenizers as hf

import tokkit

MODULES = ["", "models", "normalizers", "pre_tokenizers", "processors", "decoders", "trainers",
           "implementations", "tools"]
#: Modules left out of the walk (none: every HF module is checked).
NOT_YET_MERGED: set[str] = set()

#: HF names that are not part of its API, each with the reason.
NOT_API = {
    "Enum": "HF's __init__ imports enum.Enum for its own enums",
    "List": "HF's __init__ imports typing.List for its aliases",
    "Tuple": "HF's __init__ imports typing.Tuple for its aliases",
    "Union": "HF's __init__ imports typing.Union for its aliases",
    "__setstate__": "pickling is checked by round trips (tests/test_saving.py), not by method name",
    "__getstate__": "pickling is checked by round trips (tests/test_saving.py), not by method name",
}

#: Parameters whose default HF's text signature misstates, each with what HF really does.
MISSTATED_DEFAULTS = {
    # HF's AddedToken(content=None) builds an empty token, as tokkit's "" does.
    ("AddedToken", "content"): "",
    # HF's `normalized` default follows `special` (normalized = not special); None says so.
    ("AddedToken", "normalized"): None,
    # HF's text signature says "_"; its Metaspace() really uses "▁" (checked below).
    ("Metaspace", "replacement"): "▁",
}

#: Known differences left for later, each with its reason (none).
OWNED_ELSEWHERE: dict[str, str] = {}

#: Arguments to build one instance of each class whose constructor needs some.
SAMPLE_ARGS: dict[str, tuple[Any, ...]] = {
    "AddedToken": ("x",),
    "NormalizedString": ("x",),
    "PreTokenizedString": ("x",),
    "Regex": ("a",),
    "Token": (1, "a", (0, 1)),
    "normalizers.Replace": ("a", "b"),
    "normalizers.Prepend": ("x",),
    "normalizers.Sequence": ([],),
    "pre_tokenizers.CharDelimiterSplit": ("x",),
    "pre_tokenizers.Split": ("a", "removed"),
    "pre_tokenizers.Sequence": ([],),
    "processors.BertProcessing": (("[SEP]", 1), ("[CLS]", 0)),
    "processors.RobertaProcessing": (("[SEP]", 1), ("[CLS]", 0)),
    "processors.Sequence": ([],),
    "processors.TemplateProcessing": ("$A",),
    "decoders.Replace": ("a", "b"),
    "decoders.Sequence": ([],),
}


def module_pair(name: str) -> tuple[Any, Any]:
    suffix = "." + name if name else ""
    return importlib.import_module("tokenizers" + suffix), importlib.import_module("tokkit" + suffix)


def public_names(module: Any) -> list[str]:
    return sorted(n for n in dir(module) if not n.startswith("_") and not inspect.ismodule(getattr(module, n))
                  and n not in NOT_API)


def qualified(module: str, name: str) -> str:
    return f"{module}.{name}" if module else name


def from_unmerged(obj: Any) -> bool:
    """An HF top-level name re-exported from a module that is not merged yet (``BertWordPieceTokenizer``)."""
    source = getattr(obj, "__module__", "") or ""
    return any(source.startswith(f"tokenizers.{m}") for m in NOT_YET_MERGED)


def walked() -> list[tuple[str, str]]:
    return [(m, n) for m in MODULES if m not in NOT_YET_MERGED for n in public_names(module_pair(m)[0])
            if not from_unmerged(getattr(module_pair(m)[0], n))]


# -- signatures -------------------------------------------------------------------------------------------
def stub_signature(module: Any, class_name: Optional[str], name: str) -> Optional[list[tuple[str, str, Any]]]:
    """``(name, kind, default)`` of a function in HF's ``.pyi`` stub, self excluded."""
    stub = Path(module.__file__).with_suffix(".pyi")
    if not stub.exists():
        return None
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    scope: list[ast.stmt] = tree.body
    if class_name is not None:
        classes = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name]
        if not classes:
            return None
        scope = classes[0].body
    for node in scope:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            args = node.args
            positional = args.posonlyargs + args.args
            defaults: list[Any] = [inspect.Parameter.empty] * (len(positional) - len(args.defaults))
            defaults += [ast.literal_eval(d) if not isinstance(d, ast.Name) else d.id for d in args.defaults]
            out = [(a.arg, "positional" if a in args.posonlyargs else "any", d) for a, d in zip(positional, defaults)]
            out += [(a.arg, "keyword", ast.literal_eval(d) if d is not None else inspect.Parameter.empty)
                    for a, d in zip(args.kwonlyargs, args.kw_defaults)]
            return [p for p in out if p[0] not in ("self", "cls")]
    return None


KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "positional",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "any",
    inspect.Parameter.KEYWORD_ONLY: "keyword",
    inspect.Parameter.VAR_POSITIONAL: "*args",
    inspect.Parameter.VAR_KEYWORD: "**kwargs",
}


def parameters(obj: Any) -> Optional[list[tuple[str, str, Any]]]:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    return [(p.name, KINDS[p.kind], p.default) for p in signature.parameters.values() if p.name not in ("self", "cls")]


def same_default(theirs: Any, ours: Any) -> bool:
    if isinstance(theirs, (list, tuple)) and isinstance(ours, (list, tuple)):
        return list(theirs) == list(ours)
    return bool(theirs == ours) and type(theirs) is type(ours)


def signature_problems(owner: str, theirs: list[tuple[str, str, Any]], ours: list[tuple[str, str, Any]]) -> list[str]:
    """What keeps a call written for HF's signature from working the same on ours."""
    problems = []
    rest = [p for p in ours if p[1] not in ("*args", "**kwargs")]
    for index, (name, kind, default) in enumerate(theirs):
        if kind in ("*args", "**kwargs"):
            if not any(p[1] == kind for p in ours):
                problems.append(f"takes no {kind} ({name})")
            continue
        if index >= len(rest):
            problems.append(f"lacks parameter {name!r}")
            continue
        our_name, our_kind, our_default = rest[index]
        if our_name != name and kind != "positional":
            problems.append(f"parameter {index} is {our_name!r}, HF's is {name!r}")
        if kind != our_kind and not (kind == "keyword" and our_kind == "any") and not (
                kind == "positional" and our_kind == "any"):
            problems.append(f"{name!r} is {our_kind}, HF's is {kind}")
        if default is not inspect.Parameter.empty:
            expected = MISSTATED_DEFAULTS.get((owner, name), default)
            if our_default is inspect.Parameter.empty or not same_default(expected, our_default):
                problems.append(f"{name!r} defaults to {our_default!r}, HF's to {expected!r}")
    for name, kind, default in rest[len(theirs):]:
        if default is inspect.Parameter.empty:
            problems.append(f"extra parameter {name!r} has no default")
    return problems


def hf_parameters(module: Any, class_name: Optional[str], name: str, obj: Any) -> Optional[list[tuple[str, str, Any]]]:
    found = parameters(obj)
    return found if found is not None else stub_signature(module, class_name, name)


# -- the walk -----------------------------------------------------------------------------------------------
def sample(module: str, name: str, cls: type) -> Any:
    return cls(*SAMPLE_ARGS.get(qualified(module, name), ()))


def class_members(cls: type) -> list[str]:
    names = set(dir(cls)) - set(dir(object)) | {"__init__"}
    return sorted(n for n in names if (not n.startswith("_") or n in ("__call__", "__getitem__", "__setitem__",
                                                                     "__len__", "__init__")) and n not in NOT_API)


@pytest.mark.parametrize("module,name", walked(), ids=lambda v: v or "tokenizers")
def test_public_name_exists_with_hf_parameters(module: str, name: str) -> None:
    if qualified(module, name) in OWNED_ELSEWHERE:
        return  # listed with its reason in OWNED_ELSEWHERE, reported to its owner
    theirs_module, ours_module = module_pair(module)
    theirs = getattr(theirs_module, name)
    assert hasattr(ours_module, name), f"tokkit{'.' + module if module else ''} lacks {name}"
    ours = getattr(ours_module, name)
    if inspect.isclass(theirs) and issubclass(theirs, enum.Enum):
        assert {m.name for m in theirs} <= {m.name for m in ours}, f"{name}: members differ"
        return
    if isinstance(theirs, dict):  # normalizers.NORMALIZERS: the same names to the same-named classes
        assert {k: v.__name__ for k, v in theirs.items()} == {k: v.__name__ for k, v in ours.items()}, name
        return
    if not callable(theirs):  # a type alias: the same typing construct
        assert ours == theirs or str(ours).replace("tokkit", "tokenizers") == str(theirs), name
        return
    if not inspect.isclass(theirs):
        problems = signature_problems(name, hf_parameters(theirs_module, None, name, theirs) or [],
                                      parameters(ours) or [])
        assert not problems, f"{qualified(module, name)}: {problems}"
        return
    problems = []
    instance = None
    for member in class_members(theirs):
        if qualified(module, f"{name}.{member}") in OWNED_ELSEWHERE:
            continue
        raw = inspect.getattr_static(theirs, member)
        is_data = isinstance(raw, property) or type(raw).__name__ in ("getset_descriptor", "member_descriptor")
        if not hasattr(ours, member):
            if instance is None:
                instance = sample(module, name, ours)
            if not hasattr(instance, member):
                problems.append(f"lacks {member}")
            continue
        if is_data or not callable(getattr(theirs, member)):
            continue
        if member.startswith("async_"):
            assert inspect.iscoroutinefunction(getattr(ours, member)), f"{name}.{member} must be a coroutine function"
        target = theirs if member == "__init__" else getattr(theirs, member)
        stub_name = "__init__" if member == "__init__" else member
        hf_params = hf_parameters(theirs_module, name, stub_name, target)
        if hf_params is None:
            continue  # HF states no signature anywhere
        our_params = parameters(ours if member == "__init__" else getattr(ours, member))
        if our_params is None:
            problems.append(f"{member}: no inspectable signature")
            continue
        problems += [f"{member}: {p}" for p in signature_problems(name, hf_params, our_params)]
    assert not problems, f"{qualified(module, name)}: {problems}"


def test_the_walk_covers_every_module_and_hf_text_signatures() -> None:
    names = walked()
    assert {m for m, _ in names} == set(MODULES) - NOT_YET_MERGED
    assert len(names) > 70
    assert parameters(hf.Tokenizer.encode) is not None  # HF's __text_signature__ is read


def test_misstated_defaults_are_what_hf_really_does() -> None:
    assert hf.AddedToken().content == ""
    assert hf.AddedToken("x").normalized is True and hf.AddedToken("x", special=True).normalized is False
    assert hf.pre_tokenizers.Metaspace().replacement == tokkit.pre_tokenizers.Metaspace().replacement == "▁"
    assert hf.decoders.Metaspace().replacement == tokkit.decoders.Metaspace().replacement == "▁"


def test_async_methods_are_coroutine_functions_like_hf_awaitables() -> None:
    for name in ("async_encode", "async_encode_batch", "async_encode_batch_fast", "async_decode_batch"):
        assert hasattr(hf.Tokenizer, name)
        assert inspect.iscoroutinefunction(getattr(tokkit.Tokenizer, name))
