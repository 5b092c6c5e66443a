/**
 * `GET /api/incidents`: the dispatcher's list of a jurisdiction's incidents with filters, one
 * page at a time, beside the counts per state (over every filter but the state one, for the
 * state chips) and the number overdue. `GET /api/incidents/map`: the same incidents as compact
 * flat arrays for the map (points coloured by state, overdue marked).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requirePermission } from '../auth/require-permission.js';
import { errorResponse } from '../http/error-response.js';
import { createRouter } from '../http/router.js';
import { INCIDENT_STATES } from '../analytics/incidents-filter.js';
import { IncidentListQuery, OVERDUE_SQL, incidentQueryConditions, resolveIncidentQuery } from './incident-query.js';
import { INCIDENT_COLUMNS, toSummary, type IncidentRow } from './incident-row.js';
import { IncidentListSchema, IncidentMapSchema } from './incidents.schemas.js';

const MAX_PAGE_SIZE = 200;
export const MAX_MAP_POINTS = 200_000;

const whole = (description: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, { error: `expected a whole number from 1 to ${max}` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, { error: `expected a whole number from 1 to ${max}` })
    .optional()
    .openapi({ type: 'string', description });

const ERRORS = {
  400: errorResponse('a malformed filter'),
  403: errorResponse('the region is outside your jurisdiction, or you lack incidents.read'),
  404: errorResponse('no such region'),
};

export const incidentsListRoute = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['incidents'],
      summary: 'Incidents of a region with filters, a page at a time, with counts per state (incidents.read)',
      middleware: [requirePermission('incidents.read')],
      request: {
        query: IncidentListQuery.extend({
          page: whole('page, from 1', 1_000_000),
          pageSize: whole(`incidents per page (default 50, at most ${MAX_PAGE_SIZE})`, MAX_PAGE_SIZE),
          sort: z
            .enum(['reported', 'deadline'])
            .optional()
            .openapi({ description: 'reported: newest first (default); deadline: earliest deadline first' }),
        }),
      },
      responses: { 200: { description: 'one page', content: { 'application/json': { schema: IncidentListSchema } } }, ...ERRORS },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const f = await resolveIncidentQuery(c, query);
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 50;
      const params: unknown[] = [];
      const where = incidentQueryConditions(f, params);
      const order = query.sort === 'deadline' ? 'i.deadline_at ASC NULLS LAST, i.id' : 'i.reported_at DESC, i.id DESC';
      params.push(pageSize, (page - 1) * pageSize);
      const db = c.var.db;
      const countParams: unknown[] = [];
      const countWhere = incidentQueryConditions(f, countParams, false);
      const [rows, counts] = await Promise.all([
        db.query<IncidentRow & { total: number }>(
          `SELECT ${INCIDENT_COLUMNS}, count(*) OVER ()::int AS total FROM incidents i WHERE ${where}
           ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
          params,
        ),
        db.query<{ state: string; n: number; overdue: number }>(
          `SELECT i.state, count(*)::int AS n, count(*) FILTER (WHERE ${OVERDUE_SQL})::int AS overdue
           FROM incidents i WHERE ${countWhere} GROUP BY i.state`,
          countParams,
        ),
      ]);
      let total = rows.rows[0]?.total;
      if (total === undefined) {
        // Past the last page: count separately so the pager still knows the total.
        const all = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents i WHERE ${where}`, params.slice(0, -2));
        total = all.rows[0]!.n;
      }
      const byState = Object.fromEntries(INCIDENT_STATES.map((s) => [s, 0])) as Record<string, number>;
      let overdue = 0;
      for (const r of counts.rows) {
        byState[r.state] = r.n;
        if (!f.states || f.states.includes(r.state)) overdue += r.overdue;
      }
      return c.json(
        {
          total,
          page,
          pageSize,
          counts: byState,
          overdue,
          incidents: rows.rows.map(({ total: _t, ...r }) => toSummary(r)),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/map',
      tags: ['incidents'],
      summary: 'The same incidents as compact flat arrays for the map: positions, state, overdue and rework flags (incidents.read)',
      middleware: [requirePermission('incidents.read')],
      request: {
        query: IncidentListQuery.extend({
          limit: whole(`most points, newest first (default and at most ${MAX_MAP_POINTS})`, MAX_MAP_POINTS),
        }),
      },
      responses: { 200: { description: 'points', content: { 'application/json': { schema: IncidentMapSchema } } }, ...ERRORS },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const f = await resolveIncidentQuery(c, query);
      const limit = query.limit ?? MAX_MAP_POINTS;
      const params: unknown[] = [];
      const where = incidentQueryConditions(f, params);
      params.push([...INCIDENT_STATES], limit + 1);
      // Built as arrays in SQL: one row back instead of one per incident.
      const r = await c.var.db.query<{
        ids: number[] | null;
        xs: number[] | null;
        ys: number[] | null;
        st: number[] | null;
        fl: number[] | null;
        n: number;
      }>(
        `SELECT array_agg(p.id ORDER BY p.o) AS ids, array_agg(p.x ORDER BY p.o) AS xs, array_agg(p.y ORDER BY p.o) AS ys,
           array_agg(p.s ORDER BY p.o) AS st, array_agg(p.f ORDER BY p.o) AS fl, count(*)::int AS n
         FROM (
           SELECT i.id::float8 AS id, round(ST_X(i.location)::numeric, 6)::float8 AS x, round(ST_Y(i.location)::numeric, 6)::float8 AS y,
             array_position($${params.length - 1}::text[], i.state) - 1 AS s,
             (CASE WHEN ${OVERDUE_SQL} THEN 1 ELSE 0 END) | (CASE WHEN i.rework_count > 0 THEN 2 ELSE 0 END) AS f,
             row_number() OVER (ORDER BY i.reported_at DESC, i.id DESC) AS o
           FROM incidents i WHERE ${where}
           ORDER BY i.reported_at DESC, i.id DESC LIMIT $${params.length}
         ) p`,
        params,
      );
      const row = r.rows[0]!;
      const n = Math.min(row.n, limit);
      const xs = row.xs ?? [];
      const ys = row.ys ?? [];
      const positions: number[] = new Array<number>(2 * n);
      for (let k = 0; k < n; k++) {
        positions[2 * k] = xs[k]!;
        positions[2 * k + 1] = ys[k]!;
      }
      return c.json(
        {
          count: n,
          truncated: row.n > limit,
          states: [...INCIDENT_STATES],
          ids: (row.ids ?? []).slice(0, n),
          positions,
          state: (row.st ?? []).slice(0, n),
          flags: (row.fl ?? []).slice(0, n),
        },
        200,
      );
    },
  );
