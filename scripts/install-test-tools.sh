#!/usr/bin/env bash
# Test tools: headless Chromium and its driver (Debian's packages) for the browser
# tests of the published reports, and axe-core (npm registry, pinned) for their
# accessibility check, in the ignored folder .local/node/; Debian's redis-server for the
# region test (Celery workers; the test starts its own server on a free port). Installs
# only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v redis-server >/dev/null && [ ! -x /usr/bin/redis-server ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "note: redis-server missing and cannot be installed here (not root or no apt);" \
         "the Celery region test will be skipped" >&2
  else
    echo "installing redis-server (Debian package) for the Celery region test ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  fi
fi
AXE_VERSION=4.14.1
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "note: chromium/chromium-driver missing and cannot be installed here (not root or no apt);" \
         "the browser tests will be skipped" >&2
  else
    echo "installing chromium and chromium-driver (Debian packages) for the browser tests ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
  fi
fi
axe=.local/node/node_modules/axe-core/axe.min.js
if [ -f "$axe" ] && grep -q "\"version\": \"$AXE_VERSION\"" .local/node/node_modules/axe-core/package.json; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "note: npm missing: the accessibility checks of the browser tests will be skipped" >&2
  exit 0
fi
echo "installing axe-core $AXE_VERSION (npm) into .local/node for the accessibility checks ..."
mkdir -p .local/node
npm install --silent --no-audit --no-fund --prefix .local/node "axe-core@$AXE_VERSION" >/dev/null
