import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeMeta } from '../../src/tags/compute-meta.js';
import type { EventContext } from '../../src/tags/event-context.js';
import { contextFromGithub, readMetaOptionsFromEnv, type GithubRepoData } from '../../src/tags/github-context.js';
import { contextFromGitlab } from '../../src/tags/gitlab-context.js';
import { convertCaseToGitlab, type GithubCase, type RepoFixture } from '../support/convert-case-to-gitlab.js';
import { HAS_CONFORMANCE, METADATA_ACTION_CASES } from '../support/paths.js';

/** One case of `../shared/conformance/metadata-action-cases.json` (see its README). */
interface ConformanceCase {
  id: string;
  kind: 'tagsLabels' | 'json';
  env: Record<string, string>;
  event: object;
  inputs: { images?: string[]; tags?: string[]; flavor?: string[]; labels?: string[]; annotations?: string[] };
  expected: {
    version?: { main: string | null; partial: string[]; latest: boolean };
    tags?: string[];
    labels?: string[];
    annotations?: string[];
    json?: unknown;
  };
}

interface ConformanceFile {
  clock: string;
  repo: GithubRepoData;
  cases: ConformanceCase[];
}

const file: ConformanceFile | undefined = HAS_CONFORMANCE
  ? (JSON.parse(readFileSync(METADATA_ACTION_CASES, 'utf8')) as ConformanceFile)
  : undefined;
if (!HAS_CONFORMANCE) {
  console.warn(
    `metadata-action conformance cases skipped: ${METADATA_ACTION_CASES} is absent (../shared is not beside the project)`,
  );
}

type Platform = 'github' | 'gitlab';

function contextFor(platform: Platform, testCase: ConformanceCase, repo: GithubRepoData): EventContext {
  if (platform === 'github') return contextFromGithub(testCase.env, testCase.event, repo);
  return contextFromGitlab(convertCaseToGitlab(testCase as unknown as GithubCase, repo as unknown as RepoFixture));
}

function runCase(testCase: ConformanceCase, clockIso: string, repo: GithubRepoData, platform: Platform = 'github') {
  const clock = new Date(clockIso);
  // metadata-action's suite mocks moment-timezone so that every moment it builds is the fixed clock: its
  // {{commit_date}} outputs are the clock, not the payload's head_commit timestamp. Pin the commit date the same
  // way (the mappers' own commit-date lookups are tested in github-context.test.ts and gitlab-context.test.ts).
  const context = { ...contextFor(platform, testCase, repo), commitDate: clock.toISOString() };
  const { inputs } = testCase;
  return computeMeta(
    {
      images: inputs.images ?? [],
      tags: inputs.tags ?? [],
      flavor: inputs.flavor ?? [],
      labels: inputs.labels ?? [],
      annotations: inputs.annotations ?? [],
      ...readMetaOptionsFromEnv(testCase.env),
    },
    context,
    clock,
  );
}

describe.skipIf(file === undefined)('docker/metadata-action conformance', () => {
  const cases = file?.cases ?? [];

  it('has cases with unique ids', () => {
    expect(cases.length).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it.each(cases.filter((c) => c.kind === 'tagsLabels').map((c) => [c.id, c] as const))('%s', (_id, testCase) => {
    const result = runCase(testCase, file!.clock, file!.repo);
    const { expected } = testCase;
    expect(result.version).toEqual(expected.version);
    expect(result.tags).toEqual(expected.tags);
    expect(result.labels).toEqual(expected.labels);
    expect(result.annotations).toEqual(expected.annotations);
  });

  it.each(cases.filter((c) => c.kind === 'json').map((c) => [c.id, c] as const))(
    '%s (json output)',
    (_id, testCase) => {
      const result = runCase(testCase, file!.clock, file!.repo);
      expect(result.json).toEqual(testCase.expected.json);
    },
  );
});

describe.skipIf(file === undefined)('docker/metadata-action conformance, converted to GitLab CI variables', () => {
  const cases = file?.cases ?? [];

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, testCase) => {
    const result = runCase(testCase, file!.clock, file!.repo, 'gitlab');
    const { expected } = testCase;
    if (testCase.kind === 'json') {
      expect(result.json).toEqual(expected.json);
      return;
    }
    expect(result.version).toEqual(expected.version);
    expect(result.tags).toEqual(expected.tags);
    expect(result.labels).toEqual(expected.labels);
    expect(result.annotations).toEqual(expected.annotations);
  });
});
