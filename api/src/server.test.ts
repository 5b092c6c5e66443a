import { Agent, get } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from './log.js';
import { startServer, type RunningServer } from './server.js';
import { openTestDatabase, type TestDatabase } from './test/test-database.js';

describe('startServer', () => {
  let t: TestDatabase;
  let server: RunningServer;
  let webDist: string;

  beforeAll(async () => {
    t = await openTestDatabase('postgresql', 'seeded');
    webDist = mkdtempSync(join(tmpdir(), 'gridatlas-web-'));
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>GridAtlas</title>');
    writeFileSync(join(webDist, 'assets/app-abc123.js'), 'console.log(1)');
    server = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: t.url, webDist, demo: false, log: silentLogger });
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('serves the API on the port it reports', async () => {
    expect(server.url).toBe(`http://localhost:${server.port}`);
    const res = await fetch(`http://127.0.0.1:${server.port}/api/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'postgresql', seeded: true });
  });

  it('serves the web app, with index.html for client-side routes', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const root = await fetch(`${base}/`);
    expect(await root.text()).toContain('<title>GridAtlas</title>');
    const deep = await fetch(`${base}/plans/3/edit`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>GridAtlas</title>');
    expect(deep.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const asset = await fetch(`${base}/assets/app-abc123.js`);
    expect(await asset.text()).toBe('console.log(1)');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it("keeps an idle connection open longer than a reverse proxy does (65 s, not Node's 5 s)", async () => {
    const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
      const agent = new Agent({ keepAlive: true });
      get(`http://127.0.0.1:${server.port}/api/health`, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          agent.destroy();
          resolve(String(res.headers['keep-alive']));
        });
      }).on('error', reject);
    });
    expect(keepAlive).toBe('timeout=65');
  });

  it('keeps unknown API paths as JSON 404s', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
