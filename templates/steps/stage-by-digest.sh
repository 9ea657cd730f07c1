#!/bin/sh
# Registry handoff, build job: pushes $dir/image.tar, untagged, to the staging repository $DOCKYARD_STAGING by the
# recorded $digest (read-recorded-digest.sh); the registry checks the manifest against it.
# https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md
# Input: $dir, $digest (read-recorded-digest.sh), DOCKYARD_STAGING.
# shellcheck disable=SC2154 # dir, digest: set by read-recorded-digest.sh

skopeo copy --retry-times 3 --preserve-digests "oci-archive:$dir/image.tar" "docker://$DOCKYARD_STAGING@$digest"
echo "staged candidate (untagged): $DOCKYARD_STAGING@$digest"
