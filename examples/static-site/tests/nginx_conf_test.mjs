// Static checks of nginx.conf for the rules that `nginx -t` cannot see. The
// image's `test` stage runs nginx itself (tests/check-site.sh).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

const conf = (await readFile(new URL('../nginx.conf', import.meta.url), 'utf8'))
  .split('\n')
  .map((line) => line.replace(/#.*$/, '').trim())
  .filter(Boolean);

/** The directive lines inside the `location <match> { ... }` block. */
function location(match) {
  const start = conf.indexOf(`location ${match} {`);
  assert.notEqual(start, -1, `location ${match} exists`);
  return conf.slice(start + 1, conf.indexOf('}', start));
}

test('runs as an unprivileged user: no user directive, pid and temp files in /tmp, port 8080', () => {
  assert.ok(!conf.some((l) => /^user\s/.test(l)));
  assert.ok(conf.includes('pid /tmp/nginx.pid;'));
  for (const kind of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    assert.ok(conf.some((l) => l.startsWith(`${kind}_temp_path /tmp/`)), `${kind}_temp_path is under /tmp`);
  }
  assert.deepEqual(conf.filter((l) => l.startsWith('listen ')), ['listen 8080;']);
});

test('hides the version and compresses text', () => {
  assert.ok(conf.includes('server_tokens off;'));
  assert.ok(conf.includes('gzip on;'));
  assert.match(conf.find((l) => l.startsWith('gzip_types ')), /text\/css.*application\/json/);
});

test('security headers are sent on every response, and no location drops them', () => {
  const headers = conf.filter((l) => l.startsWith('add_header '));
  for (const name of ['X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy', 'Content-Security-Policy']) {
    assert.ok(headers.some((l) => l.startsWith(`add_header ${name} `)), `${name} is set`);
  }
  for (const line of headers) assert.match(line, / always;$/, line);
  // add_header inside a location replaces every inherited add_header.
  for (const match of ['= /healthz', '= /404.html', '~ /\\.', '/']) {
    assert.ok(!location(match).some((l) => l.startsWith('add_header ')), `location ${match} has no add_header`);
  }
});

test('/healthz answers 200 without touching the file system', () => {
  assert.ok(location('= /healthz').includes('return 200 "ok\\n";'));
});

test('unknown paths get the custom 404 page', () => {
  assert.ok(conf.includes('error_page 404 /404.html;'));
  assert.deepEqual(location('/'), ['try_files $uri $uri.html $uri/ =404;']);
});
