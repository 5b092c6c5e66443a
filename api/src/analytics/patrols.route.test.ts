/**
 * Patrol analytics against an independent computation: streets sampled every 0.5 m in local
 * metres (ellipsoidal degree lengths at the latitude), each sample covered when a track of the
 * period lies within 30 m — no PostGIS involved. A hand-made street with one track 20 m away
 * and another 40 m away checks the corridor from both sides.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { trackWkt } from '../seed/track-wkt.js';
import { SAMPLE_M } from './patrol-coverage.js';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { tinyDistrict, TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST } from '../test/tiny-district.fixture.js';

type Pos = [number, number];
const LAT = 34.2175;
const rad = (d: number): number => (d * Math.PI) / 180;
/** Metres per degree at a latitude (WGS84 ellipsoid series). */
const M_LAT = 111_132.92 - 559.82 * Math.cos(2 * rad(LAT)) + 1.175 * Math.cos(4 * rad(LAT));
const M_LNG = 111_412.84 * Math.cos(rad(LAT)) - 93.5 * Math.cos(3 * rad(LAT));

/** The hand-made street (id 101) and the tracks beside it, 20 m north and 40 m south. */
const STREET: Pos[] = [
  [108.925, LAT],
  [108.93, LAT],
];
const NEAR_FROM = 108.9265;
const NEAR_TO = 108.9285;
const t20 = Date.parse('2025-06-20T02:00:00Z') / 1000;
const t25 = Date.parse('2025-06-25T02:00:00Z') / 1000;

/** A straight track of `n` fixes with ±0.3 m of jitter across it, a minute apart. */
function straightTrack(from: Pos, to: Pos, n: number, t0: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = i / (n - 1);
    const jitter = ((i % 2) * 2 - 1) * (0.3 / M_LAT) * (i > 0 && i < n - 1 ? 1 : 0);
    out.push(from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f + jitter, t0 + i * 60);
  }
  return out;
}

const NEAR = straightTrack([NEAR_FROM, LAT + 20 / M_LAT], [NEAR_TO, LAT + 20 / M_LAT], 21, t20);
const FAR = straightTrack([108.925, LAT - 40 / M_LAT], [108.93, LAT - 40 / M_LAT], 21, t25);

interface Track {
  t0: number;
  t1: number;
  points: Pos[];
}
const fixtureTracks: Track[] = [
  ...tinyDistrict.patrolTracks.map((t) => {
    const pts: Pos[] = [];
    for (let i = 0; i < t.points.length; i += 3) pts.push([t.points[i]!, t.points[i + 1]!]);
    return { t0: t.points[2]!, t1: t.points[t.points.length - 1]!, points: pts };
  }),
  ...[NEAR, FAR].map((flat) => {
    const pts: Pos[] = [];
    for (let i = 0; i < flat.length; i += 3) pts.push([flat[i]!, flat[i + 1]!]);
    return { t0: flat[2]!, t1: flat[flat.length - 1]!, points: pts };
  }),
];

/** Distance in metres from p to segment ab, in local metres around LAT. */
function distanceM(p: Pos, a: Pos, b: Pos): number {
  const [px, py] = [(p[0] - a[0]) * M_LNG, (p[1] - a[1]) * M_LAT];
  const [bx, by] = [(b[0] - a[0]) * M_LNG, (b[1] - a[1]) * M_LAT];
  const len2 = bx * bx + by * by;
  const f = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2));
  return Math.hypot(px - f * bx, py - f * by);
}

