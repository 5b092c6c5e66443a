/**
 * `GET /api/analytics/incidents/series?interval=day|week|month`: incidents per time bucket
 * and category. Buckets are calendar days, ISO weeks (from Monday) or months in
 * Asia/Shanghai, named by their first day (`YYYY-MM-DD`), dense from the first bucket with
 * data to the last (empty buckets count 0).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../http/error-response.js';
import { periodSelects } from './incident-aggregates.js';
import { IncidentFilterQuery, resolveIncidentFilter } from './incidents-filter.js';
import { INTERVALS, IncidentSeriesSchema } from './analytics.schemas.js';

type Interval = (typeof INTERVALS)[number];

/** The bucket after `day` (a `YYYY-MM-DD` bucket start), by calendar arithmetic in UTC. */
function nextBucket(day: string, interval: Interval): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (interval === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

export const incidentsSeriesRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/incidents/series',
    tags: ['analytics'],
    summary: 'Incidents per day, week or month and category, in Asia/Shanghai (incidents.read)',
    middleware: [requirePermission('incidents.read')],
    request: {
      query: IncidentFilterQuery.extend({
        interval: z
          .enum(INTERVALS, { error: 'expected day, week or month' })
          .default('day')
          .openapi({ description: 'bucket size (default day)' }),
      }),
    },
    responses: {
      200: { description: 'counts per category and bucket', content: { 'application/json': { schema: IncidentSeriesSchema } } },
      400: errorResponse('a malformed filter or interval'),
      403: errorResponse('the region is outside your jurisdiction'),
      404: errorResponse('no such region'),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const f = await resolveIncidentFilter(c, query);
    const params: unknown[] = [query.interval];
    // Whole days from the daily pre-aggregate (migration 0016), partial days from the rows.
    const selects = periodSelects(
      f,
      params,
      { day: 'incident_daily_grid', month: 'incident_monthly_grid' },
      (a, source) =>
        `date_trunc($1, ${source === 'raw' ? `${a}.reported_at AT TIME ZONE 'Asia/Shanghai'` : `${a}.day::timestamp`}) AS b, ${a}.category`,
      undefined,
      false,
    );
    const r = await c.var.db.query<{ bucket: string; category: string; n: number }>(
      `SELECT to_char(b, 'YYYY-MM-DD') AS bucket, category, sum(n) AS n
       FROM (${selects.join(' UNION ALL ')}) q GROUP BY b, category HAVING sum(n) > 0 ORDER BY b`,
      params,
    );
    const buckets: string[] = [];
    const first = r.rows[0]?.bucket;
    const last = r.rows[r.rows.length - 1]?.bucket;
    if (first !== undefined && last !== undefined) {
      for (let b = first; b <= last; b = nextBucket(b, query.interval)) buckets.push(b);
    }
    const totals = new Map<string, number>();
    for (const row of r.rows) totals.set(row.category, (totals.get(row.category) ?? 0) + Number(row.n));
    const categories = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
    const bucketIndex = new Map(buckets.map((b, i) => [b, i]));
    const categoryIndex = new Map(categories.map((k, i) => [k, i]));
    const counts = categories.map(() => buckets.map(() => 0));
    for (const row of r.rows) counts[categoryIndex.get(row.category)!]![bucketIndex.get(row.bucket)!] = Number(row.n);
    return c.json({ interval: query.interval, buckets, categories, counts }, 200);
  },
);
