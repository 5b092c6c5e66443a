/**
 * "Which grid holds this unit" in core (`placeUnits`) and in SQL (`placementSql`) on the same
 * inputs, on both databases: SF block groups (normalised) as polygon units and their points
 * on surface as point units, under a lattice of grids that cuts many of them, with points
 * placed exactly on grid edges for the tie rule. Every unit must land in the same grid.
 */
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseFeatures, placeUnits, representativePoint, type MultiPolygon, type PlanUnit } from '@gridatlas/core';
import { placementSql } from '../plans/unit-placement.sql.js';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../test/test-database.js';
import { realPolygonSets } from './real-features.js';

/** A 7 × 6 lattice of grids over San Francisco, coded so the code order is not the reading order. */
function lattice(): { code: string; geometry: Polygon }[] {
  const [x0, y0, x1, y1] = [-122.52, 37.7, -122.35, 37.84];
  const out: { code: string; geometry: Polygon }[] = [];
  for (let i = 0; i < 7; i++) {
    for (let j = 0; j < 6; j++) {
      const a = x0 + ((x1 - x0) * i) / 7;
      const b = x0 + ((x1 - x0) * (i + 1)) / 7;
      const c = y0 + ((y1 - y0) * j) / 6;
      const d = y0 + ((y1 - y0) * (j + 1)) / 6;
      out.push({
        code: `G${String((i * 17 + j * 5) % 97).padStart(2, '0')}`,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [a, c],
              [b, c],
              [b, d],
              [a, d],
              [a, c],
            ],
          ],
        },
      });
    }
  }
  return out;
}

describe.each(BACKENDS)('unit placement, core vs SQL on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, 'bare');
  }, 60_000);
  afterAll(() => t?.close());

  it('puts every SF block group and every point in the same grid', async () => {
    const sf = realPolygonSets()[0]!;
    const { items } = normaliseFeatures(sf.features, { expect: 'polygon', idField: sf.idField });
    const grids = lattice();
    const polygons: PlanUnit[] = items.map((i) => {
      const g = i.geometry as Polygon | MultiPolygon;
      // A footprint is one polygon: the block group's largest part (the island one has two).
      const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.reduce((a, b) => (b[0]!.length > a[0]!.length ? b : a));
      return { id: i.id, point: representativePoint(rings), households: 0, persons: 0, footprint: rings };
    });
    // Points: each block group's point, and one on every lattice edge crossing (ties).
    const points: PlanUnit[] = polygons.map((u) => ({ id: `${u.id}/p`, point: u.point, households: 0, persons: 0 }));
    for (const g of grids)
      points.push({ id: `${g.code}/corner`, point: g.geometry.coordinates[0]![2] as [number, number], households: 0, persons: 0 });
    for (const g of grids) {
      const r = g.geometry.coordinates[0]!;
      points.push({ id: `${g.code}/edge`, point: [(r[1]![0]! + r[2]![0]!) / 2, (r[1]![1]! + r[2]![1]!) / 2], households: 0, persons: 0 });
    }
    const units = [...polygons, ...points];
    const core = placeUnits(units, grids).map((p) => (p.grid < 0 ? null : grids[p.grid]!.code));
    const cut = placeUnits(polygons, grids).filter((p) => p.shares.length > 1).length;
    expect(cut).toBeGreaterThan(40);

    await t.db.exec(`CREATE TEMP TABLE t_grids (district_code text, code text, geometry geometry(Polygon, 4326));
                     CREATE TEMP TABLE t_units (id int, district_code text, footprint geometry(Geometry, 4326))`);
    await t.db.query(
      `INSERT INTO t_grids SELECT 'd', e->>'code', ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), 4326) FROM jsonb_array_elements($1::jsonb) e`,
      [JSON.stringify(grids.map((g) => ({ code: g.code, g: JSON.stringify(g.geometry) })))],
    );
    await t.db.query(
      `INSERT INTO t_units SELECT (e->>'i')::int, 'd', ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), 4326) FROM jsonb_array_elements($1::jsonb) e`,
      [
        JSON.stringify(
          units.map((u, i) => ({
            i,
            g: JSON.stringify(u.footprint ? { type: 'Polygon', coordinates: u.footprint } : { type: 'Point', coordinates: u.point }),
          })),
        ),
      ],
    );
    const { rows } = await t.db.query<{ building_id: number; grid_code: string }>(
      `SELECT building_id, grid_code FROM ${placementSql({ grids: 't_grids', buildings: 't_units', gridsWhere: 'g.district_code = $1', buildingsWhere: 'b.district_code = $1' })} p ORDER BY building_id`,
      ['d'],
    );
    const sql: (string | null)[] = units.map(() => null);
    for (const r of rows) {
      expect(sql[r.building_id], `unit ${units[r.building_id]!.id} placed twice`).toBeNull();
      sql[r.building_id] = r.grid_code;
    }
    const differ = units.flatMap((u, i) => (core[i] === sql[i] ? [] : [{ id: u.id, core: core[i], sql: sql[i] }]));
    expect(differ).toEqual([]);
    expect(core.filter((c) => c !== null).length).toBe(units.length);
  });
});
