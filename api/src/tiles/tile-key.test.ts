import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mercatorToLngLat } from '@gridatlas/core';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { tileEnvelope, TILE_BUFFER, TILE_EXTENT } from './tile-coords.js';
import { mortonKey, tileKeyRanges, tileKeySpan, tilePlacement } from './tile-key.js';

/** A point's cell on the 2^31 grid, in JS, from degrees (the arithmetic migration 0026 states in SQL). */
function cellOf(lng: number, lat: number): [number, number] {
  const y = (0.5 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / (2 * Math.PI)) * 2 ** 31;
  return [Math.floor(((lng + 180) / 360) * 2 ** 31), Math.floor(y)];
}

/** Morton interleaving by its definition: bit i of x → bit 2i, bit i of y → bit 2i + 1. */
function interleave(x: number, y: number): bigint {
  let key = 0n;
  for (let i = 0n; i < 31n; i++) key |= (((BigInt(x) >> i) & 1n) << (2n * i)) | (((BigInt(y) >> i) & 1n) << (2n * i + 1n));
  return key;
}

let seed = 11;
const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;

describe('tile keys', () => {
  it('interleave x into the even bits and y into the odd ones', () => {
    for (const [x, y] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [2 ** 31 - 1, 0],
      [0, 2 ** 31 - 1],
      [2 ** 31 - 1, 2 ** 31 - 1],
      [1_234_567_890, 987_654_321],
    ] as const) {
      expect(mortonKey(x, y)).toBe(interleave(x, y));
    }
    for (let k = 0; k < 200; k++) {
      const [x, y] = [Math.floor(rnd() * 2 ** 31), Math.floor(rnd() * 2 ** 31)];
      expect(mortonKey(x, y)).toBe(interleave(x, y));
    }
  });

  it("hold exactly a tile's cells in its span, at every zoom", () => {
    for (const z of [0, 1, 10, 13, 16, 19, 24]) {
      for (let k = 0; k < 50; k++) {
        const [cx, cy] = [Math.floor(rnd() * 2 ** 31), Math.floor(rnd() * 2 ** 31)];
        const [tx, ty] = [Math.floor(cx / 2 ** (31 - z)), Math.floor(cy / 2 ** (31 - z))];
        const key = mortonKey(cx, cy);
        const [first, end] = tileKeySpan(z, tx, ty);
        expect(key >= first && key < end).toBe(true);
        // The neighbours' spans do not hold it.
        for (const [dx, dy] of [
          [1, 0],
          [0, 1],
          [-1, 0],
          [0, -1],
        ] as const) {
          if (tx + dx < 0 || ty + dy < 0 || tx + dx >= 2 ** z || ty + dy >= 2 ** z) continue;
          const [a, b] = tileKeySpan(z, tx + dx, ty + dy);
          expect(key >= a && key < b).toBe(false);
        }
      }
    }
  });

  it("cover the tile and its buffer with ranges, and nothing a ring's width beyond", () => {
    for (const [z, x, y] of [
      [13, 6574, 3265],
      [16, 52584, 26122],
      [10, 0, 0],
      [11, 2047, 1000],
    ] as const) {
      const ranges = tileKeyRanges(z, x, y);
      expect(ranges.length).toBeLessThan(70);
      for (let k = 1; k < ranges.length; k++) expect(ranges[k]![0] > ranges[k - 1]![1]).toBe(true);
      const inRanges = (key: bigint) => ranges.some(([a, b]) => key >= a && key < b);
      const cellsPerPixel = 2 ** (31 - z - 12);
      for (let k = 0; k < 2000; k++) {
        // Pixels from 400 px before the tile to 400 px after it.
        const [px, py] = [rnd() * (TILE_EXTENT + 800) - 400, rnd() * (TILE_EXTENT + 800) - 400];
        const [cx, cy] = [Math.floor((x * TILE_EXTENT + px) * cellsPerPixel), Math.floor((y * TILE_EXTENT + py) * cellsPerPixel)];
        if (cx < 0 || cy < 0 || cx >= 2 ** 31 || cy >= 2 ** 31) continue;
        const margin = Math.max(-px, -py, px - TILE_EXTENT, py - TILE_EXTENT);
        if (margin <= TILE_BUFFER + 1) expect(inRanges(mortonKey(cx, cy))).toBe(true);
        if (margin >= 256) expect(inRanges(mortonKey(cx, cy))).toBe(false);
      }
    }
  });

  it('place a cell on the nearest pixel of its tile', () => {
    const at = tilePlacement(16, 52584, 26122);
    expect(at).toEqual({ left: 0, half: 4, right: 3, originX: 52584 * 4096, originY: 26122 * 4096 });
    expect(tilePlacement(19, 1, 2)).toEqual({ left: 0, half: 0, right: 0, originX: 4096, originY: 8192 });
    expect(tilePlacement(21, 1, 2)).toEqual({ left: 2, half: 0, right: 0, originX: 4096, originY: 8192 });
  });

  it('reads back the cells of a tile corner as its first pixel', () => {
    const env = tileEnvelope(16, 52584, 26122);
    const [lng, lat] = mercatorToLngLat(env.xmin + 1e-3, env.ymax - 1e-3);
    const [cx, cy] = cellOf(lng, lat);
    const at = tilePlacement(16, 52584, 26122);
    expect(Math.floor((cx + at.half) / 2 ** at.right) - at.originX).toBe(0);
    expect(Math.floor((cy + at.half) / 2 ** at.right) - at.originY).toBe(0);
  });
});

