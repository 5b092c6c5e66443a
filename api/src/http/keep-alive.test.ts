/**
 * A kept-alive connection survives a refused request body: a real listening server, a real
 * HTTP/1.1 client with one pooled socket, on both backends.
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '../app.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { listen } from './listen.js';

interface Sent {
  status?: number;
  headers?: IncomingHttpHeaders;
  body?: string;
  reusedSocket: boolean;
  /** A client-side error before the response was read in full. */
  error?: string;
}

interface Body {
  bytes: Buffer;
  /** Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
  /** Sent in ten pieces over this many ms, like a phone on a slow link. */
  overMs?: number;
}

describe.each(BACKENDS)('kept-alive connections after a refused body on %s', (kind) => {
  const ctx = useTestApp(kind);
  let server: Server;
  let port: number;
  let agent: Agent;
  let analyst: Client;
  const watched = new WeakSet<Socket>();

  beforeAll(async () => {
    ({ server, port } = await listen(ctx.app, { port: 0, host: '127.0.0.1', drainBytes: DEFAULT_MAX_BODY_BYTES }));
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    analyst = await ctx.login('analyst');
  });
  afterAll(async () => {
    agent?.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  function send(method: string, path: string, headers: Record<string, string>, body?: Body): Promise<Sent> {
    return new Promise((resolve) => {
      let answered = false;
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            cookie: analyst.cookie,
            ...headers,
            ...(body
              ? { 'content-type': 'application/json', ...(body.chunked ? {} : { 'content-length': String(body.bytes.length) }) }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            answered = true;
            resolve({
              status: res.statusCode!,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
              reusedSocket: req.reusedSocket,
            });
          });
        },
      );
      // After a `Connection: close` answer the server may close while the client still writes:
      // that late error is the client's to ignore, not a failed request.
      req.on('socket', (socket) => {
        if (watched.has(socket)) return;
        watched.add(socket);
        socket.on('error', () => undefined);
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (!answered) resolve({ error: e.code ?? e.message, reusedSocket: req.reusedSocket });
      });
      if (!body) return void req.end();
      const pieces = body.overMs ? 10 : 1;
      const size = Math.ceil(body.bytes.length / pieces);
      let i = 0;
      const next = (): void => {
        const piece = body.bytes.subarray(i * size, (i + 1) * size);
        if (++i === pieces) return void req.end(piece);
        req.write(piece);
        setTimeout(next, body.overMs! / pieces);
      };
      next();
    });
  }

  const me = () => send('GET', '/api/auth/me', {});
  const json = (bytes: number) => Buffer.from(JSON.stringify({ name: 'x'.repeat(bytes - 12) }));

  it('answers a 250 KB POST without the CSRF header with 403 and serves the next request on the same socket', async () => {
    await me(); // opens the one pooled socket
    const cases: [string, Body][] = [
      ['at once', { bytes: json(250_000) }],
      ['slowly', { bytes: json(250_000), overMs: 1_200 }],
      ['chunked', { bytes: json(250_000), chunked: true }],
    ];
    for (const [how, body] of cases) {
      const refused = await send('POST', '/api/plans', {}, body);
      expect(refused, how).toMatchObject({ status: 403, reusedSocket: true, headers: { connection: 'keep-alive' } });
      expect(JSON.parse(refused.body!), how).toMatchObject({ error: { code: 'forbidden' } });
      // A POST, as a browser would not retry it on a dead socket.
      const next = await send('POST', '/api/auth/logout-not-here', { 'x-csrf-token': analyst.csrf }, { bytes: json(100) });
      expect(next, how).toMatchObject({ status: 404, reusedSocket: true });
      expect(await me(), how).toMatchObject({ status: 200, reusedSocket: true });
    }
  });

  it('answers a body over the limit with 413 and Connection: close, and the next request succeeds', async () => {
    for (const body of [{ bytes: json(2 * DEFAULT_MAX_BODY_BYTES) }, { bytes: json(2 * DEFAULT_MAX_BODY_BYTES), chunked: true }]) {
      await me();
      const refused = await send('POST', '/api/plans', { 'x-csrf-token': analyst.csrf }, body);
      expect(refused.error).toBeUndefined();
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body!)).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(refused.headers!.connection).toBe('close');
      const next = await me();
      expect(next.error).toBeUndefined();
      expect(next.status).toBe(200);
      expect(next.reusedSocket).toBe(false);
    }
  });

  it('keeps the connection after a refused body many times over', async () => {
    await me();
    for (let i = 0; i < 20; i++) {
      const refused = await send('POST', '/api/plans', {}, { bytes: json(250_000) });
      expect(refused).toMatchObject({ status: 403, reusedSocket: true });
      expect(await me()).toMatchObject({ status: 200, reusedSocket: true });
    }
  });
});
