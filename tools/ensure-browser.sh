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
# Hindi and other Indian scripts on the counter's screens (and their screenshots) need a font.
if ! dpkg -s fonts-noto-core >/dev/null 2>&1; then
  echo "Noto fonts are missing: installing Debian's fonts-noto-core for Devanagari"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends fonts-noto-core >/dev/null ||
    echo "could not install fonts-noto-core: Hindi screenshots will show empty boxes" >&2
fi
echo "Chromium: $("$browser" --version 2>/dev/null || echo "$browser")"
