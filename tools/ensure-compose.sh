#!/usr/bin/env bash
# The compose files are checked by docker-compose itself (`config -q` needs no Docker engine),
# and haproxy checks the load balancer's configuration (`haproxy -c`). Installs Debian's
# docker-compose (v1, without the engine it recommends) and haproxy when they are missing.
set -euo pipefail

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian's ${missing[*]}"
  $sudo_cmd apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
echo "docker-compose: $(docker-compose version --short 2>/dev/null || echo missing)"
echo "haproxy: $( (command -v haproxy >/dev/null && haproxy -v || /usr/sbin/haproxy -v) 2>/dev/null | head -1)"
