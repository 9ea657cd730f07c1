#!/usr/bin/env bash
# Undoes what scripts/e2e-setup.sh changed in the kernel: the qemu-aarch64 binfmt_misc registration, only if
# e2e-setup.sh made it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .e2e/binfmt-registered-by-dockyard ] && [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  echo -1 > /proc/sys/fs/binfmt_misc/qemu-aarch64
  rm -f .e2e/binfmt-registered-by-dockyard
  echo "e2e teardown: qemu-aarch64 binfmt registration removed"
fi
