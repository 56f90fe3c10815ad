#!/usr/bin/env bash
# What the tests need from the system, in order: Debian packages (Chromium, Xvfb, docker.io,
# busybox-static, git, curl, tmux, fonts), a Docker engine that answers, Prometheus 3.5 and
# VictoriaMetrics from Debian sid in .cache/deps. Each part does nothing when its work is done, so a
# second run takes about a second. On a failure it names the part and exits with its code.
set -euo pipefail
deps="$(cd "$(dirname "$0")/../deps" && pwd)"

part() {
  local title="$1"; shift
  local started=$SECONDS code=0
  "$@" || code=$?
  if [ "$code" -ne 0 ]; then
    echo "setup: $title failed (exit $code)" >&2
    exit "$code"
  fi
  echo "setup: $title ok ($((SECONDS - started)) s)" >&2
}

part "Debian packages" bash "$deps/debian.sh"
part "Docker engine" bash "$deps/docker.sh"
part "Prometheus (.cache/deps/prometheus)" bash "$deps/prometheus.sh" >/dev/null
part "VictoriaMetrics (.cache/deps/victoria-metrics)" bash "$deps/victoria-metrics.sh" >/dev/null
