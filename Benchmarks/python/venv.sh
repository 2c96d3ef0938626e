#!/bin/sh
# Create (or reuse) the cached Python venv with `requests` for the benchmark's Python alternative and
# print the path of its python interpreter on stdout. Progress and errors go to stderr.
#
# usage: Benchmarks/python/venv.sh
#
# Cache: ${CVAT_AUTHCHECK_CACHE:-$HOME/.cache/cvat-authcheck}/venvs/bench-requests
# Python: $CVAT_AUTHCHECK_PYTHON, else python3. The venv is ready once `.ready` exists, so an
# interrupted install is redone next time; concurrent callers serialise on a lock directory.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
python=${CVAT_AUTHCHECK_PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
    echo "bench venv: '$python' not found; install Python 3 (with the venv module)" >&2
    exit 69
fi

cache=${CVAT_AUTHCHECK_CACHE:-${HOME:?HOME is not set}/.cache/cvat-authcheck}
venv=$cache/venvs/bench-requests
lock=$cache/venvs/.bench-requests.lock

if [ -f "$venv/.ready" ]; then
    echo "$venv/bin/python"
    exit 0
fi

mkdir -p "$cache/venvs"
waited=0
until mkdir "$lock" 2>/dev/null; do
    if [ "$waited" -ge 600 ]; then
        echo "bench venv: timed out waiting for $lock (remove it if no install is running)" >&2
        exit 75
    fi
    sleep 1
    waited=$((waited + 1))
done
trap 'rmdir "$lock" 2>/dev/null || true' EXIT INT TERM

if [ -f "$venv/.ready" ]; then
    echo "$venv/bin/python"
    exit 0
fi

rm -rf "$venv"
echo "bench venv: creating $venv" >&2
"$python" -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
"$venv/bin/python" -c "import requests" >&2
touch "$venv/.ready"
echo "$venv/bin/python"
