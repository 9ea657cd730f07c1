// Used by the Dockerfile HEALTHCHECK: the slim base image has no curl/wget.
// Exits 0 when GET /healthz on the local server answers 2xx, 1 otherwise.
const port = process.env.PORT ?? '8080';

try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(2000),
  });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
