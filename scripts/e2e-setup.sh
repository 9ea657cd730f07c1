#!/usr/bin/env bash
# Prepares this machine for the end-to-end tests (test/e2e): the Debian packages they drive, QEMU user-mode
# emulation of arm64 (binfmt_misc), and a static arm64 busybox as the arm64 image (no registry has base images
# here). docker.io provides the Docker daemon the tests start privately (own data root and socket, no bridge) to
# pull and run the published image; Go, Python (venv) and passwd are copied into the stand-in base images of
# test/e2e/templates-build.test.ts. Idempotent; run as root. Undo the binfmt registration with scripts/e2e-teardown.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .e2e

need=()
# golang-go, python3 + python3-venv, passwd and ca-certificates are the runtimes the stand-in base images of the
# template builds are made of (test/support/stand-in-base-images.ts).
for pkg in buildah skopeo docker-registry busybox-static qemu-user-static docker.io golang-go python3 python3-venv passwd ca-certificates; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # Packages must not start services (docker.io would start a daemon with a docker0 bridge): deny service
  # starts with a policy-rc.d for the duration of the install, unless one exists already.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ip link show docker0 >/dev/null 2>&1; then ip link delete docker0 || true; fi

# arm64 emulation: register qemu-aarch64 with binfmt_misc unless it is registered already.
binfmt=/proc/sys/fs/binfmt_misc
if [ ! -e "$binfmt/register" ]; then
  mount -t binfmt_misc binfmt_misc "$binfmt" 2>/dev/null || true
fi
if [ -e "$binfmt/register" ] && [ ! -e "$binfmt/qemu-aarch64" ] && [ -f /usr/lib/binfmt.d/qemu-aarch64.conf ]; then
  if cat /usr/lib/binfmt.d/qemu-aarch64.conf > "$binfmt/register" 2>/dev/null; then
    touch .e2e/binfmt-registered-by-dockyard
  fi
fi

# A static arm64 busybox from Debian's archive.
if [ ! -x .e2e/busybox-arm64 ]; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
  fi
  apt-get update -qq
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download -qq busybox-static:arm64 2>/dev/null && dpkg-deb -x busybox-static_*_arm64.deb root)
  cp "$tmp/root/bin/busybox" .e2e/busybox-arm64
  rm -rf "$tmp"
fi

if [ -e "$binfmt/qemu-aarch64" ] && .e2e/busybox-arm64 true 2>/dev/null; then
  echo "e2e setup: arm64 emulation ready"
else
  echo "e2e setup: arm64 emulation unavailable; the end-to-end tests will run linux/amd64 only"
fi
