#!/bin/sh
# Create (or reuse) a cached Python venv holding the pinned validators the test suite runs, and print
# the path of its python interpreter on stdout (cache, locking and readiness: scripts/cached-venv.sh).
#
#   prometheus-client    its OpenMetrics parser checks --openmetrics files
#   check-jsonschema     its bundled schemas check the GitHub Actions workflow and the GitLab CI file
#   kubernetes-validate  its bundled Kubernetes schemas check the manifests in examples/ci/kubernetes
#   cmarkgfm             GitHub's own cmark-gfm renders the --markdown job summary as GitHub would
#
# Every schema comes from inside these packages: nothing is fetched when the tests run.
# The venv's folder name carries the versions, so changing a pin makes a new venv.
#
# usage: scripts/validators-venv.sh
set -eu

if [ $# -ne 0 ]; then
    echo "usage: $0   (no arguments)" >&2
    exit 64
fi

prometheus_client=0.26.0
check_jsonschema=0.39.0
kubernetes_validate=1.37.0
cmarkgfm=2025.10.22

here=$(cd "$(dirname "$0")" && pwd)
exec sh "$here/cached-venv.sh" \
    "validators-pc$prometheus_client-cj$check_jsonschema-kv$kubernetes_validate-cm$cmarkgfm" \
    "from importlib.metadata import version as v; import sys; sys.exit(0 if (v('prometheus-client'), v('check-jsonschema'), v('kubernetes-validate'), v('cmarkgfm')) == ('$prometheus_client', '$check_jsonschema', '$kubernetes_validate', '$cmarkgfm') else 1)" \
    "prometheus-client==$prometheus_client" "check-jsonschema==$check_jsonschema" "kubernetes-validate==$kubernetes_validate" "cmarkgfm==$cmarkgfm"
