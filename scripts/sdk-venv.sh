#!/bin/sh
# Create (or reuse) a cached Python venv holding one pinned cvat-sdk release from PyPI and print the
# path of its python interpreter on stdout. Progress and errors go to stderr.
#
# usage: scripts/sdk-venv.sh VERSION        e.g. scripts/sdk-venv.sh 2.48.0
#
# Cache: ${CVAT_AUTHCHECK_CACHE:-$HOME/.cache/cvat-authcheck}/venvs/cvat-sdk-VERSION
# Python: $CVAT_AUTHCHECK_PYTHON, else python3.
# A venv counts as ready only once the marker file `.ready` exists, so an interrupted install is
# redone on the next call. Concurrent callers for the same version serialise on a lock directory.
set -eu

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 VERSION   (e.g. 2.48.0)" >&2
    exit 64
fi
version=$1
case $version in
    *[!0-9.]*) echo "sdk-venv: '$version' is not a release number like 2.48.0" >&2; exit 64 ;;
esac

python=${CVAT_AUTHCHECK_PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
    echo "sdk-venv: '$python' not found; install Python 3 (with the venv module)" >&2
    exit 69
fi

cache=${CVAT_AUTHCHECK_CACHE:-${HOME:?HOME is not set}/.cache/cvat-authcheck}
venv=$cache/venvs/cvat-sdk-$version
lock=$cache/venvs/.cvat-sdk-$version.lock

if [ -f "$venv/.ready" ]; then
    echo "$venv/bin/python"
    exit 0
fi

mkdir -p "$cache/venvs"
# mkdir is atomic: use it as a lock. Give up waiting after about 10 minutes.
waited=0
until mkdir "$lock" 2>/dev/null; do
    if [ "$waited" -ge 600 ]; then
        echo "sdk-venv: timed out waiting for $lock (remove it if no install is running)" >&2
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
echo "sdk-venv: creating $venv" >&2
"$python" -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "cvat-sdk==$version" >&2
"$venv/bin/python" -c "import cvat_sdk, sys; sys.exit(0 if cvat_sdk.__version__ == '$version' else 1)" >&2 \
    || { echo "sdk-venv: installed cvat-sdk does not report version $version" >&2; exit 70; }
touch "$venv/.ready"
echo "$venv/bin/python"
