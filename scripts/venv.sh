# Sourced by the scripts here: make_venv DIR PIP-ARGS... creates (or reuses) the virtual
# environment DIR with Python 3.11 (or python3; $PYTHON overrides) and pip-installs PIP-ARGS into it.
# pip runs only when needed: DIR/.tokkit-stamp keeps a hash of PIP-ARGS and pyproject.toml, and
# an unchanged hash skips the install (use editable installs, -e ., so source edits need none).
make_venv() {
    local venv="$1"
    shift
    local py="${PYTHON:-python3.11}"
    command -v "$py" >/dev/null 2>&1 || py=python3
    [ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
    local stamp
    stamp="$("$venv/bin/python" - "$@" <<'PY'
import hashlib, sys
digest = hashlib.sha256("\0".join(sys.argv[1:]).encode())
digest.update(open("pyproject.toml", "rb").read())
print(digest.hexdigest())
PY
)"
    if [ -f "$venv/.tokkit-stamp" ] && [ "$(cat "$venv/.tokkit-stamp")" = "$stamp" ]; then
        return 0
    fi
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$@"
    echo "$stamp" >"$venv/.tokkit-stamp"
}
