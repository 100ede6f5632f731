#!/usr/bin/env bash
# Test tools from Debian's packages: headless Chromium and its driver for the
# browser test of the published report. Installs only what is missing.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "note: chromium/chromium-driver missing and cannot be installed here (not root or no apt);" \
       "the browser test will be skipped" >&2
  exit 0
fi
echo "installing chromium and chromium-driver (Debian packages) for the browser test ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
