import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfig } from '../../../src/config/validate-config.js';
import { readRenderAssets } from '../../../src/io/read-assets.js';
import { renderPipelineFiles } from '../../../src/synth/render-pipeline-files.js';
import { computeMeta } from '../../../src/tags/compute-meta.js';
import { contextFromGitlab } from '../../../src/tags/gitlab-context.js';
import { readMetaOptionsFromEnv } from '../../../src/tags/github-context.js';
import { convertCaseToGitlab, type GithubCase, type RepoFixture } from '../../support/convert-case-to-gitlab.js';
import { HAS_CONFORMANCE, METADATA_ACTION_CASES } from '../../support/paths.js';

/*
 * The GitLab `metadata` job, exactly as rendered (its script and the committed helper), run with Node.js over
 * every docker/metadata-action conformance case converted to GitLab CI variables: its report must equal both
 * the case's expected output and dockyard's engine.
 */
interface Case extends GithubCase {
  id: string;
  kind: 'tagsLabels' | 'json';
  inputs: Record<string, string[] | undefined>;
  expected: { version?: unknown; tags?: string[]; labels?: string[]; annotations?: string[]; json?: unknown };
}
const file = HAS_CONFORMANCE
  ? (JSON.parse(readFileSync(METADATA_ACTION_CASES, 'utf8')) as { clock: string; repo: RepoFixture; cases: Case[] })
  : undefined;
if (!file) console.warn(`SKIPPED: GitLab metadata job conformance: ${METADATA_ACTION_CASES} is absent.`);

const work = mkdtempSync(join(tmpdir(), 'dockyard-meta-job-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const result = validateConfig({ ci: ['gitlab'], image: { name: 'acme/api' }, test: { commands: ['true'] } });
if (!result.ok) throw new Error('invalid');
const files = renderPipelineFiles(result.config, { configFile: 'c', command: 'x' }, readRenderAssets());
const job = (parse(files[0].content) as Record<string, { script: string[]; image: { name: string } }>).metadata;
const helper = files.find((f) => f.kind === 'helper')!;
mkdirSync(join(work, dirname(helper.path)), { recursive: true });
writeFileSync(join(work, helper.path), helper.content);

describe('GitLab metadata job', () => {
  it('runs the committed helper with Node.js in a pinned image', () => {
    expect(job.image.name).toMatch(/^docker\.io\/library\/node:\d+\.\d+\.\d+-alpine$/);
    expect(job.script).toEqual([`node ${helper.path} dockyard/meta.env dockyard/meta.json`]);
  });

  it('fails with a clear message on a bad tag line', () => {
    const run = spawnSync('sh', ['-euc', job.script.join('\n')], {
      cwd: work,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, DOCKYARD_META_TAGS: 'type=semver' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('type=semver needs the "pattern" attribute');
  });

  describe.skipIf(!file)('over every conformance case converted to GitLab', () => {
    it.each((file?.cases ?? []).map((c) => [c.id, c] as const))('%s', (_, testCase) => {
      const clock = new Date(file!.clock);
      const vars = { ...convertCaseToGitlab(testCase, file!.repo), CI_COMMIT_TIMESTAMP: clock.toISOString() };
      const env = {
        PATH: process.env.PATH ?? '',
        ...vars,
        SOURCE_DATE_EPOCH: String(clock.getTime() / 1000),
        DOCKYARD_META_IMAGES: (testCase.inputs.images ?? []).join('\n'),
        DOCKYARD_META_TAGS: (testCase.inputs.tags ?? []).join('\n'),
        DOCKYARD_META_FLAVOR: (testCase.inputs.flavor ?? []).join('\n'),
        DOCKYARD_META_LABELS: (testCase.inputs.labels ?? []).join('\n'),
        DOCKYARD_META_ANNOTATIONS: (testCase.inputs.annotations ?? []).join('\n'),
      };
      rmSync(join(work, 'dockyard'), { recursive: true, force: true });
      const run = spawnSync('sh', ['-euc', job.script.join('\n')], { cwd: work, encoding: 'utf8', env });
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(readFileSync(join(work, 'dockyard', 'meta.json'), 'utf8')) as Record<string, unknown>;
      const engine = computeMeta(
        {
          images: testCase.inputs.images ?? [],
          tags: testCase.inputs.tags ?? [],
          flavor: testCase.inputs.flavor ?? [],
          labels: testCase.inputs.labels ?? [],
          annotations: testCase.inputs.annotations ?? [],
          ...readMetaOptionsFromEnv(vars),
        },
        contextFromGitlab(vars),
        clock,
      );
      expect(report).toEqual(JSON.parse(JSON.stringify(engine)));
      if (testCase.kind === 'json') {
        expect(report.json).toEqual(testCase.expected.json);
      } else {
        expect({
          version: report.version,
          tags: report.tags,
          labels: report.labels,
          annotations: report.annotations,
        }).toEqual({
          version: testCase.expected.version,
          tags: testCase.expected.tags,
          labels: testCase.expected.labels,
          annotations: testCase.expected.annotations,
        });
      }
      const dotenv = readFileSync(join(work, 'dockyard', 'meta.env'), 'utf8');
      expect(dotenv.split('\n')[1]).toBe(`DOCKYARD_TAGS=${(report.tags as string[]).join('\\n')}`);
    });
  });
});
