#!/usr/bin/env bash
# The main job: train a BERT-style WordPiece tokenizer on the embedded WikiText-2
# corpus and show what it does. Creates/reuses .venv-demo; needs Python 3.11 + pip.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv-demo/bin/python ] || "$PY" -m venv .venv-demo
.venv-demo/bin/python -m pip install -q --disable-pip-version-check .
exec .venv-demo/bin/python -m tokkit walkthrough "$@"
