/**
 * An independent check of an engine output in PostGIS (either database): the grids as written
 * and the units as given (polygons, or building points with the area to cover). Every polygon
 * unit must be covered by area, by exactly one grid; no two grids may overlap and no part of
 * the area may be left out, beyond the sliver tolerance; each grid's households and persons
 * are worked out here (a polygon unit counts in the grid holding the largest share of it, a
 * point in the grid containing it); each grid must be one polygon; and each must be within
 * the rule unless the engine reported it as an exception. `disagreements` then names every
 * difference from the engine's own report. Areas m² (geography), lengths m.
 */
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { gridLoad, type RuleProfile } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';

export interface CheckedGridInput {
  code: string;
  geometry: Polygon | MultiPolygon;
  /** Reported by the engine as an indivisible unit over the rule. */
  exception?: boolean;
  /** Parts of the grid that are islands of its multipart units. */
  islands?: number;
}

export interface CheckedUnitInput {
  id: string;
  geometry: Polygon | MultiPolygon | Point;
  households: number;
  persons: number;
}

export interface EngineOutputCheckInput {
  grids: readonly CheckedGridInput[];
  units: readonly CheckedUnitInput[];
  /** The area the grids must cover; default the union of the polygon units. */
  cover?: Polygon | MultiPolygon;
  profile: Readonly<RuleProfile>;
  /** Pieces this small are slivers: at most `sliverM2`, or thinner on average (2·area ÷ perimeter) than `sliverWidthM`. */
  sliverM2: number;
  sliverWidthM: number;
}

export interface EngineOutputCheck {
  grids: number;
  units: number;
  /** Polygon units covered by area, by exactly one grid (points: inside exactly one grid). */
  coveredOnce: number;
  /** Units with area (or a point) in no grid. */
  uncovered: string[];
  /** Units with substantial area in more than one grid (points: inside more than one). */
  split: string[];
  /** Overlapping pairs of grids and the overlapping area beyond slivers. */
  overlaps: [string, string][];
  overlapM2: number;
  /** Area to cover that no grid covers, beyond slivers. */
  gapM2: number;
  /** Grids that are not one polygon (islands of multipart units, `islands` of the input, aside). */
  multipart: string[];
  /** Grids whose geometry is not valid as written (PostGIS ST_IsValid). */
  invalid: string[];
  /** Grids over the rule that the engine did not report as exceptions. */
  overRule: string[];
  perGrid: Map<string, { households: number; persons: number; units: number }>;
}

const asJson = (x: unknown): string => JSON.stringify(x);

/** The common table expressions of grids and units given as JSON ($1 grids, $2 units). */
// Invalid rings are reported (see `invalid`) and measured as ST_MakeValid repairs them, so one bad ring cannot stop the check.
const INPUT = `
  g AS (SELECT e->>'code' AS code, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(e->>'geometry'), 4326)) AS geom FROM jsonb_array_elements($1::jsonb) e),
  u AS (SELECT e->>'id' AS id, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(e->>'geometry'), 4326)) AS geom FROM jsonb_array_elements($2::jsonb) e)`;

/** A piece counts when it is neither small nor thin ($3 sliver m², $4 sliver width m). */
const SUBSTANTIAL = (piece: string): string =>
  `(ST_Area(${piece}::geography) > $3 AND 2 * ST_Area(${piece}::geography) > $4 * greatest(ST_Perimeter(${piece}::geography), 1e-9))`;

/**
 * @example
 * const check = await checkEngineOutput(db, { grids, units, profile, sliverM2: 1, sliverWidthM: 1 });
 * check.uncovered // [] when every unit lies in a grid
 */
