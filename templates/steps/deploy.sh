#!/bin/sh
# The deploy job: $line is the first line of the published file (repository@index-digest; empty when nothing was
# published on this ref: then nothing is deployed, exit 0). Exports DOCKYARD_IMAGE_REF, DOCKYARD_IMAGE,
# DOCKYARD_DIGEST and DOCKYARD_TAGS (that repository's tag names from DOCKYARD_TAG_LIST, full references one per
# line, space-separated) and runs $DOCKYARD_DEPLOY_COMMAND with sh -c; its exit status is the job's.
# Input: $line (set by the step before), DOCKYARD_ENVIRONMENT, DOCKYARD_DEPLOY_COMMAND, DOCKYARD_TAG_LIST.
# shellcheck disable=SC2154 # line: set by the step before

if [ -z "$line" ]; then echo "dockyard: nothing was published on this ref; $DOCKYARD_ENVIRONMENT not deployed"; exit 0; fi
DOCKYARD_IMAGE_REF=$line
DOCKYARD_IMAGE=${line%@*}
DOCKYARD_DIGEST=${line#*@}
DOCKYARD_TAGS=
while IFS= read -r ref; do
  case $ref in "$DOCKYARD_IMAGE":*) DOCKYARD_TAGS="$DOCKYARD_TAGS${DOCKYARD_TAGS:+ }${ref#"$DOCKYARD_IMAGE":}" ;; esac
done <<EOF
${DOCKYARD_TAG_LIST:-}
EOF
export DOCKYARD_IMAGE DOCKYARD_DIGEST DOCKYARD_IMAGE_REF DOCKYARD_TAGS
echo "dockyard: deploying $DOCKYARD_IMAGE_REF to $DOCKYARD_ENVIRONMENT"
sh -c "$DOCKYARD_DEPLOY_COMMAND"
