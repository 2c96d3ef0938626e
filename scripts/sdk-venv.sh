#!/bin/sh
# Create (or reuse) a cached Python venv holding one pinned cvat-sdk (or cvat-cli) release from PyPI
# and print the path of its python interpreter on stdout (cache, locking and readiness:
# scripts/cached-venv.sh).
#
# usage: scripts/sdk-venv.sh VERSION [PACKAGE]     e.g. scripts/sdk-venv.sh 2.48.0
#                                                        scripts/sdk-venv.sh 2.48.0 cvat-cli
#   PACKAGE  cvat-sdk (the default; venv cvat-sdk-VERSION) or cvat-cli (venv cvat-cli-VERSION, holding
#            cvat-cli==VERSION and the cvat-sdk it installs)
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ] || [ -z "$1" ]; then
    echo "usage: $0 VERSION [cvat-sdk|cvat-cli]   (e.g. 2.48.0)" >&2
    exit 64
fi
version=$1
package=${2:-cvat-sdk}
case $version in
    *[!0-9.]*) echo "sdk-venv: '$version' is not a release number like 2.48.0" >&2; exit 64 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
case $package in
    cvat-sdk)
        exec sh "$here/cached-venv.sh" "cvat-sdk-$version" \
            "import cvat_sdk, sys; sys.exit(0 if cvat_sdk.__version__ == '$version' else 1)" \
            "cvat-sdk==$version" ;;
    cvat-cli)
        exec sh "$here/cached-venv.sh" "cvat-cli-$version" \
            "import cvat_cli, sys; from importlib.metadata import version; sys.exit(0 if version('cvat-cli') == '$version' else 1)" \
            "cvat-cli==$version" ;;
    *)
        echo "sdk-venv: unknown package '$package' (cvat-sdk or cvat-cli)" >&2
        exit 64 ;;
esac
