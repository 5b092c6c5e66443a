/**
 * Where a region's records begin, per section that counts records (incidents, patrol tracks,
 * special-group visits), and whether a comparison reaches before that: a previous or year-ago
 * window that starts before the first record counts only part of its days (or none), so its
 * change in percent says nothing. Grids and staffing are states read at each window's end, not
 * records counted over it: their comparisons are always whole.
 *
 * Records after `asOf` are left out, as everywhere on the dashboard (a pinned briefing keeps its
 * notes). The writes that move these dates already move the kept dashboard's version
 * (dashboard-kept.ts): incidents their month's version, tracks and visits the dashboard version.
 */
import type { Db } from '../db/db.types.js';
import { shanghaiDate } from '../analytics/patrols-period.js';
import type { RecordsSince } from './dashboard.schemas.js';
import { IN_REGION } from './incidents-figures.js';

export interface FirstRecords {
  /** `YYYY-MM-DD` Asia/Shanghai of each kind's first record in the region, null when none. */
  incidents: string | null;
  patrols: string | null;
  visits: string | null;
}

/** The first record of each kind in the region (a community code prefix), up to `asOfEnd` (epoch ms). */
export async function firstRecords(db: Db, districtCode: string, regionCode: string, asOfEnd: number): Promise<FirstRecords> {
  const r = await db.query<{ incidents: number | null; patrols: number | null; visits: number | null }>(
    `SELECT
       (SELECT extract(epoch FROM min(i.reported_at)) FROM incidents i
         WHERE i.district_code = $1 AND ${IN_REGION} AND i.reported_at < to_timestamp($3::float8))::float8 AS incidents,
       (SELECT extract(epoch FROM min(t.started_at)) FROM patrol_tracks t
         WHERE t.district_code = $1 AND t.grid_code LIKE $2 || '%' AND t.started_at < to_timestamp($3::float8))::float8 AS patrols,
       -- In time order until a building of the region (the live visits' (district, time) index).
       (SELECT extract(epoch FROM v.visited_at) FROM visits v
         JOIN buildings b ON b.district_code = v.district_code AND b.id = v.building_id
         WHERE v.district_code = $1 AND b.community_code LIKE $2 || '%' AND v.deleted_at IS NULL
           AND v.visited_at < to_timestamp($3::float8)
         ORDER BY v.visited_at LIMIT 1)::float8 AS visits`,
    [districtCode, regionCode, asOfEnd / 1000],
  );
  const row = r.rows[0];
  const day = (s: number | null | undefined): string | null => (s === null || s === undefined ? null : shanghaiDate(Number(s) * 1000));
  return { incidents: day(row?.incidents), patrols: day(row?.patrols), visits: day(row?.visits) };
}

/**
 * A section's `records`: its first record and whether the previous and year-ago comparisons
 * start before it. `previousFrom` / `yearAgoFrom` are the earliest days those figures read.
 */
export function recordsSince(since: string | null, previousFrom: string, yearAgoFrom: string): RecordsSince {
  // ISO days compare as strings.
  const before = (from: string): boolean => since !== null && from < since;
  return { since, previousPartial: before(previousFrom), yearAgoPartial: before(yearAgoFrom) };
}
