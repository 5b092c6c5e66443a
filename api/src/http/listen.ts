/**
 * The Node HTTP server in front of the app: @hono/node-server with refused bodies settled
 * (see settle-request-body.ts) and idle kept-alive connections held longer than a proxy holds them.
 */
import { serve, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import type { Server } from 'node:http';
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

export async function listen(app: FetchApp, options: ListenOptions): Promise<{ server: Server; port: number }> {
  const fetch = settleRequestBody((request, env) => app.fetch(request, env), { drainBytes: options.drainBytes });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch, port: options.port, ...(options.host ? { hostname: options.host } : {}) }, () => resolve(s as Server));
    s.once('error', reject);
  });
  keepIdleConnections(server);
  return { server, port: (server.address() as AddressInfo).port };
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
