#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing (root only). Safe to run again:
# it only adds what's absent, and does nothing (quickly) when all are there.
set -euo pipefail

# command -> Debian package
declare -A wanted=(
  [chromium]=chromium
  [xvfb-run]=xvfb
  [dockerd]=docker.io
  [busybox]=busybox-static
  [git]=git
  [curl]=curl
  [tmux]=tmux
)
missing=()
for cmd in "${!wanted[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${wanted[$cmd]}")
done
# Fonts for legible screenshots (Chromium only pulls a minimal set).
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing Debian packages: ${missing[*]} (not root: install them with apt-get; tests that need them will say they skipped)" >&2
  else
    echo "deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=900 update -qq >&2
    apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
fi
