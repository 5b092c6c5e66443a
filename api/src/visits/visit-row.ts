/** Reading visits as the API sends them (`Visit`), by id or by grid. */
import type { Db } from '../db/db.types.js';
import type { Visit } from './visits.schemas.js';

const ISO = (col: string): string => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** Columns of `visits v JOIN staff s JOIN buildings b` as a `Visit` (gridCode given by the caller's SQL). */
export const VISIT_COLUMNS = `v.id, v.staff_id AS "staffId", s.name AS "staffName", v.building_id AS "buildingId", b.name AS "buildingName",
  v.category, v.household, v.note, ${ISO('v.visited_at')} AS "visitedAt", ${ISO('v.recorded_at')} AS "recordedAt", v.version,
  CASE WHEN v.deleted_at IS NULL THEN NULL ELSE json_build_object('at', ${ISO('v.deleted_at')}, 'reason', v.delete_reason) END AS withdrawn`;

export function toVisit(row: Record<string, unknown>, gridCode: string | null): Visit {
  return {
    ...(row as unknown as Visit),
    id: Number(row.id),
    staffId: Number(row.staffId),
    buildingId: Number(row.buildingId),
    version: Number(row.version),
    gridCode,
  };
}

export interface StoredVisit {
  visit: Visit;
  recordedBy: number | null;
  recordedMs: number | null;
  deleted: boolean;
  communityCode: string;
}

/** One visit of a district, or null. */
export async function readVisit(db: Db, districtCode: string, id: number): Promise<StoredVisit | null> {
  const r = await db.query<Record<string, unknown>>(
    `SELECT ${VISIT_COLUMNS}, v.recorded_by AS "recordedBy", extract(epoch FROM v.recorded_at) * 1000 AS "recordedMs",
       b.community_code AS "communityCode"
     FROM visits v JOIN staff s ON s.district_code = v.district_code AND s.id = v.staff_id
     JOIN buildings b ON b.district_code = v.district_code AND b.id = v.building_id
     WHERE v.district_code = $1 AND v.id = $2`,
    [districtCode, id],
  );
  const row = r.rows[0];
  if (!row) return null;
  return {
    visit: toVisit(row, null),
    recordedBy: row.recordedBy == null ? null : Number(row.recordedBy),
    recordedMs: row.recordedMs == null ? null : Number(row.recordedMs),
    deleted: row.withdrawn != null,
    communityCode: String(row.communityCode),
  };
}
