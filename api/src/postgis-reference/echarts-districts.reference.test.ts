/**
 * Every district of the Wuhan and Zhengzhou web-map files (coarse, self-touching rings on a
 * 1/1024° grid, spikes, loops), as given and converted from GCJ-02, through the normalising
 * step: each one finishes (洪山区 and 青山区 from GCJ-02 once never did), is valid in PostGIS,
 * and keeps what PostGIS's own repair keeps — `ST_MakeValid` with the linework method, part by
 * part and joined where parts of one district overlap (joined on purpose, see
 * make-valid.reference.test.ts) — on both databases: the same area, the same parts and holes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcj02ToWgs84, mapGeometry, normaliseFeatures } from '@gridatlas/core';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { REAL_DATA } from './real-features.js';

interface Row {
  ref_area: number;
  our_area: number;
  symdiff: number;
  ref_parts: number;
  our_parts: number;
  ref_holes: number;
  our_holes: number;
  our_valid: boolean;
}

const FILES = ['wuhan-districts-echarts.geojson', 'zhengzhou-districts-echarts.geojson'];

/**
 * Parts and holes under 1 dm² are not counted: GEOS nodes in floating point and leaves
 * zero-area slivers (~1e-12 m²) where a ring touches itself; our noder snaps to 1e-9° and
 * has none.
 */
const NEGLIGIBLE_M2 = 0.01;

function read(file: string, gcj02: boolean): Feature[] {
  const fc = JSON.parse(readFileSync(join(REAL_DATA, file), 'utf8')) as FeatureCollection;
  return gcj02 ? fc.features.map((f) => ({ ...f, geometry: mapGeometry(f.geometry!, gcj02ToWgs84) })) : fc.features;
}

/**
 * Ours against PostGIS's repair of the same input; null when they agree. Where parts of a
 * district overlap (`joined`), our rule is each part repaired on its own and the parts joined
 * (linework would cut their overlap out): built here from PostGIS's own repairs.
 */
async function compare(db: TestDatabase['db'], input: Geometry, ours: Geometry, joined: boolean): Promise<Row | null> {
  const ref = joined
    ? `ST_UnaryUnion(ST_Collect(ARRAY(SELECT ST_CollectionExtract(ST_MakeValid(d.geom, 'method=linework'), 3) FROM ST_Dump(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) d)))`
    : `ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 'method=linework'), 3)`;
  // The symmetric difference on the 1e-9° grid (OverlayNG snap-rounding): GEOS's floating
  // overlay fails on some of these pairs, and the embedded database then answers no row.
  const { rows } = await db.query<Row>(
    `WITH g AS (SELECT ${ref} AS ref, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) AS ours)
     SELECT ST_Area(ref::geography) AS ref_area, ST_Area(ours::geography) AS our_area,
            coalesce(ST_Area(ST_SymDifference(ref, ours, 1e-9)::geography), 0) AS symdiff,
            (SELECT count(*) FROM ST_Dump(ref) d WHERE ST_Area(d.geom::geography) >= $3)::int AS ref_parts,
            (SELECT count(*) FROM ST_Dump(ours) d WHERE ST_Area(d.geom::geography) >= $3)::int AS our_parts,
            (SELECT count(*) FROM ST_Dump(ref) d, ST_DumpRings(d.geom) r WHERE r.path[1] > 0 AND ST_Area(r.geom::geography) >= $3)::int AS ref_holes,
            (SELECT count(*) FROM ST_Dump(ours) d, ST_DumpRings(d.geom) r WHERE r.path[1] > 0 AND ST_Area(r.geom::geography) >= $3)::int AS our_holes,
            ST_IsValid(ours) AS our_valid
       FROM g`,
    [JSON.stringify(input), JSON.stringify(ours), NEGLIGIBLE_M2],
  );
  const r = rows[0]!;
  // Area within 1e-9 of PostGIS's (0.5 m² of a 500 km² district) plus 0.5 m²: the noder's
  // 1e-9° grid moves each crossing by up to ~0.06 mm, which a small district feels more. The
  // symmetric difference is that move along hundreds of km of boundary.
  const agree =
    r.our_valid &&
    r.ref_parts === r.our_parts &&
    r.ref_holes === r.our_holes &&
    Math.abs(r.our_area - r.ref_area) <= 1e-9 * r.ref_area + 0.5 &&
    r.symdiff <= 1e-7 * r.ref_area;
  return agree ? null : r;
}

