#!/bin/sh
# Reads the manifest digest of the single image in the OCI archive $dir/image.tar from its index.json and writes it
# to $dir/digest; fails when the archive has no digest.
# https://github.com/opencontainers/image-spec/blob/main/image-layout.md
# Input: $dir (set by the step before).
# shellcheck disable=SC2154 # dir: set by the step before

digest=$(tar -xOf "$dir/image.tar" index.json | sed -n 's/.*"digest": *"\(sha256:[0-9a-f]\{64\}\)".*/\1/p' | head -n 1)
if [ -z "$digest" ]; then echo "dockyard: no manifest digest in $dir/image.tar" >&2; exit 1; fi
printf '%s\n' "$digest" > "$dir/digest"
echo "candidate digest: $digest"
