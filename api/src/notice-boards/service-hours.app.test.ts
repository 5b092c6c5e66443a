/**
 * `/api/service-hours` on both databases: the default, a district's text, a community's
 * override (what a grid's board posts), the audit row of each change, the refusals (400, 403,
 * 404) — and the boards printed through the API post the stored text in their language, zh or
 * en (checked in the PDF's text with pdftotext).
 */
import { describe, expect, it } from 'vitest';
import { pdfText } from '../print/pdf-tools.fixture.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client, type Reply } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST, TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import type { ServiceHours } from './service-hours.schemas.js';

const D = TINY_DISTRICT_CODE;
const GRID_WEST = `${TINY_COMMUNITY_WEST}001`;

async function send<T>(client: Client, method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Reply<T>> {
  const res = await client.request(path, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrf },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

async function boardText(client: Client, lang: 'zh' | 'en'): Promise<string> {
  const post = await client.post<{ job: { id: number } }>('/api/reports/notice-boards', { region: GRID_WEST, lang });
  expect(post.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const { body } = await client.get<{ state: string; result: { href: string } | null; error: unknown }>(`/api/jobs/${post.body.job.id}`);
    if (body.state === 'succeeded') return pdfText(new Uint8Array(await (await client.request(body.result!.href)).arrayBuffer()));
    if (body.state !== 'queued' && body.state !== 'running') throw new Error(JSON.stringify(body));
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the notice-boards job did not finish');
}

describe.each(BACKENDS)('service hours on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('falls back from a community’s own hours to the district’s to the default; each change audited', async () => {
    const admin = await ctx.login('admin');
    const first = await admin.get<ServiceHours>(`/api/service-hours?region=${GRID_WEST}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      district: null,
      community: null,
      effective: { source: 'default', zh: expect.stringContaining('周一至周五') },
    });

    const district = await send<ServiceHours>(admin, 'PUT', '/api/service-hours', {
      region: D,
      zh: ' 工作日 9:00–17:00 ',
      en: 'Weekdays 9:00–17:00',
    });
    expect(district.status, JSON.stringify(district.body)).toBe(200);
    expect(district.body.effective).toEqual({ zh: '工作日 9:00–17:00', en: 'Weekdays 9:00–17:00', source: 'district' });
    const west = await send<ServiceHours>(admin, 'PUT', '/api/service-hours', {
      region: TINY_COMMUNITY_WEST,
      zh: '每天 8:00–20:00（节假日值班）',
      en: 'Daily 8:00–20:00 (on duty on holidays)',
    });
    expect(west.status).toBe(200);
    const grid = await admin.get<ServiceHours>(`/api/service-hours?region=${GRID_WEST}`);
    expect(grid.body).toMatchObject({
      district: { zh: '工作日 9:00–17:00', updatedBy: 'admin' },
      community: { regionCode: TINY_COMMUNITY_WEST, en: 'Daily 8:00–20:00 (on duty on holidays)' },
      effective: { source: 'community', zh: '每天 8:00–20:00（节假日值班）' },
    });
    expect((await admin.get<ServiceHours>(`/api/service-hours?region=${TINY_COMMUNITY_EAST}`)).body.effective.source).toBe('district');

    const audit = await ctx.t.db.query<{ target: string; detail: { before: unknown; after: unknown } }>(
      `SELECT target, detail FROM audit_log WHERE action = 'notice_boards.service_hours' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { target: D, detail: { before: null, after: { zh: '工作日 9:00–17:00', en: 'Weekdays 9:00–17:00' } } },
      {
        target: TINY_COMMUNITY_WEST,
        detail: { before: null, after: { zh: '每天 8:00–20:00（节假日值班）', en: 'Daily 8:00–20:00 (on duty on holidays)' } },
      },
    ]);

    // The boards post the stored text in their own language.
    const zh = await boardText(admin, 'zh');
    expect(zh).toContain('每天 8:00–20:00（节假日值班）');
    expect(zh).toContain('网格公示牌');
    const en = await boardText(admin, 'en');
    for (const s of ['Grid Notice Board', 'Service hours', 'Daily 8:00–20:00 (on duty on holidays)', 'Grid service team', 'East: 西巷'])
      expect(en).toContain(s);
    expect(en).not.toContain('网格公示牌');

    const removed = await send<ServiceHours>(admin, 'DELETE', `/api/service-hours?region=${TINY_COMMUNITY_WEST}`);
    expect(removed.status).toBe(200);
    expect(removed.body.effective).toMatchObject({ source: 'district', en: 'Weekdays 9:00–17:00' });
    expect((await send(admin, 'DELETE', `/api/service-hours?region=${TINY_COMMUNITY_WEST}`)).status).toBe(404);
    const last = await ctx.t.db.query<{ detail: { before: { zh: string }; after: unknown } }>(
      `SELECT detail FROM audit_log WHERE action = 'notice_boards.service_hours' ORDER BY id DESC LIMIT 1`,
    );
    expect(last.rows[0]!.detail).toEqual({
      before: { zh: '每天 8:00–20:00（节假日值班）', en: 'Daily 8:00–20:00 (on duty on holidays)' },
      after: null,
    });
  }, 240_000);

  it('refuses bad text (400), outsiders and non-admins (403), and regions that are not there (404)', async () => {
    const admin = await ctx.login('admin');
    for (const body of [
      { region: D, zh: '  ', en: 'x' },
      { region: D, zh: 'x'.repeat(121), en: 'x' },
      { region: D, zh: 'a\u0000b', en: 'x' },
      { region: D, zh: 'x', en: 'a\ud800' },
      { region: D, zh: 'x' },
      { region: '610198001', zh: 'x', en: 'x' },
      { region: D, zh: 'x', en: 'x', extra: 1 },
    ])
      expect((await send(admin, 'PUT', '/api/service-hours', body)).status, JSON.stringify(body)).toBe(400);
    expect((await send(admin, 'PUT', '/api/service-hours', { region: '610198001009', zh: 'x', en: 'x' })).status).toBe(404);
    const westAdmin = await ctx.login('admin-west');
    expect((await send(westAdmin, 'PUT', '/api/service-hours', { region: D, zh: 'x', en: 'x' })).status).toBe(403);
    expect((await send(westAdmin, 'PUT', '/api/service-hours', { region: TINY_COMMUNITY_EAST, zh: 'x', en: 'x' })).status).toBe(403);
    expect((await send(westAdmin, 'PUT', '/api/service-hours', { region: TINY_COMMUNITY_WEST, zh: '西', en: 'West' })).status).toBe(200);
    const planner = await ctx.login('planner');
    expect((await send(planner, 'PUT', '/api/service-hours', { region: TINY_COMMUNITY_WEST, zh: 'x', en: 'x' })).status).toBe(403);
    expect((await planner.get(`/api/service-hours?region=${TINY_COMMUNITY_WEST}`)).status).toBe(200);
    expect((await westAdmin.get(`/api/service-hours?region=${TINY_COMMUNITY_EAST}`)).status).toBe(403);
    expect((await (await ctx.login('worker')).get(`/api/service-hours?region=${D}`)).status).toBe(403);
  });
});
