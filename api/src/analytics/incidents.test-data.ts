/**
 * Test data for the incident analytics: a few hundred incidents scattered over the tiny
 * district (and a few outside it) from January to June 2025, and an east-community plan
 * approved mid-period (2025-04-15) that splits the east grid in two. `expectedGrid()` says
 * independently — plans and grids as written here, Turf point-in-polygon — which grid each
 * incident should count in.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon } from 'geojson';
import type { Db } from '../db/db.types.js';
import { rect, tinyDistrict, TINY_COMMUNITY_EAST } from '../test/tiny-district.fixture.js';

export interface TestIncident {
  id: number;
  code: string;
  lng: number;
  lat: number;
  /** ISO instant. */
  reportedAt: string;
  category: string;
  channel: string;
  state: string;
}

export const CATEGORIES = ['environment', 'dispute', 'safety', 'facility'];
export const CHANNELS = ['patrol', 'hotline', 'app'];
export const STATES = ['reported', 'dispatched', 'closed'];

export const MID_PLAN_ID = 30;
export const MID_PLAN_APPROVED_AT = '2025-04-15T00:00:00Z';
export const MID_PLAN_GRIDS = [
  { code: '610198001002004', name: '东四网格', geometry: rect(108.92, 34.2, 108.93, 34.22) },
  { code: '610198001002005', name: '东五网格', geometry: rect(108.93, 34.2, 108.94, 34.22) },
];

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function makeIncidents(n = 400): TestIncident[] {
  const r = lcg(42);
  const start = Date.parse('2025-01-01T00:00:00Z');
  const span = Date.parse('2025-07-01T00:00:00Z') - start;
  return Array.from({ length: n }, (_, k) => {
    // One in forty lies east of the district, in no community.
    const outside = k % 40 === 39;
    return {
      id: 1000 + k,
      code: `T${String(k).padStart(6, '0')}`,
      lng: outside ? 108.942 + r() * 0.005 : 108.9 + 0.00001 + r() * 0.03998,
      lat: 34.2 + 0.00001 + r() * 0.01998,
      reportedAt: new Date(start + Math.floor((r() * span) / 1000) * 1000).toISOString(),
      category: CATEGORIES[Math.floor(r() * CATEGORIES.length)]!,
      channel: CHANNELS[Math.floor(r() * CHANNELS.length)]!,
      state: STATES[Math.floor(r() * STATES.length)]!,
    };
  });
}

export async function insertIncidents(db: Db, incidents: readonly TestIncident[]): Promise<void> {
  await db.query(
    `INSERT INTO incidents (district_code, id, code, category, channel, state, reported_at, location)
     SELECT '610198', r.id, r.code, r.category, r.channel, r.state, r.at, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326)
     FROM json_to_recordset($1::json) AS r(id bigint, code text, category text, channel text, state text, at timestamptz, lng float8, lat float8)`,
    [JSON.stringify(incidents.map((i) => ({ ...i, at: i.reportedAt })))],
  );
}

/** Approves the mid-period plan (plan row first, then its grids: the grids' trigger reassigns). */
export async function insertMidPlan(db: Db, approvedAt = MID_PLAN_APPROVED_AT): Promise<void> {
  await db.query(
    `INSERT INTO plans (district_code, id, region_code, name, status, author, created_at, approved_at)
     VALUES ('610198', $1, $2, '东社区新方案', 'approved', 'test', '2025-04-01T00:00:00Z', $3)`,
    [MID_PLAN_ID, TINY_COMMUNITY_EAST, approvedAt],
  );
  await db.query(
    `INSERT INTO grids (district_code, plan_id, code, name, type, community_code, geometry)
     SELECT '610198', $1, g.code, g.name, 'comprehensive', $2, ST_SetSRID(ST_GeomFromGeoJSON(g.geometry::text), 4326)
     FROM json_to_recordset($3::json) AS g(code text, name text, geometry json)`,
    [MID_PLAN_ID, TINY_COMMUNITY_EAST, JSON.stringify(MID_PLAN_GRIDS)],
  );
}

interface PlanForTest {
  regionCode: string;
  approvedAt: string;
  grids: { code: string; communityCode: string; geometry: Polygon }[];
}

/** The approved plans as this test knows them (fixture plan 1 and the mid-period plan). */
export function testPlans(midApprovedAt = MID_PLAN_APPROVED_AT): PlanForTest[] {
  const p1 = tinyDistrict.plans[0]!;
  return [
    {
      regionCode: p1.regionCode,
      approvedAt: p1.approvedAt!,
      grids: p1.grids.map((g) => ({ code: g.code, communityCode: g.communityCode, geometry: g.geometry as Polygon })),
    },
    {
      regionCode: TINY_COMMUNITY_EAST,
      approvedAt: midApprovedAt,
      grids: MID_PLAN_GRIDS.map((g) => ({ ...g, communityCode: TINY_COMMUNITY_EAST, geometry: g.geometry as Polygon })),
    },
  ];
}

/** The community an incident lies in (Turf), or null. */
export function expectedCommunity(i: { lng: number; lat: number }): string | null {
  const c = tinyDistrict.regions.find((r) => r.level === 'community' && booleanPointInPolygon([i.lng, i.lat], r.boundary as Polygon));
  return c?.code ?? null;
}

/** The grid an incident counts in: the latest plan approved by then covering its community. */
export function expectedGrid(i: TestIncident, plans: PlanForTest[]): string | null {
  const community = expectedCommunity(i);
  if (community === null) return null;
  const at = Date.parse(i.reportedAt);
  const plan = plans
    .filter((p) => community.startsWith(p.regionCode) && Date.parse(p.approvedAt) <= at)
    .sort((a, b) => Date.parse(b.approvedAt) - Date.parse(a.approvedAt))[0];
  const grid = plan?.grids.find((g) => g.communityCode === community && booleanPointInPolygon([i.lng, i.lat], g.geometry));
  return grid?.code ?? null;
}

/** The fixture's own two incidents, in the same shape. */
export function fixtureIncidents(): TestIncident[] {
  return tinyDistrict.incidents.map((i) => ({
    id: i.id,
    code: i.code,
    lng: i.location.coordinates[0]!,
    lat: i.location.coordinates[1]!,
    reportedAt: i.reportedAt,
    category: i.category,
    channel: i.channel,
    state: i.state,
  }));
}

/** Counts of `items` by `key`, as a plain object. */
export function countBy<T>(items: readonly T[], key: (t: T) => string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item) ?? 'null';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
