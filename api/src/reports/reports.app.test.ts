/**
 * `POST /api/reports` on both databases, end to end: the job renders a real PDF (Chromium)
 * and a real PPTX (pptxgenjs), read back with tools outside our code — poppler's pdfinfo,
 * pdftotext and pdffonts, and a zip reader over the PPTX's XML — and the figures in them are
 * `dashboardFigures`' own. Also: 403 outside the jurisdiction, a worker cannot export, a bad
 * request is a 400. With GRIDATLAS_REPORT_SHOTS=<dir> the PDF's pages are written there as
 * PNG (pdftoppm) to be looked at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.types.js';
import type { Job } from '../jobs/jobs.schemas.js';
import { closeSharedRenderer } from '../print/index.js';
import { pdfFonts, pdfPageCount, pdfPagesPng, pdfText } from '../print/pdf-tools.fixture.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST, TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import { dashboardFigures } from '../dashboard/dashboard-figures.js';
import type { Dashboard } from '../dashboard/dashboard.schemas.js';
import { formatNumber } from './report-format.js';

const D = TINY_DISTRICT_CODE;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Inside the fixture's grids, `[lng, lat]`. */
const SPOTS: [number, number][] = [
  [108.905, 34.206],
  [108.915, 34.212],
  [108.93, 34.205],
];
const CATEGORIES = ['环境卫生', '矛盾纠纷', '市政设施'];

/** 30 incidents over April and May 2025 (and 4 in May 2024): most closed, some voided, some open. */
async function addIncidents(db: Db): Promise<void> {
  const times = [
    ...Array.from({ length: 12 }, (_, k) => Date.parse('2025-04-02T02:00:00Z') + k * 2 * DAY),
    ...Array.from({ length: 18 }, (_, k) => Date.parse('2025-05-01T03:00:00Z') + k * 1.5 * DAY),
    ...Array.from({ length: 4 }, (_, k) => Date.parse('2024-05-03T03:00:00Z') + k * 5 * DAY),
  ];
  for (const [k, reported] of times.entries()) {
    const id = 5000 + k;
    const [lng, lat] = SPOTS[k % SPOTS.length]!;
    const voided = k % 9 === 0;
    const closed = !voided && k % 4 !== 3;
    const steps: [string, number][] = [['reported', reported], voided ? ['voided', reported + HOUR] : ['dispatched', reported + 2 * HOUR]];
    if (closed) steps.push(['closed', reported + (20 + (k % 5) * 12) * HOUR]);
    const state = voided ? 'voided' : closed ? 'closed' : 'dispatched';
    await db.query(
      `INSERT INTO incidents (district_code, id, code, category, channel, state, closure, rework_count, deadline_at, reported_at, location)
       VALUES ($1, $2, $3, $4, 'patrol', $5, $6, 0, $7, $8, ST_SetSRID(ST_MakePoint($9, $10), 4326))`,
      [
        D,
        id,
        `R${id}`,
        CATEGORIES[k % 3],
        state,
        closed ? 'normal' : null,
        new Date(reported + 3 * DAY).toISOString(),
        new Date(reported).toISOString(),
        lng,
        lat,
      ],
    );
    for (const [i, [s, at]] of steps.entries()) {
      await db.query(
        `INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_role) VALUES ($1, $2, $3, $4, $5, 'zone_manager')`,
        [D, id, i + 1, s, new Date(at).toISOString()],
      );
    }
  }
}

async function finished(client: Client, id: number): Promise<Job> {
  for (let i = 0; i < 1200; i++) {
    const { body } = await client.get<Job>(`/api/jobs/${id}`);
    if (!['queued', 'running'].includes(body.state)) return body;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`job ${id} did not finish`);
}

async function exported(client: Client, body: unknown): Promise<{ job: Job; bytes: Uint8Array; contentType: string }> {
  const accepted = await client.post<{ job: Job }>('/api/reports', body);
  expect(accepted.status).toBe(202);
  const job = await finished(client, accepted.body.job.id);
  expect(job.error?.message ?? null).toBeNull();
  expect(job.state).toBe('succeeded');
  const file = await client.request(`/api/reports/${job.id}/file`);
  expect(file.status).toBe(200);
  return { job, bytes: new Uint8Array(await file.arrayBuffer()), contentType: file.headers.get('content-type') ?? '' };
}

const pct = (v: number | null): string => `${((v ?? 0) * 100).toFixed(1)}%`;

