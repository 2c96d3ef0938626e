#!/bin/sh
# Create (or reuse) a cached Python venv holding one pinned cvat-sdk release from PyPI and print the
# path of its python interpreter on stdout (cache, locking and readiness: scripts/cached-venv.sh).
#
# usage: scripts/sdk-venv.sh VERSION        e.g. scripts/sdk-venv.sh 2.48.0
set -eu

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 VERSION   (e.g. 2.48.0)" >&2
    exit 64
fi
version=$1
case $version in
    *[!0-9.]*) echo "sdk-venv: '$version' is not a release number like 2.48.0" >&2; exit 64 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/cached-venv.sh" "cvat-sdk-$version" \
    "import cvat_sdk, sys; sys.exit(0 if cvat_sdk.__version__ == '$version' else 1)" \
    "cvat-sdk==$version"
