/**
 * A slide's key figure (`GET /api/briefings/{id}/slides/{slideId}/figure`) and the briefing
 * report's on both databases: each equals the figure `/api/dashboard` gives for the query the
 * slide names (region, month, year or range of days, as-of day), read off the dashboard's answer here by the
 * rules a reader would apply (categories summed from `byCategory`, …); the incident counts are
 * also checked against the incidents this test writes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.types.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST, TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import type { Dashboard, Figure } from '../dashboard/dashboard.schemas.js';
import { buildBriefingReport } from '../reports/briefing-report.js';
import { DEFAULT_ROLES } from '../auth/permissions.js';
import type { Briefing, BriefingView } from './briefings.schemas.js';
import type { SlideFigure } from './slide-figure.schemas.js';

const D = TINY_DISTRICT_CODE;
const WEST: [number, number] = [108.905, 34.206];
const EAST: [number, number] = [108.93, 34.205];

/** 10 incidents in June 2025 (days 2–11; dispute on even k) and 4 in May, west and east alternating. */
async function addIncidents(db: Db): Promise<void> {
  for (let k = 0; k < 14; k++) {
    const id = 500 + k;
    const reported = k < 10 ? `2025-06-${String(2 + k).padStart(2, '0')}T02:00:00Z` : `2025-05-${10 + k}T02:00:00Z`;
    const [lng, lat] = k % 2 === 0 ? WEST : EAST;
    await db.query(
      `INSERT INTO incidents (district_code, id, code, category, channel, state, rework_count, reported_at, location)
       VALUES ($1, $2, $3, $4, 'patrol', 'reported', 0, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326))`,
      [D, id, `F${id}`, k % 4 === 0 ? 'dispute' : 'environment', reported, lng, lat],
    );
    await db.query(
      `INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_role) VALUES ($1, $2, 1, 'reported', $3, 'resident')`,
      [D, id, reported],
    );
  }
}

const analyst = (over: Partial<Extract<BriefingView, { map: 'analyst' }>>): BriefingView => ({
  map: 'analyst',
  regionCode: TINY_COMMUNITY_WEST,
  layer: 'heat',
  metric: 'count',
  period: { from: '2025-06-01', to: '2025-07-01' },
  categories: [],
  specialCategory: '',
  deadCornerDays: 14,
  trackDate: '2025-06-29',
  camera: { center: [108.905, 34.205], zoom: 14.5, bearing: 0, pitch: 0 },
  ...over,
});

const SLIDES: { title: string; view: BriefingView }[] = [
  { title: 'heat', view: analyst({}) },
  { title: 'dispute', view: analyst({ layer: 'choropleth', categories: ['dispute'] }) },
  { title: 'rate', view: analyst({ layer: 'choropleth', metric: 'perThousand', regionCode: D }) },
  { title: 'ytd', view: analyst({ regionCode: D, period: { from: '2025-01-01', to: '2025-07-01' } }) },
  { title: 'part', view: analyst({ regionCode: D, period: { from: '2025-06-05', to: '2025-06-20' } }) },
  { title: 'workload', view: analyst({ layer: 'workload', regionCode: D }) },
  { title: 'households', view: analyst({ layer: 'choropleth', metric: 'households', regionCode: TINY_COMMUNITY_EAST }) },
  { title: 'coverage', view: analyst({ layer: 'coverage' }) },
  { title: 'special', view: analyst({ layer: 'special', regionCode: D }) },
  {
    title: 'district',
    view: { map: 'district', regionCode: D, layers: ['grids'], camera: { center: [108.9, 34.2], zoom: 13, bearing: 0, pitch: 0 } },
  },
  // The analyst's rolling "last 30 days", across a month's end.
  { title: 'last30', view: analyst({ regionCode: D, period: { from: '2025-05-21', to: '2025-06-20' } }) },
];

