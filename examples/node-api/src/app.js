import http from 'node:http';

import { DuplicateSkuError, ItemStore } from './store.js';
import { validateItem } from './validate.js';

export const MAX_BODY_BYTES = 16 * 1024;

class HttpError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function sendJson(res, status, body, headers = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

function methodNotAllowed(allowed) {
  const error = new HttpError(405, 'method_not_allowed', 'method not allowed');
  error.headers = { allow: allowed.join(', ') };
  return error;
}

async function readJson(req) {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'content-type must be application/json');
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, 'payload_too_large', `request body exceeds ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'request body is not valid JSON');
  }
}

function safeDecode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'bad_request', 'malformed percent-encoding in path');
  }
}

async function route(req, res, { store, startedAt }) {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');

  if (pathname === '/healthz') {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(['GET', 'HEAD']);
    return sendJson(res, 200, {
      status: 'ok',
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  }

  if (pathname === '/api/items') {
    if (req.method === 'GET') {
      return sendJson(res, 200, { items: store.list() });
    }
    if (req.method === 'POST') {
      const result = validateItem(await readJson(req));
      if (result.errors) {
        throw new HttpError(400, 'validation_failed', 'item is invalid', result.errors);
      }
      try {
        const item = store.create(result.value);
        return sendJson(res, 201, item, { location: `/api/items/${item.id}` });
      } catch (error) {
        if (error instanceof DuplicateSkuError) {
          throw new HttpError(409, 'duplicate_sku', error.message);
        }
        throw error;
      }
    }
    throw methodNotAllowed(['GET', 'POST']);
  }

  const match = /^\/api\/items\/([^/]+)$/.exec(pathname);
  if (match) {
    const id = safeDecode(match[1]);
    if (req.method === 'GET') {
      const item = store.get(id);
      if (!item) throw new HttpError(404, 'not_found', `item ${id} not found`);
      return sendJson(res, 200, item);
    }
    if (req.method === 'DELETE') {
      if (!store.delete(id)) throw new HttpError(404, 'not_found', `item ${id} not found`);
      res.writeHead(204);
      return res.end();
    }
    throw methodNotAllowed(['GET', 'DELETE']);
  }

  throw new HttpError(404, 'not_found', `no route for ${pathname}`);
}

function defaultLogger(entry) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

// Returns a plain (req, res) request listener so it can be mounted on any
// node:http server; createServer() below is the usual entry point.
export function createApp({ store = new ItemStore(), logger = defaultLogger } = {}) {
  const context = { store, startedAt: Date.now() };

  return async function handle(req, res) {
    const started = process.hrtime.bigint();
    try {
      await route(req, res, context);
    } catch (error) {
      if (error instanceof HttpError) {
        const headers = { ...error.headers };
        // The rest of an oversized body is never read: close the connection.
        if (error.status === 413) headers.connection = 'close';
        sendJson(
          res,
          error.status,
          { error: { code: error.code, message: error.message, details: error.details } },
          headers,
        );
      } else {
        logger({ level: 'error', msg: 'unhandled error', error: String(error?.stack ?? error) });
        if (!res.headersSent) {
          sendJson(res, 500, { error: { code: 'internal', message: 'internal server error' } });
        } else {
          res.destroy();
        }
      }
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger({
        level: 'info',
        msg: 'request',
        method: req.method,
        path: req.url,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 100) / 100,
      });
    }
  };
}

export function createServer(options) {
  return http.createServer(createApp(options));
}
