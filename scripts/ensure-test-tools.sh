#!/usr/bin/env bash
# Make sure the tools the tests need are on this machine: Debian's Chromium and Node.js/npm
# (for axe-core) for the browser tests, and the pango libraries WeasyPrint renders PDFs
# with. Installs them with apt-get when run as root; otherwise says what to install.
set -euo pipefail

missing=()
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ] && [ -z "${TANDEM_CHROMIUM:-}" ]; then
  missing+=(chromium)
fi
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if command -v dpkg >/dev/null 2>&1; then
  for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 fonts-dejavu-core; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} from Debian's packages for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "The browser tests need: ${missing[*]}. Install them (e.g. sudo apt-get install ${missing[*]})." >&2
  exit 1
fi
