import { describe, expect, it } from 'vitest';
import { createConfigJsonSchema } from '../../src/config/json-schema.js';
import { renderConfigReference } from '../../src/config/render-config-reference.js';

/** The Default and Example columns of docs/config-reference.md come from the schema's `default` and `.meta({ examples })`. */
const reference = renderConfigReference(createConfigJsonSchema());
const rowOf = (key: string) => reference.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));

describe('config reference columns', () => {
  it('has a Default and an Example column', () => {
    expect(reference).toContain('| Key | Type | Required | Default | Description | Example |');
  });

  it.each([
    ['image.context', '`"."`', ''],
    ['cache', '`"registry"`', '`"gha"`'],
    ['platforms', '`["linux/amd64"]`', '`["linux/amd64","linux/arm64"]`'],
    ['image.name', '', '`"acme/api"`'],
    ['image.dockerfile', '', ''],
  ])('%s: default %s, example %s', (key, defaultCell, exampleCell) => {
    const cells = rowOf(key)?.split(' | ');
    expect(cells, `no row for ${key}`).toBeDefined();
    expect(cells?.[3].trim()).toBe(defaultCell);
    expect(
      cells
        ?.at(-1)
        ?.replace(/\s*\|$/, '')
        .trim(),
    ).toBe(exampleCell);
  });

  it("renders a synthetic schema's default and first example as JSON, escaping pipes", () => {
    const text = renderConfigReference({
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'string', description: 'A.', default: 'x|y', examples: ['first', 'second'] } },
    });
    expect(text).toContain('| `a` | string | yes | `"x\\|y"` | A. | `"first"` |');
  });
});
