/**
 * A graceful close under steady kept-alive traffic: a real listening server, a client with
 * one pooled socket that asks again as soon as it has an answer (as the soak's users and a
 * busy browser do). Node's `server.close()` alone would keep serving it on that socket.
 */
import { Hono } from 'hono';
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, type Listening } from './listen.js';

interface Sent {
  status?: number;
  connection?: string | undefined;
  error?: string;
}

function send(port: number, agent: Agent, path: string): Promise<Sent> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

describe('listen().close()', () => {
  let listening: Listening | undefined;
  let agent: Agent | undefined;
  afterEach(async () => {
    agent?.destroy();
    listening?.server.closeAllConnections();
    await listening?.close();
  });

  it('finishes the request under way, tells its client to close, and serves nothing more on that socket', async () => {
    let hits = 0;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (release = resolve));
    const app = new Hono().get('/slow', async (c) => {
      // The second request (the first after warming the socket) is the one under way at close.
      if (++hits === 2) release();
      await new Promise((r) => setTimeout(r, 200));
      return c.text('done');
    });
    listening = await listen(app, { port: 0, host: '127.0.0.1', drainBytes: 1024 });
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const port = listening.port;
    // Warm the pooled socket, then ask the slow route and close while it works.
    expect((await send(port, agent, '/slow')).status).toBe(200);
    const underWay = send(port, agent, '/slow');
    await started;
    const closed = listening.close();
    const answer = await underWay;
    expect(answer).toEqual({ status: 200, connection: 'close' });
    // The client asks again at once, three times: none of it may be served any more.
    const later: Sent[] = [];
    for (let i = 0; i < 3; i++) later.push(await send(port, agent, '/slow'));
    expect(later.every((s) => s.status === undefined && s.error !== undefined)).toBe(true);
    await closed;
    expect(listening.server.listening).toBe(false);
  });
});
