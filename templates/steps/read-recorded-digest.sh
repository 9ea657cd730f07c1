#!/bin/sh
# Sets $digest to the digest recorded in $dir/digest, failing unless it is exactly one sha256:<64 hex> (so nothing
# else reaches an image reference or a step output).
# https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests
# Input: $dir (set by the step before).
# shellcheck disable=SC2154 # dir: set by the step before

digest=$(cat "$dir/digest")
if ! expr "$digest" : 'sha256:[0-9a-f]\{64\}$' >/dev/null; then echo "dockyard: $dir/digest does not hold a sha256 digest" >&2; exit 1; fi
