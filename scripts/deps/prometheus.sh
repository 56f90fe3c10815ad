#!/usr/bin/env bash
# Fetches Prometheus 3.x (with promtool) from Debian sid into .cache/deps/prometheus/ (sid-fetch.sh).
# Prints the directory holding the `prometheus` and `promtool` binaries.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$(cd "$here/../.." && pwd)/.cache/deps/prometheus"
if [ -x "$dest/usr/bin/prometheus" ] && [ -x "$dest/usr/bin/promtool" ]; then
  echo "$dest/usr/bin"; exit 0
fi
bash "$here/sid-fetch.sh" "$dest" prometheus promtool >&2
"$dest/usr/bin/prometheus" --version | head -n1 >&2
echo "$dest/usr/bin"
