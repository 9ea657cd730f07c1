#!/bin/sh
# Archive handoff, push job: checks that $dir/image.tar still has the digest recorded at build time ($dir/digest),
# copies it by digest to every repository of $DOCKYARD_REPOSITORIES (space-separated), refusing any change of
# digest, and records the digest in $digests/$slug for the manifest job.
# https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md
# Input: $dir, $digests, $slug (set by the step before), DOCKYARD_REPOSITORIES.
# shellcheck disable=SC2154 # dir, digests, slug: set by the step before

recorded=$(cat "$dir/digest")
digest=$(tar -xOf "$dir/image.tar" index.json | sed -n 's/.*"digest": *"\(sha256:[0-9a-f]\{64\}\)".*/\1/p' | head -n 1)
if [ "$digest" != "$recorded" ]; then echo "dockyard: the archive has digest $digest, not the digest built and tested ($recorded); not publishing" >&2; exit 1; fi
for repository in $DOCKYARD_REPOSITORIES; do
  skopeo copy --retry-times 3 --preserve-digests "oci-archive:$dir/image.tar" "docker://$repository@$digest"
done
mkdir -p "$digests"
printf '%s\n' "$digest" > "$digests/$slug"
