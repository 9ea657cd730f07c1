/**
 * The target boundary (issue #15, docs/architecture.md "Targets"): outside `src/targets/`, no code compares or
 * names a CI system by its id. The string literals `'github'` and `'gitlab'` in code (comments do not count) may
 * stand only in the targets, the repository hosts of `src/publish/` (GitHub and GitLab as places to open pull
 * requests), the config schema (its enum and per-CI keys) and the CLI's flags — and in the files of
 * {@link NOT_YET_MIGRATED}, each with its reason. That list only shrinks: a listed file without such a literal
 * fails too, so it is taken off when it is migrated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CI_SYSTEMS } from '../../src/config/schema/primitives.js';
import { CI_TARGETS, targetOf } from '../../src/targets/registry.js';

const ROOT = join(import.meta.dirname, '../..');
const ALLOWED_DIRS = ['src/targets/', 'src/publish/', 'src/config/schema/', 'src/cli/'];

/** Files that still name a CI system, and why (remove a line when its file is migrated). */
const NOT_YET_MIGRATED: Record<string, string> = {
  'src/config/check-github-repository.ts': 'the github: settings block (a per-CI config key) asks for github in ci',
  'src/init/collect-init-answers.ts': 'init --ci flag values and prompts',
  'src/init/detect-remote.ts': 'the git remote host (GitHub or GitLab as a repository host)',
  'src/trigger/plan-trigger.ts': 'the repository host a trigger calls (GitHub or GitLab API)',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Lines of the string literals `'github'` / `'gitlab'` in a file's code (comments are not nodes of the syntax tree). */
function ciLiteralLines(path: string): number[] {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) && (CI_SYSTEMS as readonly string[]).includes(node.text))
      lines.push(file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

describe('the target boundary', () => {
  const files = sourceFiles('src').map((p) => relative(ROOT, join(ROOT, p)));
  const naming = new Map(
    files.map((f) => [f, ciLiteralLines(f)]).filter(([, lines]) => lines.length > 0) as [string, number[]][],
  );

  it('names a CI system only in the targets, publish hosts, schema and CLI (and the files still to migrate)', () => {
    const outside = [...naming]
      .filter(([file]) => !ALLOWED_DIRS.some((d) => file.startsWith(d)) && !Object.hasOwn(NOT_YET_MIGRATED, file))
      .map(([file, lines]) => `${file}:${lines.join(',')}`);
    expect(outside).toEqual([]);
  });

  it('lists only files that still name a CI system', () => {
    expect(Object.keys(NOT_YET_MIGRATED).filter((file) => !naming.has(file))).toEqual([]);
  });

  it('finds a literal in code but not in a comment', () => {
    // The scanner is what the rule rests on: prove it on the registry, which names both ids in code.
    expect(ciLiteralLines('src/targets/registry.ts')).toEqual([]);
    expect(ciLiteralLines('src/targets/github/index.ts').length).toBe(1);
  });
});

describe('the target registry', () => {
  it('has one target per CI system of the config schema, under its own id', () => {
    expect(Object.keys(CI_TARGETS).sort()).toEqual([...CI_SYSTEMS].sort());
    for (const ci of CI_SYSTEMS) expect(targetOf(ci).id).toBe(ci);
  });

  it.each(CI_SYSTEMS)('%s has a name, vocabulary and runner text', (ci) => {
    const target = targetOf(ci);
    expect(target.name).toMatch(/^Git(Hub|Lab)$/);
    expect(target.vocabulary.changeRequests).toMatch(/^(pull|merge) requests$/);
    expect(target.describeRunner(['x'])).toContain('x');
  });
});
