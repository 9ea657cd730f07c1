#!/usr/bin/env bash
# Runs `.ci/run` the way CI meets it on a new machine: in a clean Debian 12 (bookworm) root made by debootstrap
# (variant minbase: no shellcheck, git, rsync, buildah, ... — nothing a developer installed by hand), with this
# machine's Node.js and npm bind-mounted read-only, a clean clone of this repository's HEAD at /work/dockyard and
# a read-only copy of ../shared beside it, as CI lays them out. `.ci/run` must install every Debian package the
# tests use; a missing one fails the run (under CI=true a test whose tool is missing fails, it never skips).
#
# Usage (as root):  bash scripts/ci-in-clean-root.sh [--keep]
#   DOCKYARD_CLEAN_ROOT   where the root is made (default /var/tmp/dockyard-clean-root); wiped at every run
#   DOCKYARD_ROOT_CACHE   where the pristine debootstrap result is kept between runs (default /var/cache/dockyard-clean-root)
#   --keep                leave the root in place after the run (for a look inside); it is wiped on the next run
# The Debian mirror is the one this machine's apt uses (/etc/apt/sources.list*), so nothing else is reached.
# Exit status: that of `.ci/run` inside the root; the log is also written to "$DOCKYARD_CLEAN_ROOT.log".
# Processes left inside the root are stopped by PID and every mount is undone on exit.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
root=${DOCKYARD_CLEAN_ROOT:-/var/tmp/dockyard-clean-root}
cache=${DOCKYARD_ROOT_CACHE:-/var/cache/dockyard-clean-root}
keep=false
[ "${1:-}" = "--keep" ] && keep=true

if [ "$(id -u)" -ne 0 ]; then echo "ci-in-clean-root: run as root (debootstrap, chroot and mounts need it)" >&2; exit 2; fi
for tool in debootstrap chroot git; do
  command -v "$tool" >/dev/null || { echo "ci-in-clean-root: $tool is missing (apt-get install debootstrap git)" >&2; exit 2; }
done
shared="$repo/../shared"
[ -d "$shared" ] || { echo "ci-in-clean-root: $shared is missing; CI always has it" >&2; exit 2; }

# The first deb822 URIs (or one-line `deb URL`) of this machine's apt sources.
mirror=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
if [ -z "$mirror" ]; then
  mirror=$(sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n 1)
fi
[ -n "$mirror" ] || { echo "ci-in-clean-root: no Debian mirror found in /etc/apt/sources.list*" >&2; exit 2; }

# Undo every mount below the root (deepest first) and stop what still runs inside it.
cleanup() {
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ]; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  sleep 1
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    if [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ]; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
  grep -E " $root(/| )" /proc/self/mounts | awk '{print $2}' | sort -r | while read -r m; do
    umount -l "$(printf '%b' "$m")" 2>/dev/null || true
  done
  if [ "$keep" = false ]; then rm -rf --one-file-system "$root"; fi
}

# A leftover root from an interrupted run: unmount and remove it first.
if [ -e "$root" ]; then keep_was=$keep; keep=false; cleanup; keep=$keep_was; fi

if [ ! -x "$cache/bin/bash" ]; then
  echo "ci-in-clean-root: debootstrap bookworm (minbase) from $mirror into $cache"
  rm -rf "$cache.partial"
  debootstrap --variant=minbase bookworm "$cache.partial" "$mirror" >/dev/null
  mv "$cache.partial" "$cache"
fi
trap cleanup EXIT
cp -a "$cache" "$root"
# The root is a mount point of its own, as / is on a real machine: buildah makes the mounts of its RUN steps
# private with a recursive remount of /, which fails with EINVAL where / is a plain directory of a chroot.
mount --bind "$root" "$root"

# apt sources and name resolution as on this machine; Node.js and npm bind-mounted read-only.
rm -f "$root/etc/apt/sources.list"
cp -a /etc/apt/sources.list.d/. "$root/etc/apt/sources.list.d/" 2>/dev/null || true
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/sources.list"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# What a new machine of this kind has besides its packages: its CA certificates (the registries may be reached
# through a TLS proxy with its own CA) and npm's global config.
mkdir -p "$root/etc/ssl/certs" "$root/usr/local/share/ca-certificates" "$root/usr/etc"
[ -f /etc/ssl/certs/ca-certificates.crt ] && cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
for f in /etc/npmrc /usr/etc/npmrc; do [ -f "$f" ] && cp -L "$f" "$root$f"; done
node_bin=$(readlink -f "$(command -v node)")
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
touch "$root/usr/bin/node"
mount --bind "$node_bin" "$root/usr/bin/node" && mount -o remount,bind,ro "$root/usr/bin/node"
mkdir -p "$root/usr/lib/node_modules/npm"
mount --bind "$npm_dir" "$root/usr/lib/node_modules/npm" && mount -o remount,bind,ro "$root/usr/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/bin/npx"

# The kernel file systems the tests use (buildah, a private dockerd, binfmt_misc for arm64 emulation).
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys" && mount --make-rslave "$root/sys"
mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
mount -t tmpfs tmpfs "$root/run"
mount -t tmpfs -o size=8g tmpfs "$root/tmp"

# The checkout as CI lays it out: a clean clone of HEAD, ../shared beside it without write bits.
mkdir -p "$root/work"
git clone -q "$repo" "$root/work/dockyard"
git -C "$root/work/dockyard" checkout -q "$(git -C "$repo" rev-parse HEAD)"
cp -a "$shared" "$root/work/shared"
chmod -R a-w "$root/work/shared"

log="$root.log"
echo "ci-in-clean-root: running .ci/run at $(git -C "$repo" rev-parse --short HEAD) in $root (log: $log)"
start=$(date +%s)
set +e
# The machine's environment, as CI gets it, with the paths of the root.
chroot "$root" /usr/bin/env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  CI=true TERM=dumb bash -c 'cd /work/dockyard && bash .ci/run </dev/null' 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
echo "ci-in-clean-root: .ci/run exited $status after $(( $(date +%s) - start )) s"
exit "$status"
