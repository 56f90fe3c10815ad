#!/usr/bin/env bash
# Builds the local test images (no registry here) with `docker import` of root filesystems made
# from Debian binaries:
#   ccmon-test/prometheus-debian:3.5.3  Debian sid's Prometheus 3.5.3 (real), its shared libs, and a
#                                       wrapper that drops --web.enable-otlp-receiver, a flag Debian's
#                                       build does not have (its OTLP receiver is compiled out).
#   ccmon-test/loki-standin:1           NOT Loki: busybox httpd answering GET /ready on :3100.
#   ccmon-test/grafana-standin:1        NOT Grafana: busybox httpd answering GET /api/health on :3000.
#   ccmon-test/crash-standin:1          prints a few log lines and exits 1 (the "exits at start" fault).
# The stand-ins check that the stack handed them their configuration (the files put into the
# container before start) and exit with an error when it did not.
# Idempotent: an image that exists is kept unless --force. Prints the image names, one a line.
# --remove deletes these four images (and nothing else).
# Needs an engine (bash scripts/deps/docker.sh) and root for apt-get download.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
force=0; remove=0
[ "${1:-}" = "--force" ] && force=1
[ "${1:-}" = "--remove" ] && remove=1
docker_cmd=(docker); [ -n "${DOCKER_HOST:-}" ] && docker_cmd=(docker -H "$DOCKER_HOST")

PROM_IMAGE=ccmon-test/prometheus-debian:3.5.3
LOKI_IMAGE=ccmon-test/loki-standin:1
GRAFANA_IMAGE=ccmon-test/grafana-standin:1
CRASH_IMAGE=ccmon-test/crash-standin:1

have() { "${docker_cmd[@]}" image inspect "$1" >/dev/null 2>&1; }

if [ "$remove" = 1 ]; then
  for image in "$PROM_IMAGE" "$LOKI_IMAGE" "$GRAFANA_IMAGE" "$CRASH_IMAGE"; do
    if have "$image"; then "${docker_cmd[@]}" rmi "$image" >/dev/null && echo "removed $image"; fi
  done
  exit 0
fi
need_build() { [ "$force" = 1 ] || ! have "$1"; }

busybox_bin() {
  local dir="$root/.cache/deps/busybox"
  if [ ! -x "$dir/bin/busybox" ]; then
    local work; work="$(mktemp -d)"
    (cd "$work" && apt-get download busybox-static >&2)
    rm -rf "$dir"; mkdir -p "$dir"; dpkg -x "$work"/busybox-static_*.deb "$dir"; rm -rf "$work"
  fi
  echo "$dir/bin/busybox"
}

# A rootfs with busybox (static) as /bin/busybox and /bin/sh.
base_rootfs() {
  local fs="$1"
  mkdir -p "$fs"/{bin,etc,tmp,srv/www}
  chmod 1777 "$fs/tmp"
  cp "$(busybox_bin)" "$fs/bin/busybox"
  ln -s busybox "$fs/bin/sh"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$fs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$fs/etc/group"
}

import_rootfs() {
  local fs="$1" image="$2"; shift 2
  local changes=()
  for c in "$@"; do changes+=(--change "$c"); done
  tar --numeric-owner -C "$fs" -c . | "${docker_cmd[@]}" import "${changes[@]}" - "$image" >/dev/null
  echo "$image"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if need_build "$PROM_IMAGE"; then
  bindir="$(bash "$root/scripts/deps/prometheus.sh")"
  fs="$work/prometheus"; base_rootfs "$fs"
  cp "$bindir/prometheus" "$fs/bin/prometheus-debian"
  cp "$bindir/promtool" "$fs/bin/promtool"
  # Shared libraries, as ldd lists them (dereferenced).
  for lib in $(ldd "$bindir/prometheus" "$bindir/promtool" | grep -oE '/[^ ]+\.so[^ ]*' | sort -u); do
    mkdir -p "$fs$(dirname "$lib")"; cp -L "$lib" "$fs$lib"
  done
  cat > "$fs/bin/prometheus" <<'WRAP'
#!/bin/sh
# Debian's Prometheus has no OTLP receiver and so no --web.enable-otlp-receiver flag: drop it.
for a in "$@"; do
  shift
  [ "$a" = "--web.enable-otlp-receiver" ] && continue
  set -- "$@" "$a"
done
exec /bin/prometheus-debian "$@"
WRAP
  chmod 755 "$fs/bin/prometheus"
  mkdir -p "$fs/etc/prometheus" "$fs/prometheus"
  chown 65534:65534 "$fs/prometheus"
  import_rootfs "$fs" "$PROM_IMAGE" \
    'ENTRYPOINT ["/bin/prometheus"]' \
    'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]' \
    'USER 65534' 'WORKDIR /prometheus' 'EXPOSE 9090' \
    'LABEL dev.ccmon.test-image=prometheus-debian'
else echo "$PROM_IMAGE"; fi

if need_build "$LOKI_IMAGE"; then
  fs="$work/loki"; base_rootfs "$fs"
  mkdir -p "$fs/usr/bin" "$fs/loki" "$fs/etc/loki"
  echo ready > "$fs/srv/www/ready"
  cat > "$fs/usr/bin/loki" <<'RUN'
#!/bin/sh
# ccmon test stand-in for Loki. This is NOT Loki: it answers GET /ready on :3100 and nothing else.
cfg=""
for a in "$@"; do case "$a" in -config.file=*) cfg="${a#-config.file=}";; esac; done
if [ -z "$cfg" ] || [ ! -f "$cfg" ]; then
  echo "level=error msg=\"loki stand-in: config file '$cfg' not found\"" >&2; exit 1
