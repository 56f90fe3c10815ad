#!/usr/bin/env bash
# Makes a Docker engine answer on this machine (Debian; tests and CI).
# - installs Debian's docker.io when `dockerd` is missing (needs root);
# - starts `dockerd` in the background when no engine answers on the default socket;
# - idempotent: does nothing when an engine already answers.
# Logs of a dockerd started here go to ${CCMON_DOCKERD_LOG:-/var/log/ccmon-dockerd.log}.
# Exit status 0 when an engine answers at the end, 1 otherwise (with the reason on stderr).
set -euo pipefail
sock="${CCMON_DOCKER_SOCKET:-/var/run/docker.sock}"
log="${CCMON_DOCKERD_LOG:-/var/log/ccmon-dockerd.log}"

engine_answers() {
  curl -fsS --max-time 3 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1
}

if engine_answers; then
  echo "docker: an engine already answers on $sock" >&2
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "docker: dockerd is not installed and this is not root; install docker.io (apt-get install docker.io)" >&2
    exit 1
  fi
  echo "docker: installing Debian's docker.io" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq docker.io >&2
fi

if [ "$(id -u)" != 0 ]; then
  echo "docker: no engine answers on $sock and starting dockerd needs root" >&2
  exit 1
fi

# A dockerd we started earlier that is still starting up: wait for it rather than start a second one.
if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "docker: starting dockerd (log: $log)" >&2
  mkdir -p "$(dirname "$log")"
  # setsid: the daemon must outlive this script and the test runner that called it.
  setsid nohup dockerd --host "unix://$sock" ${CCMON_DOCKERD_ARGS:-} >>"$log" 2>&1 < /dev/null &
fi

for _ in $(seq 1 60); do
  if engine_answers; then
    echo "docker: engine ready on $sock ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))" >&2
    exit 0
  fi
  sleep 0.5
done
echo "docker: dockerd did not answer on $sock within 30 s; last log lines:" >&2
tail -n 20 "$log" >&2 || true
exit 1