describe.each(BACKENDS)('migration 0026 on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(() => t?.close());

  it("works out an incident's cells, key and thinning level as the API does", async () => {
    const points: [number, number][] = [
      [108.921, 34.209],
      [-122.4194, 37.7749],
      [0, 0],
      [179.999999, -84.9],
      [-180, 85.05],
    ];
    for (let k = 0; k < 300; k++) points.push([rnd() * 360 - 180, rnd() * 170 - 85]);
    // 2,000 ids for the thinning levels; every point on its own row.
    const ids = Array.from({ length: 2000 }, (_, k) => k * 7919 + 1);
    const r = await t.db.query<{ id: number; x: number; y: number; key: string; thinning: number; kept: boolean[] }>(
      `SELECT p.id, mercator_cell31_x(p.g) AS x, mercator_cell31_y(p.g) AS y, mercator_tile_key(p.g)::text AS key, incident_thinning(p.id) AS thinning,
              ARRAY(SELECT (hashint8(p.id) & ((1 << (2 * k)) - 1)) = 0 FROM generate_series(0, 8) k) AS kept
       FROM unnest($1::float8[], $2::float8[], $3::int8[]) WITH ORDINALITY AS q(lng, lat, id, n)
       CROSS JOIN LATERAL (SELECT q.id, ST_SetSRID(ST_MakePoint(q.lng, q.lat), 4326) AS g) p ORDER BY q.n`,
      [ids.map((_, k) => points[k % points.length]![0]), ids.map((_, k) => points[k % points.length]![1]), ids],
    );
    expect(r.rows).toHaveLength(ids.length);
    const levels = new Array<number>(9).fill(0);
    r.rows.forEach((row, k) => {
      const [lng, lat] = points[k % points.length]!;
      const [cx, cy] = cellOf(lng, lat);
      // Degrees → cells may land one cell apart where the float arithmetic differs (1.9 cm).
      expect(Math.abs(row.x - cx)).toBeLessThanOrEqual(1);
      expect(Math.abs(row.y - cy)).toBeLessThanOrEqual(1);
      expect(BigInt(row.key)).toBe(mortonKey(row.x, row.y));
      // Level k keeps the incident exactly when hashint8(id) has its low 2k bits zero.
      for (let level = 0; level <= 8; level++) expect(row.thinning >= level).toBe(row.kept[level]);
      levels[row.thinning]!++;
    });
    // About three in four at level 0, one in four at 1, …
    expect(levels[0]! / ids.length).toBeGreaterThan(0.7);
    expect(levels[0]! / ids.length).toBeLessThan(0.8);
    expect(levels[1]! / ids.length).toBeGreaterThan(0.15);
  });

  it("labels an incident's day as to_char does in Asia/Shanghai", async () => {
    const r = await t.db.query<{ n: number; differ: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE shanghai_day_label(s) <> to_char(s AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS differ
       FROM generate_series('1999-12-31T15:00:00Z'::timestamptz, '2031-01-01T00:00:00Z', interval '7 hours 59 minutes 59.999 seconds') s`,
    );
    expect(r.rows[0]?.n).toBeGreaterThan(30_000);
    expect(r.rows[0]?.differ).toBe(0);
    const edge = await t.db.query<{ before: string; at: string }>(
      `SELECT shanghai_day_label('2025-12-31T15:59:59.999Z') AS before, shanghai_day_label('2025-12-31T16:00:00Z') AS at`,
    );
    expect(edge.rows[0]).toEqual({ before: '2025-12-31', at: '2026-01-01' });
  });
});
