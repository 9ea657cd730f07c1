import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.js';
import { ACTION_PINS } from '../../src/targets/github/action-pins.js';
import { emitGithubWorkflow } from '../../src/targets/github/emit-github-workflow.js';
import { AFTER_GATE, TOKEN_CAN_WRITE } from '../../src/targets/github/github-scan-steps.js';
import { emitGitlabCi } from '../../src/targets/gitlab/emit-gitlab-ci.js';
import { GITLAB_IMAGES } from '../../src/targets/gitlab/gitlab-images.js';
import { TOOL_VERSIONS } from '../../src/emit/tool-versions.js';
import { planPipeline } from '../../src/model/plan-pipeline.js';
import { gitlabJobsById, gitlabNeedIds } from '../support/gitlab-jobs.js';
import { stepScripts } from '../support/step-scripts.js';

function plan(patch: Record<string, unknown> = {}) {
  const result = validateConfig({
    ci: ['github', 'gitlab'],
    image: { name: 'acme/api' },
    test: { commands: ['true'] },
    ...patch,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return planPipeline(result.config);
}

type Step = {
  name: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
};
type GhJob = { needs?: string[]; if?: string; permissions: Record<string, string>; steps: Step[] };
type GlJob = {
  image: unknown;
  script: string[];
  after_script?: string[];
  needs: string[];
  rules?: unknown;
  artifacts?: Record<string, unknown>;
  id_tokens?: unknown;
  variables?: Record<string, unknown>;
  stage: string;
};

const github = (patch: Record<string, unknown> = {}) =>
  emitGithubWorkflow(stepScripts, plan(patch)).jobs as unknown as Record<string, GhJob>;
const gitlab = (patch: Record<string, unknown> = {}) =>
  gitlabJobsById(emitGitlabCi(stepScripts, plan(patch), '.gitlab/dockyard-meta.mjs')) as unknown as Record<
    string,
    GlJob
  >;
const action = (step: Step) => step.uses?.split('@')[0] ?? step.name;
// Docker Hub first: GitLab's registry cache cannot live there (a nested repository), so these configs use cache 'local'.
const SIGNING_REGISTRIES = [
  { type: 'dockerhub', repository: 'acme/api' },
  { type: 'generic', host: 'registry.acme.example', credentials: { username: 'U', password: 'P' } },
];

describe('scan gate rendering', () => {
  it.each([
    [
      'trivy, defaults',
      {},
      ['actions/download-artifact', 'Unpack the candidate for Trivy', 'aquasecurity/trivy-action'],
    ],
    [
      'trivy, ignore file',
      { ignoreFile: '.trivyignore' },
      ['actions/checkout', 'actions/download-artifact', 'Unpack the candidate for Trivy', 'aquasecurity/trivy-action'],
    ],
    [
      'trivy, report',
      { report: true },
      [
        'actions/checkout',
        'actions/download-artifact',
        'Unpack the candidate for Trivy',
        'aquasecurity/trivy-action',
        'aquasecurity/trivy-action',
        'github/codeql-action/upload-sarif',
      ],
    ],
    ['grype, defaults', { scanner: 'grype' }, ['actions/download-artifact', 'anchore/scan-action']],
    [
      'grype, report',
      { scanner: 'grype', report: true },
      [
        'actions/checkout',
        'actions/download-artifact',
        'anchore/scan-action',
        'anchore/scan-action',
        'github/codeql-action/upload-sarif',
      ],
    ],
  ])('GitHub %s: steps in order', (_, scan, actions) => {
    expect(github({ ci: ['github'], scan }).scan.steps.map(action)).toEqual(actions);
  });

  it.each([
    [false, { contents: 'read' }],
    [true, { contents: 'read', 'security-events': 'write', actions: 'read' }],
  ])('GitHub report %s: the scan job alone gets security-events: write', (report, permissions) => {
    const jobs = github({ scan: { report }, sbom: {}, signing: {} });
    expect(jobs.scan.permissions).toEqual(permissions);
    for (const [id, job] of Object.entries(jobs))
      if (id !== 'scan') expect(job.permissions['security-events'], id).toBeUndefined();
  });

  it('GitHub report: the gate runs first; SARIF of every severity is written after it, passed or failed, and uploaded only where the token can write', () => {
    const steps = github({
      ci: ['github'],
      scan: { severities: ['CRITICAL'], report: true, ignoreFile: 'sec/.trivyignore' },
    }).scan.steps;
    const [gate, report, upload] = steps.slice(3);
    expect(gate).toMatchObject({
      id: 'gate',
      with: { severity: 'CRITICAL', 'exit-code': '1', format: 'table', trivyignores: 'sec/.trivyignore' },
    });
    expect(gate.if).toBeUndefined();
    expect(gate.with?.['skip-setup-trivy']).toBeUndefined();
    expect(report).toMatchObject({
      if: AFTER_GATE,
      with: {
        format: 'sarif',
        'exit-code': '0',
        output: '${{ runner.temp }}/dockyard-scan.sarif',
        trivyignores: 'sec/.trivyignore',
        'skip-setup-trivy': true,
      },
    });
    expect(report.with?.severity).toBeUndefined();
    expect(upload).toMatchObject({
      if: `${AFTER_GATE} && (${TOKEN_CAN_WRITE})`,
      with: { sarif_file: '${{ runner.temp }}/dockyard-scan.sarif', category: 'dockyard-scan-${{ matrix.slug }}' },
    });
    expect(AFTER_GATE).toBe("!cancelled() && (steps.gate.outcome == 'success' || steps.gate.outcome == 'failure')");
    expect(TOKEN_CAN_WRITE).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(TOKEN_CAN_WRITE).toContain("github.actor != 'dependabot[bot]'");
  });

  it.each([
    [['CRITICAL'], 'critical'],
    [['HIGH', 'CRITICAL'], 'high'],
    [['MEDIUM', 'HIGH', 'CRITICAL'], 'medium'],
    [['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'], 'low'],
  ])('Grype %j fails on %s on both platforms', (severities, failOn) => {
    const scan = { scanner: 'grype', severities, ignoreUnfixed: true, ignoreFile: '.grype.yaml' };
    const gate = github({ scan }).scan.steps.at(-1)!;
    expect(gate.with).toEqual({
      image: 'oci-archive:${{ runner.temp }}/dockyard/image.tar',
      'fail-build': true,
      'severity-cutoff': failOn,
      'only-fixed': true,
      'output-format': 'table',
      config: '.grype.yaml',
      'grype-version': TOOL_VERSIONS.grype,
    });
    const job = gitlab({ scan }).scan;
    expect(job.image).toEqual({ name: GITLAB_IMAGES.grype, entrypoint: [''] });
    expect(job.script).toEqual([
      `grype "oci-archive:dockyard/$DOCKYARD_SLUG/image.tar" --fail-on ${failOn} --only-fixed --config .grype.yaml`,
    ]);
  });

  /** The scan job's first line with the artifact handoff: the recorded digest, and the archive unpacked for Trivy. */
  const UNPACK =
    'dir="dockyard/$DOCKYARD_SLUG"\ndigest=$(cat "$dir/digest")\nif ! expr "$digest" : \'sha256:[0-9a-f]\\{64\\}$\' >/dev/null; then echo "dockyard: $dir/digest does not hold a sha256 digest" >&2; exit 1; fi\nrm -rf dockyard-candidate\nmkdir dockyard-candidate\ntar -xf "$dir/image.tar" -C dockyard-candidate';

  it.each([
    [
      'defaults',
      {},
      [UNPACK, 'trivy image --input "dockyard-candidate@$digest" --severity CRITICAL,HIGH --exit-code 1'],
      undefined,
    ],
    [
      'ignore file',
      { ignoreFile: 'sec/my ignore' },
      [
        UNPACK,
        'trivy image --input "dockyard-candidate@$digest" --severity CRITICAL,HIGH --exit-code 1 --ignorefile \'sec/my ignore\'',
      ],
      undefined,
    ],
    [
      'report',
      { report: true, ignoreUnfixed: true },
      [
        UNPACK,
        'trivy image --input "dockyard-candidate@$digest" --exit-code 0 --ignore-unfixed --format template --template "@/contrib/gitlab.tpl" --output gl-container-scanning-report.json',
        'trivy image --input "dockyard-candidate@$digest" --severity CRITICAL,HIGH --exit-code 1 --ignore-unfixed',
      ],
      { when: 'always', reports: { container_scanning: 'gl-container-scanning-report.json' }, expire_in: '30 days' },
    ],
  ])('GitLab Trivy %s', (_, scan, script, artifacts) => {
    const job = gitlab({ scan }).scan;
    expect(job.script).toEqual(script);
    expect(job.artifacts).toEqual(artifacts);
    expect(job.after_script).toBeUndefined();
  });

  it.each([
    [false, { paths: ['dockyard/gates/'], when: 'always', expire_in: '1 day' }],
    [
      true,
      {
        paths: ['dockyard/gates/'],
        when: 'always',
        reports: { container_scanning: 'gl-container-scanning-report.json' },
        expire_in: '30 days',
      },
    ],
  ])(
    'with the gate summary (report %s) the scan job records scan-<slug>, keeping the container scanning report',
    (report, artifacts) => {
      const patch = { sbom: {}, scan: { report, severities: ['CRITICAL'], ignoreUnfixed: true } };
      const job = gitlab(patch).scan;
      expect(job.artifacts).toEqual(artifacts);
      expect(job.after_script![0]).toContain(
        'if [ ! -s "$gates/scan-$DOCKYARD_SLUG.tsv" ]; then gate_result "scan-$DOCKYARD_SLUG" scan "$DOCKYARD_PLATFORM" "$result" "$figure" \'no CRITICAL finding (fixed only)\'; fi',
      );
      const steps = github(patch).scan.steps;
      expect(steps.slice(-2).map((s) => [s.name, s.if])).toEqual([
        ['Record the gate results', '${{ !cancelled() }}'],
        ['Upload the gate results', '${{ !cancelled() }}'],
      ]);
      expect(steps.at(-1)!.with).toMatchObject({ name: 'dockyard-gates-scan-${{ matrix.slug }}' });
    },
  );
});

describe('SBOM gate rendering', () => {
  it.each([
    ['spdx-json', 'spdx.json'],
    ['cyclonedx-json', 'cdx.json'],
  ])('GitHub %s: sbom-action on the candidate archive, uploaded for the configured days', (format, extension) => {
    const jobs = github({ sbom: { format, retentionDays: 14 } });
    const [download, syft, upload] = jobs.sbom.steps;
    expect(action(download)).toBe('actions/download-artifact');
    expect(syft.with).toEqual({
      image: 'oci-archive:${{ runner.temp }}/dockyard/image.tar',
      format,
      'output-file': `\${{ runner.temp }}/dockyard-sbom/sbom-\${{ matrix.slug }}.${extension}`,
      'upload-artifact': false,
      'upload-release-assets': false,
      'syft-version': TOOL_VERSIONS.syft,
    });
    expect(upload.with).toMatchObject({
      name: 'dockyard-sbom-${{ matrix.slug }}',
      'retention-days': 14,
      'if-no-files-found': 'error',
    });
    expect(jobs.sbom.needs).toEqual(['build']);
    expect(jobs.sbom.permissions).toEqual({ contents: 'read' });
    // The SBOM turns the gate summary on: push needs every gate job and the summary, which needs the SBOM.
    expect(jobs.push.needs).toEqual(['metadata', 'build', 'test', 'scan', 'sbom', 'gates']);
    expect(jobs.gates.needs).toEqual(['test', 'scan', 'sbom']);
    const record = jobs.sbom.steps.find((s) => s.name === 'Record the SBOM result')!;
    expect(record.run).toContain(
      `gate_result "sbom-$DOCKYARD_SLUG" sbom "$DOCKYARD_PLATFORM" pass ${format} generated`,
    );
    expect(jobs.sbom.steps.at(-1)!.with).toMatchObject({
      name: 'dockyard-gates-sbom-${{ matrix.slug }}',
      path: '${{ runner.temp }}/dockyard/gates',
    });
  });

  it.each([
    [
      'spdx-json',
      [
        'spdx-json=dockyard/sbom/sbom-$DOCKYARD_SLUG.spdx.json',
        'cyclonedx-json=dockyard/sbom/gl-sbom-$DOCKYARD_SLUG.cdx.json',
      ],
    ],
    ['cyclonedx-json', ['cyclonedx-json=dockyard/sbom/gl-sbom-$DOCKYARD_SLUG.cdx.json']],
  ])('GitLab %s: Syft writes %j; the CycloneDX file is the cyclonedx report', (format, outputs) => {
    const ci = gitlab({ sbom: { format } });
    const script = ci.sbom.script[0];
    expect([...script.matchAll(/--output "([^"]+)"/g)].map((m) => m[1])).toEqual(outputs);
    expect(script).toContain('syft scan "oci-archive:dockyard/$DOCKYARD_SLUG/image.tar"');
    expect(ci.sbom.image).toEqual({ name: GITLAB_IMAGES.syft, entrypoint: [''] });
    expect(ci.sbom.artifacts).toEqual({
      paths: ['dockyard/sbom/', 'dockyard/gates/'],
      reports: { cyclonedx: ['dockyard/sbom/gl-sbom-*.cdx.json'] },
      when: 'always',
      expire_in: '90 days',
    });
    expect(ci.sbom.script[1]).toContain(
      `gate_result "sbom-$DOCKYARD_SLUG" sbom "$DOCKYARD_PLATFORM" pass ${format} generated`,
    );
    expect(ci.sbom.after_script![0]).toContain(
      'if [ ! -s "$gates/sbom-$DOCKYARD_SLUG.tsv" ]; then gate_result "sbom-$DOCKYARD_SLUG" sbom',
    );
    expect(gitlabNeedIds(ci.push.needs)).toEqual(['build', 'test', 'scan', 'sbom', 'gates']);
    expect(gitlabNeedIds(ci.gates.needs)).toEqual(['test', 'scan', 'sbom']);
    expect(ci.gates.variables?.DOCKYARD_GATE_FILES).toBe('test-linux-amd64 scan-linux-amd64 sbom-linux-amd64');
    expect(ci.stages).toEqual(['metadata', 'build', 'test', 'scan', 'sbom', 'gates', 'push', 'manifest']);
  });
});

describe('signing and provenance rendering', () => {
  it.each([
    [true, { contents: 'read', packages: 'write', 'id-token': 'write', attestations: 'write' }],
    [false, { contents: 'read', packages: 'write', 'id-token': 'write' }],
  ])('GitHub provenance %s: only the sign job may request an OIDC token', (provenance, permissions) => {
    const jobs = github({
      registries: SIGNING_REGISTRIES,
      cache: 'local',
      scan: { report: true },
      sbom: {},
      signing: { provenance },
    });
    expect(jobs.sign.permissions).toEqual(permissions);
    expect(jobs.sign.needs).toEqual(['metadata', 'manifest', 'gates']);
    // Its own result, then the final table with every gate's row and its own.
    const record = jobs.sign.steps.find((s) => s.name === 'Record the signing result')!;
    expect(record.run).toContain(
      `gate_result sign sign - pass "$(grep -c . "$RUNNER_TEMP/dockyard-published/published" || true) indexes" ${provenance ? "'signed and attested'" : 'signed'}`,
    );
    const table = jobs.sign.steps.at(-1)!;
    expect(table).toMatchObject({ name: 'Summarise the gates', if: '${{ !cancelled() }}' });
    expect(table.env?.DOCKYARD_GATE_FILES).toBe('test-linux-amd64 scan-linux-amd64 sbom-linux-amd64 sign');
    expect(table.run).toContain('echo "dockyard: a gate failed or reported no result" >&2');
    expect(jobs.sign.if).toBe(
      "github.event_name != 'pull_request' && !(github.event.inputs.push == 'false') && needs.metadata.outputs.publishes == 'true'",
    );
    for (const [id, job] of Object.entries(jobs)) {
      if (id === 'sign') continue;
      expect(job.permissions['id-token'], id).toBeUndefined();
      expect(job.permissions.attestations, id).toBeUndefined();
    }
    const attest = jobs.sign.steps.filter((s) => action(s) === ACTION_PINS.attestProvenance.action);
    expect(attest.map((s) => [s.with?.['subject-name'], s.with?.['subject-digest'], s.if])).toEqual(
      provenance
        ? [
            [
              'index.docker.io/acme/api',
              '${{ steps.published.outputs.digest0 }}',
              "steps.published.outputs.digest0 != ''",
            ],
            [
              'registry.acme.example/acme/api',
              '${{ steps.published.outputs.digest1 }}',
              "steps.published.outputs.digest1 != ''",
            ],
          ]
        : [],
    );
    for (const step of attest)
      expect(step.with).toMatchObject({ 'push-to-registry': true, 'create-storage-record': false });
    const install = jobs.sign.steps.find((s) => action(s) === ACTION_PINS.cosignInstaller.action)!;
    expect(install.with).toEqual({ 'cosign-release': TOOL_VERSIONS.cosign });
    const verify = jobs.sign.steps.find((s) => s.name === 'Print the verify commands')!;
    expect(verify.env).toEqual({
      DOCKYARD_CERT_ISSUER: 'https://token.actions.githubusercontent.com',
      DOCKYARD_PROVENANCE: provenance ? 'github' : '',
    });
    expect(verify.run).toContain('DOCKYARD_CERT_IDENTITY="$GITHUB_SERVER_URL/$GITHUB_WORKFLOW_REF"');
    expect(verify.run).toContain('>> "$RUNNER_TEMP/dockyard-verify.md"');
    expect(verify.run).toContain('tee -a "$GITHUB_STEP_SUMMARY"');
  });

  it('GitHub: the manifest job records and uploads the published index digests only when signing', () => {
    const signed = github({ signing: {} }).manifest.steps;
    expect(signed.at(-1)!.with).toMatchObject({ name: 'dockyard-published', 'if-no-files-found': 'error' });
    expect(signed.find((s) => s.name === 'Create and push the image index')!.run).toContain('skopeo manifest-digest');
    const unsigned = github().manifest.steps;
    expect(unsigned.map((s) => s.name)).not.toContain('Upload the published digests');
    expect(unsigned.find((s) => s.name === 'Create and push the image index')!.run).not.toContain('skopeo');
  });

  it.each([
    [true, ['dockyard/verify.md', 'dockyard/gates.md', 'dockyard/gates/', 'dockyard/provenance.json']],
    [false, ['dockyard/verify.md', 'dockyard/gates.md', 'dockyard/gates/']],
  ])(
    'GitLab provenance %s: sign job with the pinned cosign image and SIGSTORE_ID_TOKEN, on protected refs only',
    (provenance, paths) => {
      const ci = gitlab({ registries: SIGNING_REGISTRIES, cache: 'local', signing: { provenance } });
      const sign = ci.sign;
      expect(sign.image).toEqual({ name: GITLAB_IMAGES.cosign, entrypoint: [''] });
      expect(sign.id_tokens).toEqual({ SIGSTORE_ID_TOKEN: { aud: 'sigstore' } });
      expect(sign.needs).toEqual(['manifest', 'gates']);
      expect(sign.rules).toEqual([
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' },
        { if: '$DOCKYARD_PUSH == "false"', when: 'never' },
        { if: '$CI_COMMIT_REF_PROTECTED == "true"' },
      ]);
      expect(sign.artifacts).toEqual({ paths, when: 'always', expire_in: '90 days' });
      expect(sign.variables?.DOCKYARD_GATE_FILES).toBe('test-linux-amd64 scan-linux-amd64 sign');
      expect(sign.script.at(-1)).toContain(
        `gate_result sign sign - pass "$(grep -c . dockyard/published || true) indexes" ${provenance ? "'signed and attested'" : 'signed'}`,
      );
      expect(sign.after_script![0]).toContain('if [ ! -s "$gates/sign.tsv" ]; then gate_result "sign" sign -');
      expect(sign.after_script![0]).toContain('mkdir -p dockyard && : > dockyard/gates.md');
      const script = sign.script.join('\n');
      expect(sign.script.slice(0, 2)).toEqual([
        'printf \'%s\' "$DOCKERHUB_TOKEN" | cosign login --username "$DOCKERHUB_USERNAME" --password-stdin "docker.io"',
        'printf \'%s\' "$P" | cosign login --username "$U" --password-stdin "registry.acme.example"',
      ]);
      expect(script).toContain('cosign sign --yes --recursive "$ref"');
      expect(
        script.includes('cosign attest --yes --type slsaprovenance1 --predicate dockyard/provenance.json "$ref"'),
      ).toBe(provenance);
      expect(script).toContain('cat dockyard/verify.md');
      for (const [id, job] of Object.entries(ci))
        if (id !== 'sign') expect((job as GlJob).id_tokens, id).toBeUndefined();
      expect(ci.manifest.artifacts).toEqual({ paths: ['dockyard/published'], expire_in: '1 day' });
      expect(ci.manifest.script.join('\n')).toContain('>> dockyard/published');
      expect(ci.stages).toEqual(['metadata', 'build', 'test', 'scan', 'gates', 'push', 'manifest', 'sign']);
    },
  );

  it('GitLab: without signing the manifest job keeps no artifacts and records nothing', () => {
    const manifest = gitlab().manifest;
    expect(manifest.artifacts).toBeUndefined();
    expect(manifest.script.join('\n')).not.toContain('dockyard/published');
  });
});

describe('tool versions', () => {
  it.each([
    ['grype', `docker.io/anchore/grype:${TOOL_VERSIONS.grype}-debug`],
    ['syft', `docker.io/anchore/syft:${TOOL_VERSIONS.syft}-debug`],
    ['cosign', `ghcr.io/sigstore/cosign/cosign:${TOOL_VERSIONS.cosign}-dev`],
  ] as const)('the GitLab %s image carries the version the GitHub action installs', (tool, image) => {
    expect(GITLAB_IMAGES[tool]).toBe(image);
  });
});
