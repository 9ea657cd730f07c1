import { HADOLINT_IMAGE } from '../../emit/tool-images.js';

/**
 * Container images the GitLab jobs run in, pinned to exact versions (one table, bumped deliberately).
 * buildah is the daemonless default builder (kaniko is archived); it runs rootless-friendly with the vfs
 * storage driver and chroot isolation.
 *
 * @see https://github.com/containers/buildah/blob/main/docs/containertools/README.md
 * @see https://trivy.dev/latest/getting-started/installation/#use-container-image
 * @see https://hub.docker.com/_/node
 * @see https://hub.docker.com/r/hadolint/hadolint
 * @see https://github.com/anchore/grype/issues/1335 (the `-debug` images have a shell)
 * @see https://github.com/sigstore/cosign/blob/main/Makefile (the `-dev` images are distroless `debug-nonroot`)
 * @see https://github.com/kubernetes/kubernetes/blob/master/build/server-image/kubectl/Dockerfile (registry.k8s.io/kubectl)
 * @see https://hub.docker.com/r/curlimages/curl
 */
export const GITLAB_IMAGES = {
  buildah: 'quay.io/buildah/stable:v1.43.0',
  skopeo: 'quay.io/skopeo/stable:v1.22.2',
  trivy: 'docker.io/aquasec/trivy:0.69.3',
  node: 'docker.io/library/node:24.19.0-alpine',
  hadolint: HADOLINT_IMAGE,
  // The supply-chain tools' images are distroless; these variants add the busybox shell GitLab jobs need.
  grype: 'docker.io/anchore/grype:v0.110.0-debug',
  syft: 'docker.io/anchore/syft:v1.42.3-debug',
  cosign: 'ghcr.io/sigstore/cosign/cosign:v3.0.6-dev',
  // Deploy commands run in Kubernetes' own kubectl image by default (Debian with sh, bash, coreutils, grep, sed,
  // gawk and jq beside kubectl), the tool set of the documented example and of GitHub's default (the runner, which
  // has kubectl); its entrypoint is kubectl, so the deploy job sets `entrypoint: [""]` (gitlab-deploy-notify-jobs.ts).
  kubectl: 'registry.k8s.io/kubectl:v1.34.1',
  // notify needs curl (and busybox awk, head, cat).
  curl: 'docker.io/curlimages/curl:8.17.0',
} as const;
