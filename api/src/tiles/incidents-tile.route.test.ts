/**
 * Vector tiles from both backends: the embedded database (no ST_AsMVT, tiles encoded in JS)
 * and PostgreSQL (ST_AsMVT) must give the same features — ids, tile-space points and
 * properties — for the same incidents; on PostgreSQL both encoders are compared directly on
 * points crowded around a tile's edges, where rounding and clipping decide.
 */
import { lngLatToMercator, mercatorToLngLat } from '@gridatlas/core';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type TestApp } from '../test/test-app.js';
import { fixtureIncidents, insertIncidents, makeIncidents, type TestIncident } from '../analytics/incidents.test-data.js';
import type { IncidentFilter } from '../analytics/incidents-filter.js';
import { incidentTile, MAX_THINNING, supportsAsMvt, thinningLevel, thinningLevels, TILE_TARGET_FEATURES } from './incidents-tile.route.js';
import { tileEnvelope, TILE_BUFFER, TILE_EXTENT, type MercatorBox } from './tile-coords.js';

interface Decoded {
  id: number | undefined;
  point: [number, number];
  properties: Record<string, unknown>;
}

function decode(bytes: Uint8Array): { extent: number | null; features: Decoded[] } {
  const tile = new VectorTile(new PbfReader(bytes));
  const layer = tile.layers.incidents;
  if (!layer) return { extent: null, features: [] };
  const features: Decoded[] = [];
  for (let k = 0; k < layer.length; k++) {
    const f = layer.feature(k);
    const p = f.loadGeometry()[0]![0]!;
    features.push({ id: f.id, point: [p.x, p.y], properties: f.properties });
  }
  return { extent: layer.extent, features: features.sort((a, b) => (a.id ?? 0) - (b.id ?? 0)) };
}

function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lng + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

