#!/usr/bin/env bash
# Fetches Prometheus 3.x (with promtool) from Debian sid into .cache/deps/prometheus/
# without touching the system's apt sources: a private sources dir and lists dir.
# Prints the directory holding the `prometheus` and `promtool` binaries.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/.cache/deps/prometheus"
if [ -x "$dest/usr/bin/prometheus" ] && [ -x "$dest/usr/bin/promtool" ]; then
  echo "$dest/usr/bin"; exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sources" "$work/lists/partial" "$work/archives/partial"
echo "deb http://deb.debian.org/debian sid main" > "$work/sources/sid.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/sources/sid.list" -o "Dir::Etc::SourceParts=$work/sources"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::Archives=$work/archives" -o "Debug::NoLocking=1")
apt-get "${apt_opts[@]}" update -qq >&2
(cd "$work" && apt-get "${apt_opts[@]}" download prometheus promtool >&2)
debs=("$work"/prometheus_*.deb "$work"/promtool_*.deb)
rm -rf "$dest"; mkdir -p "$dest"
for d in "${debs[@]}"; do dpkg -x "$d" "$dest"; done
"$dest/usr/bin/prometheus" --version | head -n1 >&2
echo "$dest/usr/bin"
