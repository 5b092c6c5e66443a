/**
 * `GET /api/incidents`: the dispatcher's list of a jurisdiction's incidents with filters, one
 * page at a time, beside the counts per state (over every filter but the state one, for the
 * state chips) and the number overdue. `GET /api/incidents/map`: the same incidents as compact
 * flat arrays for the map (points coloured by state, overdue marked).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { requirePermission } from '../auth/require-permission.js';
import { errorResponse } from '../http/error-response.js';
import { createRouter } from '../http/router.js';
import { INCIDENT_STATES, incidentCacheScope } from '../analytics/incidents-filter.js';
import { serveCached } from '../analytics/response-cache.js';
import type { Db } from '../db/db.types.js';
import { IncidentListQuery, OVERDUE_SQL, incidentQueryConditions, resolveIncidentQuery, type IncidentQuery } from './incident-query.js';
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

const IncidentMapQuery = IncidentListQuery.extend({
  limit: whole(`most points, newest first (default and at most ${MAX_MAP_POINTS})`, MAX_MAP_POINTS),
});

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
      // The page's keys first, then their columns: the assignee names and coordinates are worked
      // out for one page, not for every incident the filters match.
      const [rows, counts] = await Promise.all([
        db.query<IncidentRow>(
          `WITH page AS (
             SELECT i.district_code, i.id FROM incidents i WHERE ${where}
             ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length})
           SELECT ${INCIDENT_COLUMNS} FROM page JOIN incidents i ON i.district_code = page.district_code AND i.id = page.id
           ORDER BY ${order}`,
          params,
        ),
        db.query<{ state: string; n: number; overdue: number }>(
          `SELECT i.state, count(*)::int AS n, count(*) FILTER (WHERE ${OVERDUE_SQL})::int AS overdue
           FROM incidents i WHERE ${countWhere} GROUP BY i.state`,
          countParams,
        ),
      ]);
      // The counts per state cover every filter but the state one: the total is theirs over the states asked for.
      let total = 0;
      const byState = Object.fromEntries(INCIDENT_STATES.map((s) => [s, 0])) as Record<string, number>;
      let overdue = 0;
      for (const r of counts.rows) {
        byState[r.state] = r.n;
        if (!f.states || f.states.includes(r.state)) {
          overdue += r.overdue;
          total += r.n;
        }
      }
      return c.json(
        {
          total,
          page,
          pageSize,
          counts: byState,
          overdue,
          incidents: rows.rows.map(toSummary),
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
        query: IncidentMapQuery,
      },
      responses: { 200: { description: 'points', content: { 'application/json': { schema: IncidentMapSchema } } }, ...ERRORS },
    }),
    // Served through the response cache (kept under the incident months' versions, which every
    // write to an incident moves, and the count of running incidents past their deadline, which
    // only time moves otherwise), so a dispatcher coming back to the year is not sent it again.
    (async (c: Context<AppEnv>) => {
      const query = c.req.valid('query' as never) as z.infer<typeof IncidentMapQuery>;
      const f = await resolveIncidentQuery(c, query);
      const limit = query.limit ?? MAX_MAP_POINTS;
      // Read before the data, like the versions: a body is never kept under a newer count than its flags'.
      const overdue = await overdueNow(c.var.db, f.region.districtCode);
      const scope = incidentCacheScope(f);
      return serveCached(
        c,
        { ...scope, version: `${scope.version}.${overdue}` },
        ['incident-map', f, limit],
        'application/json; charset=utf-8',
        'private, no-cache',
        () => incidentMapBody(c.var.db, f, limit),
      );
    }) as never,
  );

/**
 * How many of the district's incidents are past their deadline while it runs. Without a write
 * (which moves the incident months' versions) the set of overdue incidents only grows with
 * time, so an unchanged count means unchanged overdue flags.
 */
async function overdueNow(db: Db, districtCode: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM incidents i
     WHERE i.district_code = $1 AND i.state IN ('dispatched', 'in_progress') AND i.deadline_at < now()`,
    [districtCode],
  );
  return r.rows[0]!.n;
}

/**
 * The map's body as JSON text built by the database and passed through unparsed: for a
 * district's year (38,000 points) parsing five float arrays and writing them out again cost
 * more than the query.
 */
async function incidentMapBody(db: Db, f: IncidentQuery, limit: number): Promise<string> {
  const params: unknown[] = [];
  const where = incidentQueryConditions(f, params);
  const whereParams = [...params];
  params.push([...INCIDENT_STATES], limit);
  const states = `$${params.length - 1}::text[]`;
  // One sort in the subquery feeds every aggregate in its order, so the arrays stay aligned.
  const r = await db.query<{ n: number; body: string }>(
    `SELECT count(*)::int AS n,
       '"ids":[' || coalesce(string_agg(p.id, ','), '') || '],"positions":[' || coalesce(string_agg(p.xy, ','), '')
         || '],"state":[' || coalesce(string_agg(p.s, ','), '') || '],"flags":[' || coalesce(string_agg(p.f, ','), '') || ']' AS body
     FROM (
       SELECT i.id::text AS id,
         (round(ST_X(i.location) * 1e6) / 1e6)::text || ',' || (round(ST_Y(i.location) * 1e6) / 1e6)::text AS xy,
         (array_position(${states}, i.state) - 1)::text AS s,
         ((CASE WHEN ${OVERDUE_SQL} THEN 1 ELSE 0 END) | (CASE WHEN i.rework_count > 0 THEN 2 ELSE 0 END))::text AS f
       FROM incidents i WHERE ${where}
       ORDER BY i.reported_at DESC, i.id DESC LIMIT $${params.length}
     ) p`,
    params,
  );
  const { n, body } = r.rows[0]!;
  // Only a full answer can have been cut short: then ask whether one more incident matches.
  const truncated =
    n === limit &&
    (await db.query(`SELECT 1 FROM incidents i WHERE ${where} OFFSET $${whereParams.length + 1} LIMIT 1`, [...whereParams, limit])).rows
      .length > 0;
  return `{"count":${n},"truncated":${truncated},"states":${JSON.stringify(INCIDENT_STATES)},${body}}`;
}
