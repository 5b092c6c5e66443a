/** Reading incidents: the one column list every route selects, and its mapping to the answer. */
import type { IncidentSummary } from './incidents.schemas.js';
import { OVERDUE_SQL } from './incident-query.js';

/** Columns of an incident `i` (with its assignee's name); `[lng, lat]` rounded to 6 decimals (~0.1 m). */
export const INCIDENT_COLUMNS = `i.district_code::text AS "districtCode", i.id::float8 AS id, i.code, i.category, i.channel, i.state,
  i.closure, i.escalation_level AS "escalationLevel", i.rework_count AS "reworkCount",
  to_json(i.reported_at) #>> '{}' AS "reportedAt", to_json(i.deadline_at) #>> '{}' AS "deadlineAt", ${OVERDUE_SQL} AS overdue,
  round(ST_X(i.location)::numeric, 6)::float8 AS lng, round(ST_Y(i.location)::numeric, 6)::float8 AS lat,
  i.community_code AS "communityCode", i.grid_code AS "gridCode", i.description, i.version,
  i.assignee_department_id::float8 AS "departmentId", i.assignee_staff_id::float8 AS "staffId",
  coalesce((SELECT d.name FROM departments d WHERE d.district_code = i.district_code AND d.id = i.assignee_department_id),
    (SELECT s.name FROM staff s WHERE s.district_code = i.district_code AND s.id = i.assignee_staff_id)) AS "assigneeName"`;

export interface IncidentRow extends Omit<IncidentSummary, 'position' | 'assignee'> {
  lng: number;
  lat: number;
  departmentId: number | null;
  staffId: number | null;
  assigneeName: string | null;
}

export function toSummary(r: IncidentRow): IncidentSummary {
  const { lng, lat, departmentId, staffId, assigneeName, ...rest } = r;
  const assignee =
    departmentId !== null
      ? { kind: 'department' as const, id: departmentId, name: assigneeName ?? '' }
      : staffId !== null
        ? { kind: 'staff' as const, id: staffId, name: assigneeName ?? '' }
        : null;
  return { ...rest, position: [lng, lat], assignee };
}
