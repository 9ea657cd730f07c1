/**
 * Every third-party action a generated workflow uses, pinned by full commit SHA with its release tag
 * (rendered as `uses: owner/repo@<sha> # <tag>`, the form Dependabot and Renovate keep current).
 * A test checks each pin and every input dockyard passes against the actions' real input lists.
 *
 * @see https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
 */
export const ACTION_PINS = {
  checkout: { action: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  uploadArtifact: { action: 'actions/upload-artifact', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', tag: 'v7.0.0' },
  downloadArtifact: {
    action: 'actions/download-artifact',
    sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c',
    tag: 'v8.0.1',
  },
  cache: { action: 'actions/cache', sha: '27d5ce7f107fe9357f9df03efb73ab90386fccae', tag: 'v5.0.5' },
  setupQemu: { action: 'docker/setup-qemu-action', sha: '96fe6ef7f33517b61c61be40b68a1882f3264fb8', tag: 'v4.2.0' },
  setupBuildx: { action: 'docker/setup-buildx-action', sha: '37fe631027851001ddb9b187196cc803df7f5f0e', tag: 'v4.3.0' },
  login: { action: 'docker/login-action', sha: '4907a6ddec9925e35a0a9e82d7399ccc52663121', tag: 'v4.1.0' },
  metadata: { action: 'docker/metadata-action', sha: 'dc802804100637a589fabce1cb79ff13a1411302', tag: 'v6.2.0' },
  buildPush: { action: 'docker/build-push-action', sha: '53b7df96c91f9c12dcc8a07bcb9ccacbed38856a', tag: 'v7.3.0' },
  trivy: { action: 'aquasecurity/trivy-action', sha: 'ed142fd0673e97e23eac54620cfb913e5ce36c25', tag: 'v0.36.0' },
  uploadSarif: {
    action: 'github/codeql-action/upload-sarif',
    sha: '8aad20d150bbac5944a9f9d289da16a4b0d87c1e',
    tag: 'v4.36.2',
  },
  grype: { action: 'anchore/scan-action', sha: 'e1165082ffb1fe366ebaf02d8526e7c4989ea9d2', tag: 'v7.4.0' },
  sbom: { action: 'anchore/sbom-action', sha: 'e22c389904149dbc22b58101806040fa8d37a610', tag: 'v0.24.0' },
  cosignInstaller: {
    action: 'sigstore/cosign-installer',
    sha: '6f9f17788090df1f26f669e9d70d6ae9567deba6',
    tag: 'v4.1.2',
  },
  attestProvenance: {
    action: 'actions/attest-build-provenance',
    sha: 'a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32',
    tag: 'v4.1.0',
  },
} as const;

/** Key of {@link ACTION_PINS}. */
export type PinnedAction = keyof typeof ACTION_PINS;

/** A GitHub Actions step that calls a pinned action. */
export interface UsesStep {
  name: string;
  id?: string;
  if?: string;
  uses: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

/**
 * Inputs every step of an action gets, after the caller's. `actions/upload-artifact`: `overwrite: true`, because
 * since v4 an artifact name can be uploaded once per workflow run ("the action will fail if an artifact for the
 * given name already exists"), and "Re-run failed jobs" runs the failed jobs again in the same run, so their
 * uploads (candidate archives, digests, SBOMs, coverage reports, gate results) would fail with a conflict. With
 * it the earlier attempt's artifact of that name is deleted first; names stay unique per job and platform.
 *
 * @see https://github.com/actions/upload-artifact#inputs (`overwrite`)
 * @see https://github.com/actions/upload-artifact#overwriting-an-artifact
 * @see https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-workflow-runs/re-running-workflows-and-jobs
 */
export const ALWAYS_INPUTS: Partial<Record<PinnedAction, Record<string, string | number | boolean>>> = {
  uploadArtifact: { overwrite: true },
};

/**
 * Build a step that uses a pinned action. `with` entries whose value is `undefined` are dropped; the action's
 * {@link ALWAYS_INPUTS} are added (they win over the caller's).
 * The pin's tag is attached as a trailing YAML comment by the emitter (see `renderYaml`).
 */
export function useAction(
  key: PinnedAction,
  name: string,
  inputs: Record<string, string | number | boolean | undefined> = {},
  extra: { id?: string; if?: string; env?: Record<string, string> } = {},
): UsesStep {
  const pin = ACTION_PINS[key];
  const withInputs = {
    ...(Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined)) as Record<
      string,
      string | number | boolean
    >),
    ...ALWAYS_INPUTS[key],
  };
  return {
    name,
    ...(extra.id ? { id: extra.id } : {}),
    ...(extra.if ? { if: extra.if } : {}),
    uses: `${pin.action}@${pin.sha}`,
    ...(Object.keys(withInputs).length > 0 ? { with: withInputs } : {}),
    ...(extra.env && Object.keys(extra.env).length > 0 ? { env: extra.env } : {}),
  };
}

/** Map `owner/repo@sha` to the pinned release tag, for the trailing `# vX.Y.Z` comment. */
export function pinCommentFor(uses: string): string | undefined {
  const pin = Object.values(ACTION_PINS).find((p) => uses === `${p.action}@${p.sha}`);
  return pin?.tag;
}
