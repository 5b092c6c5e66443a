/**
 * Special-group analytics: per-grid and per-hexagon counts equal counts made in JS from the
 * fixture (hexagons checked by point-in-polygon on the returned polygons), small cells are
 * suppressed at the district's threshold with no line left with one hidden entry, reads are
 * audited, and roles without special_groups.aggregate or outside the jurisdiction get 403.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp, type Client } from '../test/test-app.js';
import { tinyDistrict, TINY_COMMUNITY_EAST } from '../test/tiny-district.fixture.js';
import { CATEGORY_KEYS } from './special-groups-category.js';
import { hexSizeForZoom } from './special-groups-hexbins.route.js';

type Pos = [number, number];
type Cell = { count: number } | { suppressed: true; display: string; reason: 'small' | 'complementary' };

/** Extra people: [buildingId, category, count]. */
const EXTRA: [number, string, number][] = [
  [2, 'elderly_alone', 6],
  [3, 'low_income', 2],
  [5, 'veteran', 7],
  [5, 'disabled', 5],
  [6, 'petitioner', 3],
];
const PEOPLE: [number, string, number][] = [
  ...tinyDistrict.specialGroups.map((s) => [s.buildingId, s.category, 1] as [number, string, number]),
  ...EXTRA,
];

/** Building centres, `[lng, lat]` (footprints are squares around them). */
const centre = new Map(
  tinyDistrict.buildings.map((b) => {
    const ring = b.footprint.coordinates[0] as Pos[];
    return [b.id, [(ring[0]![0] + ring[2]![0]) / 2, (ring[0]![1] + ring[2]![1]) / 2] as Pos];
  }),
);
const GRID_RECTS: Record<string, [number, number, number, number]> = {
  '610198001001001': [108.9, 34.2, 108.91, 34.22],
  '610198001001002': [108.91, 34.2, 108.92, 34.22],
  '610198001002001': [108.92, 34.2, 108.94, 34.22],
};

function countsByGrid(): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [b, cat, n] of PEOPLE) {
    const [x, y] = centre.get(b)!;
    const code = Object.entries(GRID_RECTS).find(([, r]) => x > r[0] && x < r[2] && y > r[1] && y < r[3])![0];
    const row = out.get(code) ?? new Map<string, number>();
    row.set(cat, (row.get(cat) ?? 0) + n);
    out.set(code, row);
  }
  return out;
}

function inside(p: Pos, ring: Pos[]): boolean {
  let yes = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) yes = !yes;
  }
  return yes;
}

type Hidden = Extract<Cell, { suppressed: true }>;
const hidden = (c: Cell): c is Hidden => 'suppressed' in c;
const small = (c: Cell): c is Hidden => hidden(c) && c.reason === 'small';

