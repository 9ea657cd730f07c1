import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createConfigJsonSchema } from '../../src/config/json-schema.js';
import { renderConfigReference } from '../../src/config/render-config-reference.js';
import { GOLDEN_SCENARIOS } from '../golden/scenarios.js';
import { ROOT } from '../support/paths.js';

const committed = JSON.parse(readFileSync(resolve(ROOT, 'schema', 'dockyard.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;

describe('published JSON Schema', () => {
  it('schema/dockyard.schema.json is generated from the zod schema (npm run schema)', () => {
    expect(committed).toEqual(createConfigJsonSchema());
  });

  it('docs/config-reference.md is generated from the schema (npm run schema)', () => {
    expect(readFileSync(resolve(ROOT, 'docs', 'config-reference.md'), 'utf8')).toBe(
      renderConfigReference(createConfigJsonSchema()),
    );
  });

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(committed);

  it.each(Object.entries(GOLDEN_SCENARIOS))('accepts scenario %s', (_, config) => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['an unknown key', { ci: ['github'], image: { name: 'a/b' }, test: { commands: ['x'] }, cahce: 'gha' }],
    [
      'a bad platform',
      { ci: ['github'], image: { name: 'a/b' }, test: { commands: ['x'] }, platforms: ['linux/amd65'] },
    ],
    ['a missing image', { ci: ['github'], test: { commands: ['x'] } }],
  ])('rejects %s', (_, config) => {
    expect(validate(config)).toBe(false);
  });

  /** Every subschema with `examples` (from `.meta({ examples })`), as a JSON pointer into the schema. */
  function examplePointers(node: unknown, pointer = ''): string[] {
    if (typeof node !== 'object' || node === null) return [];
    const own = !Array.isArray(node) && Array.isArray((node as Record<string, unknown>).examples) ? [pointer] : [];
    return [
      ...own,
      ...Object.entries(node)
        .filter(([key]) => key !== 'examples' && key !== 'default')
        .flatMap(([key, value]) =>
          examplePointers(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
        ),
    ];
  }
  const pointers = examplePointers(committed);
  const withRoot = new Ajv2020({ strict: false, allErrors: true });
  withRoot.addSchema(committed, 'dockyard');

  it('has examples to check (the Example column of the config reference)', () => {
    expect(pointers.length).toBeGreaterThanOrEqual(10);
  });

  it.each(pointers)('the examples at %s are valid values of that field', (pointer) => {
    const subschema = pointer
      .split('/')
      .slice(1)
      .reduce<Record<string, unknown>>(
        (node, key) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')] as Record<string, unknown>,
        committed,
      );
    const check = withRoot.getSchema(`dockyard#${encodeURI(pointer)}`)!;
    for (const example of subschema.examples as unknown[])
      expect(check(example), `${JSON.stringify(example)}: ${JSON.stringify(check.errors)}`).toBe(true);
  });
});
