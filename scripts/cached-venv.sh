#!/bin/sh
# Create (or reuse) a cached Python venv and print the path of its python interpreter on stdout.
# Shared by scripts/sdk-venv.sh (pinned cvat-sdk releases) and Benchmarks/python/venv.sh (requests).
# Progress and errors go to stderr.
#
# usage: scripts/cached-venv.sh NAME CHECK PIP-ARGUMENTS...
#   NAME   folder name under the cache, e.g. cvat-sdk-2.48.0
#   CHECK  Python code that must exit 0 in the new venv, e.g. "import requests"
#
# Cache: ${CVAT_AUTHCHECK_CACHE:-$HOME/.cache/cvat-authcheck}/venvs/NAME
# Python: $CVAT_AUTHCHECK_PYTHON, else python3.
# A venv counts as ready only once the marker file `.ready` exists, so an interrupted install is
# redone on the next call. Concurrent callers for the same NAME serialise on a lock directory.
set -eu

if [ $# -lt 3 ]; then
    echo "usage: $0 NAME CHECK PIP-ARGUMENTS..." >&2
    exit 64
fi
name=$1
check=$2
shift 2

python=${CVAT_AUTHCHECK_PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
    echo "$name: '$python' not found; install Python 3 (with the venv module)" >&2
    exit 69
fi

cache=${CVAT_AUTHCHECK_CACHE:-${HOME:?HOME is not set}/.cache/cvat-authcheck}
venv=$cache/venvs/$name
lock=$cache/venvs/.$name.lock

if [ -f "$venv/.ready" ]; then
    echo "$venv/bin/python"
    exit 0
fi

mkdir -p "$cache/venvs"
# mkdir is atomic: use it as a lock. Give up waiting after about 10 minutes.
waited=0
until mkdir "$lock" 2>/dev/null; do
    if [ "$waited" -ge 600 ]; then
        echo "$name: timed out waiting for $lock (remove it if no install is running)" >&2
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
echo "$name: creating $venv" >&2
"$python" -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@" >&2
"$venv/bin/python" -c "$check" >&2 || { echo "$name: the installed packages failed the check: $check" >&2; exit 70; }
touch "$venv/.ready"
echo "$venv/bin/python"
