/**
 * What the dashboard keeps between requests (the whole answer under its versions, in memory
 * and in `dashboard_responses`; incident section and grids per analytics version; the region's
 * street stretches per region version and stretch fingerprint) never outlives the data: on both
 * databases, an incident written, a transition written alone, a plan submitted, a plan
 * approved, a staff assignment, a visit, the district's staffing model and visit plan, a patrol
 * track, a community boundary moved, a street added, a building moved (edited) and buildings
 * re-imported each change the next answer, to what is counted afresh.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST, TINY_DISTRICT_CODE } from '../test/tiny-district.fixture.js';
import { activeRuleProfile } from '../regions/active-rule-profile.js';
import { placementSql } from '../plans/unit-placement.sql.js';
import type { Dashboard } from './dashboard.schemas.js';
import { countGrids } from './grids-figures.js';
import type { GridInForce } from './grids-in-force.js';

const D = TINY_DISTRICT_CODE;

type Ready = Extract<Dashboard['patrols'], { status: 'ready' }>;

describe.each(BACKENDS)('the dashboard kept between requests on %s', (kind) => {
  const ctx = useTestApp(kind);
  let leader: Client;

  const board = async (): Promise<Dashboard> => {
    const res = await leader.get<Dashboard>('/api/dashboard');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const patrols = (b: Dashboard): Ready => {
    expect(b.patrols.status).toBe('ready');
    return b.patrols as Ready;
  };
  /** The analyst's dead corners of the same 30 days, drawn afresh. */
  const deadCorners = async (): Promise<number> =>
    (await ctx.get<{ features: unknown[] }>('/api/analytics/patrols/dead-corners?days=30&limit=5000')).body.features.length;

  beforeAll(async () => {
    leader = await ctx.login('leader');
  });

  it('counts an incident written after the first answer', async () => {
    const before = await board();
    // Noon (Shanghai) of the second day of the period shown, in the west community.
    const at = `${before.period.current.from.slice(0, 8)}02T12:00:00+08:00`;
    await ctx.t.db.query(
      `INSERT INTO incidents (district_code, id, code, category, channel, state, reported_at, location)
       VALUES ($1, 9001, 'C9001', 'environment', 'patrol', 'reported', $2, ST_SetSRID(ST_MakePoint(108.905, 34.206), 4326))`,
      [D, at],
    );
    await ctx.t.db.query(
      `INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_role) VALUES ($1, 9001, 1, 'reported', $2, 'zone_manager')`,
      [D, at],
    );
    const after = await board();
    expect(after.incidents.count.value).toBe(before.incidents.count.value! + 1);
    expect(after.incidents.series.count.at(-1)).toBe(before.incidents.series.count.at(-1)! + 1);
  });

  it('counts an incident in no community (a boundary road, a park) for the district, and for none of its communities', async () => {
    const before = await board();
    const community = async (): Promise<number | null> =>
      (await leader.get<Dashboard>(`/api/dashboard?region=${TINY_COMMUNITY_EAST}`)).body.incidents.count.value;
    const east = await community();
    const at = `${before.period.current.from.slice(0, 8)}02T15:00:00+08:00`;
    await ctx.t.db.query(
      `INSERT INTO incidents (district_code, id, code, category, channel, state, reported_at, location)
       VALUES ($1, 9002, 'C9002', 'environment', 'patrol', 'reported', $2, ST_SetSRID(ST_MakePoint(100.5, 30.5), 4326))`,
      [D, at],
    );
    const row = await ctx.t.db.query<{ community: string | null }>(
      `SELECT community_code AS community FROM incidents WHERE district_code = $1 AND id = 9002`,
      [D],
    );
    expect(row.rows[0]!.community).toBeNull();
    const after = await board();
    expect(after.incidents.count.value).toBe(before.incidents.count.value! + 1);
    expect(after.incidents.series.count.at(-1)).toBe(before.incidents.series.count.at(-1)! + 1);
    expect(await community()).toBe(east);
    await ctx.t.db.query(`DELETE FROM incidents WHERE district_code = $1 AND id = 9002`, [D]);
  });

  it('counts an incident closed by a transition written alone (no incident row touched)', async () => {
    const before = await board();
    const at = `${before.period.current.from.slice(0, 8)}03T12:00:00+08:00`;
    await ctx.t.db.query(
      `INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_role) VALUES ($1, 9001, 2, 'closed', $2, 'zone_manager')`,
      [D, at],
    );
    const after = await board();
    const closed = await ctx.t.db.query<{ closed: number; open: number }>(
      `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM incident_transitions t WHERE t.district_code = i.district_code AND t.incident_id = i.id AND t.state = 'closed'))::int AS closed,
         count(*)::int AS open
       FROM incidents i WHERE i.district_code = $1 AND i.reported_at >= $2::date AND i.reported_at < $3::date`,
      [D, before.period.current.from, before.period.current.to],
    );
    expect(after.incidents.closedShare.value).toBe(Math.round((closed.rows[0]!.closed / closed.rows[0]!.open) * 1e4) / 1e4);
    expect(after.incidents.closedShare.value).not.toBe(before.incidents.closedShare.value);
  });

  it('counts a plan submitted after the first answer as waiting', async () => {
    const before = await board();
    await ctx.t.db.query(
      `UPDATE plans SET status = 'submitted', submitted_at = $2::date + 1 WHERE district_code = $1 AND id = 2 AND status = 'draft'`,
      [D, before.period.current.from],
    );
    const after = await board();
    expect(after.grids.plansWaiting.value).toBe(before.grids.plansWaiting.value! + 1);
  });

  it('counts the grids of a plan approved after the first answer', async () => {
    const before = await board();
    await ctx.t.db.query(
      `UPDATE plans SET status = 'approved', approved_at = '2025-06-20T00:00:00Z', approved_by = 'admin' WHERE district_code = $1 AND id = 2`,
      [D],
    );
    const expected = await ctx.t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grids WHERE district_code = $1 AND ((plan_id = 1 AND community_code <> $2) OR (plan_id = 2 AND community_code = $2))`,
      [D, TINY_COMMUNITY_EAST],
    );
    const after = await board();
    expect(after.grids.count.value).toBe(expected.rows[0]!.n);
    // The fixture's draft has another number of grids than the east community had.
    expect(after.grids.count.value).not.toBe(before.grids.count.value);
  });

  it('counts a staff assignment written after the first answer', async () => {
    const before = await board();
    const vacant = before.staffing.vacancies.find((v) => v.grids.value! > 0)!;
    // The role given for the whole district: no grid lacks it any more.
    await ctx.t.db.query(`INSERT INTO staff_assignments (district_code, staff_id, role, region_code) VALUES ($1, 2, $2, $3)`, [
      D,
      vacant.role,
      D,
    ]);
    const after = await board();
    expect(after.staffing.vacancies.find((v) => v.role === vacant.role)!.grids.value).toBe(0);
  });

  it('counts a visit written after the first answer', async () => {
    // Six more people living alone in building 4 (monthly visits): seven due, one visited (building 1, 3 June).
    await ctx.t.db.query(
      `INSERT INTO special_group_records (district_code, building_id, category, since) SELECT $1, 4, 'elderly_alone', '2020-01-01' FROM generate_series(1, 6)`,
      [D],
    );
    const row = (b: Dashboard) => b.specialGroups!.rows.find((r) => r.category === 'elderly_alone')!;
    const before = await board();
    expect(row(before).due).toEqual({ count: 7 });
    expect(row(before).done).toMatchObject({ suppressed: true });
    await ctx.t.db.query(`INSERT INTO visits (district_code, staff_id, building_id, visited_at, kind) VALUES ($1, 1, 4, $2, 'routine')`, [
      D,
      `${before.period.current.from}T10:00:00+08:00`,
    ]);
    expect(row(await board()).done).toEqual({ count: 7 });
  });

  it("follows a change of the district's visit plan (its cadence) after the first answer", async () => {
    const row = (b: Dashboard) => b.specialGroups!.rows.find((r) => r.category === 'elderly_alone')!;
    const before = await board();
    const other = row(before).cadence === 'yearly' ? 'quarterly' : 'yearly';
    await ctx.t.db.query(
      `INSERT INTO visit_plans (district_code, category, cadence, source) VALUES ($1, 'elderly_alone', $2, 'cache test')`,
      [D, other],
    );
    expect(row(await board()).cadence).toBe(other);
  });

  it("follows a change of the district's staffing model after the first answer", async () => {
    const roles = (b: Dashboard) => b.staffing.vacancies.map((v) => v.role).sort();
    const before = roles(await board());
    const current = await ctx.t.db.query<{ model: string }>(
      `SELECT coalesce((SELECT model_key FROM district_staff_models WHERE district_code = $1), 'n_plus_5') AS model`,
      [D],
    );
    const next = current.rows[0]!.model === 'n_plus_5' ? 'grid_ladder' : 'n_plus_5';
    await ctx.t.db.query(
      `INSERT INTO district_staff_models (district_code, model_key) VALUES ($1, $2)
       ON CONFLICT (district_code) DO UPDATE SET model_key = excluded.model_key`,
      [D, next],
    );
    const expected = await ctx.t.db.query<{ role: string }>(
      `SELECT role FROM staff_model_roles WHERE model_key = $1 AND required ORDER BY role`,
      [next],
    );
    const after = roles(await board());
    expect(after).not.toEqual(before);
    expect(after).toEqual(expected.rows.map((r) => r.role).sort());
  });

  it('counts a patrol track written after the first answer, and keeps each answer under the versions it was read at', async () => {
    const before = patrols(await board());
    const kept = await ctx.t.db.query<{ version: string }>(`SELECT DISTINCT version FROM dashboard_responses WHERE district_code = $1`, [
      D,
    ]);
    expect(kept.rows).toHaveLength(1);
    // A walk along the east community's middle on the period's tenth day.
    const t0 = Date.parse(`${(await board()).period.current.from.slice(0, 8)}10T09:00:00+08:00`) / 1000;
    await ctx.t.db.query(
      `INSERT INTO patrol_tracks (district_code, staff_id, grid_code, started_at, ended_at, point_count, geom)
       VALUES ($1, 1, '610198001002001', to_timestamp($2), to_timestamp($2 + 600), 2,
         ST_SetSRID(ST_MakeLine(ST_MakePointM(108.925, 34.201, $2), ST_MakePointM(108.925, 34.219, $2 + 600)), 4326))`,
      [D, t0],
    );
    const after = patrols(await board());
    expect(after.coverageShare.value).toBeGreaterThan(before.coverageShare.value!);
    const now = await ctx.t.db.query<{ version: string }>(`SELECT DISTINCT version FROM dashboard_responses WHERE district_code = $1`, [D]);
    expect(now.rows).toHaveLength(1);
    expect(now.rows[0]!.version).not.toBe(kept.rows[0]!.version);
  });

  it('reads the streets again when a community boundary moves or a street is added', async () => {
    const first = patrols(await board());
    expect(first.deadCorners.value).toBe(await deadCorners());
    // The east community shrinks to its western half: its streets east of 108.93 leave the region.
    await ctx.t.db.query(
      `UPDATE regions SET boundary = ST_Multi(ST_MakeEnvelope(108.92, 34.2, 108.93, 34.22, 4326)) WHERE district_code = $1 AND code = $2`,
      [D, TINY_COMMUNITY_EAST],
    );
    const shrunk = patrols(await board());
    expect(shrunk.deadCorners.value).toBe(await deadCorners());
    expect(shrunk.deadCorners.value).toBeLessThan(first.deadCorners.value!);
    // A new 600 m street inside the west community: its parts are dead corners too.
    await ctx.t.db.query(
      `INSERT INTO streets (district_code, id, name, class, geom)
       VALUES ($1, 900, '新路', 'lane', ST_SetSRID(ST_MakeLine(ST_MakePoint(108.902, 34.203), ST_MakePoint(108.902, 34.2084)), 4326))`,
      [D],
    );
    const added = patrols(await board());
    expect(added.deadCorners.value).toBe(await deadCorners());
    expect(added.deadCorners.value).toBeGreaterThan(shrunk.deadCorners.value!);
  });

  it('follows a building moved into another grid, and buildings re-imported, to the grids placed afresh', async () => {
    /** The grid counts of the grids in force now, their buildings placed afresh by core's rule (placementSql). */
    const afresh = async () => {
      const grids = await ctx.t.db.query<GridInForce>(
        `SELECT g.code, g.name, g.type, g.community_code AS "communityCode", g.zone_code AS "zoneCode",
           coalesce(sum(b.households), 0)::float8 AS households, coalesce(sum(b.persons), 0)::float8 AS persons, count(b.id)::float8 AS units
         FROM current_grids g
         LEFT JOIN ${placementSql({ grids: 'current_grids', gridsWhere: 'g.district_code = $1', buildingsWhere: 'b.district_code = $1' })} p ON p.grid_code = g.code
         LEFT JOIN buildings b ON b.district_code = $1 AND b.id = p.building_id
         WHERE g.district_code = $1 GROUP BY g.code, g.name, g.type, g.community_code, g.zone_code`,
        [D],
      );
      const c = countGrids(grids.rows, await activeRuleProfile(ctx.t.db, D));
      return { within: c.within, over: c.over, under: c.under, singleUnitOverRule: c.singleUnitOverRule };
    };
    const counts = (b: Dashboard) => ({
      within: b.grids.within.value,
      over: b.grids.over.value,
      under: b.grids.under.value,
      singleUnitOverRule: b.grids.exceptions.singleUnitOverRule.value,
    });
    const before = counts(await board());
    expect(before).toEqual(await afresh());
    // Building 2 (200 households) edited: moved from the west community's first grid into the east.
    await ctx.t.db.query(
      `UPDATE buildings SET footprint = ST_Buffer(ST_SetSRID(ST_MakePoint(108.936, 34.212), 4326), 0.0002, 'quad_segs=1') WHERE district_code = $1 AND id = 2`,
      [D],
    );
    const moved = counts(await board());
    expect(moved).toEqual(await afresh());
    expect(moved).not.toEqual(before);
    // Re-imported as the buildings layer writes it (insert or update in one statement): back in place.
    await ctx.t.db.query(
      `INSERT INTO buildings (district_code, id, community_code, name, footprint, floors, units, households, persons)
       VALUES ($1, 2, '610198001001', '重新导入', ST_SetSRID(ST_MakeEnvelope(108.9048, 34.2148, 108.9052, 34.2152), 4326), 6, 0, 200, 560)
       ON CONFLICT (district_code, id) DO UPDATE SET footprint = excluded.footprint, name = excluded.name`,
      [D],
    );
    const back = counts(await board());
    expect(back).toEqual(await afresh());
    expect(back).toEqual(before);
  });
  it('moves where a section’s records begin, and its flags, when an earlier record is written', async () => {
    const before = await board();
    // The fixture's tracks begin on 1 June 2025: the month before and a year before reach before them.
    expect(patrols(before).records).toMatchObject({ since: '2025-06-01', previousPartial: true, yearAgoPartial: true });
    const t0 = Date.parse('2023-05-10T09:00:00+08:00') / 1000;
    await ctx.t.db.query(
      `INSERT INTO patrol_tracks (district_code, staff_id, grid_code, started_at, ended_at, point_count, geom)
       VALUES ($1, 1, '610198001001001', to_timestamp($2), to_timestamp($2 + 600), 2,
         ST_SetSRID(ST_MakeLine(ST_MakePointM(108.905, 34.201, $2), ST_MakePointM(108.905, 34.219, $2 + 600)), 4326))`,
      [D, t0],
    );
    await ctx.t.db.query(`INSERT INTO visits (district_code, staff_id, building_id, visited_at, kind) VALUES ($1, 1, 4, $2, 'routine')`, [
      D,
      '2023-04-20T10:00:00+08:00',
    ]);
    await ctx.t.db.query(
      `INSERT INTO incidents (district_code, id, code, category, channel, state, reported_at, location)
       VALUES ($1, 9002, 'C9002', 'environment', 'patrol', 'reported', '2023-03-15T12:00:00+08:00', ST_SetSRID(ST_MakePoint(108.905, 34.206), 4326))`,
      [D],
    );
    const after = await board();
    expect(patrols(after).records).toEqual({ since: '2023-05-10', previousPartial: false, yearAgoPartial: false });
    expect(after.specialGroups!.records.since).toBe('2023-04-20');
    expect(after.incidents.records).toEqual({ since: '2023-03-15', previousPartial: false, yearAgoPartial: false });
    // The figures of the period are the same: the records are years before it.
    expect(after.incidents.count.value).toBe(before.incidents.count.value);
  });
});
