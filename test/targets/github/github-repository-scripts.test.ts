import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanReportSummaryScript } from '../../../src/targets/github/scan-report-script.js';
import { githubProvenanceScript } from '../../../src/emit/supply-chain-scripts.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-ghrepo-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SHELLS = ['dash', 'bash'] as const;

function run(shell: (typeof SHELLS)[number], script: string, env: Record<string, string> = {}) {
  return spawnSync(shell, ['-euc', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, DIR: dir, ...env },
  });
}

/** A SARIF 2.1.0 log as Trivy writes it: one run, results with a level (one without, which SARIF reads as `warning`). */
function sarif(levels: readonly (string | undefined)[]): string {
  const results = levels.map((level, i) => ({
    ruleId: `CVE-2026-${1000 + i}`,
    ...(level ? { level } : {}),
    message: { text: `finding ${i}` },
  }));
  return JSON.stringify({
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'Trivy' } }, results }],
  });
}

describe.each(SHELLS)('scanReportSummaryScript (%s)', (shell) => {
  const env = { DOCKYARD_PLATFORM: 'linux/arm64', DOCKYARD_REPORT_ARTIFACT: 'dockyard-scan-linux-arm64' };

  it.each([
    [
      'counts the findings per SARIF level, a result without a level as warning',
      ['error', 'error', 'warning', 'note', undefined],
      [
        '### Scan findings on linux/arm64: 5',
        '',
        '| SARIF level | findings |',
        '| --- | --- |',
        '| error | 2 |',
        '| note | 1 |',
        '| warning | 2 |',
      ],
    ],
    [
      'no findings: a zero and an empty table',
      [],
      ['### Scan findings on linux/arm64: 0', '', '| SARIF level | findings |', '| --- | --- |'],
    ],
  ])('%s', (_, levels, table) => {
    writeFileSync(join(dir, 'scan.sarif'), sarif(levels));
    writeFileSync(join(dir, 'summary.md'), '# earlier summary\n');
    const result = run(shell, scanReportSummaryScript('"$DIR/scan.sarif"', '"$DIR/summary.md"'), env);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8').split('\n')).toEqual([
      '# earlier summary',
      ...table,
      '',
      'Every finding (all severities) is in the artifact dockyard-scan-linux-arm64: this repository has no code scanning to upload it to.',
      '',
    ]);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])('fails, saying so, when the report is %s', (_, content) => {
    if (content !== undefined) writeFileSync(join(dir, 'scan.sarif'), content);
    const result = run(shell, scanReportSummaryScript('"$DIR/scan.sarif"', '"$DIR/summary.md"'), env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('dockyard: the scanner wrote no SARIF report');
  });
});

describe.each(SHELLS)('githubProvenanceScript (%s)', (shell) => {
  const env = {
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/api',
    GITHUB_REPOSITORY_ID: '123456',
    GITHUB_REPOSITORY_OWNER_ID: '7890',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/tags/v1.2.0',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '2',
    RUNNER_ENVIRONMENT: 'github-hosted',
  };

  it.each([
    [
      'a tag build',
      'acme/api/.github/workflows/dockyard.yml@refs/tags/v1.2.0',
      'refs/tags/v1.2.0',
      '.github/workflows/dockyard.yml',
    ],
    [
      'a ref holding @ (changesets tags)',
      'acme/api/.github/workflows/dockyard.yml@refs/tags/@acme/api@1.0.0',
      'refs/tags/@acme/api@1.0.0',
      '.github/workflows/dockyard.yml',
    ],
  ])('writes the predicate attest-build-provenance writes, for %s', (_, workflowRef, ref, path) => {
    const result = run(shell, githubProvenanceScript('"$DIR/out/provenance.json"'), {
      ...env,
      GITHUB_WORKFLOW_REF: workflowRef,
      GITHUB_REF: ref,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/provenance.json'), 'utf8'))).toEqual({
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: { workflow: { ref, repository: 'https://github.com/acme/api', path } },
        internalParameters: {
          github: {
            event_name: 'push',
            repository_id: '123456',
            repository_owner_id: '7890',
            runner_environment: 'github-hosted',
          },
        },
        resolvedDependencies: [
          { uri: `git+https://github.com/acme/api@${ref}`, digest: { gitCommit: 'f'.repeat(40) } },
        ],
      },
      runDetails: {
        builder: { id: `https://github.com/${workflowRef}` },
        metadata: { invocationId: 'https://github.com/acme/api/actions/runs/42/attempts/2' },
      },
    });
  });

  it('escapes quotes and backslashes in values for JSON', () => {
    const result = run(shell, githubProvenanceScript('"$DIR/p.json"'), {
      ...env,
      GITHUB_WORKFLOW_REF: 'acme/api/.github/workflows/a.yml@refs/heads/x"y\\z',
      GITHUB_REF: 'refs/heads/x"y\\z',
    });
    expect(result.status, result.stderr).toBe(0);
    const predicate = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8'));
    expect(predicate.buildDefinition.externalParameters.workflow.ref).toBe('refs/heads/x"y\\z');
  });
});
