/**
 * POSIX sh fragments of the supply-chain gates (signing, provenance, verify instructions), shared by both
 * emitters; their gate result files are written with the shared TSV writer of gate-scripts.ts. Values reach them
 * through environment variables; each is run for real by test/emit/supply-chain-scripts.test.ts (dash and bash)
 * and linted by shellcheck through the golden files.
 */

/** sh function printing its argument as a JSON string (backslashes and double quotes escaped). */
const JSON_STRING_FN = `json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\\\/\\\\\\\\/g; s/"/\\\\"/g')"; }`;

/**
 * Sign every published image index listed in `publishedFile` (`repository@sha256:…` lines) keylessly with cosign,
 * recursively (the index and each platform manifest), and, given a predicate file, attest it for the index as
 * SLSA v1 provenance. Ends the script successfully, saying so, when nothing was published on this ref.
 * Identity: the CI system's OIDC token (GitHub `id-token: write`; GitLab `SIGSTORE_ID_TOKEN`).
 *
 * @see https://docs.sigstore.dev/cosign/signing/signing_with_containers/
 * @see https://docs.sigstore.dev/cosign/verifying/attestation/
 */
export function signPublishedScript(publishedFile: string, predicateFile?: string): string {
  return [
    `if [ ! -s ${publishedFile} ]; then echo "dockyard: no image index was published on this ref; nothing to sign"; exit 0; fi`,
    'while IFS= read -r ref; do',
    '  if [ -z "$ref" ]; then continue; fi',
    '  cosign sign --yes --recursive "$ref"',
    ...(predicateFile ? [`  cosign attest --yes --type slsaprovenance1 --predicate ${predicateFile} "$ref"`] : []),
    `done < ${publishedFile}`,
  ].join('\n');
}

/**
 * Write a SLSA v1 provenance predicate for a GitLab pipeline from its predefined variables: the source repository
 * and commit, the CI config file and ref, the pipeline (invocation) and the runner (builder). dockyard's build
 * type is documented in docs/gates.md. The values are escaped for JSON; ref names cannot hold control characters.
 *
 * @param file shell word of the output file.
 * @see https://slsa.dev/spec/v1.0/provenance
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/
 */
export function gitlabProvenanceScript(file: string): string {
  return [
    JSON_STRING_FN,
    'if [ -n "${CI_COMMIT_TAG:-}" ]; then git_ref="refs/tags/$CI_COMMIT_TAG"; else git_ref="refs/heads/${CI_COMMIT_BRANCH:-$CI_COMMIT_REF_NAME}"; fi',
    `mkdir -p "$(dirname ${file})"`,
    '{',
    '  printf \'{"buildDefinition":{"buildType":"urn:dockyard:gitlab-ci-pipeline:v1",\'',
    '  printf \'"externalParameters":{"repository":%s,"ref":%s,"configPath":%s,"pipelineSource":%s},\' "$(json_string "$CI_PROJECT_URL")" "$(json_string "$git_ref")" "$(json_string "$CI_CONFIG_PATH")" "$(json_string "$CI_PIPELINE_SOURCE")"',
    '  printf \'"internalParameters":{"serverUrl":%s,"projectId":%s},\' "$(json_string "$CI_SERVER_URL")" "$(json_string "$CI_PROJECT_ID")"',
    '  printf \'"resolvedDependencies":[{"uri":%s,"digest":{"gitCommit":%s}}]},\' "$(json_string "git+$CI_PROJECT_URL@$git_ref")" "$(json_string "$CI_COMMIT_SHA")"',
    '  printf \'"runDetails":{"builder":{"id":%s},\' "$(json_string "$CI_SERVER_URL/$CI_PROJECT_PATH/-/runners/$CI_RUNNER_ID")"',
    '  printf \'"metadata":{"invocationId":%s,"startedOn":%s}}}\\n\' "$(json_string "$CI_PIPELINE_URL")" "$(json_string "$CI_PIPELINE_CREATED_AT")"',
    `} > ${file}`,
  ].join('\n');
}

/**
 * Write a SLSA v1 provenance predicate for a GitHub Actions run from its default environment variables, in the
 * shape actions/attest-build-provenance writes (build type `https://actions.github.io/buildtypes/workflow/v1`):
 * the workflow (ref, repository, path), the event, repository and owner ids and runner environment, the source
 * commit, the builder (the workflow file at its ref) and the run attempt as invocation. Used where GitHub's artifact
 * attestations are not available (private repositories outside Enterprise Cloud), for `cosign attest`. In a
 * reusable workflow `GITHUB_WORKFLOW_REF` names the caller, so the builder is the calling workflow.
 *
 * @param file shell word of the output file.
 * @see https://github.com/actions/toolkit/blob/main/packages/attest/src/provenance.ts
 * @see https://docs.github.com/actions/reference/workflows-and-actions/variables#default-environment-variables
 */
export function githubProvenanceScript(file: string): string {
  return [
    JSON_STRING_FN,
    'workflow=${GITHUB_WORKFLOW_REF%%@*}',
    'workflow_ref=${GITHUB_WORKFLOW_REF#*@}',
    `mkdir -p "$(dirname ${file})"`,
    '{',
    '  printf \'{"buildDefinition":{"buildType":"https://actions.github.io/buildtypes/workflow/v1",\'',
    '  printf \'"externalParameters":{"workflow":{"ref":%s,"repository":%s,"path":%s}},\' "$(json_string "$workflow_ref")" "$(json_string "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY")" "$(json_string "${workflow#"$GITHUB_REPOSITORY/"}")"',
    '  printf \'"internalParameters":{"github":{"event_name":%s,"repository_id":%s,"repository_owner_id":%s,"runner_environment":%s}},\' "$(json_string "$GITHUB_EVENT_NAME")" "$(json_string "$GITHUB_REPOSITORY_ID")" "$(json_string "$GITHUB_REPOSITORY_OWNER_ID")" "$(json_string "$RUNNER_ENVIRONMENT")"',
    '  printf \'"resolvedDependencies":[{"uri":%s,"digest":{"gitCommit":%s}}]},\' "$(json_string "git+$GITHUB_SERVER_URL/$GITHUB_REPOSITORY@$GITHUB_REF")" "$(json_string "$GITHUB_SHA")"',
    '  printf \'"runDetails":{"builder":{"id":%s},\' "$(json_string "$GITHUB_SERVER_URL/$GITHUB_WORKFLOW_REF")"',
    '  printf \'"metadata":{"invocationId":%s}}}\\n\' "$(json_string "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID/attempts/$GITHUB_RUN_ATTEMPT")"',
    `} > ${file}`,
  ].join('\n');
}

