// Process entry point: `node src/server.js` (the container's CMD).
// Configuration comes from the environment only: PORT (default 8080) and
// HOST (default 0.0.0.0, so the port can be published from a container).
import { createServer } from './app.js';

const port = Number(process.env.PORT || 8080);
const host = process.env.HOST || '0.0.0.0';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid PORT: ${process.env.PORT}`);
  process.exit(1);
}

const server = createServer();

server.listen(port, host, () => {
  const address = server.address();
  console.log(JSON.stringify({ level: 'info', msg: 'listening', host: address.address, port: address.port }));
});

// Node does not install default signal handlers when it runs as PID 1 in a
// container, so handle SIGTERM (docker stop, Kubernetes) and SIGINT explicitly.
function shutdown(signal) {
  console.log(JSON.stringify({ level: 'info', msg: 'shutting down', signal }));
  server.close((error) => process.exit(error ? 1 : 0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}

process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
