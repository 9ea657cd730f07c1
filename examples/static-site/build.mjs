#!/usr/bin/env node
// Zero-dependency build for the documentation site:
//
//   node build.mjs [SRC_DIR] [OUT_DIR]      (defaults: site dist)
//
// Copies every file of SRC_DIR to OUT_DIR (emptied first), minifying .html
// and .css on the way, fails if a page links to a local file that does not
// exist, and writes OUT_DIR/manifest.json listing each output file with its
// size and SHA-256. The output is deterministic: the same sources always
// produce byte-identical files, so image layers stay cacheable.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const MANIFEST = 'manifest.json';
// Names that are safe in URLs and in the shell checks of the test stage.
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Replace every match of `re` that `keep` accepts by a placeholder; returns [text, restore]. */
function protect(text, re, keep = () => true) {
  const saved = [];
  const out = text.replace(re, (m, ...groups) => (keep(m, ...groups) ? `\0${saved.push(m) - 1}\0` : ''));
  return [out, (s) => s.replace(/\0(\d+)\0/g, (_, i) => saved[Number(i)])];
}

/** Drop comments and indentation; <pre>, <textarea>, <script> and <style> are left alone. */
export function minifyHtml(html) {
  const [text, restore] = protect(html, /<(pre|textarea|script|style)\b[\s\S]*?<\/\1\s*>/gi);
  const min = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/[ \t]*\n\s*/g, '\n') // a newline renders like a space, so keep one
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  return `${restore(min)}\n`;
}

/** Drop comments and insignificant whitespace; string literals are left alone. */
export function minifyCss(css) {
  const strings = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|\/\*[\s\S]*?\*\//g;
  const [text, restore] = protect(css, strings, (_, quoted) => quoted !== undefined);
  const min = text
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
  return `${restore(min)}\n`;
}

/** Local targets of href/src attributes, as paths relative to the site root (query and fragment dropped). */
export function localLinks(html, page) {
  const links = [];
  for (const [, url] of html.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)) {
    if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url) || url === '') continue;
    const target = url.replace(/[?#].*$/, '');
    const base = target.startsWith('/') ? '/' : path.posix.dirname(`/${page}`);
    const resolved = path.posix.resolve(base, target).slice(1);
    links.push(target.endsWith('/') || resolved === '' ? path.posix.join(resolved, 'index.html') : resolved);
  }
  return links;
}

/** Whether nginx (`try_files $uri $uri.html $uri/`) would serve `link` from `files`. */
function resolves(link, files) {
  return files.has(link) || files.has(`${link}.html`) || files.has(`${link}/index.html`);
}

async function walk(dir, prefix = '') {
  const files = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (!SAFE_NAME.test(entry.name)) throw new Error(`unsafe file name: ${prefix}${entry.name}`);
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory()) files.push(...(await walk(path.join(dir, entry.name), `${rel}/`)));
    else if (entry.isFile()) files.push(rel);
  }
  return files;
}

/** One entry per line, so that the image tests can read it with sed. */
export function formatManifest(entries) {
  const lines = entries.map((e) => `    ${JSON.stringify({ path: e.path, bytes: e.bytes, sha256: e.sha256 })}`);
  return `{\n  "files": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** Build `srcDir` into `outDir`; returns the manifest entries. */
export async function build(srcDir, outDir) {
  const src = path.resolve(srcDir);
  const out = path.resolve(outDir);
  if (out === src || src.startsWith(`${out}${path.sep}`) || out.startsWith(`${src}${path.sep}`)) {
    throw new Error(`output directory ${outDir} must not overlap the source directory ${srcDir}`);
  }
  const names = await walk(src);
  if (names.includes(MANIFEST)) throw new Error(`${MANIFEST} is generated; remove it from ${srcDir}`);
  const known = new Set(names);
  const outputs = [];
  const broken = [];
  for (const name of names) {
    let data = await readFile(path.join(src, name));
    if (name.endsWith('.html')) {
      const html = data.toString('utf8');
      for (const link of localLinks(html, name)) {
        if (!resolves(link, known)) broken.push(`${name}: broken link to /${link}`);
      }
      data = Buffer.from(minifyHtml(html));
    } else if (name.endsWith('.css')) {
      data = Buffer.from(minifyCss(data.toString('utf8')));
    }
    outputs.push({ name, data });
  }
  if (broken.length > 0) throw new Error(`broken links:\n  ${broken.join('\n  ')}`);

  await rm(out, { recursive: true, force: true });
  const entries = [];
  for (const { name, data } of outputs) {
    await mkdir(path.dirname(path.join(out, name)), { recursive: true });
    await writeFile(path.join(out, name), data);
    entries.push({ path: name, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
  }
  await writeFile(path.join(out, MANIFEST), formatManifest(entries));
  return entries;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [srcDir = 'site', outDir = 'dist'] = process.argv.slice(2);
  try {
    const entries = await build(srcDir, outDir);
    const total = entries.reduce((sum, e) => sum + e.bytes, 0);
    console.log(`built ${entries.length} files (${total} bytes) from ${srcDir} into ${outDir}`);
  } catch (err) {
    console.error(`build failed: ${err.message}`);
    process.exitCode = 1;
  }
}