/** What a reader of `/api/dashboard` takes for each slide. */
function fromDashboard(title: string, body: Dashboard): Pick<Figure, 'value' | 'previous' | 'yearAgo'> | null {
  const three = (f: Figure) => ({ value: f.value, previous: f.previous, yearAgo: f.yearAgo });
  switch (title) {
    case 'heat':
    case 'ytd':
    case 'part':
    case 'last30':
      return three(body.incidents.count);
    case 'dispute':
      return three(body.incidents.byCategory.find((c) => c.category === 'dispute')!.count);
    case 'rate':
      return three(body.incidents.per1000Households);
    case 'workload':
      return three(body.grids.over);
    case 'households':
      return { value: body.households, previous: null, yearAgo: null };
    case 'coverage':
      return body.patrols.status === 'ready' ? three(body.patrols.coverageShare) : null;
    case 'special': {
      const done = body.specialGroups!.total.done;
      return { value: 'count' in done ? done.count : null, previous: null, yearAgo: null };
    }
    case 'district':
      return three(body.grids.withinShare);
  }
  throw new Error(title);
}

/** The dashboard section's `records` a slide's figure carries (null for states). */
function recordsOf(title: string, body: Dashboard): Dashboard['incidents']['records'] | null {
  if (['workload', 'households', 'district'].includes(title)) return null;
  if (title === 'coverage') return body.patrols.status === 'ready' ? body.patrols.records : null;
  if (title === 'special') return body.specialGroups!.records;
  return body.incidents.records;
}

