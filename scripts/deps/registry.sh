#!/usr/bin/env bash
# Fetches Debian's docker-registry (the CNCF distribution registry, 2.8) into .cache/deps/registry/
# without installing it system-wide, for the test of a real pull with per-layer progress.
# Prints the path of the `docker-registry` binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/.cache/deps/registry"
bin="$dest/usr/bin/docker-registry"
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download docker-registry >&2)
rm -rf "$dest"; mkdir -p "$dest"
dpkg -x "$work"/docker-registry_*.deb "$dest"
echo "$bin"
