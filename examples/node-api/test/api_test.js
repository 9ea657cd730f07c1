// HTTP-level tests: each test starts its own server (fresh in-memory store)
// on an ephemeral port on the loopback interface and talks to it with fetch.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_BODY_BYTES, createServer } from '../src/app.js';

async function startServer(t) {
  const server = createServer({ logger: () => {} });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    request: (path, init) => fetch(`${baseUrl}${path}`, init),
    postJson: (path, body) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}

const widget = { name: 'Widget', sku: 'WID-001', quantity: 3 };

test('GET /healthz reports ok', async (t) => {
  const api = await startServer(t);
  const res = await api.request('/healthz');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.equal(typeof body.uptimeSeconds, 'number');
});

test('GET /api/items starts empty', async (t) => {
  const api = await startServer(t);
  const res = await api.request('/api/items');
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { items: [] });
});

test('POST /api/items creates an item that can be read back', async (t) => {
  const api = await startServer(t);
  const created = await api.postJson('/api/items', { ...widget, name: '  Widget  ' });
  assert.equal(created.status, 201);
  const item = await created.json();
  assert.equal(item.name, 'Widget', 'name is trimmed');
  assert.equal(item.sku, 'WID-001');
  assert.equal(item.quantity, 3);
  assert.match(item.id, /^[0-9a-f-]{36}$/);
  assert.ok(!Number.isNaN(Date.parse(item.createdAt)));
  assert.equal(created.headers.get('location'), `/api/items/${item.id}`);

  const fetched = await api.request(`/api/items/${item.id}`);
  assert.equal(fetched.status, 200);
  assert.deepEqual(await fetched.json(), item);

  const list = await api.request('/api/items');
  assert.deepEqual(await list.json(), { items: [item] });
});

test('POST /api/items reports every invalid field', async (t) => {
  const api = await startServer(t);
  const res = await api.postJson('/api/items', { name: '', sku: 'bad sku', quantity: -1, colour: 'red' });
  assert.equal(res.status, 400);
  const { error } = await res.json();
  assert.equal(error.code, 'validation_failed');
  assert.deepEqual(error.details.map((d) => d.field).sort(), ['colour', 'name', 'quantity', 'sku']);
});

test('POST /api/items rejects malformed JSON', async (t) => {
  const api = await startServer(t);
  const res = await api.postJson('/api/items', '{"name": "Widget",');
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.code, 'invalid_json');
});

test('POST /api/items rejects a non-JSON content type', async (t) => {
  const api = await startServer(t);
  const res = await api.request('/api/items', {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify(widget),
  });
  assert.equal(res.status, 415);
  assert.equal((await res.json()).error.code, 'unsupported_media_type');
});

test('POST /api/items rejects an oversized body', async (t) => {
  const api = await startServer(t);
  const res = await api.postJson('/api/items', { ...widget, name: 'x'.repeat(MAX_BODY_BYTES) });
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error.code, 'payload_too_large');
});

test('POST /api/items rejects a duplicate sku', async (t) => {
  const api = await startServer(t);
  assert.equal((await api.postJson('/api/items', widget)).status, 201);
  const res = await api.postJson('/api/items', { ...widget, name: 'Another widget' });
  assert.equal(res.status, 409);
  assert.equal((await res.json()).error.code, 'duplicate_sku');
});

test('DELETE /api/items/:id removes the item', async (t) => {
  const api = await startServer(t);
  const item = await (await api.postJson('/api/items', widget)).json();
  const deleted = await api.request(`/api/items/${item.id}`, { method: 'DELETE' });
  assert.equal(deleted.status, 204);
  assert.equal((await api.request(`/api/items/${item.id}`)).status, 404);
  assert.equal((await api.request(`/api/items/${item.id}`, { method: 'DELETE' })).status, 404);
});

test('unknown routes and methods get JSON errors', async (t) => {
  const api = await startServer(t);

  const missing = await api.request('/nope');
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error.code, 'not_found');

  const wrongMethod = await api.request('/api/items', { method: 'PUT' });
  assert.equal(wrongMethod.status, 405);
  assert.equal(wrongMethod.headers.get('allow'), 'GET, POST');
  assert.equal((await wrongMethod.json()).error.code, 'method_not_allowed');
});
