#!/bin/sh
# Registry handoff, build job with buildah only (GitLab's buildah image has no skopeo): wraps $dir/image.tar in a
# one-entry index (buildah push re-compresses layers, buildah manifest push --all copies instances as they are),
# finds the index digest with a dry run into a dir: directory, and pushes index and candidate by digest to
# $DOCKYARD_STAGING: no tag is written. https://github.com/containers/buildah/blob/main/docs/buildah-manifest-push.1.md
# Input: $dir, $digest (read-recorded-digest.sh), DOCKYARD_STAGING.
# shellcheck disable=SC2154 # dir, digest: set by read-recorded-digest.sh

buildah manifest create dockyard-stage >/dev/null
buildah manifest add dockyard-stage "oci-archive:$dir/image.tar"
rm -rf "$dir/stage-index"
buildah manifest push dockyard-stage "dir:$dir/stage-index"
if ! grep -q "\"$digest\"" "$dir/stage-index/manifest.json"; then echo "dockyard: the staging index does not hold the recorded candidate $digest" >&2; exit 1; fi
index="sha256:$(sha256sum < "$dir/stage-index/manifest.json" | cut -d ' ' -f 1)"
buildah manifest push --all dockyard-stage "docker://$DOCKYARD_STAGING@$index"
buildah manifest rm dockyard-stage >/dev/null
rm -rf "$dir/stage-index"
echo "staged candidate (untagged): $DOCKYARD_STAGING@$digest, in the untagged index $index"
