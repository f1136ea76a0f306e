#!/usr/bin/env bash
# The whole test suite, parity tests against HF tokenizers 0.23.3 included (never
# skipped), after mypy --strict on the package and a strict build of the docs site (mkdocs.yml,
# built into a temporary folder). Creates/reuses .venv-test; needs Python 3.11 + pip.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
make_venv .venv-test -e ".[test]"
.venv-test/bin/python -m mypy  # strict, configured in pyproject.toml
site_dir="$(mktemp -d)"
trap 'rm -rf "$site_dir"' EXIT
# (NO_MKDOCS_2_WARNING: Material prints an end-of-life banner on every build otherwise)
NO_MKDOCS_2_WARNING=1 .venv-test/bin/python -m mkdocs build --strict -q -d "$site_dir"  # broken links and API references fail
.venv-test/bin/python -m pytest --doctest-modules src/tokkit tests "$@"