fi
date >> /loki/standin-starts 2>/dev/null
echo "level=info msg=\"loki stand-in: serving /ready on :3100 (config $cfg)\""
/bin/busybox httpd -f -p 3100 -h /srv/www & pid=$!
trap 'kill $pid; exit 0' TERM INT
wait $pid
RUN
  chmod 755 "$fs/usr/bin/loki"
  import_rootfs "$fs" "$LOKI_IMAGE" \
    'ENTRYPOINT ["/usr/bin/loki"]' 'CMD ["-config.file=/etc/loki/local-config.yaml"]' 'EXPOSE 3100' \
    'LABEL dev.ccmon.test-image=loki-standin'
else echo "$LOKI_IMAGE"; fi

if need_build "$GRAFANA_IMAGE"; then
  fs="$work/grafana"; base_rootfs "$fs"
  mkdir -p "$fs/srv/www/api" "$fs/var/lib/grafana" "$fs/etc/grafana/provisioning"
  echo '{"database":"ok","version":"0.0.0-standin","commit":"ccmon-test-standin"}' > "$fs/srv/www/api/health"
  cat > "$fs/run.sh" <<'RUN'
#!/bin/sh
# ccmon test stand-in for Grafana. This is NOT Grafana: it answers GET /api/health on :3000 and nothing else.
p="${GF_PATHS_PROVISIONING:-/etc/grafana/provisioning}"
if [ ! -d "$p/datasources" ]; then
  echo "logger=standin level=error msg=\"grafana stand-in: no provisioning in $p\"" >&2; exit 1
fi
case "${GF_SECURITY_ADMIN_PASSWORD:-admin}" in
  admin|"") echo "logger=standin level=error msg=\"grafana stand-in: refusing the default admin password\"" >&2; exit 1;;
esac
date >> /var/lib/grafana/standin-starts 2>/dev/null
echo "logger=standin level=info msg=\"grafana stand-in: serving /api/health on :3000\""
/bin/busybox httpd -f -p 3000 -h /srv/www & pid=$!
trap 'kill $pid; exit 0' TERM INT
wait $pid
RUN
  chmod 755 "$fs/run.sh"
  import_rootfs "$fs" "$GRAFANA_IMAGE" \
    'ENTRYPOINT ["/run.sh"]' 'EXPOSE 3000' 'LABEL dev.ccmon.test-image=grafana-standin'
else echo "$GRAFANA_IMAGE"; fi

if need_build "$CRASH_IMAGE"; then
  fs="$work/crash"; base_rootfs "$fs"
  cat > "$fs/crash.sh" <<'RUN'
#!/bin/sh
# ccmon test image: starts, logs, and exits 1, like a server refusing its configuration.
echo "level=info msg=\"crash stand-in starting\""
echo "level=error msg=\"crash stand-in: failed parsing config: this image exits on purpose\"" >&2
exit 1
RUN
  chmod 755 "$fs/crash.sh"
  import_rootfs "$fs" "$CRASH_IMAGE" 'ENTRYPOINT ["/crash.sh"]' 'LABEL dev.ccmon.test-image=crash-standin'
else echo "$CRASH_IMAGE"; fi
