/**
 * `GET /api/visits/grids/{code}?from=&to=` (visits.records): the visits to the buildings a grid
 * in force holds, newest first, withdrawn ones included and marked (nothing disappears
 * silently). Individual data: the grid must lie in the caller's jurisdiction; every read is
 * audited. Default period: the 90 days up to the district's reference day.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditRequest } from '../audit/audit.store.js';
import { requirePermission } from '../auth/require-permission.js';
import { shanghaiMidnight } from '../analytics/patrols-period.js';
import { errorResponse } from '../http/error-response.js';
import { HttpError } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { placementSql } from '../plans/unit-placement.sql.js';
import { toVisit, VISIT_COLUMNS } from './visit-row.js';
import { dayOrReference, gridInForce } from './visits-access.js';
import { DaySchema, GridCodeParam, GridVisitsSchema } from './visits.schemas.js';

const DAY_MS = 86_400_000;
const MAX_VISITS = 2000;

export const visitsListRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/grids/{code}',
    tags: ['visits'],
    summary: "A grid's recorded visits, withdrawn ones marked (visits.records, audited)",
    middleware: [requirePermission('visits.records')],
    request: {
      params: GridCodeParam,
      query: z.object({ from: DaySchema.optional(), to: DaySchema.optional().openapi({ description: 'last day, inclusive' }) }),
    },
    responses: {
      200: {
        description: `visits (at most ${MAX_VISITS}; truncated says when more exist)`,
        content: { 'application/json': { schema: GridVisitsSchema } },
      },
      400: errorResponse('from after to'),
      403: errorResponse('the grid is outside your jurisdiction'),
      404: errorResponse('no such grid in force'),
    },
  }),
  async (c) => {
    const grid = await gridInForce(c, c.req.valid('param').code);
    const q = c.req.valid('query');
    const db = c.var.db;
    const to = await dayOrReference(db, grid.districtCode, q.to);
    const toMs = shanghaiMidnight(to) + DAY_MS;
    const fromMs = q.from !== undefined ? shanghaiMidnight(q.from) : toMs - 90 * DAY_MS;
    if (fromMs >= toMs) throw new HttpError(400, 'bad_request', 'from must not be after to');
    const r = await db.query<Record<string, unknown>>(
      `SELECT ${VISIT_COLUMNS}
       FROM ${placementSql({ grids: 'current_grids', gridsWhere: 'g.district_code = $1', buildingsWhere: 'b.district_code = $1 AND b.community_code = $3', fewBuildings: true })} p
       JOIN visits v ON v.district_code = $1 AND v.building_id = p.building_id
       JOIN staff s ON s.district_code = v.district_code AND s.id = v.staff_id
       JOIN buildings b ON b.district_code = v.district_code AND b.id = v.building_id
       WHERE p.grid_code = $2 AND v.visited_at >= $4::timestamptz AND v.visited_at < $5::timestamptz
       ORDER BY v.visited_at DESC, v.id DESC
       LIMIT ${MAX_VISITS + 1}`,
      [grid.districtCode, grid.code, grid.communityCode, new Date(fromMs).toISOString(), new Date(toMs).toISOString()],
    );
    const visits = r.rows.slice(0, MAX_VISITS).map((row) => toVisit(row, grid.code));
    await auditRequest(c, 'visits.records.read', grid.code, { count: visits.length });
    return c.json({ grid: grid.code, visits, truncated: r.rows.length > MAX_VISITS }, 200);
  },
);
