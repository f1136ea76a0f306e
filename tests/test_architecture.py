"""The package's shape: no import cycles, imports only go down the layers, small modules.

The import graph is built from the source with ``ast`` (every ``import``,
at module level or inside a function; imports under ``if TYPE_CHECKING:``
are annotations only and are left out).  A *unit* is a top-level module or
package of ``tokkit`` (``tokkit.normalizers``, ``tokkit._unicode``,
``tokkit.tokenizer``); ``LAYERS`` orders the units from the bottom up.

The rules:

* no cycle between modules (a submodule imports its siblings, never its own
  package's ``__init__``);
* a unit imports only units of lower layers (never one above it, never
  another unit of its own layer), plus ``ALSO_ALLOWED``;
* across units, no private name (``_x``) and no private module is imported:
  each package offers its internal API under public names;
* no module is longer than ``MAX_LINES``, except generated tables (``*_data.py``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "tokkit"
MAX_LINES = 400

#: Units from the bottom layer up; a unit may import units of lower layers only.
LAYERS: list[set[str]] = [
    {"_errors"},
    {"_validation"},
    {"_support", "_json", "_unicode", "corpus"},
    {"normalized"},
    {"encoding", "added_tokens", "added_matcher"},
    {"added_vocabulary"},
    {"protocols", "capabilities"},
    {"normalizers", "pre_tokenizers", "processors", "decoders", "trainers"},
    {"models"},
    {"_encode", "_training", "bridges"},
    {"views"},
    {"tokenizer"},
    {"implementations", "tools", "counting", "converters", "testing"},
    {"distributed"},
    {"__init__"},
    {"cli"},
    {"__main__"},
]
#: Imports between units of one layer that are part of the design.
ALSO_ALLOWED: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def unit_of(module: str) -> str:
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def layer_of(unit: str) -> int:
    for index, units in enumerate(LAYERS):
        if unit in units:
            return index
    raise AssertionError(f"unit {unit!r} is in no layer: add it to LAYERS in tests/test_architecture.py")


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the import nodes inside ``if TYPE_CHECKING:`` blocks."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return skipped


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, list[str], int]]:
    """``(imported module, names taken from it, line)`` for each runtime import of ``module``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names if alias.name.startswith("tokkit")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target != "tokkit" and not target.startswith("tokkit."):
                continue
            names = []
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                if submodule in modules:
                    found.append((submodule, [], node.lineno))
                else:
                    names.append(alias.name)
            if names:
                found.append((target, names, node.lineno))
    return found


def import_graph() -> dict[str, list[tuple[str, list[str], int]]]:
    modules = all_modules()
    return {module: imports_of(module, path, modules) for module, path in modules.items()}


def cycles(graph: dict[str, list[tuple[str, list[str], int]]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target, _, _ in graph.get(node, []):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_unit_has_a_layer():
    for module in all_modules():
        layer_of(unit_of(module))


def test_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_imports_go_down_the_layers():
    wrong = []
    for module, imports in import_graph().items():
        unit = unit_of(module)
        for target, _, line in imports:
            other = unit_of(target)
            if other == unit or (unit, other) in ALSO_ALLOWED:
                continue
            if layer_of(other) >= layer_of(unit):
                wrong.append(f"{module}:{line} imports {target} (layer {layer_of(other)} >= {layer_of(unit)})")
    assert not wrong, "imports that do not go down:\n" + "\n".join(wrong)


def test_no_private_names_across_units():
    wrong = []
    for module, imports in import_graph().items():
        unit = unit_of(module)
        for target, names, line in imports:
            if unit_of(target) == unit:
                continue
            private_modules = [part for part in target.split(".")[2:] if part.startswith("_")]
            private_names = [name for name in names if name.startswith("_")]
            if private_modules or private_names:
                wrong.append(f"{module}:{line} takes {private_names or ''} from {target}")
    assert not wrong, "private names imported across units:\n" + "\n".join(wrong)


@pytest.mark.parametrize("module", sorted(all_modules()))
def test_module_size(module):
    path = all_modules()[module]
    if path.stem.endswith("_data"):
        return  # generated tables
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(SRC)} has {lines} lines; split it (limit {MAX_LINES})"


def test_the_rules_catch_a_cycle_and_an_upward_import():
    graph = {"tokkit.a.x": [("tokkit.a.y", [], 1)], "tokkit.a.y": [("tokkit.a.x", [], 1)], "tokkit.a.z": []}
    assert cycles(graph) == [["tokkit.a.x", "tokkit.a.y"]]
    assert layer_of("tokenizer") > layer_of("normalizers") > layer_of("normalized") > layer_of("_errors")
