#!/usr/bin/env bash
# The whole test suite, parity tests against HF tokenizers 0.23.3 included (never
# skipped), after mypy --strict on the package. Creates/reuses .venv-test; needs Python 3.11 + pip.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
make_venv .venv-test -e ".[test]"
.venv-test/bin/python -m mypy  # strict, configured in pyproject.toml
exec .venv-test/bin/python -m pytest --doctest-modules src/tokkit tests "$@"
