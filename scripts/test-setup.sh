#!/usr/bin/env bash
# The first step of `npm test`: installs what the test suites need beyond `npm ci`.
#   - Debian packages: LibreOffice and poppler (the Word export tests open .docx files and
#     picture their pages), fonts for those pages;
#   - then scripts/e2e-setup.sh: Chromium, Node 24 and the offline VS Code (code-server) for
#     the browser and VS Code integration tests.
# Idempotent and unattended (CI=true, no stdin). Needs root or password-less sudo for apt-get.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APT_PACKAGES=(libreoffice-writer-nogui poppler-utils fonts-liberation2)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
  echo "[test-setup] apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq </dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
else
  echo "[test-setup] Debian packages present (${APT_PACKAGES[*]})"
fi
bash "$ROOT/scripts/e2e-setup.sh"
