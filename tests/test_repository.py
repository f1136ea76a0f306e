"""The checkout holds no absolute path of any machine: a fresh clone elsewhere must work."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MACHINE_PATH = re.compile(r"(^|[^A-Za-z0-9_.])/(work|home|root|Users|tmp/bash_jobs)/[A-Za-z]", re.MULTILINE)
SOURCES = ("src", "tests", "tools", "scripts", "benchmarks", "examples", ".ci")


def project_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "pyproject.toml"]
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*"):
            inner = path.relative_to(ROOT / folder).parts
            # Caches (.ruff_cache, __pycache__) are not in the repository; tests/data holds real vocabularies.
            if path.is_file() and not any(p.startswith((".", "__")) for p in inner) and path.parent.name != "data":
                files.append(path)
    return files


def test_no_file_names_an_absolute_path_of_a_machine() -> None:
    hits = []
    for path in project_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        hits += [f"{path.relative_to(ROOT)}: {m.group().strip()}" for m in MACHINE_PATH.finditer(text)]
    assert hits == []


def test_the_scan_sees_the_sources() -> None:
    names = {p.name for p in project_files()}
    assert {"core.py", "test_repository.py", "README.md"} <= names
