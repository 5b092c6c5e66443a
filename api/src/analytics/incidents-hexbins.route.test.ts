import { booleanPointInPolygon, pointToLineDistance, polygonToLine } from '@turf/turf';
import { lngLatToMercator, mercatorToLngLat } from '@gridatlas/core';
import type { Feature, LineString } from 'geojson';
import type { Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { hexSize } from './hexbin-size.js';
import { AGGREGATE_MIN_SIZE, CELL_M, HEX_LEVELS } from './incidents-hexbins.route.js';
import { expectedCommunity, fixtureIncidents, insertIncidents, makeIncidents } from './incidents.test-data.js';

interface Hexbins {
  type: 'FeatureCollection';
  sizeM: number;
  features: { id: number; geometry: Polygon; properties: { count: number; i: number; j: number } }[];
}

describe.each(BACKENDS)('GET /api/analytics/incidents/hexbins on %s', (kind) => {
  const ctx = useTestApp(kind);
  const incidents = [...fixtureIncidents(), ...makeIncidents()];
  beforeAll(() => insertIncidents(ctx.t.db, makeIncidents()));

  it('bins every incident of the viewport at zoom 17.5 into the one hexagon that holds it (Turf agrees)', async () => {
    const [bbox, zoom] = ['108.905,34.205,108.925,34.215', '17.5'];
    expect(HEX_LEVELS).not.toContain(17);
    const { status, body } = await ctx.get<Hexbins>(`/api/analytics/incidents/hexbins?bbox=${bbox}&zoom=${zoom}`);
    expect(status).toBe(200);
    const [w, s, e, n] = bbox.split(',').map(Number) as [number, number, number, number];
    expect(body.sizeM).toBeCloseTo(hexSize([w, s, e, n], Number(zoom)).sizeM, 1);
    const inside = incidents.filter((i) => i.lng >= w && i.lng <= e && i.lat >= s && i.lat <= n);
    expect(body.features.reduce((sum, f) => sum + f.properties.count, 0)).toBe(inside.length);
    for (const f of body.features) {
      const holds = inside.filter((i) => booleanPointInPolygon([i.lng, i.lat], f.geometry));
      expect(holds.length, `hexagon ${f.properties.i},${f.properties.j}`).toBe(f.properties.count);
    }
  });

  it.each([
    ['108.9,34.2,108.95,34.22', '14', ''],
    ['108.9,34.2,108.95,34.22', '13.6', ''],
    ['108.8,34.1,109.0,34.3', '11', ''],
    ['108.905,34.205,108.925,34.215', '15.5', ''],
    ['108.905,34.205,108.925,34.215', '16.2', ''],
    // Whole months from the monthly hexagons, the partial ones from the incidents.
    ['108.9,34.2,108.95,34.22', '14', '&from=2025-02-10&to=2025-05-20T12:00:00%2B08:00'],
  ])(
    'at a zoom of the monthly hexagons, bbox %s zoom %s%s: every hexagon meeting the viewport with all its incidents (Turf agrees)',
    async (bbox, zoom, period) => {
      expect(HEX_LEVELS).toContain(Math.floor(Number(zoom)));
      const { status, body } = await ctx.get<Hexbins>(`/api/analytics/incidents/hexbins?bbox=${bbox}&zoom=${zoom}${period}`);
      expect(status).toBe(200);
      const [w, s, e, n] = bbox.split(',').map(Number) as [number, number, number, number];
      const from = period ? Date.parse('2025-02-10T00:00:00+08:00') : -Infinity;
      const to = period ? Date.parse('2025-05-20T12:00:00+08:00') : Infinity;
      const inPeriod = incidents.filter((i) => Date.parse(i.reportedAt) >= from && Date.parse(i.reportedAt) < to);
      for (const f of body.features) {
        const holds = inPeriod.filter((i) => booleanPointInPolygon([i.lng, i.lat], f.geometry));
        expect(holds.length, `hexagon ${f.properties.i},${f.properties.j}`).toBe(f.properties.count);
      }
      // Every incident in the viewport is in a hexagon returned.
      const inside = inPeriod.filter((i) => i.lng >= w && i.lng <= e && i.lat >= s && i.lat <= n);
      expect(inside.length).toBeGreaterThan(0);
      for (const i of inside)
        expect(
          body.features.some((f) => booleanPointInPolygon([i.lng, i.lat], f.geometry)),
          `${i.lng},${i.lat}`,
        ).toBe(true);
    },
  );

  it('sums 25 m cells at low zoom: totals exact, each hexagon off only by incidents within a cell of its edge', async () => {
    const bbox = [108.8, 34.1, 109.0, 34.3] as const;
    const { status, body } = await ctx.get<Hexbins>(`/api/analytics/incidents/hexbins?bbox=${bbox.join(',')}&zoom=10`);
    expect(status).toBe(200);
    const size = hexSize([...bbox], 10).size;
    expect(size).toBeGreaterThanOrEqual(AGGREGATE_MIN_SIZE);
    const inside = incidents.filter((i) => i.lng >= bbox[0] && i.lng <= bbox[2] && i.lat >= bbox[1] && i.lat <= bbox[3]);
    expect(body.features.reduce((sum, f) => sum + f.properties.count, 0)).toBe(inside.length);
    // The cell centre of each incident (25 m mercator cells), back in degrees.
    const centre = (i: { lng: number; lat: number }): [number, number] => {
      const [x, y] = lngLatToMercator(i.lng, i.lat);
      return mercatorToLngLat((Math.floor(x / CELL_M) + 0.5) * CELL_M, (Math.floor(y / CELL_M) + 0.5) * CELL_M);
    };
    let moved = 0;
    for (const f of body.features) {
      // Exactly the incidents whose cell centre the hexagon holds…
      expect(inside.filter((i) => booleanPointInPolygon(centre(i), f.geometry)).length).toBe(f.properties.count);
      // …which differs from the exact count only by incidents within one cell (≤ 25·√2/2 m mercator) of the edge.
      const exact = inside.filter((i) => booleanPointInPolygon([i.lng, i.lat], f.geometry)).length;
      const nearEdge = inside.filter(
        (i) =>
          pointToLineDistance([i.lng, i.lat], polygonToLine(f.geometry) as Feature<LineString>, { units: 'meters' }) <=
          CELL_M * Math.SQRT1_2 * Math.cos((i.lat * Math.PI) / 180) + 0.5,
      ).length;
      expect(Math.abs(exact - f.properties.count), `hexagon ${f.properties.i},${f.properties.j}`).toBeLessThanOrEqual(nearEdge);
      moved += Math.abs(exact - f.properties.count);
    }
    expect(moved).toBeLessThan(inside.length * 0.2);
  });

  it("filters by region and the caller's jurisdiction", async () => {
    const west = await ctx.login('analyst-west');
    const { body } = await west.get<Hexbins>('/api/analytics/incidents/hexbins?bbox=108.8,34.1,109.0,34.3&zoom=13');
    const mine = incidents.filter((i) => expectedCommunity(i) === '610198001001');
    expect(body.features.reduce((sum, f) => sum + f.properties.count, 0)).toBe(mine.length);
    expect((await west.get('/api/analytics/incidents/hexbins?bbox=108.8,34.1,109.0,34.3&zoom=13&region=610198001002')).status).toBe(403);
  });

  it('caps the number of cells by growing the hexagons', async () => {
    const { status, body } = await ctx.get<Hexbins>('/api/analytics/incidents/hexbins?bbox=100,30,120,40&zoom=18');
    expect(status).toBe(200);
    expect(body.sizeM).toBeGreaterThan(1000);
    expect(body.features.reduce((sum, f) => sum + f.properties.count, 0)).toBe(incidents.length);
  });

  it.each([
    ['bbox=1,2,3&zoom=12', 'bbox'],
    ['bbox=108.95,34.2,108.9,34.22&zoom=12', 'west must be less than east'],
    ['bbox=108.9,34.2,108.95,89&zoom=12', 'latitudes'],
    ['bbox=108.9,34.2,108.95,34.22&zoom=25', 'zoom'],
    ['bbox=108.9,34.2,108.95,34.22&zoom=-1', 'zoom'],
    ['bbox=NaN,34.2,108.95,34.22&zoom=12', 'bbox'],
    ['zoom=12', 'bbox'],
  ])('answers %s with 400 naming the problem', async (query, words) => {
    const { status, body } = await ctx.get<{ error: { message: string } }>(`/api/analytics/incidents/hexbins?${query}`);
    expect(status).toBe(400);
    expect(body.error.message).toContain(words);
  });
});
