/**
 * The import wizard's API on both databases, over the tiny fixture district (610198): upload,
 * inspect, a dry run with problems per feature, a commit as a job, the history, an export and
 * its file, permissions (planner, special groups, jurisdictions), a city-level admin who sees
 * two districts, and imports stopped mid-way (cancel, a failure) leaving the tables as they were.
 */
import { describe, expect, it } from 'vitest';
import { createUser } from '../../users/create-user.js';
import { BACKENDS } from '../../test/test-database.js';
import { FAST_HASH, TEST_PASSWORD, useTestApp, type Client } from '../../test/test-app.js';
import { rect } from '../../test/tiny-district.fixture.js';
import { importDistrictLayer } from '../import/district-import.js';
import { JobCancelled } from '../../jobs/job-runner.js';

interface Job {
  id: number;
  state: string;
  result: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reports are checked field by field
  error: { code: string; message: string } | null;
}

const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const square = (lng: number, lat: number, id: string, props: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { id, ...props },
  geometry: rect(lng - 0.0002, lat - 0.0002, lng + 0.0002, lat + 0.0002),
});

async function upload(client: Client, name: string, content: string | Uint8Array): Promise<string> {
  const form = new FormData();
  form.append('file', new File([content], name));
  const res = await client.request('/api/uploads', { method: 'POST', body: form, headers: { 'x-csrf-token': client.csrf } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function finished(client: Client, id: number): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const { body } = await client.get<Job>(`/api/jobs/${id}`);
    if (!['queued', 'running'].includes(body.state)) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

const TABLES = [
  'districts',
  'regions',
  'buildings',
  'building_registry',
  'streets',
  'plans',
  'grids',
  'grid_codes',
  'special_group_records',
  'district_imports',
];

describe.each(BACKENDS)('district import API (%s)', (kind) => {
  const ctx = useTestApp(kind);
  const snapshot = async (): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for (const t of TABLES) {
      const r = await ctx.t.db.query<{ n: number; h: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${t} x`,
      );
      out[t] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ''}`;
    }
    return out;
  };

  it('uploads, inspects, dry-runs with problems per feature, commits as a job and lists the import', async () => {
    const admin = await ctx.login('admin');
    const buildings = fc([
      square(108.905, 34.208, 'b1', { 楼栋编码: 'T-1', floors: 6 }),
      square(108.925, 34.212, 'b2', { 楼栋编码: 'T-2', height: 30 }),
      square(108.96, 34.3, 'b3', { 楼栋编码: 'T-3' }), // in no community
    ]);
    const id = await upload(admin, 'new-buildings.geojson', buildings);
    const inspected = await admin.post<{
      format: string;
      featureCount: number;
      fields: string[];
      geometryTypes: Record<string, number>;
      preview: unknown[];
    }>(`/api/uploads/${id}/inspect`, {});
    expect(inspected.status).toBe(200);
    expect(inspected.body).toMatchObject({ format: 'geojson', featureCount: 3, geometryTypes: { Polygon: 3 } });
    expect(inspected.body.fields).toEqual(expect.arrayContaining(['id', '楼栋编码']));

    const before = await snapshot();
    const dry = await admin.post<{ job: Job; href: string }>('/api/districts/610198/imports', {
      layer: 'buildings',
      uploadId: id,
      idField: 'id',
      codeField: '楼栋编码',
    });
    expect(dry.status).toBe(202);
    expect(dry.headers.get('location')).toBe(`/api/jobs/${dry.body.job.id}`);
    const dryJob = await finished(admin, dry.body.job.id);
    expect(dryJob).toMatchObject({
      state: 'succeeded',
      result: { dryRun: true, written: false, read: 3, rejected: 1, reasons: { in_no_community: { kind: 'rejected', count: 1 } } },
    });
    expect(dryJob.result.problems.filter((p: { kind: string }) => p.kind === 'rejected')).toEqual([
      expect.objectContaining({ id: 'b3', reason: 'in_no_community', kind: 'rejected', at: [expect.any(Number), expect.any(Number)] }),
    ]);
    // The fixture's buildings the file lacks go, but two that incidents and visits point at stay.
    expect(dryJob.result.reasons.kept_in_use).toMatchObject({ kind: 'warning', count: 2 });
    expect(await snapshot()).toEqual(before);

    // Committed: the rejected row fails the job (nothing written) until allowRejected.
    const refused = await finished(
      admin,
      (
        await admin.post<{ job: Job }>('/api/districts/610198/imports', {
          layer: 'buildings',
          uploadId: id,
          idField: 'id',
          codeField: '楼栋编码',
          dryRun: false,
        })
      ).body.job.id,
    );
    expect(refused).toMatchObject({ state: 'failed', error: { code: 'rejected_rows' }, result: { rejected: 1, written: false } });
    expect(await snapshot()).toEqual(before);
    const done = await finished(
      admin,
      (
        await admin.post<{ job: Job }>('/api/districts/610198/imports', {
          layer: 'buildings',
          uploadId: id,
          idField: 'id',
          codeField: '楼栋编码',
          dryRun: false,
          allowRejected: true,
        })
      ).body.job.id,
    );
    expect(done).toMatchObject({ state: 'succeeded', result: { written: true, changes: { added: 2, removed: 4 } } });
    const stored = await ctx.t.db.query<{ code: string; floors: number; floors_estimated: boolean }>(
      `SELECT code, floors, floors_estimated FROM buildings WHERE district_code = '610198' AND code IS NOT NULL ORDER BY code`,
    );
    expect(stored.rows).toEqual([
      { code: 'T-1', floors: 6, floors_estimated: false },
      { code: 'T-2', floors: 10, floors_estimated: true },
    ]);
    const history = await admin.get<{ imports: { layer: string; jobId: number }[] }>('/api/districts/610198/imports');
    expect(history.body.imports[0]).toMatchObject({ layer: 'buildings', jobId: done.id });
  });

  it('exports the current grids as GeoJSON through a job and serves the file', async () => {
    const admin = await ctx.login('admin');
    const accepted = await admin.post<{ job: Job }>('/api/districts/610198/exports', { layer: 'grids', format: 'geojson' });
    expect(accepted.status).toBe(202);
    const job = await finished(admin, accepted.body.job.id);
    expect(job).toMatchObject({ state: 'succeeded', result: { features: 3, href: `/api/districts/610198/exports/${job.id}/file` } });
    const file = await admin.request(job.result.href);
    expect(file.status).toBe(200);
    const body = (await file.json()) as { features: { properties: { code: string } }[] };
    expect(body.features.map((f) => f.properties.code)).toEqual(['610198001001001', '610198001001002', '610198001002001']);
  });

  it('refuses planners, districts outside the jurisdiction, and special groups without their permission', async () => {
    const planner = await ctx.login('planner');
    expect((await planner.post('/api/districts/610198/imports', { layer: 'buildings', uploadId: '0'.repeat(32) })).status).toBe(403);
    const admin = await ctx.login('admin');
    expect((await admin.post('/api/districts/420111/imports', { layer: 'buildings', uploadId: '0'.repeat(32) })).status).toBe(403);
    await ctx.t.db.query(
      `INSERT INTO roles (key, zh, en, permissions) VALUES ('importer', '导入员', 'Importer', '["map.read", "districts.import"]') ON CONFLICT DO NOTHING`,
    );
    await createUser(
      ctx.t.db,
      { username: 'importer', password: TEST_PASSWORD, roles: ['importer'], jurisdictions: ['610198'] },
      { hashParams: FAST_HASH },
    );
    const importer = await ctx.login('importer');
    const id = await upload(importer, 'groups.csv', 'building_code,category\nT-1,独居老人\n');
    const sg = await importer.post('/api/districts/610198/imports', { layer: 'special-groups', uploadId: id });
    expect(sg.status).toBe(403);
    // Someone else's upload reads as absent.
    expect((await admin.post('/api/districts/610198/imports', { layer: 'registry', uploadId: id })).status).toBe(404);
  });

  it('lets a city-level admin (4 digits) create a second district and see both', async () => {
    await createUser(
      ctx.t.db,
      { username: 'city-admin', password: TEST_PASSWORD, roles: ['admin'], jurisdictions: ['6101'] },
      { hashParams: FAST_HASH },
    );
    const city = await ctx.login('city-admin');
    const boundary = await upload(
      city,
      'district.geojson',
      fc([{ type: 'Feature', properties: { name: '新区' }, geometry: rect(108.95, 34.2, 108.99, 34.24) }]),
    );
    const created = await finished(
      city,
      (await city.post<{ job: Job }>('/api/districts', { code: '610197', name: '新区', uploadId: boundary })).body.job.id,
    );
    expect(created).toMatchObject({ state: 'succeeded', result: { written: true, layer: 'district' } });
    const list = await city.get<{ districts: { code: string }[] }>('/api/districts');
    expect(list.body.districts.map((d) => d.code)).toEqual(['610197', '610198']);
    const regions = await city.get<{ regions: { code: string; level: string }[] }>('/api/regions');
    expect(regions.body.regions.filter((r) => r.level === 'district').map((r) => r.code)).toEqual(['610197', '610198']);
    // A district admin sees only theirs.
    const admin = await ctx.login('admin');
    expect((await admin.get<{ districts: { code: string }[] }>('/api/districts')).body.districts.map((d) => d.code)).toEqual(['610198']);
    expect((await admin.post('/api/districts', { code: '610196', name: '外区', uploadId: boundary })).status).toBe(403);
  });

  it('leaves the tables as they were when an import is cancelled before or during its final step', async () => {
    const layer = new TextEncoder().encode(fc([square(108.905, 34.205, 'x1'), square(108.925, 34.215, 'x2')]));
    for (const phase of ['normalise', 'merge', 'apply']) {
      const before = await snapshot();
      await expect(
        importDistrictLayer(
          ctx.t.db,
          { name: 'b.geojson', bytes: layer },
          { layer: 'buildings', districtCode: '610198', idField: 'id' },
          {
            progress: async (_f, p) => {
              if (p === phase) throw new JobCancelled();
            },
          },
        ),
      ).rejects.toBeInstanceOf(JobCancelled);
      expect(await snapshot()).toEqual(before);
    }
  });
});
