#!/usr/bin/env bash
# The Debian packages the cross-process tests use: Chromium (browser tests),
# the PostgreSQL and Redis server binaries (tests start their own servers on
# free ports) and nginx (the load balancer in front of several instances).
# Installs what is missing when run as root; otherwise says what to install.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need these system packages: ${missing[*]}" >&2
  echo "Install them (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}) and run npm test again." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts the servers it installs; the tests run their own on free ports.
if command -v systemctl >/dev/null 2>&1; then
  for service in postgresql redis-server nginx; do
    systemctl disable --now "$service" >/dev/null 2>&1 || true
  done
fi
