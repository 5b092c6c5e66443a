/**
 * The 5 m street stretches (migration 0017) of a region and the dead-corner part of its
 * street each falls in — what depends only on geometry (stretches, streets, community
 * boundaries; the stretch → community pairs are kept in the database, migration 0037), read
 * once and kept in memory while none of these moves, so that a dashboard reads only the kept
 * patrol days. Also kept packed in the database (`dashboard_stretch_sets`, migration 0044) under
 * the same fingerprint, so that a fresh process reads one row instead of numbering the region's
 * stretches again (70,000 in the Lianhu district).
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
  const fingerprint = `${version ?? 0}/${n}/${last ?? 0}`;
  return memoAtVersion(db, key, fingerprint, async () => {
    const at = { districtCode: scope.districtCode, key: `${scope.regionCode}:${[...scope.jurisdictions].sort().join(',')}`, fingerprint };
    const kept = await keptStretches(db, at);
    if (kept) return kept;
    const read = await readStretches(db, scope);
    await keepStretches(db, at, read);
    return read;
  });
}

interface KeptAt {
  districtCode: string;
  key: string;
  fingerprint: string;
}

/** The region's stretches kept in the database under exactly this fingerprint, or undefined. */
async function keptStretches(db: Db, at: KeptAt): Promise<RegionStretches | undefined> {
  const r = await db.query<{ packed: Uint8Array }>(
    `SELECT packed FROM dashboard_stretch_sets WHERE district_code = $1 AND key = $2 AND fingerprint = $3`,
    [at.districtCode, at.key, at.fingerprint],
  );
  const packed = r.rows[0]?.packed;
  return packed ? unpackStretches(packed) : undefined;
}

/** Keeps the region's stretches under their fingerprint; the district's rows under other fingerprints go (never read again). */
async function keepStretches(db: Db, at: KeptAt, stretches: RegionStretches): Promise<void> {
  await db.query(`DELETE FROM dashboard_stretch_sets WHERE district_code = $1 AND fingerprint <> $2`, [at.districtCode, at.fingerprint]);
  await db.query(
    `INSERT INTO dashboard_stretch_sets (district_code, key, fingerprint, packed) VALUES ($1, $2, $3, $4)
     ON CONFLICT (district_code, key) DO UPDATE SET fingerprint = excluded.fingerprint, packed = excluded.packed, computed_at = now()`,
    [at.districtCode, at.key, at.fingerprint, packStretches(stretches)],
  );
}

/** Float64 header (count, parts, totalM), ids and lengths (Float64), parts (Uint32), little-endian. */
export function packStretches(s: RegionStretches): Uint8Array {
  const count = s.lengthM.length;
  const bytes = new Uint8Array(24 + count * 20);
  const view = new DataView(bytes.buffer);
  view.setFloat64(0, count, true);
  view.setFloat64(8, s.parts, true);
  view.setFloat64(16, s.totalM, true);
  for (const [id, k] of s.index) {
    view.setFloat64(24 + k * 8, id, true);
    view.setFloat64(24 + count * 8 + k * 8, s.lengthM[k]!, true);
    view.setUint32(24 + count * 16 + k * 4, s.part[k]!, true);
  }
  return bytes;
}

export function unpackStretches(packed: Uint8Array): RegionStretches {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const count = view.getFloat64(0, true);
  if (packed.byteLength !== 24 + count * 20) throw new Error(`kept stretches: ${packed.byteLength} bytes for ${count} stretches`);
  const out: RegionStretches = {
    index: new Map(),
    lengthM: new Float64Array(count),
    part: new Uint32Array(count),
    parts: view.getFloat64(8, true),
    totalM: view.getFloat64(16, true),
  };
  for (let k = 0; k < count; k++) {
    out.index.set(view.getFloat64(24 + k * 8, true), k);
    out.lengthM[k] = view.getFloat64(24 + count * 8 + k * 8, true);
    out.part[k] = view.getUint32(24 + count * 16 + k * 4, true);
  }
  return out;
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
