#!/usr/bin/env bash
# Regenerate docs/report-first-screen.png from the demo county's published report
# (run `make demo` first). Needs Debian's chromium (scripts/install-test-tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
page="${1:-output/financial_year/2016-17/report.html}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1000,1250 \
  --screenshot=docs/report-first-screen.png "file://$PWD/$page" 2>/dev/null
echo "wrote docs/report-first-screen.png"
