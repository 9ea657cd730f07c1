#!/bin/sh
# Registry handoff, build job with a size gate: copies the candidate's manifest (the blob $dir/digest names) out of
# $dir/image.tar to $dir/manifest.json, which travels with the digest, and fails unless it hashes to that digest.
# https://github.com/opencontainers/image-spec/blob/main/image-layout.md#blobs
# Input: $dir (set by the step before).
# shellcheck disable=SC2154 # dir: set by the step before

digest=$(cat "$dir/digest")
if ! tar -xOf "$dir/image.tar" "blobs/sha256/${digest#sha256:}" > "$dir/manifest.json" || [ "sha256:$(sha256sum < "$dir/manifest.json" | cut -d ' ' -f 1)" != "$digest" ]; then
  echo "dockyard: no manifest for $digest in $dir/image.tar" >&2
  exit 1
fi
