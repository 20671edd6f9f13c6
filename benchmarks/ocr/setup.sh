#!/usr/bin/env bash
# Fonts for the OCR benchmark's page generator (DejaVu is enough; Liberation and Noto add
# variety) and the dev tools it uses (rapidfuzz, reportlab). Run from the repository root.
set -euo pipefail
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
missing=()
for package in fonts-dejavu-core fonts-liberation2 fonts-noto-core; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e '.[dev]'
