#!/usr/bin/env bash
# Set up everything on a fresh Debian machine (idempotent): Python packages in
# .venv, the map's browser libraries in static/vendor (air-gapped maps), and,
# with --test, Chromium and PostgreSQL for the browser and database tests.
# Only the package registries (PyPI, Debian, npm) are needed; nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

if [ $want_test = 1 ]; then
  apt_install chromium postgresql
fi
command -v npm >/dev/null || apt_install nodejs npm

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
if [ $want_test = 1 ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
fi
# The project itself, as the package geo with its `geo` command (pyproject.toml); editable: the checkout is it.
# (setuptools warns at length that the data folders are no Python packages: shown only if the install fails)
log=$(mktemp)
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e . >"$log" 2>&1 || { cat "$log"; exit 1; }
rm -f "$log"

[ -f static/vendor/leaflet/leaflet.js ] || bash scripts/install_assets.sh >/dev/null
# Build the gazetteer index once (about a minute), so the first request is fast.
.venv/bin/python -c "from geo.places.gazetteer import Gazetteer; Gazetteer.default()"
echo "setup: done"