describe.each(BACKENDS)('web-map district boundaries through the normalising step, against PostGIS on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
  }, 60_000);
  afterAll(() => t?.close());

  for (const file of FILES) {
    for (const gcj02 of [false, true]) {
      it(`${file}${gcj02 ? ' converted from GCJ-02' : ' as given'}: every district kept, valid, with PostGIS's area, parts and holes`, async () => {
        const features = read(file, gcj02);
        const { items, report } = normaliseFeatures(features, { expect: 'polygon', nameField: 'name' });
        // 汉南区 writes a part that is one line out and back (no area): reported, not kept; the
        // district is kept with its other parts, and PostGIS keeps no area there either.
        const collapsed = file.startsWith('wuhan') ? [{ name: '汉南区', reason: 'collapsed_part' }] : [];
        expect(report.rejections.map((r) => ({ name: r.name, reason: r.reason }))).toEqual(collapsed);
        expect(items).toHaveLength(features.length);
        const joined = new Set(report.repairs.filter((r) => r.reason === 'overlapping_parts').map((r) => r.index));
        const off: (Row & { district: string })[] = [];
        for (const item of items) {
          const r = await compare(t.db, features[item.index]!.geometry as Geometry, item.geometry, joined.has(item.index));
          if (r) off.push({ district: item.name!, ...r });
        }
        expect(off).toEqual([]);
      }, 300_000);
    }
  }
  it('rebuilds rings nested three deep, a hole that touches its shell and spikes that close a face as PostGIS does', async () => {
    const u = 0.001;
    const sq = (x: number, y: number, s: number): number[][] =>
      [
        [x, y],
        [x + s, y],
        [x + s, y + s],
        [x, y + s],
        [x, y],
      ].map(([a, b]) => [114 + a! * u, 30 + b! * u]);
    const at = (pts: number[][]): number[][] => pts.map(([a, b]) => [114 + a! * u, 30 + b! * u]);
    const cases: Record<string, Geometry> = {
      'rings nested three deep': { type: 'Polygon', coordinates: [sq(0, 0, 10), sq(2, 2, 6), sq(4, 4, 2)] },
      'nested shells in a MultiPolygon': { type: 'MultiPolygon', coordinates: [[sq(0, 0, 10)], [sq(2, 2, 6)], [sq(4, 4, 2)]] },
      'a hole drawn into the shell, touching it': {
        type: 'Polygon',
        coordinates: [
          at([
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 10],
            [0, 5],
            [5, 8],
            [5, 2],
            [0, 5],
            [0, 0],
          ]),
        ],
      },
      'spikes closing a notch': {
        type: 'Polygon',
        coordinates: [
          at([
            [0, 0],
            [0, 4],
            [2, 4],
            [4, 4],
            [2, 4],
            [2, 2],
            [4, 2],
            [4, 4],
            [4, 2],
            [4, 0],
            [0, 0],
          ]),
        ],
      },
      'many disjoint shells, each with a hole written as a shell': {
        type: 'MultiPolygon',
        coordinates: Array.from({ length: 60 }, (_, k) => [
          [sq((k % 10) * 3, Math.floor(k / 10) * 3, 2)],
          [sq((k % 10) * 3 + 0.5, Math.floor(k / 10) * 3 + 0.5, 1)],
        ]).flat(),
      },
    };
    const off: Record<string, Row> = {};
    for (const [name, geometry] of Object.entries(cases)) {
      const { items, report } = normaliseFeatures([{ type: 'Feature', properties: { name }, geometry }], {
        expect: 'polygon',
        nameField: 'name',
      });
      expect(report.rejected).toBe(0);
      // No parts here overlap: linework is the reference for each.
      const r = await compare(t.db, geometry, items[0]!.geometry, false);
      if (r) off[name] = r;
    }
    expect(off).toEqual({});
  }, 120_000);
});
