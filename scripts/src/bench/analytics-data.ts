/**
 * Bulk data for `pnpm bench analytics`, generated inside PostgreSQL with generate_series
 * (no rows cross the wire): incidents as random points inside the district's communities
 * (`ST_GeneratePoints`), reported over the year before the reference date; patrol tracks as
 * LineStringM wandering inside a current grid, one GPS fix every 5 s (M = epoch seconds).
 */
import type { Db } from '@gridatlas/api';

const CATEGORIES = ['environment', 'dispute', 'safety', 'facility', 'traffic', 'sanitation', 'noise', 'other'];
const CHANNELS = ['patrol', 'hotline', 'app', 'walk_in'];
const STATES = ['reported', 'accepted', 'dispatched', 'in_progress', 'feedback', 'verified', 'closed', 'evaluated'];

/** Adds `total` incidents in batches (the in-force grid trigger runs per row). */
export async function generateIncidents(
  db: Db,
  districtCode: string,
  total: number,
  batch: number,
  onBatch: (done: number) => void,
): Promise<void> {
  const base = Number((await db.query<{ m: number }>('SELECT coalesce(max(id), 0) AS m FROM incidents')).rows[0]!.m) + 1;
  await db.query('SELECT setseed(0.42)');
  for (let done = 0; done < total; done += batch) {
    const n = Math.min(batch, total - done);
    // Points per community in proportion to its area; rounding leaves a few short, topped up from the largest.
    await db.query(
      `WITH c AS (
         SELECT code, boundary, ST_Area(boundary) / sum(ST_Area(boundary)) OVER () AS share,
           row_number() OVER (ORDER BY ST_Area(boundary) DESC) AS rank
         FROM regions WHERE district_code = $1 AND level = 'community'
       ), quota AS (
         SELECT code, boundary, floor(share * $2::int)::int + CASE WHEN rank = 1 THEN $2::int - (SELECT sum(floor(share * $2::int))::int FROM c) ELSE 0 END AS k FROM c
       ), pts AS (
         SELECT (ST_Dump(ST_GeneratePoints(boundary, k::int, $4::int))).geom AS location FROM quota WHERE k > 0
       )
       INSERT INTO incidents (district_code, id, code, category, channel, state, reported_at, location)
       SELECT $1, $3 + n, 'BENCH' || ($3 + n), ($5::text[])[1 + floor(random() * array_length($5::text[], 1))::int],
         ($6::text[])[1 + floor(random() * array_length($6::text[], 1))::int], ($7::text[])[1 + floor(random() * array_length($7::text[], 1))::int],
         (SELECT reference_date FROM districts WHERE district_code = $1)::timestamptz - random() * interval '365 days', location
       FROM (SELECT location, row_number() OVER () - 1 AS n FROM pts) p`,
      [districtCode, n, base + done, 1 + done / batch, CATEGORIES, CHANNELS, STATES],
    );
    onBatch(done + n);
  }
}

/** Adds `tracks` patrol tracks of `pointsPerTrack` fixes each, in batches of tracks. */
export async function generateTracks(
  db: Db,
  districtCode: string,
  tracks: number,
  pointsPerTrack: number,
  batch: number,
  onBatch: (done: number) => void,
): Promise<void> {
  const base = Number((await db.query<{ m: number }>('SELECT coalesce(max(id), 0) AS m FROM patrol_tracks')).rows[0]!.m) + 1;
  for (let done = 0; done < tracks; done += batch) {
    const n = Math.min(batch, tracks - done);
    await db.query(
      `WITH g AS (
         SELECT code, ST_XMin(geometry) AS x0, ST_YMin(geometry) AS y0, ST_XMax(geometry) - ST_XMin(geometry) AS w, ST_YMax(geometry) - ST_YMin(geometry) AS h,
           row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total
         FROM current_grids WHERE district_code = $1
       ), s AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS total FROM staff WHERE district_code = $1),
       t AS (
         SELECT $3 + t AS id, g.code, g.x0, g.y0, g.w, g.h, s.id AS staff_id,
           extract(epoch FROM (SELECT reference_date FROM districts WHERE district_code = $1)::timestamptz - interval '365 days')::bigint
             + floor(random() * 365)::int * 86400 + 28800 + floor(random() * 36000)::int AS start,
           random() * 6.28 AS phase, 2 + random() * 3 AS fx, 3 + random() * 3 AS fy
         FROM generate_series(0, $2 - 1) AS t
         JOIN g ON g.k = t % g.total
         JOIN s ON s.k = t % s.total
       )
       INSERT INTO patrol_tracks (district_code, id, staff_id, grid_code, started_at, ended_at, point_count, geom)
       SELECT $1, t.id, t.staff_id, t.code, to_timestamp(t.start), to_timestamp(t.start + ($4 - 1) * 5), $4,
         ST_SetSRID(ST_MakeLine(ST_MakePointM(
           t.x0 + t.w * (0.5 + 0.45 * sin(t.fx * 6.28 * p / $4 + t.phase)),
           t.y0 + t.h * (0.5 + 0.45 * sin(t.fy * 6.28 * p / $4)),
           t.start + p * 5) ORDER BY p), 4326)
       FROM t CROSS JOIN generate_series(0, $4 - 1) AS p
       GROUP BY t.id, t.staff_id, t.code, t.start`,
      [districtCode, n, base + done, pointsPerTrack],
    );
    onBatch(done + n);
  }
}
