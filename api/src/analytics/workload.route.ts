/**
 * `GET /api/analytics/workload?from&to&region=`: a workload index per grid in force.
 *
 * raw = households·w.households + persons·w.persons + Σ people of category c · w.special[c]
 *     + incidents in the period · w.incidents + visits required in the period · w.visits
 * index = raw / (mean raw over every grid in force in the district), so the district mean is
 * 1.0 whatever the caller's jurisdiction. Weights come from `analytics_settings`.
 *
 * Visits required (`VISITS_PER_30_DAYS`): one visit per person per 30 days for elderly people
 * living alone, severe mental illness, community correction and drug users; one per 90 days
 * for disabled, low-income and released prisoners — scaled by the period's length.
 *
 * Special-group counts are suppressed before they are weighed: a category with fewer people
 * in a grid than the district's suppression threshold counts as none, so neither the parts
 * nor the index ever carry a small count. Callers without `special_groups.aggregate` get the
 * index but `specialWeighted` and `visitsRequired` (both derived from special-group counts)
 * as null.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Db } from '../db/db.types.js';
import { currentUser, isInsideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { keptPlacementSql } from '../plans/kept-placement.sql.js';
import { PeriodQuerySchema, periodDays, resolvePeriod, type Period } from './patrols-period.js';
import { readAnalyticsSettings, type WorkloadWeights } from './settings.store.js';
import { WorkloadSchema } from './analytics.schemas.js';

/** Visits each person of a category needs per 30 days. */
export const VISITS_PER_30_DAYS: Readonly<Record<string, number>> = {
  elderly_alone: 1,
  mental_illness: 1,
  community_correction: 1,
  drug_user: 1,
  disabled: 1 / 3,
  low_income: 1 / 3,
  released_prisoner: 1 / 3,
};

export const VISIT_RULE =
  'per person per 30 days: 1 visit for elderly_alone, mental_illness, community_correction, drug_user; 1/3 for disabled, low_income, released_prisoner; scaled by the period length';

export interface WorkloadParts {
  code: string;
  name: string;
  communityCode: string;
  households: number;
  persons: number;
  incidents: number;
  /** People per category. */
  special: Record<string, number>;
}

/**
 * Households, persons, special-group people per category and incidents of the period, per grid
 * in force of the district. A building (and its people) counts in the grid holding the largest
 * share of its footprint (core's rule, read from the pairs kept per approved plan:
 * keptPlacementSql, migration 0044); an incident in the grid containing it (on a shared edge: the
 * smallest code, as the in-force grid of migration 0015 is chosen).
 */
export async function workloadParts(db: Db, districtCode: string, period: Period): Promise<WorkloadParts[]> {
  const r = await db.query<WorkloadParts>(
    `WITH g AS (SELECT code, name, community_code, geometry FROM current_grids WHERE district_code = $1),
     gb AS MATERIALIZED (
       SELECT p.grid_code AS code, b.id, b.households, b.persons
       FROM ${keptPlacementSql({ grids: 'current_grids', gridsWhere: 'g.district_code = $1' })} p
       JOIN buildings b ON b.district_code = $1 AND b.id = p.building_id
     ),
     people AS (
       SELECT code, json_object_agg(category, n) AS special FROM (
         SELECT gb.code, s.category, count(*) AS n FROM gb
         JOIN special_group_records s ON s.district_code = $1 AND s.building_id = gb.id
         GROUP BY gb.code, s.category) x
       GROUP BY code
     ),
     inc AS (
       SELECT code, count(*) AS n FROM (
         SELECT DISTINCT ON (i.id) g.code FROM incidents i
         JOIN g ON ST_Intersects(g.geometry, i.location)
         WHERE i.district_code = $1 AND i.reported_at >= to_timestamp($2::float8) AND i.reported_at < to_timestamp($3::float8)
         ORDER BY i.id, g.code) x
       GROUP BY code
     ),
     held AS (SELECT code, sum(households) AS households, sum(persons) AS persons FROM gb GROUP BY code)
     SELECT g.code, g.name, g.community_code AS "communityCode",
       coalesce(held.households, 0)::float8 AS households,
       coalesce(held.persons, 0)::float8 AS persons,
       coalesce(inc.n, 0)::float8 AS incidents, coalesce(people.special, '{}'::json) AS special
     FROM g LEFT JOIN held USING (code) LEFT JOIN people USING (code) LEFT JOIN inc USING (code)
     ORDER BY g.code`,
    [districtCode, period.from / 1000, period.to / 1000],
  );
  return r.rows;
}

export interface WorkloadScore {
  specialWeighted: number;
  visitsRequired: number;
  raw: number;
}

/** One grid's weighted parts; `days` is the period length; categories under `threshold` people count as none. */
export function workloadScore(p: WorkloadParts, w: WorkloadWeights, days: number, threshold: number): WorkloadScore {
  let specialWeighted = 0;
  let visitsRequired = 0;
  for (const [category, n] of Object.entries(p.special)) {
    if (Number(n) < threshold) continue;
    specialWeighted += Number(n) * (w.special[category] ?? 0);
    visitsRequired += Number(n) * (VISITS_PER_30_DAYS[category] ?? 0) * (days / 30);
  }
  const raw = p.households * w.households + p.persons * w.persons + specialWeighted + p.incidents * w.incidents + visitsRequired * w.visits;
  return { specialWeighted, visitsRequired, raw };
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

export const workloadRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/workload',
    tags: ['analytics'],
    summary: 'Workload index per grid in force: households, persons, special groups, incidents and visits, weighted (analytics.read)',
    middleware: [requirePermission('analytics.read')],
    request: { query: RegionQuerySchema.extend(PeriodQuerySchema.shape) },
    responses: {
      200: { description: 'one row per grid', content: { 'application/json': { schema: WorkloadSchema } } },
      400: errorResponse('a malformed date or `to` not after `from`'),
      403: errorResponse('the region is outside your jurisdiction'),
    },
  }),
  async (c) => {
    const user = currentUser(c);
    const query = c.req.valid('query');
    const region = await resolveRegionFor(c, query.region);
    const db = c.var.db;
    const period = await resolvePeriod(db, region.districtCode, query);
    const [parts, settings] = await Promise.all([
      workloadParts(db, region.districtCode, period),
      readAnalyticsSettings(db, region.districtCode),
    ]);
    const w = settings.workloadWeights;
    const days = periodDays(period);
    const scores = parts.map((p) => workloadScore(p, w, days, settings.suppressionThreshold));
    const mean = scores.length ? scores.reduce((a, s) => a + s.raw, 0) / scores.length : 0;
    const entitled = user.permissions.includes('special_groups.aggregate');
    const rows = parts.flatMap((p, i) => {
      const inside = p.communityCode.startsWith(region.code) && isInsideJurisdiction(user.jurisdictions, p.communityCode);
      if (!inside) return [];
      const s = scores[i]!;
      return [
        {
          code: p.code,
          name: p.name,
          communityCode: p.communityCode,
          households: p.households,
          persons: p.persons,
          specialWeighted: entitled ? round(s.specialWeighted, 2) : null,
          incidents: p.incidents,
          visitsRequired: entitled ? round(s.visitsRequired, 1) : null,
          index: mean > 0 ? round(s.raw / mean, 3) : 0,
        },
      ];
    });
    return c.json(
      {
        from: new Date(period.from).toISOString(),
        to: new Date(period.to).toISOString(),
        weights: w,
        visitRule: VISIT_RULE,
        rows,
      },
      200,
    );
  },
);
