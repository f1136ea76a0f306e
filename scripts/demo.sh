#!/usr/bin/env bash
# The main job: train a BERT-style WordPiece tokenizer on the embedded WikiText-2
# corpus and show what it does. Creates/reuses .venv-demo; needs Python 3.11 + pip.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
make_venv .venv-demo .
exec .venv-demo/bin/python -m tokkit walkthrough "$@"
