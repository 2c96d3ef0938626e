#!/bin/sh
# Create (or reuse) the cached Python venv with `requests` for the benchmark's Python alternative and
# print the path of its python interpreter on stdout (cache, locking and readiness: scripts/cached-venv.sh).
#
# usage: Benchmarks/python/venv.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/../../scripts/cached-venv.sh" bench-requests "import requests" -r "$here/requirements.txt"
