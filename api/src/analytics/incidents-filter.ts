/**
 * The filters every incident analytics route shares (`region`, `from`, `to`, `category`,
 * `channel`, `state`), validated at the edge, and the SQL they become. An incident's place
 * is its `community_code` (kept by migration 0015's triggers with its in-force grid), or the
 * district for an incident in no community: only a district-wide jurisdiction sees those.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { currentUser, insideJurisdiction, isInsideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import type { AppEnv } from '../http/app-env.js';
import { HttpError } from '../http/http-error.js';
import { NO_CONTROL_CHARS, isStorableDateTime } from '../http/safe-text.js';
import type { RegionScope } from '../regions/region-scope.js';
import type { CacheScope } from './response-cache.js';
import { shanghaiDate } from './patrols-period.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';

export const INCIDENT_STATES = [
  'reported',
  'accepted',
  'voided',
  'registered',
  'dispatched',
  'in_progress',
  'feedback',
  'verified',
  'closed',
  'evaluated',
] as const;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date (midnight Asia/Shanghai) or an ISO date-time with an offset, as an instant. */
function instantOf(value: string): string | null {
  if (DATE_ONLY.test(value)) {
    const withTime = `${value}T00:00:00+08:00`;
    return isStorableDateTime(withTime) ? withTime : null;
  }
  return isStorableDateTime(value) ? value : null;
}

const instant = (name: string) =>
  z
    .string()
    .max(40)
    .refine((v) => instantOf(v) !== null, {
      error: `expected an ISO date (YYYY-MM-DD, midnight Asia/Shanghai) or a date-time with an offset`,
    })
    .optional()
    .openapi({
      description: `${name}; a date means midnight in Asia/Shanghai`,
      example: name.startsWith('end') ? '2025-07-01' : '2025-01-01',
    });

const list = (what: string, item: z.ZodType<string> = z.string().min(1).max(80).regex(NO_CONTROL_CHARS)) =>
  z
    .string()
    .max(2000)
    .transform((v, ctx) => {
      const items = v.split(',').map((s) => s.trim());
      for (const s of items) {
        const r = item.safeParse(s);
        if (!r.success) {
          ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}" is not a valid ${what}` });
          return z.NEVER;
        }
      }
      if (items.length > 50) {
        ctx.addIssue({ code: 'custom', message: `at most 50 ${what} values` });
        return z.NEVER;
      }
      return [...new Set(items)];
    })
    .optional()
    .openapi({ type: 'string', description: `comma list of ${what} values` });

export const IncidentFilterQuery = RegionQuerySchema.extend({
  from: instant('start (inclusive)'),
  to: instant('end (exclusive)'),
  category: list('category'),
  channel: list('channel'),
  state: list('state', z.enum(INCIDENT_STATES)),
});

export type IncidentFilterInput = z.infer<typeof IncidentFilterQuery>;

export interface IncidentFilter {
  region: RegionScope;
  jurisdictions: readonly string[];
  from: string | null;
  to: string | null;
  categories: string[] | null;
  channels: string[] | null;
  states: string[] | null;
}

/** Resolves the region (403 outside the jurisdiction, 404 unknown) and checks from < to. */
export async function resolveIncidentFilter(c: Context<AppEnv>, q: IncidentFilterInput): Promise<IncidentFilter> {
  const from = q.from === undefined ? null : instantOf(q.from);
  const to = q.to === undefined ? null : instantOf(q.to);
  if (from !== null && to !== null && Date.parse(from) >= Date.parse(to)) {
    throw new HttpError(
      400,
      'bad_request',
      `query parameters "from" and "to": "from" (${q.from}) must be before "to" (${q.to}); "to" is exclusive`,
    );
  }
  const region = await resolveRegionFor(c, q.region);
  return {
    region,
    jurisdictions: currentUser(c).jurisdictions,
    from,
    to,
    categories: q.category ?? null,
    channels: q.channel ?? null,
    states: q.state ?? null,
  };
}

/**
 * SQL conditions on incidents (alias `i`) for a filter, appending its parameters to
 * `params`. Always bound to the region's district so the primary key prefix is used.
 */
export function incidentConditions(f: IncidentFilter, params: unknown[], alias = 'i'): string {
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const place = `coalesce(${alias}.community_code, ${alias}.district_code::text)`;
  const parts = [`${alias}.district_code = ${p(f.region.districtCode)}`];
  // Conditions that cannot exclude a row are left out: they cost a sub-plan per incident.
  if (f.region.code !== f.region.districtCode) parts.push(`${place} LIKE ${p(f.region.code)} || '%'`);
  if (!isInsideJurisdiction(f.jurisdictions, f.region.code)) parts.push(insideJurisdiction(place, p(f.jurisdictions)));
  if (f.from !== null) parts.push(`${alias}.reported_at >= ${p(f.from)}::timestamptz`);
  if (f.to !== null) parts.push(`${alias}.reported_at < ${p(f.to)}::timestamptz`);
  if (f.categories) parts.push(`${alias}.category = ANY (${p(f.categories)}::text[])`);
  if (f.channels) parts.push(`${alias}.channel = ANY (${p(f.channels)}::text[])`);
  if (f.states) parts.push(`${alias}.state = ANY (${p(f.states)}::text[])`);
  return parts.join(' AND ');
}

/** The month (`YYYY-MM`, Asia/Shanghai) of an instant. */
const shanghaiMonth = (instant: string): string => shanghaiDate(Date.parse(instant)).slice(0, 7);

/**
 * What an incident response over `f` is kept under (`serveCached`): the district's analytics
 * version and the newest version among the incident months the period touches (migration
 * 0027), both as read with the region. The month of `to` counts although `to` is exclusive:
 * one month too many moves a kept response needlessly, one too few would keep a stale one.
 */
export function incidentCacheScope(f: IncidentFilter): CacheScope {
  const first = f.from === null ? null : shanghaiMonth(f.from);
  const last = f.to === null ? null : shanghaiMonth(f.to);
  let newest = 0;
  for (const [month, version] of Object.entries(f.region.incidentMonths)) {
    if ((first === null || month >= first) && (last === null || month <= last) && version > newest) newest = version;
  }
  return { districtCode: f.region.districtCode, version: `${f.region.analyticsVersion}.${newest}` };
}
