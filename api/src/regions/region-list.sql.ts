/**
 * The region list behind `GET /api/regions`: every region of the caller's jurisdictions and
 * their ancestors, with bbox (`[west, south, east, north]`, degrees WGS84, 6 decimals) and
 * totals (households, persons, buildings, grids in force) counted only inside the
 * jurisdictions — with the households of buildings whose counts were estimated from floor area
 * (an import's `--estimate-households`) also apart, so the UI marks them as estimated; and the version that list is kept under (migration 0033).
 */
import type { Db } from '../db/db.types.js';
import { insideJurisdiction, overlapsJurisdiction } from '../auth/jurisdiction.js';

export interface RegionListed {
  code: string;
  name: string;
  level: 'district' | 'subdistrict' | 'community';
  parentCode: string | null;
  bbox: [number, number, number, number];
  households: number;
  /** Of `households`, those estimated from floor area rather than counted (a registry, a survey). */
  estimatedHouseholds: number;
  persons: number;
  buildings: number;
  grids: number;
}

type RegionRow = Omit<RegionListed, 'bbox'> & { w: number; s: number; e: number; n: number };

/**
 * Totals per community once (MATERIALIZED), then rolled up to every region by code prefix
 * (codes nest). Without MATERIALIZED, PostgreSQL 12+ inlines each CTE into the LATERAL
 * subquery and scans all buildings and re-plans current_grids once per region (47 times on the
 * demo district), which made this the slowest route under load (figures in BENCHMARKS.md).
 */
export async function listRegions(db: Db, jurisdictions: readonly string[]): Promise<RegionListed[]> {
  const r = await db.query<RegionRow>(
    `WITH b AS MATERIALIZED (
       SELECT district_code, community_code, count(*) AS buildings, sum(households) AS households, sum(persons) AS persons,
         coalesce(sum(households) FILTER (WHERE households_source = 'estimated'), 0) AS estimated
       FROM buildings WHERE ${insideJurisdiction('community_code', '$1')} GROUP BY district_code, community_code
     ), g AS MATERIALIZED (
       SELECT district_code, community_code, count(*) AS grids FROM current_grids WHERE ${insideJurisdiction('community_code', '$1')} GROUP BY district_code, community_code
     )
     SELECT r.code, r.name, r.level, r.parent_code AS "parentCode",
       round(ST_XMin(r.boundary)::numeric, 6) AS w, round(ST_YMin(r.boundary)::numeric, 6) AS s,
       round(ST_XMax(r.boundary)::numeric, 6) AS e, round(ST_YMax(r.boundary)::numeric, 6) AS n,
       coalesce(bt.households, 0) AS households, coalesce(bt.estimated, 0) AS "estimatedHouseholds", coalesce(bt.persons, 0) AS persons,
       coalesce(bt.buildings, 0) AS buildings, coalesce(gt.grids, 0) AS grids
     FROM regions r
     LEFT JOIN LATERAL (
       SELECT sum(households) AS households, sum(estimated) AS estimated, sum(persons) AS persons, sum(buildings) AS buildings
       FROM b WHERE b.district_code = r.district_code AND b.community_code LIKE r.code || '%'
     ) bt ON true
     LEFT JOIN LATERAL (
       SELECT sum(grids) AS grids FROM g WHERE g.district_code = r.district_code AND g.community_code LIKE r.code || '%'
     ) gt ON true
     WHERE ${overlapsJurisdiction('r.code', '$1')}
     ORDER BY length(r.code), r.code`,
    [jurisdictions],
  );
  return r.rows.map(({ w, s, e, n, ...rest }) => ({ ...rest, bbox: [w, s, e, n] }));
}

/**
 * The newest region version (0033) among the districts inside or above the jurisdictions: it
 * moves when any of them is written or a district appears, so it says whether a kept list
 * still holds. 0 when none has a version yet. Read before the list, never after.
 */
export async function regionListVersion(db: Db, jurisdictions: readonly string[]): Promise<number> {
  const r = await db.query<{ version: string | number | null }>(
    `SELECT max(v.version) AS version FROM region_versions v WHERE ${overlapsJurisdiction('v.district_code::text', '$1')}`,
    [jurisdictions],
    { prepared: true }, // every /api/regions and /api/meta asks it
  );
  return Number(r.rows[0]?.version ?? 0);
}