/** Street metres inside a rectangle and those within 30 m of a track fix time in [from, to). */
function coverageOf(
  rect: [number, number, number, number],
  streets: Pos[][],
  from: number,
  to: number,
): { street: number; covered: number } {
  const step = 0.5;
  const tracks = fixtureTracks.filter((t) => t.t0 < to && t.t1 >= from);
  let street = 0;
  let covered = 0;
  for (const line of streets) {
    for (let k = 0; k + 1 < line.length; k++) {
      const [a, b] = [line[k]!, line[k + 1]!];
      const len = Math.hypot((b[0] - a[0]) * M_LNG, (b[1] - a[1]) * M_LAT);
      const n = Math.round(len / step);
      for (let i = 0; i < n; i++) {
        const f = (i + 0.5) / n;
        const p: Pos = [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
        if (p[0] < rect[0] || p[0] > rect[2] || p[1] < rect[1] || p[1] > rect[3]) continue;
        street += len / n;
        const near = tracks.some((t) => t.points.some((q, j) => distanceM(p, q, t.points[Math.min(j + 1, t.points.length - 1)]!) <= 30));
        if (near) covered += len / n;
      }
    }
  }
  return { street, covered };
}

/** A date as the routes read it: midnight in Beijing (UTC+8), epoch seconds. */
const beijing = (date: string): number => Date.parse(`${date}T00:00:00+08:00`) / 1000;

/** Covered stretches (separate runs of covered street) a grid has in a period, from the fixture. */
function stretches(code: string, from: string, to: string): number {
  const f = beijing(from);
  const t = beijing(to);
  // West 1: the diagonal track crosses 横一路 once (06-01). East: the 20 m track along 测试直路 (06-20).
  return (
    (code === '610198001001001' && f <= 1748739600 && t > 1748739600 ? 1 : 0) + (code === '610198001002001' && f <= t20 && t > t20 ? 1 : 0)
  );
}

const GRID_RECTS: Record<string, [number, number, number, number]> = {
  '610198001001001': [108.9, 34.2, 108.91, 34.22],
  '610198001001002': [108.91, 34.2, 108.92, 34.22],
  '610198001002001': [108.92, 34.2, 108.94, 34.22],
};
const ALL_STREETS: Pos[][] = [...tinyDistrict.streets.map((s) => s.geometry.coordinates as Pos[]), STREET];

interface CoverageRow {
  code: string;
  streetLengthM: number;
  coveredLengthM: number;
  coveredShare: number;
  daysSinceLastPatrol: number | null;
  patrolMinutes: number;
}

describe.each(BACKENDS)('patrol analytics on %s', (kind) => {
  const ctx = useTestApp(kind);
  beforeAll(async () => {
    await ctx.t.db.query(
      `INSERT INTO streets (district_code, id, name, class, geom) VALUES ('610198', 101, '测试直路', 'lane', ST_GeomFromText($1, 4326))`,
      [`LINESTRING(${STREET.map((p) => p.join(' ')).join(',')})`],
    );
    for (const flat of [NEAR, FAR]) {
      await ctx.t.db.query(
        `INSERT INTO patrol_tracks (district_code, staff_id, grid_code, started_at, ended_at, point_count, geom)
         VALUES ('610198', 2, '610198001002001', to_timestamp($1::float8), to_timestamp($2::float8), $3, ST_GeomFromText($4, 4326))`,
        [flat[2], flat[flat.length - 1], flat.length / 3, trackWkt(new Float64Array(flat))],
      );
    }
  });

  it('coverage: street length and the share within 30 m match an independent sampling, per grid', async () => {
    for (const [from, to] of [
      ['2025-06-20', '2025-06-21'],
      ['2025-06-25', '2025-06-26'],
      ['2025-06-01', '2025-06-03'],
      ['2025-05-01', '2025-07-01'],
    ] as const) {
      const { status, body } = await ctx.get<{ rows: CoverageRow[] }>(`/api/analytics/patrols/coverage?from=${from}&to=${to}`);
      expect(status).toBe(200);
      expect(body.rows.map((r) => r.code)).toEqual(Object.keys(GRID_RECTS));
      for (const row of body.rows) {
        const want = coverageOf(GRID_RECTS[row.code]!, ALL_STREETS, beijing(from), beijing(to));
        expect(row.streetLengthM).toBeCloseTo(want.street, -1); // within 5 m of kilometres
        expect(Math.abs(row.streetLengthM - want.street) / want.street).toBeLessThan(0.002);
        // Streets are judged every SAMPLE_M (5 m): each covered stretch's two ends within 2.5 m.
        expect(Math.abs(row.coveredLengthM - want.covered)).toBeLessThanOrEqual(stretches(row.code, from, to) * SAMPLE_M + 0.5);
        expect(Math.abs(row.coveredShare - want.covered / want.street)).toBeLessThanOrEqual(
          (stretches(row.code, from, to) * SAMPLE_M + 0.5) / want.street,
        );
      }
    }
  });

  it('coverage: the track 20 m away covers its length plus 2·√(30²−20²); the one 40 m away nothing', async () => {
    const near = await ctx.get<{ rows: CoverageRow[] }>('/api/analytics/patrols/coverage?from=2025-06-20&to=2025-06-21');
    const east = near.body.rows.find((r) => r.code === '610198001002001')!;
    const expected = (NEAR_TO - NEAR_FROM) * M_LNG + 2 * Math.sqrt(30 ** 2 - 20 ** 2);
    expect(Math.abs(east.coveredLengthM - expected)).toBeLessThanOrEqual(SAMPLE_M);
    expect(east.daysSinceLastPatrol).toBe(0);
    expect(east.patrolMinutes).toBe(20);
    const far = await ctx.get<{ rows: CoverageRow[] }>('/api/analytics/patrols/coverage?from=2025-06-25&to=2025-06-26');
    expect(far.body.rows.find((r) => r.code === '610198001002001')!.coveredLengthM).toBe(0);
    // West grid 1: last patrol 2025-06-02 01:00, 18.96 days before 06-21.
    expect(near.body.rows.find((r) => r.code === '610198001001001')!.daysSinceLastPatrol).toBe(18);
    expect(near.body.rows.find((r) => r.code === '610198001001002')!.daysSinceLastPatrol).toBeNull();
  });

  it('coverage: the default period ends on the reference date; bad periods are 400', async () => {
    const { status, body } = await ctx.get<{ from: string; to: string }>('/api/analytics/patrols/coverage');
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: '2025-05-31T16:00:00.000Z', to: '2025-06-30T16:00:00.000Z' });
    expect((await ctx.get('/api/analytics/patrols/coverage?from=2025-06-02&to=2025-06-01')).status).toBe(400);
    expect((await ctx.get('/api/analytics/patrols/coverage?from=2025-02-30')).status).toBe(400);
  });

  it('dead corners: ≤ 100 m segments with no track within 30 m in the last N days before the reference date', async () => {
    type Fc = {
      asOf: string;
      features: { geometry: { coordinates: Pos[] }; properties: { streetId: number; lengthM: number; lastPatrolled: string | null } }[];
    };
    // N = 11 reaches back to 06-20: the 20 m track saves the middle three of five segments.
    const eleven = await ctx.get<Fc>('/api/analytics/patrols/dead-corners?days=11');
    expect(eleven.status).toBe(200);
    expect(eleven.body.asOf).toBe('2025-06-30');
    const mine = (fc: Fc) => fc.features.filter((f) => f.properties.streetId === 101);
    expect(mine(eleven.body)).toHaveLength(2);
    const total = (STREET[1]![0] - STREET[0]![0]) * M_LNG;
    for (const f of mine(eleven.body)) {
      expect(f.properties.lengthM).toBeCloseTo(total / 5, 0);
      expect(f.properties.lastPatrolled).toBeNull();
      // Each dead segment is more than 30 m from the near track, by independent measure.
      const [a, b] = [f.geometry.coordinates[0]!, f.geometry.coordinates.at(-1)!];
      const track = fixtureTracks[2]!.points;
      const d = Math.min(
        ...[a, b].map((p) => Math.min(...track.map((q, j) => distanceM(p, q, track[Math.min(j + 1, track.length - 1)]!)))),
      );
      expect(d).toBeGreaterThan(30);
    }
    expect(eleven.body.features.every((f) => f.properties.lengthM <= 100.5)).toBe(true);
    // N = 6 starts 06-25: only the 40 m track, which saves nothing.
    const six = await ctx.get<Fc>('/api/analytics/patrols/dead-corners?days=6');
    expect(mine(six.body)).toHaveLength(5);
    expect(mine(six.body).filter((f) => f.properties.lastPatrolled !== null)).toHaveLength(3);
    // The fixture's diagonal track (2025-06-01) crosses 横一路: within 30 days some of it is alive.
    const thirty = await ctx.get<Fc>('/api/analytics/patrols/dead-corners?days=30');
    const fortyOne = await ctx.get<Fc>('/api/analytics/patrols/dead-corners?days=29');
    expect(thirty.body.features.length).toBeLessThan(fortyOne.body.features.length);
    expect((await ctx.get('/api/analytics/patrols/dead-corners?days=0')).status).toBe(400);
  });

  it('dead corners and tracks stay inside the jurisdiction', async () => {
    const analyst = await ctx.login('analyst-west');
    const dc = await analyst.get<{ features: { properties: { streetId: number } }[] }>('/api/analytics/patrols/dead-corners?days=6');
    expect(dc.status).toBe(200);
    expect(dc.body.features.filter((f) => f.properties.streetId === 101)).toEqual([]);
    expect((await analyst.get(`/api/analytics/patrols/dead-corners?region=${TINY_COMMUNITY_EAST}`)).status).toBe(403);
    const tracks = await analyst.get<{ tracks: { gridCode: string }[] }>('/api/analytics/patrols/tracks?date=2025-06-20');
    expect(tracks.body.tracks).toEqual([]);
    const own = await analyst.get<{ tracks: { gridCode: string }[] }>(
      `/api/analytics/patrols/tracks?date=2025-06-01&region=${TINY_COMMUNITY_WEST}`,
    );
    expect(own.body.tracks).toHaveLength(1);
  });

  it("tracks: simplified at ≈ 2 m with the fixes' times for TripsLayer", async () => {
    type Tracks = { tracks: { staffId: number; gridCode: string; path: Pos[]; timestamps: number[] }[] };
    const day = await ctx.get<Tracks>('/api/analytics/patrols/tracks?date=2025-06-20');
    expect(day.status).toBe(200);
    expect(day.body.tracks).toHaveLength(1);
    const t = day.body.tracks[0]!;
    expect(t).toMatchObject({ staffId: 2, gridCode: '610198001002001' });
    // 21 fixes on a straight line with 0.3 m of jitter: only the ends survive.
    expect(t.path).toHaveLength(2);
    expect(t.timestamps).toEqual([t20, t20 + 20 * 60]);
    expect(t.path[0]![0]).toBeCloseTo(NEAR_FROM, 6);
    const first = await ctx.get<Tracks>('/api/analytics/patrols/tracks?date=2025-06-01&staff=1');
    // Its three fixes lie on one line: the middle one goes.
    expect(first.body.tracks[0]!.timestamps).toEqual([1748739600, 1748740200]);
    expect((await ctx.get<Tracks>('/api/analytics/patrols/tracks?date=2025-06-01&staff=2')).body.tracks).toEqual([]);
    expect((await ctx.get('/api/analytics/patrols/tracks')).status).toBe(400);
    expect((await ctx.get('/api/analytics/patrols/tracks?date=2025-13-01')).status).toBe(400);
  });

  it('coverage: a period given to the minute tests its partial days against the tracks themselves', async () => {
    // 06-20 10:00–10:10 Beijing: the first half of the 20 m track (02:00–02:20Z).
    const from = '2025-06-20T10:00:00+08:00';
    const to = '2025-06-20T10:10:00+08:00';
    const { status, body } = await ctx.get<{ rows: CoverageRow[] }>(
      `/api/analytics/patrols/coverage?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    expect(status).toBe(200);
    const east = body.rows.find((r) => r.code === '610198001002001')!;
    // Fixes a minute apart from NEAR_FROM: by 10:10 the track has gone half way.
    const half = ((NEAR_TO - NEAR_FROM) / 2) * M_LNG + 2 * Math.sqrt(30 ** 2 - 20 ** 2);
    expect(Math.abs(east.coveredLengthM - half)).toBeLessThanOrEqual(SAMPLE_M);
    // Two whole days plus a partial one at each edge: the whole days from the index, the edges live.
    const wide = await ctx.get<{ rows: CoverageRow[] }>(
      `/api/analytics/patrols/coverage?from=${encodeURIComponent('2025-06-19T12:00:00+08:00')}&to=${encodeURIComponent('2025-06-22T12:00:00+08:00')}`,
    );
    const day = await ctx.get<{ rows: CoverageRow[] }>('/api/analytics/patrols/coverage?from=2025-06-20&to=2025-06-21');
    expect(wide.body.rows.map((r) => r.coveredLengthM)).toEqual(day.body.rows.map((r) => r.coveredLengthM));
  });

  it('coverage follows tracks deleted and streets added after the tracks', async () => {
    const east = async () =>
      (await ctx.get<{ rows: CoverageRow[] }>('/api/analytics/patrols/coverage?from=2025-06-20&to=2025-06-21')).body.rows.find(
        (r) => r.code === '610198001002001',
      )!;
    const before = await east();
    expect(before.coveredLengthM).toBeGreaterThan(200);
    const saved = await ctx.t.db.query<{ id: number }>(
      `SELECT id FROM patrol_tracks WHERE district_code = '610198' AND started_at = to_timestamp($1::float8)`,
      [t20],
    );
    await ctx.t.db.query(`CREATE TEMP TABLE kept AS SELECT * FROM patrol_tracks WHERE id = $1`, [saved.rows[0]!.id]);
    await ctx.t.db.query(`DELETE FROM patrol_tracks WHERE id = $1`, [saved.rows[0]!.id]);
    expect((await east()).coveredLengthM).toBe(0);
    await ctx.t.db.query(`INSERT INTO patrol_tracks SELECT * FROM kept`);
    await ctx.t.db.query(`DROP TABLE kept`);
    expect((await east()).coveredLengthM).toBe(before.coveredLengthM);
    // A street drawn beside the track after it was recorded: 50 m long, 10 m from the track.
    const y = LAT + 30 / M_LAT;
    await ctx.t.db.query(
      `INSERT INTO streets (district_code, id, name, class, geom) VALUES ('610198', 102, '测试新路', 'lane', ST_GeomFromText($1, 4326))`,
      [`LINESTRING(108.927 ${y}, ${108.927 + 50 / M_LNG} ${y})`],
    );
    const after = await east();
    expect(after.streetLengthM - before.streetLengthM).toBeCloseTo(50, 0);
    expect(after.coveredLengthM - before.coveredLengthM).toBeCloseTo(50, 0);
    await ctx.t.db.query(`DELETE FROM streets WHERE district_code = '610198' AND id = 102`);
    expect((await east()).coveredLengthM).toBe(before.coveredLengthM);
  });

  it('403 for roles without patrols.read', async () => {
    expect((await (await ctx.login('planner')).get('/api/analytics/patrols/coverage')).status).toBe(403);
    expect((await (await ctx.login('worker')).get('/api/analytics/patrols/tracks?date=2025-06-01')).status).toBe(403);
  });
});
