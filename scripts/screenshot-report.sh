#!/usr/bin/env bash
# Regenerate the screenshots in docs/: the first screen of each edition of the 2016-17
# report and the 2017-05 one-pager of the demo county (run `make demo` first, or pass the
# output folder). Needs Debian's chromium (scripts/install-test-tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-output}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
shoot() {  # page, png, height
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size="900,$3" \
    --screenshot="docs/$2" "file://$(realpath "$out/$1")" 2>/dev/null
  echo "wrote docs/$2 ($(stat -c %s "docs/$2") bytes)"
}
shoot financial_year/2016-17/report.html report-first-screen.png 1100
shoot financial_year/2016-17/report-panel.html report-panel-first-screen.png 1100
shoot financial_year/2016-17/report-safeguarding.html report-safeguarding-first-screen.png 1100
shoot month/2017-05/one-pager.html one-pager.png 1300