describe.each(BACKENDS)('reports on %s', (kind) => {
  const ctx = useTestApp(kind);
  let leader: Client;
  let dashboard: Dashboard;

  beforeAll(async () => {
    await addIncidents(ctx.t.db);
    leader = await ctx.login('leader');
    const user = { username: 'leader', permissions: ['dashboard.read', 'reports.export', 'special_groups.aggregate'], jurisdictions: [D] };
    dashboard = (await dashboardFigures(ctx.t.db, { user, region: D, period: '2025-05', inlinePatrolTracks: Number.MAX_SAFE_INTEGER }))
      .body;
  }, 240_000);
  afterAll(() => closeSharedRenderer());

  it('writes the monthly report as an A4 PDF with the dashboard’s figures, page numbers and the Chinese font embedded', async () => {
    const { job, bytes, contentType } = await exported(leader, {
      kind: 'monthly',
      region: D,
      period: '2025-05',
      format: 'pdf',
      lang: 'zh',
    });
    expect(contentType).toBe('application/pdf');
    const shots = process.env.GRIDATLAS_REPORT_SHOTS;
    if (shots) {
      mkdirSync(shots, { recursive: true });
      pdfPagesPng(bytes, 80).forEach((png, k) => writeFileSync(join(shots, `monthly-${kind}-p${k + 1}.png`), png));
      writeFileSync(join(shots, `monthly-${kind}.pdf`), bytes);
    }
    expect(job.result).toMatchObject({ fileName: `${D}-monthly-2025-05.pdf`, href: `/api/reports/${job.id}/file` });
    const pages = pdfPageCount(bytes);
    // Title page and one page at least per section (overview, grids, staffing, incidents, patrols, special groups).
    expect(pages).toBeGreaterThanOrEqual(7);
    const text = pdfText(bytes);
    expect(text).toContain('测试区网格化服务管理月报');
    expect(text).toContain('2025年5月');
    expect(text).toContain('数据截至');
    // pdftotext drops the spaces between CJK characters and digits.
    for (const n of [1, pages]) expect(text).toMatch(new RegExp(`第\\s*${n}\\s*页\\s*/\\s*共\\s*${pages}\\s*页`));
    const i = dashboard.incidents;
    expect(i.count.value).toBeGreaterThan(0);
    expect(text).toMatch(new RegExp(`事件数\\s+${i.count.value}\\s+件`));
    expect(text).toContain(pct(i.closedShare.value));
    expect(text).toMatch(new RegExp(`网格数\\s+${dashboard.grids.count.value}\\s+个`));
    for (const g of i.heaviestGrids) expect(text).toContain(g.code);
    for (const c of i.byCategory.filter((x) => (x.count.value ?? 0) > 0)) expect(text).toContain(c.category);
    expect(text).toContain('重点人群走访');
    // Incidents began on 3 May 2024: May 2024 counts part of its days, so the year-before
    // column says so instead of a change in per cent; April 2025 is whole.
    expect(i.records).toEqual({ since: '2024-05-03', previousPartial: false, yearAgoPartial: true });
    // The note wraps in its column: read the row with the layout's spaces and line breaks taken out.
    const incidentRow = new RegExp(`事件数${i.count.value}件([^事]*?)去年同期记录不全（始于2024-05-03）`);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toMatch(incidentRow);
    expect(incidentRow.exec(flat)![1]).toMatch(/^[+−]\d+（[+−][\d.]+%）$/);
    // The per cent against the four incidents of 3–18 May 2024 is printed nowhere, not even in the overview.
    const yearAgoPercent = `${Math.round(((i.count.value! - i.count.yearAgo!) / i.count.yearAgo!) * 100)}%`;
    expect(i.count.yearAgo).toBe(4);
    expect(flat).not.toContain(yearAgoPercent);
    const fonts = pdfFonts(bytes);
    expect(fonts.some((f) => /WenQuanYi/i.test(f.name))).toBe(true);
    expect(fonts.every((f) => f.embedded)).toBe(true);
  });

  it('writes the monthly report as a 16:9 PPTX: title slide, a slide per section with maps as PNG, the figures and the YaHei face', async () => {
    const { bytes, contentType } = await exported(leader, { kind: 'monthly', region: D, period: '2025-05', format: 'pptx', lang: 'en' });
    expect(contentType).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    const files = unzipSync(bytes);
    const slideNames = Object.keys(files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    const slides = slideNames
      .sort((a, b) => Number(/(\d+)\.xml/.exec(a)![1]) - Number(/(\d+)\.xml/.exec(b)![1]))
      .map((n) => strFromU8(files[n]!));
    expect(slides.length).toBeGreaterThanOrEqual(7);
    expect(strFromU8(files['ppt/presentation.xml']!)).toContain('cx="9144000" cy="5143500"');
    expect(slides[0]).toContain('测试区: monthly grid management report');
    const all = slides.join('\n');
    for (const title of ['1. Overview', '2. Grids', '3. Staffing', '4. Incidents', '5. Patrols']) expect(all).toContain(title);
    const incidents = slides.find((s) => s.includes('4. Incidents') && s.includes('<p:pic>'))!;
    expect(incidents).toContain(`>${dashboard.incidents.count.value}<`);
    expect(incidents).toContain(pct(dashboard.incidents.closedShare.value));
    expect(incidents).toContain('year-ago period incomplete (records from 2024-05-03)');
    expect(incidents).not.toMatch(/vs a year before [+−]/);
    const media = Object.keys(files).filter((n) => /^ppt\/media\/.+\.png$/.test(n));
    // Two maps and two charts at least, each a real PNG.
    expect(media.length).toBeGreaterThanOrEqual(4);
    for (const m of media) expect(Array.from(files[m]!.slice(1, 4))).toEqual([0x50, 0x4e, 0x47]);
  });

  it('exports a briefing: a page and a slide per briefing slide with its print map, key figure, title, note and as-of date', async () => {
    const camera = { center: [108.92, 34.21], zoom: 14, bearing: 0, pitch: 0 };
    const created = await leader.post<{ id: number }>('/api/briefings', {
      regionCode: D,
      title: '五月例会',
      pinnedAsOf: '2025-05-31',
      slides: [
        {
          title: '五月事件分布',
          note: '西二网格每千户事件最多，需加派力量。',
          view: {
            map: 'analyst',
            regionCode: D,
            layer: 'choropleth',
            metric: 'perThousand',
            period: { from: '2025-05-01', to: '2025-06-01' },
            categories: [],
            specialCategory: '',
            deadCornerDays: 14,
            trackDate: '2025-05-30',
            camera,
          },
        },
        { title: '西社区网格', note: '', view: { map: 'district', regionCode: TINY_COMMUNITY_WEST, layers: ['grids', 'streets'], camera } },
      ],
    });
    expect(created.status).toBe(201);
    const pdf = await exported(leader, { kind: 'briefing', briefingId: created.body.id, format: 'pdf', lang: 'zh' });
    // Title page + one page per slide.
    expect(pdfPageCount(pdf.bytes)).toBe(3);
    const text = pdfText(pdf.bytes);
    expect(text).toContain('五月例会');
    expect(text).toContain('五月事件分布');
    expect(text).toContain('西二网格每千户事件最多');
    expect(text).toContain('西社区网格');
    expect(text).toContain('数据截至 2025-05-31');
    // The slide's key figure is the dashboard's rate (households as they are now, so said).
    const rate = formatNumber(dashboard.incidents.per1000Households.value, 'rate', 'zh');
    expect(text).toContain('每千户事件数');
    expect(text).toMatch(new RegExp(`${rate.replace('.', '\\.')}\\s+件/千户`));
    expect(text).toContain('按当前数据');
    expect(text).toContain('达标网格占比');
    expect(text.replace(/\s+/g, '')).toMatch(/件\/千户\+[\d.]+（\+[\d.]+%）去年同期记录不全（始于.*2024-05-03）/);
    expect(text).toContain('非网页地图截图');
    // The district-map slide's map carries the live map's legend: load classes and the rule.
    const districtPage = pdfText(pdf.bytes).split('\f')[2] ?? '';
    for (const words of ['网格负荷', '达标', '超标', '偏小', '专属网格', '÷']) expect(districtPage, words).toContain(words);
    const shots = process.env.GRIDATLAS_REPORT_SHOTS;
    if (shots) pdfPagesPng(pdf.bytes, 80).forEach((png, k) => writeFileSync(join(shots, `briefing-${kind}-p${k + 1}.png`), png));
    const pptx = await exported(leader, { kind: 'briefing', briefingId: created.body.id, format: 'pptx', lang: 'zh' });
    const files = unzipSync(pptx.bytes);
    const slides = Object.keys(files)
      .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
      .sort()
      .map((n) => strFromU8(files[n]!));
    expect(slides).toHaveLength(3);
    expect(slides[1]).toContain('五月事件分布');
    expect(slides[1]).toContain(`>${rate}<`);
    expect(slides[1]).toContain('去年同期记录不全（始于 2024-05-03）');
    expect(slides[1]).toContain('<p:pic>');
    expect(slides[2]).toContain('西社区网格');
    expect(slides[2]).toContain('<p:pic>');
  });

  it('refuses a region outside the jurisdiction (403), a worker (403) and a malformed request (400)', async () => {
    const west = await ctx.login('leader-west');
    expect(
      (await west.post('/api/reports', { kind: 'monthly', region: TINY_COMMUNITY_EAST, period: '2025-05', format: 'pdf' })).status,
    ).toBe(403);
    const own = await west.post<{ job: Job }>('/api/reports', {
      kind: 'monthly',
      region: TINY_COMMUNITY_WEST,
      period: '2025-05',
      format: 'pptx',
    });
    expect(own.status).toBe(202);
    expect((await finished(west, own.body.job.id)).state).toBe('succeeded');
    const worker = await ctx.login('worker');
    expect((await worker.post('/api/reports', { kind: 'monthly', region: D, period: '2025-05', format: 'pdf' })).status).toBe(403);
    const bad = await leader.post<{ error: { message: string } }>('/api/reports', { kind: 'briefing', format: 'pdf' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('briefingId');
    expect((await leader.post('/api/reports', { kind: 'monthly', region: D, period: '2025-13', format: 'pdf' })).status).toBe(400);
    expect((await leader.post('/api/reports', { kind: 'monthly', region: D, period: '2025-05', format: 'docx' })).status).toBe(400);
  });
});
