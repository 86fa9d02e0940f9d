#!/usr/bin/env bash
# Render the demo's HTML report with headless Chromium (Debian's `chromium`, plus
# `poppler-utils` for pdftoppm) into screenshots/: the page on screen, and the first pages of the
# A4 print. Not part of the tests: it needs a browser that CI does not install.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp src/aicharter/data/demo.toml "$tmp/demo.toml"
.venv/bin/aicharter report "$tmp/demo.toml" --format html -o "$tmp/report.html" >/dev/null
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
       --disable-component-update --disable-sync --no-first-run --hide-scrollbars
       --user-data-dir="$tmp/profile")
chromium "${flags[@]}" --window-size=1100,1400 --screenshot="screenshots/report-html.png" \
  "file://$tmp/report.html" 2>/dev/null
chromium "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" \
  "file://$tmp/report.html" 2>/dev/null
pdftoppm -r 60 -png -f 3 -l 3 "$tmp/report.pdf" "$tmp/page"
cp "$tmp"/page-*3.png screenshots/report-print-page3.png
pdfinfo "$tmp/report.pdf" | grep -E "Pages|Page size"
