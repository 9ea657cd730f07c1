import { describe, expect, it } from 'vitest';
import { computeMeta } from '../../src/tags/compute-meta.js';
import { contextFromGitlab } from '../../src/tags/gitlab-context.js';
import { GITLAB_DOTENV_MAX_BYTES, renderMetaDotenv } from '../../src/tags/meta-dotenv.js';

const context = contextFromGitlab({
  CI_PIPELINE_SOURCE: 'push',
  CI_COMMIT_BRANCH: 'main',
  CI_DEFAULT_BRANCH: 'main',
  CI_COMMIT_SHA: '90dd6039b7c3ec6f4a8b3e1d5fd0f6bd8a1c2e3f',
  CI_PROJECT_TITLE: 'probe',
});
const meta = (annotations: string[], annotationLevels?: string[]) =>
  computeMeta(
    {
      images: ['registry.example.com/acme/probe'],
      tags: ['type=ref,event=branch'],
      flavor: [],
      labels: [],
      annotations,
      ...(annotationLevels ? { annotationLevels } : {}),
    },
    context,
    new Date('2026-11-22T10:00:00Z'),
  );

function parse(dotenv: string): Record<string, string> {
  return Object.fromEntries(
    dotenv
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('renderMetaDotenv', () => {
  it.each([[undefined], [['manifest', 'index']]])(
    'writes annotations without a level prefix, as buildah --annotation takes them (levels %j)',
    (levels) => {
      const vars = parse(renderMetaDotenv(meta(['com.example.team=platform'], levels)));
      const items = vars.DOCKYARD_ANNOTATIONS.split('\\n');
      expect(items).toContain('com.example.team=platform');
      expect(items).toContain('org.opencontainers.image.revision=90dd6039b7c3ec6f4a8b3e1d5fd0f6bd8a1c2e3f');
      expect(items.some((item) => item.startsWith('manifest:'))).toBe(false);
    },
  );

  it('joins list items with the two characters \\n and escapes backslashes', () => {
    const vars = parse(renderMetaDotenv(meta(['com.example.path=C:\\dir'])));
    expect(vars.DOCKYARD_TAGS).toBe('registry.example.com/acme/probe:main');
    expect(vars.DOCKYARD_ANNOTATIONS).toContain('com.example.path=C:\\\\dir');
  });

  it('rejects a report beyond GitLab’s dotenv limit, naming both sizes', () => {
    const big = Array.from({ length: 200 }, (_, i) => `com.example.k${i}=${'v'.repeat(40)}`);
    expect(() => renderMetaDotenv(meta(big))).toThrow(
      new RegExp(`bytes; GitLab accepts at most ${GITLAB_DOTENV_MAX_BYTES}`),
    );
  });
});
