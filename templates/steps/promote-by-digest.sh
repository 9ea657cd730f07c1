#!/bin/sh
# Registry handoff, push job: fetches the manifest stored under the recorded $digest in $DOCKYARD_STAGING, checks
# that it hashes to that digest and is not an image index, copies it by digest (--preserve-digests) to every
# repository of $DOCKYARD_REPOSITORIES and records the digest in $digests/$slug for the manifest job.
# https://github.com/containers/skopeo/blob/main/docs/skopeo-inspect.1.md
# https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md
# Input: $dir, $digest (read-recorded-digest.sh), $digests, $slug (set by the step before), DOCKYARD_STAGING,
# DOCKYARD_REPOSITORIES.
# shellcheck disable=SC2154 # dir, digest, digests, slug: set before this file

recorded=$digest
if ! skopeo inspect --retry-times 3 --raw "docker://$DOCKYARD_STAGING@$recorded" > "$dir/staged-manifest.json"; then
  echo "dockyard: $DOCKYARD_STAGING has no candidate $recorded, the digest built and tested (a cleanup may have removed it, or the recorded digest was changed after the build); not publishing" >&2
  exit 1
fi
digest="sha256:$(sha256sum < "$dir/staged-manifest.json" | cut -d ' ' -f 1)"
if [ "$digest" != "$recorded" ]; then echo "dockyard: the staged candidate has digest $digest, not the digest built and tested ($recorded); not publishing" >&2; exit 1; fi
if grep -q '"manifests"' "$dir/staged-manifest.json"; then echo "dockyard: $DOCKYARD_STAGING@$recorded is an image index, not the single-platform candidate the build recorded; not publishing" >&2; exit 1; fi
for repository in $DOCKYARD_REPOSITORIES; do
  skopeo copy --retry-times 3 --preserve-digests "docker://$DOCKYARD_STAGING@$digest" "docker://$repository@$digest"
done
mkdir -p "$digests"
printf '%s\n' "$digest" > "$digests/$slug"
