import { epsgCrs, fromWgs84 } from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { BACKENDS } from '../test/test-database.js';
import { loginAs, useTestApp, type Client } from '../test/test-app.js';
import type { ImportReport } from './import.types.js';

const CSV = [
  '编号,经度,纬度,上报时间,类别',
  'R-1,108.905,34.205,2025-05-01 10:00,环境卫生',
  'R-2,108.925,34.215,2025/05/02 11:00,治安隐患',
  'R-3,108.99,34.215,2025/05/02 11:00,治安隐患',
].join('\n');
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function multipart(
  client: Client,
  path: string,
  name: string,
  text: string,
  options: object,
): Promise<{ status: number; body: ImportReport & { error?: { message: string } } }> {
  const form = new FormData();
  form.set('file', new File([text], name));
  form.set('options', JSON.stringify(options));
  const res = await client.request(path, { method: 'POST', headers: { 'x-csrf-token': client.csrf }, body: form });
  return { status: res.status, body: (await res.json()) as ImportReport & { error?: { message: string } } };
}

describe.each(BACKENDS)('import routes on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('dry-runs a JSON upload and commits a multipart one', async () => {
    const admin = await ctx.login('admin');
    const dry = await admin.post<ImportReport>('/api/import/incidents', {
      fileName: 'r.csv',
      content: b64(CSV),
      dryRun: true,
      fields: { id: '编号' },
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      batchId: null,
      total: 3,
      accepted: 2,
      rejected: 1,
      reasons: { outside_district: 1 },
      repairs: {},
    });
    // The same rows as Gauss–Krüger metres (CGCS2000 3° zone 36, EPSG:4524), named by crs.
    const gk = CSV.replace(/(\d+\.\d+),(\d+\.\d+)/g, (_, lng: string, lat: string) =>
      fromWgs84([Number(lng), Number(lat)], epsgCrs(4524)!).join(','),
    );
    const gkDry = await admin.post<ImportReport>('/api/import/incidents', {
      fileName: 'gk.csv',
      content: b64(gk),
      dryRun: true,
      crs: 'EPSG:4524',
    });
    expect(gkDry.body).toMatchObject({ total: 3, accepted: 2, reasons: { outside_district: 1 } });

    const done = await multipart(admin, '/api/import/incidents', 'r.csv', CSV, { fields: { id: '编号' } });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ dryRun: false, accepted: 2 });
    const rows = await ctx.t.db.query<{ code: string; category: string }>(
      `SELECT code, category FROM incidents WHERE code LIKE 'R-%' ORDER BY code`,
    );
    expect(rows.rows).toEqual([
      { code: 'R-1', category: '环境卫生' },
      { code: 'R-2', category: '治安隐患' },
    ]);
    const batch = await ctx.t.db.query(`SELECT imported_by, accepted FROM import_batches WHERE id = $1`, [done.body.batchId]);
    expect(batch.rows).toEqual([{ imported_by: 'admin', accepted: 2 }]);
  });

  it('imports tracks for admins only, and nothing for a community-level user', async () => {
    const text = 'worker,lat,lng,time\n李娜,34.205,108.925,2025-06-03 09:00\n李娜,34.206,108.926,2025-06-03 09:10\n';
    const admin = await ctx.login('admin');
    const ok = await admin.post<ImportReport>('/api/import/tracks', { fileName: 't.csv', content: b64(text) });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ accepted: 2, tracks: 1 });
    const worker = await ctx.login('worker');
    expect((await worker.post('/api/import/tracks', { fileName: 't.csv', content: b64(text), dryRun: true })).status).toBe(403);
    expect((await worker.post('/api/import/incidents', { fileName: 'r.csv', content: b64(CSV), dryRun: true })).status).toBe(200);
    const west = await ctx.login('worker-west');
    const denied = await west.post<{ error: { message: string } }>('/api/import/incidents', {
      fileName: 'r.csv',
      content: b64(CSV),
      dryRun: true,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/not wholly inside your jurisdiction/);
  });

  it('says what is wrong with a file it cannot read', async () => {
    const admin = await ctx.login('admin');
    const unknown = await admin.post<{ error: { code: string; message: string } }>('/api/import/incidents', {
      fileName: 'r.doc',
      content: b64(CSV),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toMatch(/name it with --format/);
    const noTime = await admin.post<{ error: { message: string } }>('/api/import/incidents', {
      fileName: 'r.csv',
      content: b64('lng,lat\n108.9,34.2\n'),
    });
    expect(noTime.status).toBe(422);
    expect(noTime.body.error.message).toMatch(/no time field/);
    const badOptions = await admin.post<{ error: { details: { message: string }[] } }>('/api/import/incidents', {
      fileName: 'r.csv',
      content: b64(CSV),
      crs: 'mars',
    });
    expect(badOptions.status).toBe(400);
    expect(JSON.stringify(badOptions.body)).toMatch(/unknown coordinate system \\"mars\\"/);
  });

  it('takes uploads over the 1 MiB API limit up to its own cap, with a clear 413 beyond', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `108.905,34.205,2025-05-01 10:00,备注${i}`);
    const big = ['lng,lat,time,note', ...rows].join('\n');
    expect(big.length).toBeGreaterThan(2 ** 20);
    const admin = await ctx.login('admin');
    const ok = await admin.post<ImportReport>('/api/import/incidents', { fileName: 'big.csv', content: b64(big), dryRun: true });
    expect(ok.status).toBe(200);
    expect(ok.body.accepted).toBe(30_000);

    const small = createApp({ db: ctx.t.db, maxImportBytes: 100_000 });
    const client = await loginAs(small, 'admin');
    const refused = await client.post<{ error: { code: string; message: string } }>('/api/import/incidents', {
      fileName: 'big.csv',
      content: b64(big),
      dryRun: true,
    });
    expect(refused.status).toBe(413);
    expect(refused.body.error).toEqual({
      code: 'payload_too_large',
      message: expect.stringMatching(/at most 100000 bytes .*pnpm gridatlas import/),
    });
    // Other routes keep the 1 MiB limit.
    const plain = await client.post('/api/plans', { regionCode: '610198001001', name: 'x'.repeat(2 ** 20 + 10) });
    expect(plain.status).toBe(413);
  });
});
