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

# shellcheck source=apt-install.sh
source "$ROOT/scripts/apt-install.sh"
apt_install "[test-setup]" "${APT_PACKAGES[@]}"
bash "$ROOT/scripts/e2e-setup.sh"
