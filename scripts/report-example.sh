#!/bin/sh
# Regenerate the HTML report example that README and docs/REPORTS.md show, from the tool's own output:
# `cvat-authcheck demo --html` (three emulated CVAT servers, one behind a proxy that strips Set-Cookie)
# is kept as docs/examples/demo-report.html, and headless Chromium photographs it at a laptop's width
# (docs/images/report-1366.png) and a phone's (docs/images/report-390.png). Nothing is drawn by hand.
#
# Headless Chromium will not make a window narrower than 500 px, so the page is shown in a frame of
# exactly the width wanted and the window cropped to it (as the layout tests do).
#
# usage: scripts/report-example.sh [CVAT-AUTHCHECK]   (default: .build/debug/cvat-authcheck; run `swift build` first)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$root/.build/debug/cvat-authcheck}
if [ ! -x "$binary" ]; then
    echo "no executable at $binary: run 'swift build' first, or give its path" >&2
    exit 66
fi
chromium=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
        chromium=$(command -v "$candidate")
        break
    fi
done
if [ -z "$chromium" ]; then
    echo "chromium is not installed (apt-get install chromium)" >&2
    exit 69
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
(cd "$work" && "$binary" demo --no-junit --html report.html >/dev/null)

mkdir -p "$root/docs/examples" "$root/docs/images"
cp "$work/report.html" "$root/docs/examples/demo-report.html"

shoot() {
    width=$1
    height=$2
    cat >"$work/frame-$width.html" <<EOF
<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;overflow:hidden}iframe{display:block;border:0;width:${width}px;height:${height}px}</style></head><body><iframe src="report.html"></iframe></body></html>
EOF
    "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --user-data-dir="$work/profile" \
        --hide-scrollbars --window-size="$width,$height" --screenshot="$root/docs/images/report-$width.png" \
        "file://$work/frame-$width.html" >/dev/null 2>&1
    echo "wrote docs/images/report-$width.png"
}
shoot 1366 1400
shoot 390 2000
echo "wrote docs/examples/demo-report.html"
