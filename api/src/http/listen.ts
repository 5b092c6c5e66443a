/**
 * The Node HTTP server in front of the app: @hono/node-server with refused bodies settled
 * (see settle-request-body.ts), idle kept-alive connections held longer than a proxy holds them,
 * and a graceful `close()` that does not wait on clients that keep their connections busy.
 */
import { serve, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { settleRequestBody } from './settle-request-body.js';

export interface ListenOptions {
  port: number;
  /** Interface to listen on; default all. */
  host?: string;
  /** The app's request body limit (bytes): refused bodies up to it are read so the connection stays open. */
  drainBytes: number;
}

interface FetchApp {
  fetch(request: Request, env: HttpBindings | Http2Bindings): Response | Promise<Response>;
}

export interface Listening {
  server: Server;
  port: number;
  /**
   * Stops taking connections, lets the requests under way finish, answers them with
   * `Connection: close` and closes each connection once its answer is out; resolves when
   * every connection is closed. Node's `server.close()` alone closes only the connections idle
   * at that moment: a busy kept-alive connection stays open after its answer (for the 65 s
   * below), and a client that keeps asking on it is served on and on — under steady traffic
   * the server never finishes stopping and a supervisor's SIGKILL ends it instead
   * (`pnpm bench soak` found this on the embedded database, where answers take long enough).
   */
  close(): Promise<void>;
}

export async function listen(app: FetchApp, options: ListenOptions): Promise<Listening> {
  const fetch = settleRequestBody((request, env) => app.fetch(request, env), { drainBytes: options.drainBytes });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch, port: options.port, ...(options.host ? { hostname: options.host } : {}) }, () => resolve(s as Server));
    s.once('error', reject);
  });
  keepIdleConnections(server);
  let closing = false;
  const underWay = new Set<ServerResponse>();
  // Answers whose headers were already out when closing began: they cannot say so, so their
  // connection's sending side is ended once they are sent (after the bytes, unlike a destroy).
  const endAfter = new WeakSet<ServerResponse>();
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    const socket = res.socket;
    if (closing) res.setHeader('connection', 'close');
    underWay.add(res);
    res.once('close', () => underWay.delete(res));
    res.once('finish', () => endAfter.has(res) && socket?.end());
  });
  const close = (): Promise<void> => {
    closing = true;
    for (const res of underWay) {
      if (!res.headersSent) res.setHeader('connection', 'close');
      else endAfter.add(res);
    }
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return { server, port: (server.address() as AddressInfo).port, close };
}

/**
 * Keeps an idle kept-alive connection open for 65 s instead of Node's 5 s. A client (a reverse
 * proxy such as nginx, 60 s by default; a test's HTTP agent) that reuses a socket the server has
 * just closed gets ECONNRESET: the server must be the side that waits longer. Headers must then
 * be allowed longer too, or Node would cut a slow request on a reused connection first.
 */
function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