/**
 * sh that sets `DOCKYARD_CERT_IDENTITY` and `DOCKYARD_CERT_ISSUER` to what a GitLab keyless signature's certificate
 * holds: `<project URL>//<CI config path>@<ref>` and the GitLab instance URL.
 *
 * @see https://docs.gitlab.com/ci/yaml/signing_examples/
 */
export const GITLAB_CERT_IDENTITY =
  'if [ -n "${CI_COMMIT_TAG:-}" ]; then git_ref="refs/tags/$CI_COMMIT_TAG"; else git_ref="refs/heads/${CI_COMMIT_BRANCH:-$CI_COMMIT_REF_NAME}"; fi\n' +
  'DOCKYARD_CERT_IDENTITY="$CI_PROJECT_URL//$CI_CONFIG_PATH@$git_ref"\n' +
  'DOCKYARD_CERT_ISSUER="$CI_SERVER_URL"';

/**
 * Write Markdown instructions that verify every published index in `publishedFile`: `cosign verify` with the
 * certificate identity and issuer (`$DOCKYARD_CERT_IDENTITY`, `$DOCKYARD_CERT_ISSUER`) and, by
 * `$DOCKYARD_PROVENANCE` (`github`, `cosign` or empty), `gh attestation verify … --repo $GITHUB_REPOSITORY` or
 * `cosign verify-attestation --type slsaprovenance1 …`. Writes nothing when nothing was published.
 *
 * @param out shell word of the Markdown file (appended to, so `"$GITHUB_STEP_SUMMARY"` works).
 * @see https://docs.sigstore.dev/cosign/verifying/verify/
 * @see https://cli.github.com/manual/gh_attestation_verify
 */
export function verifyInstructionsScript(publishedFile: string, out: string): string {
  const identity = `--certificate-identity '$DOCKYARD_CERT_IDENTITY' --certificate-oidc-issuer '$DOCKYARD_CERT_ISSUER'`;
  return [
    `if [ -s ${publishedFile} ]; then`,
    '{',
    "  printf '## Verify the published images\\n\\n```sh\\n'",
    '  while IFS= read -r ref; do',
    '    if [ -z "$ref" ]; then continue; fi',
    `    printf '%s\\n' "cosign verify '$ref' ${identity}"`,
    '    case "${DOCKYARD_PROVENANCE:-}" in',
    `      github) printf '%s\\n' "gh attestation verify 'oci://$ref' --repo '$GITHUB_REPOSITORY'" ;;`,
    `      cosign) printf '%s\\n' "cosign verify-attestation --type slsaprovenance1 '$ref' ${identity}" ;;`,
    '    esac',
    `  done < ${publishedFile}`,
    "  printf '```\\n'",
    `} >> ${out}`,
    'fi',
  ].join('\n');
}

/**
 * Inside a loop over `$repository` (the manifest job, after the index was pushed under `$first_tag`): read the
 * index back with skopeo into `indexFile`, fail unless it lists the pushed digest of every platform slug in
 * `$DOCKYARD_SLUGS` (files named by slug in the working directory: the tag must not have been moved to another
 * image meanwhile), and append `$repository@<index digest>` to `publishedFile` for the sign job.
 *
 * @see https://github.com/containers/skopeo/blob/main/docs/skopeo-manifest-digest.1.md
 */
export function recordPublishedIndexScript(indexFile: string, publishedFile: string): string {
  return [
    `  skopeo inspect --raw "docker://$first_tag" > ${indexFile}`,
    '  for slug in $DOCKYARD_SLUGS; do',
    `    if ! jq -e --arg d "$(cat "$slug")" 'any(.manifests[]; .digest == $d)' ${indexFile} > /dev/null; then echo "dockyard: $first_tag does not hold the pushed $slug digest; not signing another image" >&2; exit 1; fi`,
    '  done',
    `  printf '%s@%s\\n' "$repository" "$(skopeo manifest-digest ${indexFile})" >> ${publishedFile}`,
  ].join('\n');
}

/**
 * For each repository of `$DOCKYARD_REPOSITORIES` (in order, index i from 0), write the step output `digest<i>`:
 * the index digest published there (from `publishedFile`, empty when none), and `any=true|false`.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/passing-information-between-jobs
 */
export function publishedDigestOutputsScript(publishedFile: string): string {
  return [
    'any=false',
    'i=0',
    'for repository in $DOCKYARD_REPOSITORIES; do',
    '  digest=',
    '  while IFS= read -r line; do',
    '    case "$line" in "$repository@"*) digest=${line#"$repository@"} ;; esac',
    `  done < ${publishedFile}`,
    '  echo "digest$i=$digest" >> "$GITHUB_OUTPUT"',
    '  if [ -n "$digest" ]; then any=true; fi',
    '  i=$((i + 1))',
    'done',
    'echo "any=$any" >> "$GITHUB_OUTPUT"',
  ].join('\n');
}
