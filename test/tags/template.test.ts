import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, type TemplateHelper } from '../../src/tags/template.js';

// Differential test: src/tags/template.ts against handlebars itself, compiled as the engine did before
// ({ strict: true, noEscape: true }), with helpers that echo their arguments.
const DATA = {
  raw: 'v1.2.3-rc.1',
  version: '1.2.3-rc.1',
  major: 1,
  minor: 0,
  patch: 3,
  prerelease: ['rc', 1],
  build: [],
  empty: '',
  zero: 0,
  no: false,
  nil: null,
};
const echo =
  (name: string): TemplateHelper =>
  (params, hash) =>
    `${name}(${params.map((p) => JSON.stringify(p) ?? 'undefined').join(',')}|${JSON.stringify(hash)})`;
const HELPERS = { branch: echo('branch'), date: echo('date'), sha: echo('sha'), major: echo('major-helper') };

function viaHandlebars(template: string): string {
  const env = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) {
    env.registerHelper(name, (...args: unknown[]) => {
      const options = args.pop() as Handlebars.HelperOptions;
      return helper(args, options.hash as Record<string, unknown>);
    });
  }
  return env.compile(template, { strict: true, noEscape: true })(DATA);
}

describe('renderTemplate equals handlebars', () => {
  it.each([
    'nightly',
    '',
    '{{version}}',
    '{{ raw }}',
    'v{{minor}}.{{patch}}-{{zero}}{{empty}}{{no}}{{nil}}',
    '{{prerelease}}/{{prerelease.[0]}}/{{prerelease.[1]}}/{{build}}',
    '{{this}}',
    '{{constructor}}',
    '{{this.version}}-{{./raw}}',
    '{{branch}}-{{sha}}',
    "{{date 'YYYYMMDD'}}",
    "{{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}",
    '{{date "a \\"b\\"" tz = "UTC"}}',
    "{{date 'it\\'s'}}",
    '{{date YYYY-MM-DD-HHmmSS}}',
    '{{date YYYYMMDD tz=Asia}}',
    '{{date major 5 -1.5 true false null undefined x=minor}}',
    '{{date prerelease.[0]}}',
    '{{date this.major}}',
    '{{major}}',
    '{{{version}}}-{{&raw}}',
    'a {{~version~}} b',
    'a {{~! comment ~}} b',
    '{{! a comment }}x{{!-- {{x}} --}}',
    '  {{! alone }}  ',
    'x\n  {{! alone }}  \ny',
    '\\{{version}} {{major}}',
    '\\{{version}}\\{{major}}',
    '\\\\{{version}}',
    'a}}b{c',
  ])('%j', (template) => {
    expect(renderTemplate(parseTemplate(template), DATA, HELPERS)).toBe(viaHandlebars(template));
  });

  it.each([
    ['{{mayor}}', 'unknown expression "mayor"'],
    ['{{version.x}}', 'unknown expression "version.x"'],
    ['{{mayor 1}}', 'unknown expression "mayor"'],
  ])('rejects %j like handlebars strict mode', (template, message) => {
    expect(() => viaHandlebars(template)).toThrow();
    expect(() => renderTemplate(parseTemplate(template), DATA, HELPERS)).toThrow(message);
  });

  it.each([
    ['{{prerelease.0}}', 'unexpected "0" (a path segment cannot be a number or literal; write [0…]) at column 14'],
    ['{{version.this}}', 'invalid path segment "this"'],
    ['{{version 1}}', '"version" is not a helper and takes no arguments'],
  ])('rejects %j like handlebars', (template, message) => {
    expect(() => viaHandlebars(template)).toThrow();
    expect(() => renderTemplate(parseTemplate(template), DATA, HELPERS)).toThrow(message);
  });

  // Handlebars would evaluate these (or fail later); a tag line has no use for them, so they are syntax errors.
  it.each([
    ['{{version', 'unclosed "{{" at column 1'],
    ['x{{}}', 'empty mustache at column 2'],
    ['{{#if major}}x{{/if}}', '"{{#" (blocks, partials, decorators) is not supported in a tag line at column 1'],
    ['{{> partial}}', '"{{>" (blocks, partials, decorators) is not supported'],
    ['{{date (branch)}}', 'sub-expressions "(…)" are not supported in a tag line at column 8'],
    ['{{@index}}', '"@" data variables are not supported'],
    ['{{../version}}', '"../" paths are not supported'],
    ["{{date 'x}}", 'unterminated string at column 8'],
    ['{{date x=1 2}}', 'positional arguments must come before key=value arguments'],
    ['{{{version}}', 'expected "}}}"'],
    ['{{! open', 'unclosed comment at column 1'],
  ])('rejects %j', (template, message) => {
    expect(() => renderTemplate(parseTemplate(template), DATA, HELPERS)).toThrow(message);
  });
});

describe('parseTemplate', () => {
  it('keeps the statements as written, as Handlebars.parseWithoutProcessing does', () => {
    const nodes = parseTemplate(' {{raw~}} ');
    expect(nodes.map((n) => n.kind)).toEqual(['text', 'mustache', 'text']);
    expect(Handlebars.parseWithoutProcessing(' {{raw~}} ').body.map((s) => s.type)).toEqual([
      'ContentStatement',
      'MustacheStatement',
      'ContentStatement',
    ]);
  });
});
