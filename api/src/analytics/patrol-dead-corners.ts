/**
 * Dead corners ("no dead corners", 无死角): street segments of at most 100 m (streets cut in
 * equal parts, each drawn over its 5 m stretches inside the caller's communities) with no
 * patrol track within 30 m of any of their 5 m stretches (judged at each stretch's midpoint)
 * in the N days (Asia/Shanghai) up to and including the district's reference date — not the
 * wall clock, so demo data works. `lastPatrolled` is the last day before then that a track
 * came within 30 m, looking back 2N days (at least 30), or null. Read from the kept patrol
 * days (migration 0017): the days must be worked out first (inline when few, else by the
 * `patrols.dead-corners` job).
 */
import type { Db } from '../db/db.types.js';
import { insideJurisdiction } from '../auth/jurisdiction.js';
import { DAY_MS, referenceDay, shanghaiDate } from './patrols-period.js';

/** Longest segment a street is cut into, metres. */
export const SEGMENT_M = 100;
/** How far back `lastPatrolled` looks: this many times N days, and at least MIN_LOOKBACK_DAYS. */
export const LOOKBACK_FACTOR = 2;
export const MIN_LOOKBACK_DAYS = 30;

export interface DeadCornersParams {
  districtCode: string;
  regionCode: string;
  jurisdictions: readonly string[];
  /** N: not patrolled in the last N days. */
  days: number;
  /** Most segments returned, longest-unpatrolled first. */
  limit: number;
}

/** The days a dead-corners answer reads, epoch ms at Asia/Shanghai midnights. */
export interface DeadCornersWindow {
  /** End of the reference day (exclusive). */
  dayEnd: number;
  /** Start of the N days. */
  since: number;
  /** Start of the look-back for `lastPatrolled`. */
  lookbackFrom: number;
}

export interface DeadCornersResult {
  type: 'FeatureCollection';
  asOf: string;
  days: number;
  truncated: boolean;
  features: {
    type: 'Feature';
    id: number;
    geometry: { type: string; coordinates: unknown[] };
    properties: { streetId: number; name: string; class: string; lengthM: number; lastPatrolled: string | null };
  }[];
}

interface SegmentRow {
  streetId: number;
  name: string;
  class: string;
  lengthM: number;
  last: string | null;
  geometry: { type: string; coordinates: unknown[] };
}

/** The window of N = `days` days ending (exclusive) at `dayEnd`. */
export function windowOf(dayEnd: number, days: number): DeadCornersWindow {
  // lastPatrolled looks back LOOKBACK_FACTOR × N days (at least MIN_LOOKBACK_DAYS).
  return { dayEnd, since: dayEnd - days * DAY_MS, lookbackFrom: dayEnd - Math.max(LOOKBACK_FACTOR * days, MIN_LOOKBACK_DAYS) * DAY_MS };
}

/** The window of N = `days` days ending on the district's reference day. */
export async function deadCornersWindow(db: Db, districtCode: string, days: number): Promise<DeadCornersWindow> {
  return windowOf((await referenceDay(db, districtCode)) + DAY_MS, days);
}

/** The window's whole days as `[from, to)` `YYYY-MM-DD`: what must be worked out before reading. */
export const windowDays = (w: DeadCornersWindow): [string, string] => [shanghaiDate(w.lookbackFrom), shanghaiDate(w.dayEnd)];

/** The dead corners of `w`, read from the kept patrol days (worked out beforehand). */
export async function deadCorners(db: Db, p: DeadCornersParams, w: DeadCornersWindow): Promise<DeadCornersResult> {
  // Each street is cut in equal parts of at most SEGMENT_M; a part's 5 m stretches
  // (migration 0017, by their midpoints) say on which days it was patrolled.
  const r = await db.query<SegmentRow>(
    `WITH area AS (
       SELECT ST_Union(boundary) AS geom FROM regions
       WHERE district_code = $1 AND level = 'community' AND code LIKE $2 || '%' AND ${insideJurisdiction('code', '$3')}
     ),
     street AS MATERIALIZED (
       SELECT s.id, s.name, s.class, s.geom, greatest(1, ceil(ST_Length(s.geom::geography) / ${SEGMENT_M}))::int AS parts
       FROM streets s, area WHERE s.district_code = $1 AND s.geom && area.geom
     ),
     -- The stretches inside the area, found once (then joined to their streets by id).
     inside AS MATERIALIZED (
       SELECT st.id, st.street_id, st.seq, st.n FROM street_stretches st, area
       WHERE st.district_code = $1 AND ST_Intersects(st.mid, area.geom)
     ),
     part AS (
       SELECT st.street_id, floor((st.seq + 0.5) * street.parts / st.n)::int AS i, min(st.seq) AS first, max(st.seq) AS last_seq, min(st.n) AS n,
         max((SELECT max(d.day) FROM stretch_patrol_days d WHERE d.district_code = $1 AND d.stretch_id = st.id AND d.day < $5::date AND d.day >= $7::date)) AS last
       FROM inside st JOIN street ON street.id = st.street_id
       GROUP BY st.street_id, i
     ),
     -- Each part drawn over its stretches inside the area (no overlay: the embedded
     -- database's GEOS drops rows when one fails).
     dead AS (
       SELECT street.id, street.name, street.class, part.i, part.last,
         ST_LineSubstring(street.geom,
           greatest(part.i::float8 / street.parts, part.first::float8 / part.n),
           least((part.i + 1)::float8 / street.parts, (part.last_seq + 1)::float8 / part.n)) AS shown
       FROM part JOIN street ON street.id = part.street_id
       WHERE part.last IS NULL OR part.last < $4::date
     )
     SELECT id AS "streetId", name, class, ST_Length(shown::geography)::float8 AS "lengthM", ST_AsGeoJSON(shown, 6)::json AS geometry,
       to_char(last, 'YYYY-MM-DD') AS last
     FROM dead
     ORDER BY last NULLS FIRST, id, i
     LIMIT $6`,
    [
      p.districtCode,
      p.regionCode,
      p.jurisdictions,
      shanghaiDate(w.since),
      shanghaiDate(w.dayEnd),
      p.limit + 1,
      shanghaiDate(w.lookbackFrom),
    ],
  );
  const rows = r.rows.slice(0, p.limit);
  return {
    type: 'FeatureCollection',
    asOf: shanghaiDate(w.dayEnd - DAY_MS),
    days: p.days,
    truncated: r.rows.length > p.limit,
    features: rows.map((row, i) => ({
      type: 'Feature' as const,
      id: i + 1,
      geometry: row.geometry,
      properties: {
        streetId: Number(row.streetId),
        name: row.name,
        class: row.class,
        lengthM: Math.round(row.lengthM * 10) / 10,
        lastPatrolled: row.last,
      },
    })),
  };
}
