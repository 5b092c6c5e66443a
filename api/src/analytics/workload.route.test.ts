/**
 * The workload index and the analytics settings: per-grid sums against the fixture counted
 * in JS (special-group categories under the suppression threshold counting as none), the
 * index's district mean of 1.0, weights from the settings, special-group parts
 * hidden from roles without special_groups.aggregate, and the settings' validation and
 * jurisdiction rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { tinyDistrict, TINY_COMMUNITY_WEST } from '../test/tiny-district.fixture.js';

const GRIDS: Record<string, number[]> = {
  // grid → building ids whose centre lies in it
  '610198001001001': [1, 2],
  '610198001001002': [3],
  '610198001002001': [4, 5, 6],
};
const SPECIAL_WEIGHTS: Record<string, number> = {
  elderly_alone: 2,
  disabled: 1.5,
  low_income: 1,
  veteran: 0.5,
  released_prisoner: 3,
  community_correction: 3,
  drug_user: 3,
  mental_illness: 3,
  petitioner: 2,
};
const VISITS: Record<string, number> = {
  elderly_alone: 1,
  mental_illness: 1,
  community_correction: 1,
  drug_user: 1,
  disabled: 1 / 3,
  low_income: 1 / 3,
  released_prisoner: 1 / 3,
};

interface Row {
  code: string;
  households: number;
  persons: number;
  specialWeighted: number | null;
  incidents: number;
  visitsRequired: number | null;
  index: number;
}

/** What each grid should hold for a period of `days` with incidents in [from, to). */
function expected(from: string, to: string) {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  const incidentGrid = (lng: number) => (lng < 108.91 ? '610198001001001' : lng < 108.92 ? '610198001001002' : '610198001002001');
  return Object.entries(GRIDS).map(([code, ids]) => {
    const buildings = tinyDistrict.buildings.filter((b) => ids.includes(b.id));
    const people = tinyDistrict.specialGroups.filter((s) => ids.includes(s.buildingId));
    const incidents = tinyDistrict.incidents.filter(
      (i) => incidentGrid(i.location.coordinates[0]!) === code && i.reportedAt >= from && i.reportedAt < to,
    ).length;
    // Categories with fewer than 5 people in the grid (the suppression threshold) count as none.
    const counted = people.filter((p) => people.filter((q) => q.category === p.category).length >= 5);
    const specialWeighted = counted.reduce((a, p) => a + SPECIAL_WEIGHTS[p.category]!, 0);
    const visitsRequired = counted.reduce((a, p) => a + (VISITS[p.category] ?? 0) * (days / 30), 0);
    const households = buildings.reduce((a, b) => a + b.households, 0);
    const persons = buildings.reduce((a, b) => a + b.persons, 0);
    return {
      code,
      households,
      persons,
      incidents,
      specialWeighted,
      visitsRequired,
      raw: households + 0.2 * persons + specialWeighted + 0.5 * incidents + visitsRequired,
    };
  });
}

