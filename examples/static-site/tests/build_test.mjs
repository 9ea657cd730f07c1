import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { build, formatManifest, localLinks, MANIFEST, minifyCss, minifyHtml } from '../build.mjs';

const SITE = fileURLToPath(new URL('../site', import.meta.url));
const tmp = await mkdtemp(path.join(tmpdir(), 'static-site-'));
after(() => rm(tmp, { recursive: true, force: true }));

/** A scratch source tree: { 'a/b.html': '...' }. */
async function fixture(name, files) {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

test('minifyHtml drops comments and indentation but keeps <pre> verbatim', () => {
  const html = '<main>\n    <!-- note -->\n    <p>a   b</p>\n    <pre>  x\n    y</pre>\n</main>\n';
  assert.equal(minifyHtml(html), '<main>\n<p>a b</p>\n<pre>  x\n    y</pre>\n</main>\n');
});

test('minifyCss drops comments and whitespace but keeps strings', () => {
  const css = '/* c */\na[title="x  /* y */"] {\n  color: red;\n  margin: 0 auto;\n}\n';
  assert.equal(minifyCss(css), 'a[title="x  /* y */"]{color:red;margin:0 auto}\n');
  // A space before ":" is a descendant combinator in a selector: it stays.
  assert.equal(minifyCss('nav :focus-visible { outline: 2px solid; }'), 'nav :focus-visible{outline:2px solid}\n');
  assert.equal(minifyCss('@media (max-width: 40em) {\n  p { gap: 1px; }\n}'), '@media (max-width:40em){p{gap:1px}}\n');
});

test('localLinks resolves relative and absolute links and skips external ones', () => {
  const html = `<a href="../x.html#top"> <a href="/"> <img src="img/logo.svg?v=2">
    <a href="https://example.com/"> <a href="mailto:a@b.c"> <a href="#local"> <a href="//cdn.example/x.css">`;
  assert.deepEqual(localLinks(html, 'guide/page.html'), ['x.html', 'index.html', 'guide/img/logo.svg']);
});

test('builds the real site with a manifest that matches the output', async () => {
  const out = path.join(tmp, 'dist');
  const entries = await build(SITE, out);
  const paths = entries.map((e) => e.path);
  for (const expected of ['404.html', 'api.html', 'css/site.css', 'favicon.svg', 'getting-started.html', 'index.html']) {
    assert.ok(paths.includes(expected), `${expected} is built`);
  }
  for (const { path: rel, bytes, sha256 } of entries) {
    const data = await readFile(path.join(out, rel));
    assert.equal(data.length, bytes, rel);
    assert.equal(createHash('sha256').update(data).digest('hex'), sha256, rel);
  }
  const manifest = await readFile(path.join(out, MANIFEST), 'utf8');
  assert.deepEqual(JSON.parse(manifest).files, entries);
  const source = await readFile(path.join(SITE, 'css/site.css'));
  assert.ok(entries.find((e) => e.path === 'css/site.css').bytes < source.length, 'CSS is minified');
});

test('the build is deterministic', async () => {
  const a = await build(SITE, path.join(tmp, 'det-a'));
  const b = await build(SITE, path.join(tmp, 'det-b'));
  assert.deepEqual(a, b);
});

test('each manifest entry is on its own line', () => {
  const text = formatManifest([{ path: 'a.html', bytes: 1, sha256: 'f'.repeat(64) }, { path: 'b.css', bytes: 2, sha256: '0'.repeat(64) }]);
  const lines = text.split('\n').filter((l) => l.includes('"path"'));
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^ {4}\{"path":"a\.html","bytes":1,"sha256":"f{64}"\},$/);
});

test('pretty URLs and directory links count as valid links', async () => {
  const src = await fixture('pretty', { 'index.html': '<a href="guide">g</a><a href="docs/">d</a>', 'guide.html': 'g', 'docs/index.html': 'd' });
  await build(src, path.join(tmp, 'pretty-out'));
});

test('broken local links fail the build and write nothing', async () => {
  const src = await fixture('broken', { 'index.html': '<a href="missing.html">x</a><img src="/img/nope.png">' });
  const out = path.join(tmp, 'broken-out');
  await assert.rejects(build(src, out), /index\.html: broken link to \/missing\.html\n {2}index\.html: broken link to \/img\/nope\.png/);
  await assert.rejects(readFile(path.join(out, MANIFEST)), { code: 'ENOENT' });
});

test('refuses unsafe names, a hand-written manifest and overlapping directories', async () => {
  await assert.rejects(build(await fixture('unsafe', { 'my page.html': 'x' }), path.join(tmp, 'u-out')), /unsafe file name: my page\.html/);
  await assert.rejects(build(await fixture('manual', { [MANIFEST]: '{}' }), path.join(tmp, 'm-out')), /is generated/);
  await assert.rejects(build(SITE, SITE), /must not overlap/);
  await assert.rejects(build(SITE, path.join(SITE, 'dist')), /must not overlap/);
});
