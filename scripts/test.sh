#!/usr/bin/env bash
# The whole test suite, parity tests against HF tokenizers 0.23.3 included (never
# skipped), after mypy --strict on the package. Creates/reuses .venv-test; needs Python 3.11 + pip.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv-test/bin/python ] || "$PY" -m venv .venv-test
.venv-test/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
.venv-test/bin/python -m mypy  # strict, configured in pyproject.toml
exec .venv-test/bin/python -m pytest --doctest-modules src/tokkit tests "$@"