describe.each(BACKENDS)('special-group analytics on %s', (kind) => {
  const ctx = useTestApp(kind);
  let admin: Client;
  beforeAll(async () => {
    for (const [building, category, n] of EXTRA) {
      await ctx.t.db.query(
        `INSERT INTO special_group_records (district_code, building_id, category, since)
         SELECT '610198', $1, $2, date '2024-01-01' FROM generate_series(1, $3)`,
        [building, category, n],
      );
    }
    admin = await ctx.login('admin');
  });
  const put = (c: Client, body: unknown) =>
    c.request('/api/analytics/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf },
      body: JSON.stringify(body),
    });

  it('grids: counts per grid in force and category; below the threshold "<5"; no line with one hidden entry', async () => {
    const analyst = await ctx.login('analyst');
    const { status, body } = await analyst.get<{
      threshold: number;
      rows: { code: string; cells: Record<string, Cell>; total: Cell }[];
      totals: { cells: Record<string, Cell>; total: Cell };
    }>('/api/analytics/special-groups/grids');
    expect(status).toBe(200);
    expect(body.threshold).toBe(5);
    expect(body.rows.map((r) => r.code)).toEqual(Object.keys(GRID_RECTS));
    const want = countsByGrid();
    for (const row of body.rows) {
      for (const key of CATEGORY_KEYS) {
        const n = want.get(row.code)?.get(key) ?? 0;
        const cell = row.cells[key]!;
        if (n > 0 && n < 5) expect(cell).toEqual({ suppressed: true, display: '<5', reason: 'small' });
        else if ('count' in cell) expect(cell.count).toBe(n);
        else expect(cell.reason).toBe('complementary');
      }
      expect([...CATEGORY_KEYS.map((k) => row.cells[k]!), row.total].filter(hidden).length).not.toBe(1);
    }
    for (const key of CATEGORY_KEYS)
      expect([...body.rows.map((r) => r.cells[key]!), body.totals.cells[key]!].filter(hidden).length).not.toBe(1);
    // East: veteran 1 + 7 = 8 shown; petitioners 3 small, so disabled 5 (the smallest other) withheld.
    const east = body.rows.find((r) => r.code === '610198001002001')!;
    expect(east.cells.veteran).toEqual({ count: 8 });
    expect(east.cells.petitioner).toEqual({ suppressed: true, display: '<5', reason: 'small' });
    expect(east.cells.disabled).toEqual({ suppressed: true, display: '—', reason: 'complementary' });
    const audit = await ctx.t.db.query(
      `SELECT 1 FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.username = 'analyst' AND a.action = 'special_groups.grids.read'`,
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('grids: the category filter picks cells, never changes what is suppressed', async () => {
    const all = await admin.get<{ rows: { code: string; cells: Record<string, Cell> }[] }>('/api/analytics/special-groups/grids');
    const one = await admin.get<{ category: string; rows: { code: string; cells: Record<string, Cell> }[] }>(
      '/api/analytics/special-groups/grids?category=elderly_alone',
    );
    expect(one.body.category).toBe('elderly_alone');
    for (const [i, row] of one.body.rows.entries()) {
      expect(Object.keys(row.cells)).toEqual(['elderly_alone']);
      expect(row.cells.elderly_alone).toEqual(all.body.rows[i]!.cells.elderly_alone);
    }
    expect((await admin.get('/api/analytics/special-groups/grids?category=pets')).status).toBe(400);
  });

  it('hexbins: polygons only; each count equals the people inside it by point-in-polygon; small ones "<5"', async () => {
    for (const zoom of [8, 12, 14, 16]) {
      const { status, body } = await admin.get<{
        sizeM: number;
        features: { geometry: { type: string; coordinates: Pos[][] }; properties: Cell }[];
      }>(`/api/analytics/special-groups/hexbins?zoom=${zoom}`);
      expect(status).toBe(200);
      expect(body.sizeM).toBe(hexSizeForZoom(zoom));
      expect(body.sizeM).toBeGreaterThanOrEqual(200);
      let placed = 0;
      for (const f of body.features) {
        expect(f.geometry.type).toBe('Polygon');
        const n = PEOPLE.filter(([b]) => inside(centre.get(b)!, f.geometry.coordinates[0]!)).reduce((a, [, , k]) => a + k, 0);
        placed += n;
        if (n < 5) expect(f.properties).toEqual({ suppressed: true, display: '<5', reason: 'small' });
        else if ('count' in f.properties) expect(f.properties.count).toBe(n);
      }
      expect(placed).toBe(PEOPLE.reduce((a, [, , k]) => a + k, 0));
    }
  });

  it('hexbins: the same hexagon holds the same count whatever the viewport; one category at a time', async () => {
    type Fc = { features: { geometry: { coordinates: Pos[][] }; properties: Cell }[] };
    const whole = await admin.get<Fc>('/api/analytics/special-groups/hexbins?zoom=16&category=veteran');
    const part = await admin.get<Fc>('/api/analytics/special-groups/hexbins?zoom=16&category=veteran&bbox=108.934,34.214,108.936,34.216');
    expect(part.body.features.length).toBeGreaterThan(0);
    for (const f of part.body.features) {
      const same = whole.body.features.find((g) => JSON.stringify(g.geometry) === JSON.stringify(f.geometry));
      expect(same?.properties).toEqual(f.properties);
    }
    const veterans = whole.body.features.map((f) => f.properties).filter((p) => 'count' in p);
    expect(veterans).toContainEqual({ count: 7 });
    for (const bad of ['bbox=1,2,3', 'bbox=3,2,1,4', 'bbox=a,b,c,d', 'zoom=99', 'category=x']) {
      expect((await admin.get(`/api/analytics/special-groups/hexbins?${bad}`)).status).toBe(400);
    }
    // A continent at street zoom would be millions of hexagons.
    expect((await admin.get('/api/analytics/special-groups/hexbins?zoom=16')).status).toBe(200);
    const audit = await ctx.t.db.query(
      `SELECT 1 FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.username = 'admin' AND a.action = 'special_groups.hexbins.read'`,
    );
    expect(audit.rows.length).toBeGreaterThanOrEqual(2);
  });

  it('the threshold is a setting: 3 shows more, 10 hides more, below 3 is a 400; the summary follows it', async () => {
    expect((await put(admin, { suppressionThreshold: 2 })).status).toBe(400);
    expect((await put(admin, { suppressionThreshold: 3 })).status).toBe(200);
    type Grids = { threshold: number; rows: { code: string; cells: Record<string, Cell> }[] };
    const three = await admin.get<Grids>('/api/analytics/special-groups/grids');
    expect(three.body.threshold).toBe(3);
    // Petitioners 3 are no longer small (west disabled 1 still is, so withheld cells chain on).
    const cells = three.body.rows.flatMap((r) => Object.values(r.cells));
    expect(three.body.rows.find((r) => r.code === '610198001002001')!.cells.petitioner).not.toMatchObject({ reason: 'small' });
    expect(cells.filter(small).every((c) => c.display === '<3')).toBe(true);
    expect(cells.filter(small)).toHaveLength(2);
    const summary = await admin.get<{ threshold: number; rows: { cells: Record<string, Cell> }[] }>('/api/special-groups/summary');
    expect(summary.body.threshold).toBe(3);
    expect(
      Object.values(summary.body.rows[0]!.cells)
        .filter(small)
        .every((c) => c.display === '<3'),
    ).toBe(true);
    expect((await put(admin, { suppressionThreshold: 10 })).status).toBe(200);
    const ten = await admin.get<Grids>('/api/analytics/special-groups/grids');
    expect(ten.body.rows.find((r) => r.code === '610198001001001')!.cells.elderly_alone).toEqual({
      suppressed: true,
      display: '<10',
      reason: 'small',
    });
    const hexes = await admin.get<{ features: { properties: Cell }[] }>('/api/analytics/special-groups/hexbins?zoom=16');
    expect(hexes.body.features.every((f) => !('count' in f.properties) || f.properties.count >= 10)).toBe(true);
    expect((await put(admin, { suppressionThreshold: 5 })).status).toBe(200);
  });

  it('403 for planners and workers, and for a region outside the jurisdiction', async () => {
    for (const who of ['planner', 'worker']) {
      const c = await ctx.login(who);
      expect((await c.get('/api/analytics/special-groups/grids')).status).toBe(403);
      expect((await c.get('/api/analytics/special-groups/hexbins')).status).toBe(403);
    }
    const west = await ctx.login('analyst-west');
    expect((await west.get(`/api/analytics/special-groups/grids?region=${TINY_COMMUNITY_EAST}`)).status).toBe(403);
    expect((await west.get(`/api/analytics/special-groups/hexbins?region=${TINY_COMMUNITY_EAST}`)).status).toBe(403);
    // The whole district asked for: only the west grids and people come back.
    const grids = await west.get<{ rows: { code: string }[] }>('/api/analytics/special-groups/grids');
    expect(grids.body.rows.map((r) => r.code)).toEqual(['610198001001001', '610198001001002']);
    const hexes = await west.get<{ features: { geometry: { coordinates: Pos[][] } }[] }>('/api/analytics/special-groups/hexbins?zoom=16');
    for (const f of hexes.body.features) expect([4, 5, 6].some((b) => inside(centre.get(b)!, f.geometry.coordinates[0]!))).toBe(false);
    expect((await ctx.anonymous.get('/api/analytics/special-groups/grids')).status).toBe(401);
  });
});
