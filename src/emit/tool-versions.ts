/**
 * Versions of the supply-chain tools, the same on both CI systems: the GitHub actions install exactly these
 * (`grype-version`, `syft-version`, `cosign-release`), and the GitLab images in gitlab-images.ts carry the same
 * versions (a test checks). Bumped deliberately, with the actions' own defaults as a guide.
 *
 * @see https://github.com/anchore/grype/releases
 * @see https://github.com/anchore/syft/releases
 * @see https://github.com/sigstore/cosign/releases
 */
export const TOOL_VERSIONS = {
  grype: 'v0.110.0',
  syft: 'v1.42.3',
  cosign: 'v3.0.6',
} as const;
