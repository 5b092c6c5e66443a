/**
 * The PostGIS checks a plan's grids must pass before a save commits, run inside the save's
 * transaction on the rows just written: each grid valid (ST_IsValidDetail), inside its
 * community, and no two grids overlapping. Coordinates travel rounded to 6 decimals (about
 * 0.1 m), so slivers thinner than SNAP_DEGREES (about 0.5 m) are not problems; beyond that,
 * anything over MIN_AREA_M2 square metres (geography area, WGS84) is.
 */
import type { GridProblem } from './plan-schemas.js';

/** Width below which an overlap or overhang is rounding, not a problem: degrees (~0.5 m). */
export const SNAP_DEGREES = 5e-6;
/** Smallest overlap or overhang reported: square metres. */
export const MIN_AREA_M2 = 1;
/** Most problems of one kind listed in a refusal. */
const LIMIT = 100;

/** One problem row of gridChecksSql. */
export interface GridCheckRow {
  /** 0 invalid, 1 outside its community, 2 overlap: the order problems are listed in. */
  k: number;
  a: string;
  b: string | null;
  reason: string | null;
  area: number | null;
  x: number | null;
  y: number | null;
}

const at = (r: GridCheckRow): { location?: [number, number] } =>
  r.x === null || r.y === null ? {} : { location: [Math.round(r.x * 1e6) / 1e6, Math.round(r.y * 1e6) / 1e6] };

const m2 = (area: number | null): number => Math.round((area ?? 0) * 10) / 10;

/**
 * The three checks as one query on the grids of plan $2 of district $1 in relation `grids` (the
 * table, or a save's rows as it writes them, with the table's columns), one row per problem
 * (order them by GRID_CHECKS_ORDER). plan-checks.sql.ts runs it in the statement that also reads
 * what the core rules need: a save is one transaction on one connection, and under load every
 * round trip waits its turn on the event loop.
 */
export const gridChecksSql = (grids: string): string => `WITH c AS MATERIALIZED (
       SELECT r.code, ST_Buffer(r.boundary, ${SNAP_DEGREES}) AS boundary FROM regions r
       WHERE r.district_code = $1 AND r.code IN (SELECT DISTINCT community_code FROM ${grids} WHERE district_code = $1 AND plan_id = $2)
     ), d AS MATERIALIZED (
       SELECT g.code, ST_CollectionExtract(ST_Difference(g.geometry, c.boundary), 3) AS geom
       FROM ${grids} g JOIN c ON c.code = g.community_code
       WHERE g.district_code = $1 AND g.plan_id = $2
         AND CASE WHEN ST_IsValid(g.geometry) THEN NOT ST_CoveredBy(g.geometry, c.boundary) ELSE false END
     ), o AS MATERIALIZED (
       SELECT a.code AS a, b.code AS b, ST_CollectionExtract(ST_Intersection(a.geometry, b.geometry), 3) AS geom
       FROM ${grids} a JOIN ${grids} b
         ON b.district_code = a.district_code AND b.plan_id = a.plan_id AND a.code < b.code AND a.geometry && b.geometry
       WHERE a.district_code = $1 AND a.plan_id = $2
         AND CASE WHEN ST_IsValid(a.geometry) AND ST_IsValid(b.geometry) THEN ST_Relate(a.geometry, b.geometry, '2********') ELSE false END
     ), s AS MATERIALIZED (
       SELECT a, b, geom, ST_Buffer(geom, -${SNAP_DEGREES / 2}) AS core FROM o
     ), invalid_geometry AS (
       SELECT g.code AS a, d.reason, ST_X(d.location) AS x, ST_Y(d.location) AS y
       FROM ${grids} g CROSS JOIN LATERAL ST_IsValidDetail(g.geometry) d
       WHERE g.district_code = $1 AND g.plan_id = $2 AND NOT d.valid
       ORDER BY g.code LIMIT ${LIMIT}
     ), outside_community AS (
       SELECT code AS a, ST_Area(geom::geography) AS area, ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y
       FROM d WHERE NOT ST_IsEmpty(geom) AND ST_Area(geom::geography) > ${MIN_AREA_M2}
       ORDER BY code LIMIT ${LIMIT}
     ), overlapping AS (
       SELECT a, b, ST_Area(geom::geography) AS area, ST_X(ST_PointOnSurface(core)) AS x, ST_Y(ST_PointOnSurface(core)) AS y
       FROM s WHERE NOT ST_IsEmpty(core) AND ST_Area(geom::geography) > ${MIN_AREA_M2}
       ORDER BY a, b LIMIT ${LIMIT}
     )
     SELECT 0 AS k, a, NULL::text AS b, reason, NULL::float8 AS area, x, y FROM invalid_geometry
     UNION ALL SELECT 1, a, NULL, NULL, area, x, y FROM outside_community
     UNION ALL SELECT 2, a, b, NULL, area, x, y FROM overlapping`;

/** The order gridChecksSql's rows are listed in (ORDER BY, or inside an aggregate). */
export const GRID_CHECKS_ORDER = 'k, a, b';

/** Problem rows of gridChecksSql as refusal items; `label` names a grid for the client (its code or "#index"). */
export function toGridProblems(rows: readonly GridCheckRow[], label: (code: string) => string): GridProblem[] {
  const of = (k: number): GridCheckRow[] => rows.filter((row) => row.k === k);
  return [
    ...of(0).map((r): GridProblem => ({
      kind: 'invalid_geometry',
      grids: [label(r.a)],
      message: `grid ${label(r.a)} is not a valid polygon: ${r.reason ?? 'invalid'}`,
      ...at(r),
    })),
    ...of(1).map((r): GridProblem => ({
      kind: 'outside_community',
      grids: [label(r.a)],
      message: `grid ${label(r.a)} reaches ${m2(r.area)} m² outside its community`,
      areaM2: m2(r.area),
      ...at(r),
    })),
    ...of(2).map((r): GridProblem => ({
      kind: 'overlap',
      grids: [label(r.a), label(r.b!)],
      message: `grids ${label(r.a)} and ${label(r.b!)} overlap by ${m2(r.area)} m²`,
      areaM2: m2(r.area),
      ...at(r),
    })),
  ];
}