export async function checkEngineOutput(db: Db, input: EngineOutputCheckInput): Promise<EngineOutputCheck> {
  const grids = asJson(input.grids.map((g) => ({ code: g.code, geometry: asJson(g.geometry) })));
  const units = asJson(input.units.map((u) => ({ id: u.id, geometry: asJson(u.geometry) })));
  const params = [grids, units, input.sliverM2, input.sliverWidthM];
  const byId = new Map(input.units.map((u) => [u.id, u]));

  // Each unit against each grid it meets: the substantial area it has there (a point: 1 when inside).
  const shares = await db.query<{ id: string; code: string; area: number; point: boolean }>(
    `WITH ${INPUT},
     pieces AS (
       SELECT u.id, g.code, true AS point, NULL::geometry AS piece
         FROM u JOIN g ON ST_Intersects(u.geom, g.geom) WHERE GeometryType(u.geom) = 'POINT'
       UNION ALL
       SELECT u.id, g.code, false AS point, (ST_Dump(ST_CollectionExtract(ST_Intersection(u.geom, g.geom), 3))).geom AS piece
         FROM u JOIN g ON ST_Intersects(u.geom, g.geom) WHERE GeometryType(u.geom) <> 'POINT')
     SELECT id, code, point, coalesce(sum(ST_Area(piece::geography)) FILTER (WHERE piece IS NOT NULL AND ${SUBSTANTIAL('piece')}), 0) AS area
       FROM pieces GROUP BY id, code, point`,
    params,
  );
  // Units with area outside every grid.
  const outside = await db.query<{ id: string }>(
    `WITH ${INPUT},
     rest AS (
       SELECT u.id, (ST_Dump(ST_CollectionExtract(ST_Difference(u.geom, coalesce((SELECT ST_Union(g.geom) FROM g WHERE ST_Intersects(g.geom, u.geom)), ST_GeomFromText('POLYGON EMPTY', 4326))), 3))).geom AS piece
         FROM u WHERE GeometryType(u.geom) <> 'POINT')
     SELECT DISTINCT id FROM rest WHERE ${SUBSTANTIAL('piece')}`,
    params,
  );
  const overlaps = await db.query<{ a: string; b: string; area: number }>(
    `WITH ${INPUT},
     pieces AS (
       SELECT a.code AS a, b.code AS b, (ST_Dump(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3))).geom AS piece
         FROM g a JOIN g b ON a.code < b.code AND ST_Intersects(a.geom, b.geom))
     SELECT a, b, sum(ST_Area(piece::geography)) AS area FROM pieces WHERE ${SUBSTANTIAL('piece')} GROUP BY a, b ORDER BY a, b`,
    params,
  );
  const cover = input.cover ? asJson(input.cover) : null;
  const gap = await db.query<{ area: number }>(
    `WITH ${INPUT},
     target AS (SELECT coalesce(ST_SetSRID(ST_GeomFromGeoJSON($5::text), 4326), (SELECT ST_Union(geom) FROM u WHERE GeometryType(geom) <> 'POINT')) AS geom),
     pieces AS (SELECT (ST_Dump(ST_CollectionExtract(ST_Difference(t.geom, (SELECT ST_Union(geom) FROM g)), 3))).geom AS piece FROM target t)
     SELECT coalesce(sum(ST_Area(piece::geography)), 0) AS area FROM pieces WHERE ${SUBSTANTIAL('piece')}`,
    [...params, cover],
  );
  const parts = await db.query<{ code: string; n: number; valid: boolean }>(
    `SELECT e->>'code' AS code, ST_NumGeometries(ST_Multi(ST_GeomFromGeoJSON(e->>'geometry'))) AS n, ST_IsValid(ST_GeomFromGeoJSON(e->>'geometry')) AS valid
       FROM jsonb_array_elements($1::jsonb) e`,
    [grids],
  );
  const islands = new Map(input.grids.map((g) => [g.code, g.islands ?? 0]));

  const byUnit = new Map<string, { code: string; area: number; point: boolean }[]>();
  for (const r of shares.rows) {
    if (!r.point && Number(r.area) <= 0) continue;
    const list = byUnit.get(r.id) ?? [];
    list.push({ code: r.code, area: Number(r.area), point: r.point });
    byUnit.set(r.id, list);
  }
  const uncoveredSet = new Set(outside.rows.map((r) => r.id));
  const perGrid = new Map(input.grids.map((g) => [g.code, { households: 0, persons: 0, units: 0 }]));
  const split: string[] = [];
  let coveredOnce = 0;
  for (const u of input.units) {
    const list = (byUnit.get(u.id) ?? []).sort((a, b) => b.area - a.area || (a.code < b.code ? -1 : 1));
    if (list.length === 0) {
      uncoveredSet.add(u.id);
      continue;
    }
    if (list.length > 1) split.push(u.id);
    else if (!uncoveredSet.has(u.id)) coveredOnce++;
    // The grid holding the largest share (a point: the first grid containing it).
    const f = perGrid.get(list[0]!.code)!;
    f.households += byId.get(u.id)!.households;
    f.persons += byId.get(u.id)!.persons;
    f.units++;
  }
  const exceptions = new Set(input.grids.filter((g) => g.exception).map((g) => g.code));
  return {
    grids: input.grids.length,
    units: input.units.length,
    coveredOnce,
    uncovered: input.units.filter((u) => uncoveredSet.has(u.id)).map((u) => u.id),
    split,
    overlaps: overlaps.rows.map((r) => [r.a, r.b]),
    overlapM2: overlaps.rows.reduce((s, r) => s + Number(r.area), 0),
    gapM2: Number(gap.rows[0]?.area ?? 0),
    multipart: parts.rows.filter((r) => Number(r.n) - (islands.get(r.code) ?? 0) !== 1).map((r) => r.code),
    invalid: parts.rows.filter((r) => !r.valid).map((r) => r.code),
    overRule: [...perGrid]
      .filter(([code, f]) => !exceptions.has(code) && gridLoad(f, input.profile).status === 'over')
      .map(([code]) => code),
    perGrid,
  };
}

