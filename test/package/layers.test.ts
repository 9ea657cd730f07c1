import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportGraph } from '../support/import-graph.js';
import { ROOT } from '../support/paths.js';

/*
 * The config, the model and the tag engine are what the emitters, synth and the CLI are built from
 * (docs/architecture.md), so none of them imports those: e.g. src/config/check-tag-strategy.ts takes the flavor
 * formatter from src/tags, not from src/emit (#15). The targets (src/targets/, one folder per CI system) are built
 * on the model and the CI-neutral emit modules, so neither the model nor src/emit imports a target; the config
 * reaches the targets only through their registry (`targetOf`, for their config rules).
 */
const BUILT_ON_TOP = ['emit', 'synth', 'plan', 'publish', 'cli', 'io', 'validate', 'projen', 'trigger', 'init'];
const RULES: Record<string, readonly string[]> = {
  config: BUILT_ON_TOP.filter((f) => f !== 'init'),
  model: [...BUILT_ON_TOP, 'targets'],
  tags: [...BUILT_ON_TOP, 'targets'],
  emit: ['targets', 'synth', 'plan', 'publish', 'cli', 'io', 'validate', 'projen', 'trigger', 'init'],
};

/** The imports that break {@link RULES}, as `from → to` paths relative to `root` (`/`-separated). */
export function findLayerBreaks(graph: ReadonlyMap<string, readonly string[]>, root: string): string[] {
  const folderOf = (file: string) => relative(root, file).split(sep)[0]!;
  return [...graph].flatMap(([from, imports]) =>
    imports
      .filter((to) => RULES[folderOf(from)]?.includes(folderOf(to)))
      .map((to) => `${relative(root, from)} → ${relative(root, to)}`.replaceAll(sep, '/')),
  );
}

describe('layers', () => {
  it.each([
    { from: '/s/config/a.ts', to: '/s/emit/b.ts', breaks: ['config/a.ts → emit/b.ts'] },
    { from: '/s/model/a.ts', to: '/s/init/b.ts', breaks: ['model/a.ts → init/b.ts'] },
    { from: '/s/tags/a.ts', to: '/s/synth/b.ts', breaks: ['tags/a.ts → synth/b.ts'] },
    { from: '/s/config/a.ts', to: '/s/tags/b.ts', breaks: [] },
    { from: '/s/emit/a.ts', to: '/s/model/b.ts', breaks: [] },
    { from: '/s/synth/a.ts', to: '/s/emit/b.ts', breaks: [] },
    { from: '/s/emit/a.ts', to: '/s/targets/g/b.ts', breaks: ['emit/a.ts → targets/g/b.ts'] },
    { from: '/s/model/a.ts', to: '/s/targets/b.ts', breaks: ['model/a.ts → targets/b.ts'] },
    { from: '/s/targets/g/a.ts', to: '/s/emit/b.ts', breaks: [] },
  ])('$from → $to', ({ from, to, breaks }) => {
    expect(findLayerBreaks(new Map([[from, [to]]]), '/s')).toEqual(breaks);
  });

  it('src/config, src/model, src/tags and src/emit import nothing built on them', () => {
    const src = join(ROOT, 'src');
    expect(findLayerBreaks(readImportGraph(src), src)).toEqual([]);
  });
});
