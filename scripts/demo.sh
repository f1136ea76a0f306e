#!/usr/bin/env bash
# The main job: train a BERT-style WordPiece tokenizer on the embedded WikiText-2
# corpus and show what it does (tokkit walkthrough). Creates .venv-demo on the first run
# (an editable install: later runs reuse it without pip); needs Python 3.11 + pip.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
make_venv .venv-demo -e .
exec .venv-demo/bin/tokkit walkthrough "$@"
