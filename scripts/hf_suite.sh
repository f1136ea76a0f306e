#!/usr/bin/env bash
# HF tokenizers' own Python test suite, run against tokkit through a `tokenizers` shim package,
# and against HF tokenizers 0.23.3 itself for the baseline (offline, tests needing hub files fail on both).
#
# Usage: bash scripts/hf_suite.sh HF_CHECKOUT [pytest args...]
#   HF_CHECKOUT: a clone of github.com/huggingface/tokenizers (a work tree, or a bare git directory).
# Nothing of it is copied into this repository: the tests are exported to a temporary directory.
# Prints both pass counts and the tests HF passes that tokkit does not (HF_SUITE_OUT=DIR keeps both logs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SOURCE="${1:?usage: bash scripts/hf_suite.sh HF_CHECKOUT [pytest args...]}"
shift
source scripts/venv.sh
make_venv .venv-hfsuite -e ".[test]" pytest-asyncio numpy datasets huggingface_hub requests

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/python"
if [ -d "$SOURCE/bindings/python/tests" ]; then
    cp -r "$SOURCE/bindings/python/tests" "$WORK/python/tests"
else
    git --git-dir="$SOURCE" archive HEAD bindings/python/tests | tar -x -C "$WORK"
    mv "$WORK/bindings/python/tests" "$WORK/python/tests"
fi
.venv-hfsuite/bin/python scripts/hf_shim.py "$WORK/shim"

(cd "$WORK/python" && HF_HUB_OFFLINE=1 "$ROOT/.venv-hfsuite/bin/python" -m pytest tests -q -p no:cacheprovider \
    -rA "$@" > "$WORK/hf.txt" 2>&1) || true
(cd "$WORK/python" && PYTHONPATH="$WORK/shim" HF_HUB_OFFLINE=1 "$ROOT/.venv-hfsuite/bin/python" -m pytest tests -q \
    -p no:cacheprovider -rA --continue-on-collection-errors "$@" > "$WORK/tokkit.txt" 2>&1) || true
[ -n "${HF_SUITE_OUT:-}" ] && cp "$WORK/hf.txt" "$WORK/tokkit.txt" "$HF_SUITE_OUT"/
.venv-hfsuite/bin/python - "$WORK/hf.txt" "$WORK/tokkit.txt" <<'PY'
import re, sys
def passed(path):
    return {line.split(" ", 1)[1].strip() for line in open(path) if line.startswith("PASSED ")}
hf, ours = passed(sys.argv[1]), passed(sys.argv[2])
print(f"HF 0.23.3 passes {len(hf)} tests; tokkit passes {len(ours & hf)} of them ({len(ours - hf)} more that HF fails)")
for name in sorted(hf - ours):
    print("  not yet:", name)
for line in open(sys.argv[2]):
    if re.match(r"(FAILED|ERROR) ", line) and line.split(" ", 1)[1].split(" - ")[0].strip() in hf:
        print("   ", line.rstrip()[:200])
PY
