#!/usr/bin/env bash
# Fuzz tokenizer.json loading: N mutated copies of the four real files in tests/data
# (default 100,000) through tokkit and HF tokenizers 0.23.3, in 2 worker processes, each
# case under a 10 s alarm and tokkit under a 4 GB address-space cap; prints the table of
# outcomes. Extra arguments go to tests/fuzz_run.py (--cases N, --seed S, --workers W,
# --report FILE, --no-regex, --replay CASE...). Uses .venv-test (see scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
make_venv .venv-test -e ".[test]"
exec nice .venv-test/bin/python tests/fuzz_run.py "$@"