async function figureOf(client: Client, briefing: Briefing, k: number): Promise<SlideFigure> {
  for (let tries = 0; tries < 60; tries++) {
    const r = await client.get<SlideFigure>(`/api/briefings/${briefing.id}/slides/${briefing.slides[k]!.id}/figure`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    if (r.body.status !== 'pending') return r.body;
    // Patrol days being worked out by the job runner: ask again.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the patrol days never came');
}

describe.each(BACKENDS)('slide key figures on %s', (kind) => {
  const ctx = useTestApp(kind);
  let leader: Client;

  beforeAll(async () => {
    await addIncidents(ctx.t.db);
    leader = await ctx.login('leader');
  });

  async function briefing(pinnedAsOf: string | null): Promise<Briefing> {
    const r = await leader.post<Briefing>('/api/briefings', {
      regionCode: D,
      title: `例会 ${pinnedAsOf ?? 'live'}`,
      pinnedAsOf,
      slides: SLIDES,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  it('equals the dashboard’s figure for the region, period and filters of every kind of slide, live and pinned', async () => {
    for (const pin of [null, '2025-06-06']) {
      const b = await briefing(pin);
      for (const [k, slide] of SLIDES.entries()) {
        const figure = await figureOf(leader, b, k);
        expect(figure.status, slide.title).toBe('ready');
        if (figure.status !== 'ready') continue;
        const q = figure.dashboard;
        const dash = await leader.get<Dashboard>(`/api/dashboard?region=${q.region}&period=${q.period}&asOf=${q.asOf}`);
        expect(dash.status).toBe(200);
        expect(q.region).toBe(slide.view.regionCode);
        expect(figure.window).toEqual(dash.body.period.current);
        expect({ value: figure.value, previous: figure.previous, yearAgo: figure.yearAgo }, `${slide.title} pinned ${pin}`).toEqual(
          fromDashboard(slide.title, dash.body),
        );
        expect(figure.records, slide.title).toEqual(recordsOf(slide.title, dash.body));
      }
    }
  });

  it('counts exactly the slide’s own days: a month cut at the pin, or any range of days', async () => {
    const live = await briefing(null);
    const pinned = await briefing('2025-06-06');
    const heat = await figureOf(leader, live, 0);
    const dispute = await figureOf(leader, live, 1);
    const pinnedHeat = await figureOf(leader, pinned, 0);
    const part = await figureOf(leader, live, 4);
    const ytd = await figureOf(leader, live, 3);
    // West: k = 0, 2, 4, 6, 8 in June (disputes k = 0, 4, 8); by 6 June: k = 0, 2, 4.
    expect(heat).toMatchObject({ value: 5, previous: 2, exact: true, window: { from: '2025-06-01', to: '2025-07-01' } });
    // The district's first incident was reported on 1 March 2025 (Shanghai): June 2024 had none to count.
    expect(heat.status === 'ready' && heat.records).toEqual({ since: '2025-03-01', previousPartial: false, yearAgoPartial: true });
    expect(dispute).toMatchObject({ value: 3, categories: ['dispute'], exact: true });
    expect(pinnedHeat).toMatchObject({ value: 3, exact: true, window: { from: '2025-06-01', to: '2025-06-07' } });
    expect(pinnedHeat).toMatchObject({ dashboard: { period: '2025-06', asOf: '2025-06-06' } });
    // 5–19 June is no month: the dashboard's range of exactly those days (k = 3…9), against the
    // 15 days before (21 May – 4 June: k = 11, 12, 13 and 0, 1, 2) and the same days of 2024.
    expect(part).toMatchObject({
      exact: true,
      window: { from: '2025-06-05', to: '2025-06-20' },
      dashboard: { period: '2025-06-05..2025-06-20', asOf: '2025-06-19' },
      value: 7,
      previous: 6,
      yearAgo: 0,
    });
    // The last 30 days across May's end: 21–23 May (k = 11…13) and June's ten.
    const last30 = await figureOf(leader, live, 10);
    expect(last30).toMatchObject({ exact: true, window: { from: '2025-05-21', to: '2025-06-20' }, value: 13 });
    // Pinned inside it: cut at the pin, the comparisons as long (21 May – 6 June: 17 days).
    const pinnedLast30 = await figureOf(leader, pinned, 10);
    expect(pinnedLast30).toMatchObject({ exact: true, window: { from: '2025-05-21', to: '2025-06-07' }, value: 8 });
    const dash = await leader.get<Dashboard>(`/api/dashboard?region=${D}&period=2025-05-21..2025-06-07&asOf=2025-06-06`);
    expect(dash.body.period).toMatchObject({
      kind: 'range',
      current: { from: '2025-05-21', to: '2025-06-07' },
      previous: { from: '2025-05-04', to: '2025-05-21' },
      yearAgo: { from: '2024-05-21', to: '2024-06-07' },
    });
    const backwards = await leader.get(`/api/dashboard?region=${D}&period=2025-06-20..2025-05-21`);
    expect(backwards.status).toBe(400);
    // The fixture's two spring incidents (March, April) and these 14.
    expect(ytd).toMatchObject({ exact: true, dashboard: { period: '2025' }, value: 16 });
  });

  it('says "as of now" of figures without history when the slide stands before the data’s day', async () => {
    const pinned = await briefing('2025-06-06');
    const live = await briefing(null);
    expect(await figureOf(leader, pinned, 6)).toMatchObject({ kind: 'households', asOfNow: true });
    expect(await figureOf(leader, pinned, 0)).toMatchObject({ kind: 'incidents', asOfNow: false });
    expect(await figureOf(leader, live, 9)).toMatchObject({ kind: 'gridsWithinShare', asOfNow: false });
  });

  it('prints the same figures in the briefing report', async () => {
    const b = await briefing('2025-06-06');
    const permissions = DEFAULT_ROLES.find((r) => r.key === 'leader')!.permissions;
    const report = await buildBriefingReport(ctx.t.db, {
      user: { username: 'leader', permissions, jurisdictions: [D] },
      briefingId: b.id,
      lang: 'zh',
    });
    for (const [k, section] of report.sections.entries()) {
      const figure = await figureOf(leader, b, k);
      if (figure.status !== 'ready') throw new Error(`slide ${k} has no figure`);
      expect(section.figures[0], SLIDES[k]!.title).toMatchObject({
        value: figure.value,
        previous: figure.previous,
        yearBefore: figure.yearAgo,
      });
    }
    expect(report.sections[6]!.figures[0]!.label).toContain('按当前数据');
  });

  it('is refused outside the reader’s jurisdiction', async () => {
    const b = await briefing(null);
    const west = await ctx.login('leader-west');
    const r = await west.get(`/api/briefings/${b.id}/slides/${b.slides[0]!.id}/figure`);
    expect(r.status).toBe(403);
    const missing = await leader.get(`/api/briefings/${b.id}/slides/99999999/figure`);
    expect(missing.status).toBe(404);
  });
});
