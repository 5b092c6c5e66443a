/**
 * `GET /api/incidents/mine`: a grid worker's own incidents — those assigned to the staff member
 * their user is linked to (users.staff_id) that are not closed yet, earliest deadline first,
 * and those they reported in the last 30 days. `GET /api/incidents/options`: what the forms
 * offer — categories with their deadlines, the district's departments, a grid's staff.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { errorResponse } from '../http/error-response.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { INCIDENT_COLUMNS, toSummary, type IncidentRow } from './incident-row.js';
import { IncidentOptionsSchema, IncidentSummarySchema } from './incidents.schemas.js';
import { districtModelRoleJoin } from '../staff/staff-model.js';

const MineSchema = z
  .object({
    staff: z.object({ id: z.number(), name: z.string(), districtCode: z.string() }).nullable(),
    assigned: z.array(IncidentSummarySchema),
    reported: z.array(IncidentSummarySchema),
  })
  .openapi('MyIncidents');

export const incidentsMineRoute = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/mine',
      tags: ['incidents'],
      summary: 'Your incidents: assigned to you and not closed, and those you reported in the last 30 days (incidents.write)',
      middleware: [requirePermission('incidents.write')],
      responses: {
        200: { description: 'your incidents', content: { 'application/json': { schema: MineSchema } } },
        403: errorResponse('you lack incidents.write'),
      },
    }),
    async (c) => {
      const user = currentUser(c);
      const db = c.var.db;
      const me = await db.query<{ id: number; name: string; districtCode: string }>(
        `SELECT s.id::float8 AS id, s.name, s.district_code::text AS "districtCode"
         FROM users u JOIN staff s ON s.district_code = u.staff_district_code AND s.id = u.staff_id WHERE u.id = $1`,
        [user.id],
      );
      const staff = me.rows[0] ?? null;
      const [assigned, reported] = await Promise.all([
        staff
          ? db.query<IncidentRow>(
              `SELECT ${INCIDENT_COLUMNS} FROM incidents i
               WHERE i.district_code = $1 AND i.assignee_staff_id = $2::bigint AND i.state IN ('dispatched', 'in_progress', 'feedback', 'verified')
               ORDER BY i.deadline_at ASC NULLS LAST, i.id LIMIT 500`,
              [staff.districtCode, staff.id],
            )
          : Promise.resolve({ rows: [] as IncidentRow[] }),
        db.query<IncidentRow>(
          `SELECT ${INCIDENT_COLUMNS} FROM incidents i
           WHERE i.reported_by = $1 AND i.reported_at > now() - interval '30 days'
           ORDER BY i.reported_at DESC, i.id DESC LIMIT 200`,
          [user.id],
        ),
      ]);
      return c.json({ staff, assigned: assigned.rows.map(toSummary), reported: reported.rows.map(toSummary) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/options',
      tags: ['incidents'],
      summary: 'Categories with their deadlines, the departments of the region’s district and a grid’s staff (incidents.read)',
      middleware: [requirePermission('incidents.read')],
      request: {
        query: RegionQuerySchema.extend({
          grid: z
            .string()
            .regex(/^\d{15}$/, { error: 'expected a 15-digit grid code' })
            .optional()
            .openapi({ description: 'the grid whose staff to list (staff_assignments)' }),
        }),
      },
      responses: {
        200: { description: 'the options', content: { 'application/json': { schema: IncidentOptionsSchema } } },
        403: errorResponse('the region is outside your jurisdiction'),
        404: errorResponse('no such region'),
      },
    }),
    async (c) => {
      const { region, grid } = c.req.valid('query');
      const scope = await resolveRegionFor(c, region);
      const db = c.var.db;
      const [categories, departments, gridStaff] = await Promise.all([
        db.query<{ category: string; deadlineHours: number; department: string | null }>(
          `SELECT category, deadline_hours AS "deadlineHours", department FROM incident_categories WHERE category <> '*' ORDER BY category`,
        ),
        db.query<{ id: number; name: string }>(
          'SELECT id::float8 AS id, name FROM departments WHERE district_code = $1 ORDER BY sort, name',
          [scope.districtCode],
        ),
        grid && grid.startsWith(scope.districtCode)
          ? db.query<{ id: number; name: string; role: string; roleZh: string; roleEn: string }>(
              `SELECT DISTINCT ON (s.id) s.id::float8 AS id, s.name, a.role, coalesce(mr.zh, r.zh) AS "roleZh", coalesce(mr.en, r.en) AS "roleEn"
               FROM staff_assignments a JOIN staff s ON s.district_code = a.district_code AND s.id = a.staff_id
               JOIN staff_roles r ON r.key = a.role
               ${districtModelRoleJoin('$1', 'a.role')}
               WHERE a.district_code = $1 AND a.grid_code = $2 ORDER BY s.id, a.role`,
              [scope.districtCode, grid],
            )
          : Promise.resolve({ rows: [] as { id: number; name: string; role: string; roleZh: string; roleEn: string }[] }),
      ]);
      return c.json({ categories: categories.rows, departments: departments.rows, gridStaff: gridStaff.rows }, 200);
    },
  );
