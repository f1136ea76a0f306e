"""The docs site and the install instructions stay true.

``scripts/test.sh`` builds the site with ``mkdocs build --strict``; these checks are the parts a
build cannot see: every public module has an API reference page, and nothing tells users to
install the unrelated project that holds the name ``tokkit`` on the package index.
"""

from __future__ import annotations

import doctest
import re
import tomllib
from pathlib import Path

import pytest

from test_docstrings import PUBLIC_MODULES

ROOT = Path(__file__).resolve().parent.parent
# "pip install tokkit" or "pip install tokkit[extra]": the index's tokkit, another project.
INDEX_INSTALL = re.compile(r"pip install\s+[\"']?tokkit\b")


def _texts() -> dict[str, str]:
    paths = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "examples").rglob("*.py")),
             *sorted((ROOT / "src" / "tokkit").rglob("*.py"))]
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in paths}


def test_nothing_says_pip_install_tokkit() -> None:
    hits = [f"{name}: {m.group()}" for name, text in _texts().items() for m in INDEX_INSTALL.finditer(text)]
    assert hits == []


def test_the_distribution_name_is_not_the_index_tokkit_and_the_import_name_is() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] != "tokkit"
    assert (ROOT / "src" / "tokkit" / "__init__.py").is_file()
    assert {"docs", "test"} <= set(project["optional-dependencies"])


def test_every_public_module_has_a_reference_page() -> None:
    directives = set()
    for page in (ROOT / "docs" / "reference").glob("*.md"):
        directives |= set(re.findall(r"^::: (\S+)", page.read_text(encoding="utf-8"), re.MULTILINE))
    assert set(PUBLIC_MODULES) <= directives
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in (ROOT / "docs").rglob("*.md"):
        assert str(page.relative_to(ROOT / "docs")) in nav, f"{page.name} is not in mkdocs.yml's nav"


def test_the_license_is_apache_2() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "Copyright 2026 the tokkit authors" in text


PYCON_BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", sorted(str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")
                                        if "```pycon" in p.read_text(encoding="utf-8")))
def test_the_interactive_examples_of_the_docs_run(page: str) -> None:
    # A page's ```pycon blocks run in order in one namespace, as a doctest of the page.
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    source = "\n".join(PYCON_BLOCK.findall(text))
    test = doctest.DocTestParser().get_doctest(source, {}, page, page, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    output: list[str] = []
    runner.run(test, out=output.append)
    assert runner.failures == 0, "".join(output)
