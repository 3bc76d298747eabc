# Sourced by test-setup.sh and e2e-setup.sh: apt_install PREFIX PACKAGE... installs the
# Debian packages that are not installed yet (as root, or with password-less sudo),
# unattended; says which, or that all were there.
apt_install() {
  local prefix="$1"
  shift
  local missing=() p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if ((${#missing[@]} == 0)); then
    echo "$prefix Debian packages present ($*)"
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo -n"; fi
  echo "$prefix apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq </dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
}
