/**
 * Basemap settings and files on both databases: the settings' validation, jurisdiction and
 * audit (without the key); the real Firenze archive listed with its header, served in byte
 * ranges the `pmtiles` reader decodes tiles from; uploads checked and refused cleanly.
 */
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { PMTiles, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { AppEnv } from '../http/app-env.js';
import { createTestUsers, loginAs, type Client } from '../test/test-app.js';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';

const REAL = process.env.GRIDATLAS_REAL_DATA ?? join(import.meta.dirname, '../../../../shared/data/real');
const FIRENZE = join(REAL, 'firenze.pmtiles');
const KEY = '0123456789abcdef0123456789ABCDEF';

describe.each(BACKENDS)('basemaps on %s', (kind) => {
  let t: TestDatabase;
  let app: OpenAPIHono<AppEnv>;
  let dir: string;
  let admin: Client;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
    await createTestUsers(t);
    dir = await mkdtemp(join(tmpdir(), 'gridatlas-basemaps-'));
    await symlink(FIRENZE, join(dir, 'firenze.pmtiles'));
    await writeFile(join(dir, 'notes.pmtiles'), 'not an archive');
    app = createApp({ db: t.db, basemapDir: dir, maxBasemapBytes: 8 * 2 ** 20 });
    admin = await loginAs(app, 'admin');
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const put = (c: Client, path: string, body: unknown, type = 'application/json') =>
    c.request(path, {
      method: 'PUT',
      headers: { 'content-type': type, 'x-csrf-token': c.csrf },
      body: type === 'application/json' ? JSON.stringify(body) : (body as Uint8Array<ArrayBuffer>),
    });
  const settings = (over: Record<string, unknown> = {}) => ({
    districtCode: '610198',
    defaultBasemap: 'pmtiles',
    pmtiles: { file: 'firenze.pmtiles' },
    tianditu: { key: KEY, reviewNumber: '审图号：GS(2024)1234号' },
    ...over,
  });

  it('reads the offline style for a district nobody configured', async () => {
    const r = await admin.get('/api/basemaps/settings?region=610198001001');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ districtCode: '610198', defaultBasemap: 'offline', pmtiles: null, tianditu: null });
  });

  it('lists the readable archives of the folder with their headers', async () => {
    const r = await admin.get<{ configured: boolean; files: { name: string; tileType: string; maxZoom: number; bounds: number[] }[] }>(
      '/api/basemaps/files',
    );
    expect(r.status).toBe(200);
    expect(r.body.configured).toBe(true);
    // notes.pmtiles is not an archive: not offered.
    expect(r.body.files.map((f) => f.name)).toEqual(['firenze.pmtiles']);
    const f = r.body.files[0]!;
    expect(f.tileType).toBe('mvt');
    expect(f.maxZoom).toBe(14);
    // Florence: about 11.2 E, 43.8 N.
    expect(f.bounds[0]).toBeLessThan(11.26);
    expect(f.bounds[2]).toBeGreaterThan(11.24);
    expect(f.bounds[1]).toBeLessThan(43.78);
    expect(f.bounds[3]).toBeGreaterThan(43.76);
  });

  it('stores settings, lowercases the key, drops a leading 审图号 and audits without the key', async () => {
    const r = await put(admin, '/api/basemaps/settings', settings());
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      defaultBasemap: 'pmtiles',
      pmtiles: { file: 'firenze.pmtiles', url: '/api/basemaps/files/firenze.pmtiles', attribution: '© OpenStreetMap contributors' },
      tianditu: { key: KEY.toLowerCase(), reviewNumber: 'GS(2024)1234号' },
      updatedBy: 'admin',
    });
    // Every user of the district reads it, a community-level one too.
    const worker = await loginAs(app, 'worker-west');
    expect((await worker.get('/api/basemaps/settings?region=610198001001')).body).toMatchObject({ defaultBasemap: 'pmtiles' });
    const audit = await t.db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_log WHERE action = 'basemap.settings' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]?.detail).toEqual({
      defaultBasemap: 'pmtiles',
      pmtilesFile: 'firenze.pmtiles',
      tiandituKey: 'set',
      reviewNumber: 'GS(2024)1234号',
    });
    const all = await t.db.query<{ detail: unknown }>(`SELECT detail FROM audit_log`);
    expect(JSON.stringify(all.rows).toLowerCase()).not.toContain(KEY.toLowerCase());
  });

  it('refuses bad settings with a reason and keeps what was stored', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ tianditu: { key: 'abc', reviewNumber: 'GS(2024)1234号' } }, 400, /32 hexadecimal/],
      [{ tianditu: { key: KEY, reviewNumber: '2024-568' } }, 400, /审图号/],
      [{ pmtiles: { file: '../etc/passwd' } }, 400, /file name/],
      [{ pmtiles: null }, 400, /no file is set/],
      [{ defaultBasemap: 'tianditu-imagery', tianditu: null }, 400, /Tianditu/],
      [{ pmtiles: { file: 'missing.pmtiles' } }, 422, /not in the basemap folder/],
      [{ pmtiles: { file: 'notes.pmtiles' } }, 422, /not a PMTiles archive/],
      [{ districtCode: '999999' }, 403, /jurisdiction/],
      [{ extra: 1 }, 400, /extra|unrecognized/i],
    ];
    for (const [over, status, message] of cases) {
      const r = await put(admin, '/api/basemaps/settings', settings(over));
      const body = (await r.json()) as { error: { message: string } };
      expect(r.status, JSON.stringify(over)).toBe(status);
      expect(body.error.message, JSON.stringify(over)).toMatch(message);
    }
    expect((await admin.get('/api/basemaps/settings')).body).toMatchObject({
      defaultBasemap: 'pmtiles',
      pmtiles: { file: 'firenze.pmtiles' },
    });
    // A community-level admin may not set the district's basemap; a planner has no permission.
    expect((await put(await loginAs(app, 'admin-west'), '/api/basemaps/settings', settings())).status).toBe(403);
    expect((await put(await loginAs(app, 'planner'), '/api/basemaps/settings', settings())).status).toBe(403);
  });

  it('serves byte ranges the pmtiles reader decodes tiles from', async () => {
    const size = (await readFile(FIRENZE)).length;
    const head = await admin.request('/api/basemaps/files/firenze.pmtiles', { headers: { range: 'bytes=0-126' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-126/${size}`);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect(
      Buffer.from(await head.arrayBuffer())
        .subarray(0, 7)
        .toString(),
    ).toBe('PMTiles');
    const past = await admin.request('/api/basemaps/files/firenze.pmtiles', { headers: { range: `bytes=${size}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
    // The same reader the browser runs, over HTTP ranges through the app.
    const etags = new Set<string | null>();
    const source: Source = {
      getKey: () => 'firenze',
      async getBytes(offset, length) {
        const r = await admin.request('/api/basemaps/files/firenze.pmtiles', {
          headers: { range: `bytes=${offset}-${offset + length - 1}` },
        });
        expect(r.status).toBe(206);
        etags.add(r.headers.get('etag'));
        return { data: await r.arrayBuffer() };
      },
    };
    const archive = new PMTiles(source);
    const header = await archive.getHeader();
    const tile = await archive.getZxy(14, 8704, 5972); // central Florence
    expect(header.maxZoom).toBe(14);
    expect(tile?.data.byteLength).toBeGreaterThan(1000);
    expect(etags.size).toBe(1);
    expect((await admin.request('/api/basemaps/files/none.pmtiles')).status).toBe(404);
    expect((await admin.request('/api/basemaps/files/..%2Fsecret.pmtiles')).status).toBe(400);
    const worker = await loginAs(app, 'worker-west');
    expect((await worker.request('/api/basemaps/files/firenze.pmtiles', { headers: { range: 'bytes=0-9' } })).status).toBe(206);
  });

  it('takes an uploaded archive, refuses a file that is not one and leaves nothing behind', async () => {
    const bytes = await readFile(FIRENZE);
    const ok = await put(admin, '/api/basemaps/files/city.pmtiles', bytes, 'application/octet-stream');
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ name: 'city.pmtiles', sizeBytes: bytes.length, tileType: 'mvt' });
    expect((await put(admin, '/api/basemaps/files/city.pmtiles', bytes, 'application/octet-stream')).status).toBe(409);
    const bad = await put(
      admin,
      '/api/basemaps/files/bad.pmtiles',
      Buffer.from('{"type":"FeatureCollection"}'),
      'application/octet-stream',
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/not a PMTiles archive/);
    const old = Buffer.from(bytes);
    old[7] = 2;
    expect((await put(admin, '/api/basemaps/files/old.pmtiles', old, 'application/octet-stream')).status).toBe(422);
    const big = await put(admin, '/api/basemaps/files/big.pmtiles', Buffer.concat([bytes, bytes, bytes]), 'application/octet-stream');
    expect(big.status).toBe(413);
    expect((await readdir(dir)).sort()).toEqual(['city.pmtiles', 'firenze.pmtiles', 'notes.pmtiles']);
    // A community-level admin may not add files every district shares.
    expect((await put(await loginAs(app, 'admin-west'), '/api/basemaps/files/w.pmtiles', bytes, 'application/octet-stream')).status).toBe(
      403,
    );
  });

  it('removes an archive only when no district uses it', async () => {
    const del = (name: string) =>
      admin.request(`/api/basemaps/files/${name}`, { method: 'DELETE', headers: { 'x-csrf-token': admin.csrf } });
    const used = await del('firenze.pmtiles');
    expect(used.status).toBe(409);
    expect(((await used.json()) as { error: { message: string } }).error.message).toMatch(/610198/);
    expect((await del('city.pmtiles')).status).toBe(200);
    expect((await del('city.pmtiles')).status).toBe(404);
  });

  it('without a basemap folder: settings without PMTiles still work, files are refused clearly', async () => {
    const bare = createApp({ db: t.db });
    const a = await loginAs(bare, 'admin');
    expect((await a.get('/api/basemaps/files')).body).toEqual({ configured: false, files: [] });
    const r = await put(a, '/api/basemaps/settings', settings());
    expect(r.status).toBe(409);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/GRIDATLAS_BASEMAP_DIR/);
    expect((await put(a, '/api/basemaps/settings', settings({ defaultBasemap: 'tianditu-vector', pmtiles: null }))).status).toBe(200);
  });
});
