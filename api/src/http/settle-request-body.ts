/**
 * Keeps a kept-alive connection usable after the app answers without reading the request's
 * body (a 401, a 403 for a missing CSRF header, a 413, a 415 …).
 *
 * HTTP/1.1 carries the next request on the same socket right after this one's body, so the
 * unread bytes must be read off the wire before the socket can serve again. @hono/node-server
 * drains them after the response but gives up after 500 ms and destroys the socket: a 250 KB
 * body on a slow link, or on a busy two-core machine, outlasts that, and the client's next
 * request on that socket (a POST, which browsers do not retry) fails with a closed socket.
 *
 * So, before the response goes out:
 *  - a body whose declared length is within `drainBytes` (the API's body limit) is read and
 *    discarded first, then the answer is sent and the connection stays open;
 *  - a body that is larger, of unknown length (chunked) or already half read by a handler is
 *    answered with `Connection: close`, so the client knows to open a new socket; the server
 *    then closes only its sending side and keeps discarding what the client still sends (a
 *    "lingering close", as nginx does) until the client closes or `lingerMs` pass, so the
 *    client reads the answer instead of a connection reset.
 */
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface SettleOptions {
  /** Largest refused body (bytes) read and discarded to keep the connection; the API's body limit. */
  drainBytes: number;
  /** How long (ms) to wait for such a body before answering with `Connection: close` instead. */
  drainWaitMs?: number;
  /** How long (ms) a closing connection keeps discarding what the client still sends. */
  lingerMs?: number;
}

type Bindings = HttpBindings | Http2Bindings;
type Fetch = (request: Request, env: Bindings) => Response | Promise<Response>;

const DEFAULT_DRAIN_WAIT_MS = 10_000;
const DEFAULT_LINGER_MS = 5_000;

/** Wraps the app's `fetch` for @hono/node-server so that no unread body breaks a kept-alive socket. */
export function settleRequestBody(fetch: Fetch, options: SettleOptions): Fetch {
  const drainWaitMs = options.drainWaitMs ?? DEFAULT_DRAIN_WAIT_MS;
  const lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
  return async (request, env) => {
    const response = await fetch(request, env);
    const { incoming, outgoing } = env;
    // HTTP/2 streams end on their own; only HTTP/1.1 shares a socket between requests.
    if (!(incoming instanceof IncomingMessage) || !(outgoing instanceof ServerResponse)) return response;
    if (incoming.readableEnded || !hasBody(incoming)) return response;
    const declared = declaredLength(incoming);
    if (declared !== undefined && declared <= options.drainBytes && (await discardBody(request, options.drainBytes, drainWaitMs))) {
      return response;
    }
    // Everything sent has arrived: node-server's own drain reads the buffered rest at once.
    if (incoming.complete) return response;
    closeAfterResponse(outgoing, incoming, lingerMs);
    return response;
  };
}

function hasBody(incoming: IncomingMessage): boolean {
  return incoming.headers['transfer-encoding'] !== undefined || (declaredLength(incoming) ?? 0) > 0;
}

function declaredLength(incoming: IncomingMessage): number | undefined {
  if (incoming.headers['transfer-encoding'] !== undefined) return undefined;
  const v = incoming.headers['content-length'];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/**
 * Reads the body to its end and drops it. False when a handler holds or has started reading it,
 * when it runs past `maxBytes`, or when it does not arrive within `waitMs`.
 */
async function discardBody(request: Request, maxBytes: number, waitMs: number): Promise<boolean> {
  const body = request.bodyUsed ? null : request.body;
  if (!body || body.locked) return false;
  const reader = body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), waitMs);
  });
  try {
    let size = 0;
    for (;;) {
      const next = await Promise.race([reader.read(), timeout]);
      if (next === 'timeout') return false;
      if (next.done) return true;
      size += next.value.byteLength;
      if (size > maxBytes) return false;
    }
  } catch {
    // The client went away mid-body: nothing to keep.
    return false;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
}

function closeAfterResponse(outgoing: ServerResponse, incoming: IncomingMessage, lingerMs: number): void {
  if (!outgoing.headersSent) outgoing.setHeader('Connection', 'close');
  const socket = incoming.socket as Socket | null;
  if (!socket) return;
  // Node ends a `Connection: close` response with socket.destroySoon(), which closes the socket
  // while the client may still be sending: the unread bytes make the kernel answer with a reset
  // that can reach the client before it has read the response. Close our side only, discard
  // what still comes, and close fully when the client does or after `lingerMs`.
  let lingering = false;
  socket.destroySoon = function lingeringClose(this: Socket): void {
    if (this.destroyed || lingering) return;
    lingering = true;
    const timer = setTimeout(() => this.destroy(), lingerMs);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
    this.once('end', () => this.destroy());
    this.on('error', () => this.destroy());
    incoming.on('data', () => undefined);
    incoming.resume();
    this.resume();
    this.end();
  };
}
