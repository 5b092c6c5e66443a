import { describe, expect, it, beforeAll } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import { gunzipSync } from 'node:zlib';
import { ResponseCache, acceptsGzip, analyticsVersion, GZIP_MIN_BYTES, type KeptBody } from './response-cache.js';
import { insertIncidents, makeIncidents, MID_PLAN_ID } from './incidents.test-data.js';

const bytes = (n: number): KeptBody => ({ bytes: new Uint8Array(n), gzip: false });

describe('ResponseCache', () => {
  it('serves a body only at the version it was kept at, and drops an older one', () => {
    const cache = new ResponseCache(1000);
    cache.set('a', '1', bytes(10));
    expect(cache.get('a', '1')?.bytes.byteLength).toBe(10);
    expect(cache.get('a', '2')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.usedBytes).toBe(0);
  });

  it('evicts the least recently used bodies past its byte bound, counting keys too', () => {
    const cache = new ResponseCache(500);
    for (const k of ['k01', 'k02', 'k03']) cache.set(k, '1', bytes(57)); // 60 bytes each with the key
    cache.get('k01', '1'); // k01 is now the most recent
    for (let k = 4; k <= 10; k++) cache.set(`k${String(k).padStart(2, '0')}`, '1', bytes(57));
    expect(cache.usedBytes).toBe(480);
    expect(cache.get('k02', '1')).toBeUndefined();
    expect(cache.get('k03', '1')).toBeUndefined();
    expect(cache.get('k01', '1')).toBeDefined();
    expect(cache.get('k10', '1')).toBeDefined();
  });

  it('does not keep a body larger than an eighth of the bound, and replaces a key in place', () => {
    const cache = new ResponseCache(800);
    cache.set('big', '1', bytes(200));
    expect(cache.size).toBe(0);
    cache.set('a', '1', bytes(10));
    cache.set('a', '2', bytes(20));
    expect(cache.usedBytes).toBe(21);
    expect(cache.get('a', '2')?.bytes.byteLength).toBe(20);
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding, q=0 refusing', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('br')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe.each(BACKENDS)('analytics responses through the cache on %s', (kind) => {
  const ctx = useTestApp(kind);

  beforeAll(async () => {
    await insertIncidents(ctx.t.db, makeIncidents(60));
  });

  // The tile at zoom 14 holding the middle of the fixture's incidents (108.92, 34.21).
  const n = 2 ** 14;
  const tx = Math.floor(((108.92 + 180) / 360) * n);
  const ty = Math.floor(((1 - Math.log(Math.tan(Math.PI / 4 + (34.21 * Math.PI) / 360)) / Math.PI) / 2) * n);
  const paths = [
    '/api/analytics/incidents/grids?from=2025-01-01&to=2026-01-01',
    '/api/analytics/incidents/hexbins?bbox=108.89,34.19,108.95,34.23&zoom=14.5',
    `/api/tiles/incidents/14/${tx}/${ty}.mvt`,
  ];

  it.each(paths)('%s: a second ask is a hit with the same body; no-cache computes afresh', async (path) => {
    const client = await ctx.login('analyst');
    const a = await client.request(path, { headers: { 'cache-control': 'no-cache' } });
    expect(a.status).toBe(200);
    expect(a.headers.get('x-cache')).toBe('miss');
    const b = await client.request(path);
    expect(b.headers.get('x-cache')).toBe('hit');
    expect(Buffer.from(await b.arrayBuffer())).toEqual(Buffer.from(await a.arrayBuffer()));
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    const again = await client.request(path, { headers: { 'if-none-match': a.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('sends large bodies gzip-compressed to a client that accepts it, the same body as sent to one that does not', async () => {
    const client = await ctx.login('analyst');
    const path = '/api/analytics/incidents/hexbins?bbox=108.89,34.19,108.95,34.23&zoom=14.5';
    const plain = await client.request(path);
    const plainBody = Buffer.from(await plain.arrayBuffer());
    expect(plainBody.byteLength).toBeGreaterThanOrEqual(GZIP_MIN_BYTES);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const zipped = await client.request(path, { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toContain('Accept-Encoding');
    const zippedBody = Buffer.from(await zipped.arrayBuffer());
    expect(zippedBody.byteLength).toBeLessThan(plainBody.byteLength / 2);
    expect(gunzipSync(zippedBody)).toEqual(plainBody);
    expect(zipped.headers.get('etag')).toBe(plain.headers.get('etag'));
  });

  /** The version of one incident month of the tiny district (0 when it has none). */
  const monthVersion = async (month: string): Promise<number> =>
    Number(
      (
        await ctx.t.db.query<{ v: number }>('SELECT version AS v FROM analytics_incident_months WHERE district_code = $1 AND month = $2', [
          TINY_DISTRICT_CODE,
          month,
        ])
      ).rows[0]?.v ?? 0,
    );

  it('moves on when an incident is written in its period: the new incident is counted, the old body is not served', async () => {
    const client = await ctx.login('analyst');
    const path = '/api/analytics/incidents/grids?from=2025-01-01&to=2026-01-01';
    const before = await client.request(path);
    const body0 = (await before.json()) as { total: number };
    const [v0, m0] = [await analyticsVersion(ctx.t.db, TINY_DISTRICT_CODE), await monthVersion('2025-06-01')];
    await insertIncidents(ctx.t.db, [{ ...makeIncidents(1)[0]!, id: 990_001, code: 'TCACHE1', reportedAt: '2025-06-01T04:00:00Z' }]);
    // The incident's month moves; the district's version (buildings, plans) does not.
    expect(await monthVersion('2025-06-01')).toBeGreaterThan(m0);
    expect(await analyticsVersion(ctx.t.db, TINY_DISTRICT_CODE)).toBe(v0);
    const after = await client.request(path, { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(((await after.json()) as { total: number }).total).toBe(body0.total + 1);
  });

  it('keeps a body about other months while incidents are written, and lets it go when one of its months is', async () => {
    const client = await ctx.login('analyst');
    const spring = '/api/analytics/incidents/grids?from=2025-01-01&to=2025-04-01';
    const always = '/api/analytics/incidents/grids';
    const [a, b] = [await client.request(spring), await client.request(always)];
    const springTotal = ((await a.json()) as { total: number }).total;
    const allTotal = ((await b.json()) as { total: number }).total;
    // Written in October: the spring body stays, the body over every month does not.
    await insertIncidents(ctx.t.db, [{ ...makeIncidents(1)[0]!, id: 990_002, code: 'TCACHE2', reportedAt: '2025-10-12T04:00:00Z' }]);
    const kept = await client.request(spring);
    expect(kept.headers.get('x-cache')).toBe('hit');
    expect(kept.headers.get('etag')).toBe(a.headers.get('etag'));
    const moved = await client.request(always);
    expect(moved.headers.get('x-cache')).toBe('miss');
    expect(((await moved.json()) as { total: number }).total).toBe(allTotal + 1);
    // Moved into March (an UPDATE moves the months it leaves and enters): the spring body goes.
    await ctx.t.db.query(`UPDATE incidents SET reported_at = '2025-03-31T15:59:00Z' WHERE district_code = $1 AND id = 990002`, [
      TINY_DISTRICT_CODE,
    ]);
    const inSpring = await client.request(spring);
    expect(inSpring.headers.get('x-cache')).toBe('miss');
    expect(((await inSpring.json()) as { total: number }).total).toBe(springTotal + 1);
    // Deleted: March moves again.
    const m = await monthVersion('2025-03-01');
    await ctx.t.db.query('DELETE FROM incidents WHERE district_code = $1 AND id = 990002', [TINY_DISTRICT_CODE]);
    expect(await monthVersion('2025-03-01')).toBeGreaterThan(m);
    const gone = await client.request(spring);
    expect(gone.headers.get('x-cache')).toBe('miss');
    expect(((await gone.json()) as { total: number }).total).toBe(springTotal);
  });

  it('moves on when a plan is approved or its approval changes, not when a draft is saved', async () => {
    const v0 = await analyticsVersion(ctx.t.db, TINY_DISTRICT_CODE);
    await ctx.t.db.query('UPDATE plans SET updated_at = updated_at WHERE id = $1', [MID_PLAN_ID]);
    expect(await analyticsVersion(ctx.t.db, TINY_DISTRICT_CODE)).toBe(v0);
    const approved = (await ctx.t.db.query<{ id: number }>('SELECT min(id) AS id FROM plans WHERE approved_at IS NOT NULL')).rows[0]!.id;
    expect(approved).not.toBeNull();
    await ctx.t.db.query(`UPDATE plans SET approved_at = approved_at + interval '1 second' WHERE id = $1`, [approved]);
    expect(await analyticsVersion(ctx.t.db, TINY_DISTRICT_CODE)).toBe(v0 + 1);
    await ctx.t.db.query(`UPDATE plans SET approved_at = approved_at - interval '1 second' WHERE id = $1`, [approved]);
  });

  it('keeps one user’s body from another with a narrower jurisdiction', async () => {
    const path = '/api/analytics/incidents/grids?from=2025-01-01&to=2026-01-01';
    const wide = await (await ctx.login('analyst')).request(path);
    const narrow = await (await ctx.login('analyst-west')).request(path);
    expect(narrow.headers.get('x-cache')).toBe('miss');
    expect(narrow.headers.get('etag')).not.toBe(wide.headers.get('etag'));
    const wideRows = ((await wide.json()) as { rows: unknown[] }).rows.length;
    const narrowRows = ((await narrow.json()) as { rows: unknown[] }).rows.length;
    expect(narrowRows).toBeLessThan(wideRows);
  });
});
