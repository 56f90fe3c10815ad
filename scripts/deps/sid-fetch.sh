#!/usr/bin/env bash
# Usage: sid-fetch.sh DEST PACKAGE...
# Downloads PACKAGEs (not their dependencies) from Debian sid and unpacks them with `dpkg -x` into
# DEST, replacing what was there, without touching the system's apt sources or state: a private
# sources list, lists dir and download dir in a temp dir. DEST appears whole or not at all.
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: $0 DEST PACKAGE..." >&2; exit 2; fi
dest="$1"; shift
work="$(mktemp -d)"
staging="$dest.partial.$$"
trap 'rm -rf "$work" "$staging"' EXIT
mkdir -p "$work/sources" "$work/lists/partial" "$work/archives/partial"
echo "deb http://deb.debian.org/debian sid main" > "$work/sources/sid.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/sources/sid.list" -o "Dir::Etc::SourceParts=$work/sources"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::Archives=$work/archives" -o "Debug::NoLocking=1"
  -o "APT::Sandbox::User=root")
apt-get "${apt_opts[@]}" update -qq
(cd "$work" && apt-get "${apt_opts[@]}" download "$@")
mkdir -p "$staging"
for pkg in "$@"; do
  debs=("$work/${pkg}"_*.deb)
  if [ ! -f "${debs[0]}" ]; then echo "sid-fetch: apt-get downloaded no .deb for $pkg" >&2; exit 1; fi
  dpkg -x "${debs[0]}" "$staging"
  echo "sid-fetch: $(dpkg-deb --show --showformat='${Package} ${Version}' "${debs[0]}")" >&2
done
rm -rf "$dest"
mv "$staging" "$dest"
