import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { tinyDistrict } from '../test/tiny-district.fixture.js';
import { isSeeded, resetDistrictData } from './district-data.js';
import { seedDistrict } from './seed-district.js';

const count = async (t: TestDatabase, table: string): Promise<number> =>
  (await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? -1;

describe.each(BACKENDS)('seedDistrict on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'seeded');
  });
  afterAll(() => t?.close());

  it('writes exactly the fixture', async () => {
    const d = tinyDistrict;
    expect(await isSeeded(t.db)).toBe(true);
    expect({
      regions: await count(t, 'regions'),
      streets: await count(t, 'streets'),
      compounds: await count(t, 'compounds'),
      buildings: await count(t, 'buildings'),
      zones: await count(t, 'zones'),
      plans: await count(t, 'plans'),
      grids: await count(t, 'grids'),
      grid_codes: await count(t, 'grid_codes'),
      staff: await count(t, 'staff'),
      staff_assignments: await count(t, 'staff_assignments'),
      incidents: await count(t, 'incidents'),
      incident_transitions: await count(t, 'incident_transitions'),
      patrol_tracks: await count(t, 'patrol_tracks'),
      visits: await count(t, 'visits'),
      special_group_records: await count(t, 'special_group_records'),
      rule_profiles: await count(t, 'rule_profiles'),
    }).toEqual({
      regions: d.regions.length,
      streets: d.streets.length,
      compounds: d.compounds.length,
      buildings: d.buildings.length,
      zones: d.zones.length,
      plans: d.plans.length,
      grids: d.plans.reduce((n, p) => n + p.grids.length, 0),
      grid_codes: new Set(d.plans.flatMap((p) => p.grids.map((g) => g.code))).size,
      staff: d.staff.length,
      staff_assignments: d.assignments.length,
      incidents: d.incidents.length,
      incident_transitions: d.incidents.reduce((n, i) => n + i.transitions.length, 0),
      patrol_tracks: d.patrolTracks.length,
      visits: d.visits.length,
      special_group_records: d.specialGroups.length,
      rule_profiles: 1,
    });
    const sums = await t.db.query<{ households: number; persons: number }>(
      'SELECT sum(households) AS households, sum(persons) AS persons FROM buildings',
    );
    expect(sums.rows[0]).toEqual({
      households: d.buildings.reduce((n, b) => n + b.households, 0),
      persons: d.buildings.reduce((n, b) => n + b.persons, 0),
    });
  });

  it('stores patrol tracks as LineStringM with epoch seconds as M', async () => {
    const r = await t.db.query<{ type: string; n: number; m0: number; m_last: number; srid: number }>(
      `SELECT GeometryType(geom) AS type, ST_NPoints(geom) AS n, ST_M(ST_StartPoint(geom)) AS m0,
         ST_M(ST_EndPoint(geom)) AS m_last, ST_SRID(geom) AS srid FROM patrol_tracks WHERE id = 1`,
    );
    expect(r.rows[0]).toEqual({ type: 'LINESTRINGM', n: 3, m0: 1748739600, m_last: 1748740200, srid: 4326 });
  });

  it('moves identity sequences past the seeded ids', async () => {
    const r = await t.db.query<{ id: number }>(
      `INSERT INTO plans (district_code, region_code, name, author) VALUES ('610198', '610198', 'new', 'test') RETURNING id`,
    );
    expect(r.rows[0]?.id).toBe(3);
  });

  it('reset removes district data, and the dataset seeds again', async () => {
    // A district's own staffing model (0046) goes with it; the built-in ones stay.
    await t.db.query(`INSERT INTO staff_models (key, zh, en, owner_district) VALUES ('own_610198', '本区', 'own', '610198')`);
    const builtIn = await count(t, 'staff_models');
    await resetDistrictData(t.db);
    expect(await isSeeded(t.db)).toBe(false);
    expect(await count(t, 'buildings')).toBe(0);
    expect(await count(t, 'staff_models')).toBe(builtIn - 1);
    await seedDistrict(t.db, tinyDistrict);
    expect(await count(t, 'buildings')).toBe(tinyDistrict.buildings.length);
  });

  it('writes nothing when any row fails', async () => {
    await resetDistrictData(t.db);
    const broken = {
      ...tinyDistrict,
      visits: [{ id: 1, staffId: 99, buildingId: 1, visitedAt: '2025-01-01T00:00:00Z', kind: 'routine' as const }],
    };
    await expect(seedDistrict(t.db, broken)).rejects.toThrow();
    expect(await isSeeded(t.db)).toBe(false);
    expect(await count(t, 'regions')).toBe(0);
  });
});