describe.each(BACKENDS)('workload index and analytics settings on %s', (kind) => {
  const ctx = useTestApp(kind);
  let admin: Client;
  beforeAll(async () => {
    admin = await ctx.login('admin');
  });
  const put = (c: Client, body: unknown) =>
    c.request('/api/analytics/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf },
      body: JSON.stringify(body),
    });

  it('workload: households, persons, special groups, incidents and visits per grid; mean index 1.0', async () => {
    const { status, body } = await admin.get<{ rows: Row[]; visitRule: string; weights: { households: number } }>(
      '/api/analytics/workload?from=2025-03-01&to=2025-04-30',
    );
    expect(status).toBe(200);
    expect(body.visitRule).toMatch(/elderly_alone/);
    expect(body.weights.households).toBe(1);
    const want = expected('2025-03-01', '2025-04-30');
    const mean = want.reduce((a, w) => a + w.raw, 0) / want.length;
    expect(body.rows.map((r) => r.code)).toEqual(want.map((w) => w.code));
    for (const [i, row] of body.rows.entries()) {
      const w = want[i]!;
      expect(row).toMatchObject({ households: w.households, persons: w.persons, incidents: w.incidents });
      expect(row.specialWeighted).toBeCloseTo(w.specialWeighted, 2);
      expect(row.visitsRequired).toBeCloseTo(w.visitsRequired, 1);
      expect(row.index).toBeCloseTo(w.raw / mean, 3);
    }
    expect(body.rows.reduce((a, r) => a + r.index, 0) / body.rows.length).toBeCloseTo(1, 2);
    // Incidents count only inside the period.
    const april = await admin.get<{ rows: Row[] }>('/api/analytics/workload?from=2025-04-01&to=2025-05-01');
    expect(april.body.rows.map((r) => r.incidents)).toEqual([0, 0, 1]);
  });

  it('workload: a category weighs once it reaches the suppression threshold, never below it', async () => {
    const path = '/api/analytics/workload?from=2025-03-01&to=2025-03-31';
    const east = async () => (await admin.get<{ rows: Row[] }>(path)).body.rows.find((r) => r.code === '610198001002001')!;
    const before = await east();
    // Four more elderly people living alone in building 4 (east grid): 4 < 5, still nothing.
    const add = (n: number) =>
      ctx.t.db.query(
        `INSERT INTO special_group_records (district_code, building_id, category, since)
         SELECT '610198', 4, 'elderly_alone', '2024-01-01' FROM generate_series(1, $1::int) RETURNING id`,
        [n],
      );
    const added = [...(await add(4)).rows];
    expect((await east()).specialWeighted).toBe(before.specialWeighted);
    // A fifth: five people weigh 5 × 2, and need five visits in 30 days.
    added.push(...(await add(1)).rows);
    const after = await east();
    expect(after.specialWeighted! - before.specialWeighted!).toBeCloseTo(10, 6);
    expect(after.visitsRequired! - before.visitsRequired!).toBeCloseTo(5, 6);
    expect(after.index).toBeGreaterThan(before.index);
    await ctx.t.db.query(`DELETE FROM special_group_records WHERE district_code = '610198' AND id = ANY ($1::bigint[])`, [
      added.map((r) => (r as { id: number }).id),
    ]);
  });

  it('workload: without special_groups.aggregate the index stays, its special-group parts do not', async () => {
    const path = '/api/analytics/workload?from=2025-03-01&to=2025-04-30';
    const full = await admin.get<{ rows: Row[] }>(path);
    const planner = await (await ctx.login('planner')).get<{ rows: Row[] }>(path);
    expect(planner.status).toBe(200);
    for (const [i, row] of planner.body.rows.entries()) {
      expect(row.specialWeighted).toBeNull();
      expect(row.visitsRequired).toBeNull();
      expect(row.index).toBe(full.body.rows[i]!.index);
    }
    // A west-only analyst sees the west grids, indexed against the whole district's mean.
    const west = await (await ctx.login('analyst-west')).get<{ rows: Row[] }>(path);
    expect(west.body.rows.map((r) => r.code)).toEqual(['610198001001001', '610198001001002']);
    expect(west.body.rows.map((r) => r.index)).toEqual(full.body.rows.slice(0, 2).map((r) => r.index));
    expect((await (await ctx.login('worker')).get(path)).status).toBe(403);
    expect((await admin.get('/api/analytics/workload?from=2025-05-01&to=2025-04-01')).status).toBe(400);
  });

  it('settings: defaults, validated partial updates, weights drive the index', async () => {
    const d = await admin.get<{ suppressionThreshold: number; workloadWeights: { special: Record<string, number> } }>(
      '/api/analytics/settings',
    );
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      districtCode: '610198',
      suppressionThreshold: 5,
      workloadWeights: { households: 1, persons: 0.2, incidents: 0.5, visits: 1 },
    });
    expect(d.body.workloadWeights.special).toEqual(SPECIAL_WEIGHTS);
    for (const bad of [
      { suppressionThreshold: 2 },
      { suppressionThreshold: 3.5 },
      { suppressionThreshold: '5' },
      { workloadWeights: { households: -1 } },
      { workloadWeights: { special: { pets: 1 } } },
      { workloadWeights: { special: { veteran: 1e9 } } },
      { colour: 'red' },
    ]) {
      expect((await put(admin, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    const zero = Object.fromEntries(Object.keys(SPECIAL_WEIGHTS).map((k) => [k, 0]));
    const res = await put(admin, { workloadWeights: { persons: 0, incidents: 0, visits: 0, special: zero } });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as { suppressionThreshold: number; workloadWeights: { households: number } };
    expect(saved).toMatchObject({ suppressionThreshold: 5, workloadWeights: { households: 1 } });
    // Only households weigh now: index = households / mean households (320, 60, 460 → mean 280).
    const { body } = await admin.get<{ rows: Row[] }>('/api/analytics/workload');
    expect(body.rows.map((r) => r.index)).toEqual([320 / 280, 60 / 280, 460 / 280].map((x) => Math.round(x * 1000) / 1000));
    const audit = await ctx.t.db.query<{ detail: { method: string; status: number } }>(
      `SELECT detail FROM audit_log WHERE action = 'http.write' AND target = '/api/analytics/settings' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]?.detail).toMatchObject({ method: 'PUT', status: 200 });
  });

  it('settings: a PUT needs profiles.edit and the whole district in the jurisdiction', async () => {
    expect((await put(await ctx.login('planner'), { suppressionThreshold: 6 })).status).toBe(403);
    expect((await put(await ctx.login('admin-west'), { suppressionThreshold: 6 })).status).toBe(403);
    expect((await put(admin, { districtCode: '999999', suppressionThreshold: 6 })).status).toBe(403);
    const west = await ctx.login('analyst-west');
    expect((await west.get(`/api/analytics/settings?region=${TINY_COMMUNITY_WEST}`)).status).toBe(200);
    expect((await west.get('/api/analytics/settings?region=610198001002')).status).toBe(403);
  });
});
