# Sourced by the scripts here: make_venv DIR PIP-ARGS... creates (or reuses) the virtual
# environment DIR with Python 3.11 (or python3; $PYTHON overrides) and pip-installs PIP-ARGS into it.
make_venv() {
    local venv="$1"
    shift
    local py="${PYTHON:-python3.11}"
    command -v "$py" >/dev/null 2>&1 || py=python3
    [ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$@"
}
