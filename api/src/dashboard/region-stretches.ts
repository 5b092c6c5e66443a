/**
 * The 5 m street stretches (migration 0017) of a region and the dead-corner part of its
 * street each falls in — what depends only on geometry (stretches, streets, community
 * boundaries; the stretch → community pairs are kept in the database, migration 0037), read
 * once and kept in memory while none of these moves, so that a dashboard reads only the kept
 * patrol days.
 *
 * Kept under a fingerprint read before the data: the district's region version (migration
 * 0033: moves with regions and their boundaries, among others) and the count and greatest id
 * of the district's stretches (streets written rebuild their stretches under new identity ids,
 * streets deleted take theirs along: either moves the pair). Data newer than its fingerprint
 * is a harmless miss later; older data is never kept under a newer fingerprint.
 */
import type { Db } from '../db/db.types.js';
import { insideJurisdiction } from '../auth/jurisdiction.js';
import { memoAtVersion } from '../analytics/response-cache.js';
import { SEGMENT_M } from '../analytics/patrol-dead-corners.js';

export interface RegionStretches {
  /** Stretch id → index in the arrays below. */
  index: Map<number, number>;
  /** Length of each stretch (metres, on the sphere as stored). */
  lengthM: Float64Array;
  /** Each stretch's dead-corner part, numbered 0…parts-1 over the region. */
  part: Uint32Array;
  parts: number;
  /** Sum of `lengthM` (metres). */
  totalM: number;
}

export interface StretchScope {
  districtCode: string;
  regionCode: string;
  jurisdictions: readonly string[];
}

/** The region's stretches, from memory while the fingerprint holds. */
export async function regionStretches(db: Db, scope: StretchScope): Promise<RegionStretches> {
  const f = await db.query<{ version: string | null; n: string; last: string | null }>(
    `SELECT (SELECT version FROM region_versions WHERE district_code = $1)::text AS version,
       (SELECT count(*) FROM street_stretches WHERE district_code = $1)::text AS n,
       (SELECT max(id) FROM street_stretches WHERE district_code = $1)::text AS last`,
    [scope.districtCode],
  );
  const { version, n, last } = f.rows[0]!;
  const key = `dashboard.stretches:${scope.districtCode}:${scope.regionCode}:${[...scope.jurisdictions].sort().join(',')}`;
  return memoAtVersion(db, key, `${version ?? 0}/${n}/${last ?? 0}`, () => readStretches(db, scope));
}

/**
 * The stretches inside one of the region's communities (by midpoint, each once — a midpoint on
 * a shared edge lies in both), read from `street_stretch_communities` (migration 0037: each
 * stretch's communities, kept by triggers when stretches or communities change), so no
 * geometry is tested here. A street is cut into equal parts of at most SEGMENT_M as
 * `deadCorners` cuts it.
 */
async function readStretches(db: Db, scope: StretchScope): Promise<RegionStretches> {
  const stretches = await db.query<{ id: string; street_id: string; seq: number; n: number; length_m: number; street_length_m: number }>(
    `SELECT DISTINCT stretch_id AS id, street_id, seq, n, length_m, street_length_m
     FROM street_stretch_communities
     WHERE district_code = $1 AND community_code LIKE $2 || '%' AND ${insideJurisdiction('community_code', '$3')}
     ORDER BY street_id, seq`,
    [scope.districtCode, scope.regionCode, scope.jurisdictions],
  );
  const count = stretches.rows.length;
  const out: RegionStretches = { index: new Map(), lengthM: new Float64Array(count), part: new Uint32Array(count), parts: 0, totalM: 0 };
  // Rows come by street and seq, so a street's parts are numbered consecutively.
  const numbered = new Map<string, number>();
  stretches.rows.forEach((row, k) => {
    // As the dead corners' greatest(1, ceil(ST_Length(geom::geography) / SEGMENT_M)): the same doubles.
    const parts = Math.max(1, Math.ceil(row.street_length_m / SEGMENT_M));
    // As SQL's floor((seq + 0.5) * parts / n): exact in doubles for these small integers.
    const local = `${row.street_id}:${Math.floor(((row.seq + 0.5) * parts) / row.n)}`;
    let p = numbered.get(local);
    if (p === undefined) {
      p = numbered.size;
      numbered.set(local, p);
    }
    out.index.set(Number(row.id), k);
    out.lengthM[k] = row.length_m;
    out.part[k] = p;
    out.totalM += row.length_m;
  });
  out.parts = numbered.size;
  return out;
}