async function fetchTile(ctx: TestApp, path: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const admin = await ctx.login('admin');
  const res = await admin.request(path);
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** C's `rint()` in the default rounding mode: halves go to the even neighbour (+ 0: no −0). */
function rint(v: number): number {
  const r = Math.round(v);
  return (r - v === 0.5 && r % 2 !== 0 ? r - 1 : r) + 0;
}

/**
 * Where `ST_AsMVTGeom(point, envelope, 4096, 64, clip := true)` puts each point: the same affine
 * transform (`x·fx − xmin·fx`, y flipped), snapped with `rint`, null outside the tile plus its
 * buffer; and whether the point lies within 1e-6 px of a pixel's half.
 */
function placedByMvtGeom(points: TestIncident[], env: MercatorBox): { id: number; point: [number, number] | null; half: boolean }[] {
  const fx = TILE_EXTENT / (env.xmax - env.xmin);
  const fy = -(TILE_EXTENT / (env.ymax - env.ymin));
  const nearHalf = (v: number) => Math.abs(v - Math.floor(v) - 0.5) < 1e-6;
  return points.map((p) => {
    // Core's Web Mercator is PostGIS's arithmetic to the bit (R · radians(λ), R · ln tan(π/4 + φ/2)).
    const [mx, my] = lngLatToMercator(p.lng, p.lat);
    const tx = fx * mx + -env.xmin * fx;
    const ty = fy * my + -env.ymax * fy;
    const [x, y] = [rint(tx), rint(ty)];
    const inside = [x, y].every((v) => v >= -TILE_BUFFER && v <= TILE_EXTENT + TILE_BUFFER);
    return { id: p.id, point: inside ? [x, y] : null, half: nearHalf(tx) || nearHalf(ty) };
  });
}

const DISTRICT_FILTER: IncidentFilter = {
  region: { code: '610198', districtCode: '610198', level: 'district', name: '测试区', analyticsVersion: 0, incidentMonths: {} },
  jurisdictions: ['610198'],
  from: null,
  to: null,
  categories: null,
  channels: null,
  states: null,
};

describe('GET /api/tiles/incidents/{z}/{x}/{y}.mvt on both backends', () => {
  const embedded = useTestApp('embedded');
  const postgres = useTestApp('postgresql');
  const incidents: TestIncident[] = [...fixtureIncidents(), ...makeIncidents()];
  beforeAll(async () => {
    await insertIncidents(embedded.t.db, makeIncidents());
    await insertIncidents(postgres.t.db, makeIncidents());
  });

  it('uses ST_AsMVT where PostGIS has it and the JS encoder where it does not', async () => {
    expect(await supportsAsMvt(postgres.t.db)).toBe(true);
    expect(await supportsAsMvt(embedded.t.db)).toBe(false);
  });

  const tiles: [number, number, number, string][] = [];
  for (const z of [11, 13, 14, 15, 16]) {
    const [x, y] = tileOf(108.921, 34.209, z);
    tiles.push([z, x, y, '']);
  }
  tiles.push([15, ...tileOf(108.905, 34.215, 15), '?category=safety,dispute&state=closed']);
  tiles.push([16, ...tileOf(108.93, 34.21, 16), '?from=2025-03-01&to=2025-05-01']);

  it.each(tiles)('z%i/%i/%i%s decodes to the same features from both', async (z, x, y, query) => {
    const path = `/api/tiles/incidents/${z}/${x}/${y}.mvt${query}`;
    const [a, b] = await Promise.all([fetchTile(embedded, path), fetchTile(postgres, path)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.type).toBe('application/vnd.mapbox-vector-tile');
    const [da, db] = [decode(a.bytes), decode(b.bytes)];
    expect(db.features.length).toBeGreaterThan(0);
    expect(da).toEqual(db);
    for (const f of db.features) {
      expect(Object.keys(f.properties).sort()).toEqual(['category', 'channel', 'day', 'state', 'w']);
      expect(f.properties.w).toBe(1);
      const source = incidents.find((i) => i.id === f.id)!;
      expect(f.properties.day).toBe(new Date(Date.parse(source.reportedAt) + 8 * 3_600_000).toISOString().slice(0, 10));
      expect(f.properties.category).toBe(source.category);
    }
  });

  it('has no tile without .mvt', async () => {
    expect((await fetchTile(embedded, '/api/tiles/incidents/3/0/1.png')).status).toBe(404);
  });

  /** The tile on PostgreSQL from ST_AsMVT and from the JS encoder, decoded. */
  const bothEncoders = async (filter: IncidentFilter, tile: { z: number; x: number; y: number }) => {
    const [viaPostgis, viaJs] = await Promise.all([
      incidentTile(postgres.t.db, filter, tile, 'postgis'),
      incidentTile(postgres.t.db, filter, tile, 'js'),
    ]);
    return [decode(viaPostgis), decode(viaJs)] as const;
  };

  it('an empty tile is empty from both', async () => {
    const path = '/api/tiles/incidents/14/0/0.mvt';
    const [a, b] = await Promise.all([fetchTile(embedded, path), fetchTile(postgres, path)]);
    expect([a.status, b.status, a.bytes.length, b.bytes.length]).toEqual([200, 200, 0, 0]);
  });

  it('places points as ST_AsMVTGeom does, around the edges of a tile, on both backends (and both encoders on PostgreSQL)', async () => {
    const [z, x, y] = [16, ...tileOf(108.915, 34.21, 16)] as [number, number, number];
    const env = tileEnvelope(z, x, y);
    const px = (env.xmax - env.xmin) / 4096;
    // Points within ±80 px of the tile's edges and corners (fewer than the thinning target, so all are kept), some on exact pixel centres and halves.
    const count = TILE_TARGET_FEATURES - 100;
    let s = 7;
    const rnd = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const edgePoints: TestIncident[] = [];
    for (let k = 0; k < count; k++) {
      const along = rnd() * (4096 + 160) - 80;
      const across = k % 3 === 0 ? Math.round(rnd() * 160 - 80) + (k % 2) * 0.5 : rnd() * 160 - 80;
      const [tx, ty] = k % 2 === 0 ? [along, (k % 4 === 0 ? 0 : 4096) + across] : [(k % 4 === 1 ? 0 : 4096) + across, along];
      const [lng, lat] = mercatorToLngLat(env.xmin + tx * px, env.ymax - ty * px);
      edgePoints.push({
        id: 100_000 + k,
        code: `E${k}`,
        lng,
        lat,
        reportedAt: '2025-05-01T00:00:00Z',
        category: 'edge',
        channel: 'app',
        state: 'reported',
      });
    }
    await Promise.all([insertIncidents(postgres.t.db, edgePoints), insertIncidents(embedded.t.db, edgePoints)]);
    const expected = placedByMvtGeom(edgePoints, env);
    const filter = { ...DISTRICT_FILTER, categories: ['edge'] };
    const [viaPostgis, viaJs] = await bothEncoders(filter, { z, x, y });
    const onEmbedded = decode(await incidentTile(embedded.t.db, filter, { z, x, y }, 'js'));
    expect(viaPostgis.features.length).toBeGreaterThan(count / 2);
    expect(viaPostgis.features.length).toBeLessThan(count);
    expect(viaJs).toEqual(viaPostgis);
    expect(onEmbedded).toEqual(viaPostgis);
    const got = new Map(viaPostgis.features.map((f) => [f.id!, f.point]));
    let exact = 0;
    for (const p of expected) {
      const point = got.get(p.id);
      if (p.half) {
        // Within 1.9 cm of a pixel's half: ST_AsMVTGeom rounds to even, the tile keys up; a point on the buffer's edge may be either side of it.
        const kept = point ?? p.point;
        if (point && p.point) for (const a of [0, 1] as const) expect(Math.abs(point[a] - p.point[a])).toBeLessThanOrEqual(1);
        else if (kept) expect(kept.some((v) => v === -64 || v === 4160)).toBe(true);
        continue;
      }
      expect(point ?? null).toEqual(p.point);
      if (point) exact++;
    }
    expect(exact).toBeGreaterThan(count / 3);
  });

  it('on PostgreSQL, a dense tile keeps about one in 4^k incidents, each with w = 4^k, standing for all of them (both encoders)', async () => {
    const [z, x, y] = [14, ...tileOf(108.931, 34.216, 14)] as [number, number, number];
    const env = tileEnvelope(z, x, y);
    const dense: TestIncident[] = [];
    // 9,000 incidents on a 90 × 100 lattice in the middle of the tile: more than the target, so thinned.
    for (let k = 0; k < 9000; k++) {
      const [lng, lat] = mercatorToLngLat(
        env.xmin + (env.xmax - env.xmin) * (0.3 + 0.004 * (k % 90)),
        env.ymax - (env.ymax - env.ymin) * (0.3 + 0.004 * Math.floor(k / 90)),
      );
      dense.push({
        id: 200_000 + k,
        code: `D${k}`,
        lng,
        lat,
        reportedAt: '2025-05-02T00:00:00Z',
        category: 'dense',
        channel: 'app',
        state: 'reported',
      });
    }
    await insertIncidents(postgres.t.db, dense);
    const filter = { ...DISTRICT_FILTER, categories: ['dense'] };
    const [a, b] = await bothEncoders(filter, { z, x, y });
    expect(b).toEqual(a);
    const k = thinningLevel(9000);
    expect(k).toBeGreaterThan(0);
    expect(a.features.every((f) => f.properties.w === 4 ** k)).toBe(true);
    expect(a.features.length).toBeLessThanOrEqual(TILE_TARGET_FEATURES);
    const standsFor = a.features.reduce((s, f) => s + Number(f.properties.w), 0);
    expect(Math.abs(standsFor - 9000) / 9000).toBeLessThan(0.1);
  });

  it("keeps to the caller's jurisdiction", async () => {
    const [z, x, y] = [13, ...tileOf(108.921, 34.209, 13)];
    for (const ctx of [embedded, postgres]) {
      const west = await ctx.login('analyst-west');
      const res = await west.request(`/api/tiles/incidents/${z}/${x}/${y}.mvt`);
      const { features } = decode(new Uint8Array(await res.arrayBuffer()));
      const ids = new Set(features.map((f) => f.id));
      expect(ids.size).toBeGreaterThan(0);
      expect(incidents.filter((i) => ids.has(i.id)).every((i) => i.lng < 108.92)).toBe(true);
      expect((await west.request(`/api/tiles/incidents/${z}/${x}/${y}.mvt?region=610198001002`)).status).toBe(403);
      expect((await (await ctx.login('planner')).request(`/api/tiles/incidents/${z}/${x}/${y}.mvt`)).status).toBe(403);
    }
  });

  it.each([
    ['/api/tiles/incidents/25/0/0.mvt', 'zoom'],
    ['/api/tiles/incidents/3/8/0.mvt', 'below 8'],
    ['/api/tiles/incidents/a/0/0.mvt', 'z'],
    ['/api/tiles/incidents/3/0/0.mvt?from=yesterday', 'from'],
  ])('answers %s with 400 (%s)', async (path, words) => {
    const admin = await embedded.login('admin');
    const res = await admin.request(path);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(words);
  });
});

describe('thinningLevel', () => {
  it('keeps every incident up to the target, then one in 4^k, at most 4^MAX_THINNING', () => {
    expect(thinningLevel(0)).toBe(0);
    expect(thinningLevel(TILE_TARGET_FEATURES)).toBe(0);
    expect(thinningLevel(TILE_TARGET_FEATURES + 1)).toBe(1);
    expect(thinningLevel(TILE_TARGET_FEATURES * 4)).toBe(1);
    expect(thinningLevel(TILE_TARGET_FEATURES * 4 + 1)).toBe(2);
    expect(thinningLevel(1e9)).toBe(MAX_THINNING);
    expect(thinningLevels(0)).toBe("i.thinning = ANY ('{0,1,2,3,4,5,6,7,8}'::smallint[])");
    expect(thinningLevels(MAX_THINNING)).toBe("i.thinning = ANY ('{8}'::smallint[])");
  });
});
