#!/usr/bin/env bash
# Fetches VictoriaMetrics from Debian sid into .cache/deps/victoria-metrics/ (sid-fetch.sh). Debian's
# one `victoria-metrics` package carries the single-node server and vmauth, vmagent, vmalert, vmctl.
# Prints the directory holding the binaries.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$(cd "$here/../.." && pwd)/.cache/deps/victoria-metrics"
bins=(victoria-metrics vmauth vmagent vmalert vmctl)
present() {
  for b in "${bins[@]}"; do [ -x "$dest/usr/bin/$b" ] || return 1; done
}
if present; then echo "$dest/usr/bin"; exit 0; fi
bash "$here/sid-fetch.sh" "$dest" victoria-metrics >&2
if ! present; then echo "victoria-metrics: the package lacks one of ${bins[*]}" >&2; exit 1; fi
# Debian's builds print an empty version; what matters is that they run on this system's libraries.
for b in victoria-metrics vmauth vmagent vmalert; do "$dest/usr/bin/$b" -version >/dev/null; done
# vmctl has no -version; its --help logs a timing line to stderr, so show that only on a failure.
if ! out="$("$dest/usr/bin/vmctl" --help 2>&1)"; then echo "$out" >&2; exit 1; fi
echo "$dest/usr/bin"
