import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server listening on 127.0.0.1. */
export interface LoopbackHttpServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stop listening; resolves when the server is closed. */
  stop(): Promise<void>;
}

/**
 * Start an HTTP server on 127.0.0.1 on a free port (the mock GitHub and GitLab APIs); never another address.
 *
 * @see https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener
 */
export async function startLoopbackHttpServer(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<LoopbackHttpServer> {
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * A mock API served on 127.0.0.1 (the mock GitHub and GitLab): `start()` listens on a free port and sets `url`,
 * `stop()` closes it; subclasses answer requests in `handle`.
 */
export abstract class LoopbackMockServer {
  /** `http://127.0.0.1:<port>` once started, else empty. */
  url = '';
  private server: LoopbackHttpServer | undefined;

  /** Start listening on 127.0.0.1 (a free port). */
  async start(): Promise<this> {
    this.server = await startLoopbackHttpServer((req, res) => this.handle(req, res));
    this.url = this.server.url;
    return this;
  }

  /** Stop listening (a no-op when never started). */
  stop(): Promise<void> {
    return this.server ? this.server.stop() : Promise.resolve();
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}
