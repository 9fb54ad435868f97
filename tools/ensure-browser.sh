#!/usr/bin/env bash
# The desktop renderer's end-to-end tests drive Debian's Chromium (the Electron binary cannot be
# downloaded here). Installs it from Debian's packages when it is missing.
set -euo pipefail

browser=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$browser" ]; then
  echo "Chromium is missing: installing Debian's chromium package"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
[ -x "$browser" ] || { echo "Chromium is not at $browser" >&2; exit 1; }
echo "Chromium: $("$browser" --version 2>/dev/null || echo "$browser")"