/** What the engine said about its own output. */
export interface ClaimedOutput {
  grids: readonly { code: string; households: number; persons: number }[];
  compliant: boolean;
  contiguous: boolean;
  /** Units the engine says are in no grid, and in more than one. */
  unplaced: readonly string[];
  doubled: readonly string[];
  overlapM2: number;
}

/**
 * Every difference between the check and the engine's claims, one line each (empty when they
 * agree): a grid's counts, a unit lost or doubled that the report did not name, an overlap,
 * gap or split grid behind a report that said none, and compliance.
 */
export function disagreements(check: EngineOutputCheck, claimed: ClaimedOutput, overlapToleranceM2 = 1): string[] {
  const out: string[] = [];
  for (const g of claimed.grids) {
    const f = check.perGrid.get(g.code);
    if (!f) out.push(`grid ${g.code}: not among the checked grids`);
    else if (f.households !== g.households || f.persons !== g.persons)
      out.push(`grid ${g.code}: report ${g.households} households / ${g.persons} persons, PostGIS ${f.households} / ${f.persons}`);
  }
  const named = new Set([...claimed.unplaced, ...claimed.doubled]);
  for (const id of check.uncovered) if (!named.has(id)) out.push(`unit ${id}: not covered by any grid, yet the report names it nowhere`);
  for (const id of check.split) if (!named.has(id)) out.push(`unit ${id}: covered by more than one grid, yet the report names it nowhere`);
  if (check.overlapM2 > overlapToleranceM2 && claimed.overlapM2 <= overlapToleranceM2)
    out.push(
      `grids overlap by ${check.overlapM2.toFixed(1)} m² (${check.overlaps.map((p) => p.join('/')).join(', ')}), the report says ${claimed.overlapM2.toFixed(1)}`,
    );
  if (check.multipart.length > 0 && claimed.contiguous)
    out.push(`grids ${check.multipart.join(', ')} are not one polygon, the report says contiguous`);
  if (check.invalid.length > 0) out.push(`grids ${check.invalid.join(', ')} are not valid polygons (ST_IsValid)`);
  const compliant =
    check.overRule.length === 0 && check.uncovered.length === 0 && check.split.length === 0 && check.overlapM2 <= overlapToleranceM2;
  if (compliant !== claimed.compliant)
    out.push(
      `compliance: PostGIS ${compliant ? 'compliant' : `not (${[...check.overRule.map((c) => `${c} over`), ...check.uncovered.slice(0, 3), ...check.split.slice(0, 3)].join(', ')})`}, the report ${claimed.compliant}`,
    );
  return out;
}
