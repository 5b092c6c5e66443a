/**
 * Jurisdictions: a user sees the subtree under each of their region codes (codes nest by
 * prefix). Ancestors of a jurisdiction may be named for context (the region picker), but
 * data — buildings, grids, streets, counts — comes only from inside it, filtered in SQL
 * with the jurisdiction codes as a `text[]` parameter.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { forbidden, unauthorized } from '../http/http-error.js';
import { notSeeded, resolveRegion, type RegionScope } from '../regions/region-scope.js';
import type { SessionUser } from './session-user.js';

// The unnested column is named jur_code, not code: an unqualified `code` passed as `col`
// would otherwise resolve to the jurisdiction itself and match everything.

/** SQL: `col` (a region or community code) lies inside one of the jurisdictions in `param`. */
export function insideJurisdiction(col: string, param: string): string {
  return `EXISTS (SELECT 1 FROM unnest(${param}::text[]) AS jur(jur_code) WHERE ${col} LIKE jur.jur_code || '%')`;
}

/** SQL: `col` lies inside a jurisdiction or is an ancestor of one (listed for context). */
export function overlapsJurisdiction(col: string, param: string): string {
  return `EXISTS (SELECT 1 FROM unnest(${param}::text[]) AS jur(jur_code) WHERE ${col} LIKE jur.jur_code || '%' OR jur.jur_code LIKE ${col} || '%')`;
}

/**
 * Whether `code` (a region, district, community or grid code: they nest by prefix) lies inside
 * one of `jurisdictions` — a jurisdiction's code is a prefix of it (4201, a city, holds 420111).
 */
export function isInsideJurisdiction(jurisdictions: readonly string[], code: string): boolean {
  return jurisdictions.some((j) => code.startsWith(j));
}

/**
 * The check of every write or read that needs a whole region, district or grid: a 403 naming
 * it unless it lies inside one of `jurisdictions` (a district must lie wholly inside, so a
 * jurisdiction of one of its communities is not enough).
 */
export function requireInsideJurisdiction(jurisdictions: readonly string[], code: string, what: 'region' | 'district' | 'grid'): void {
  if (isInsideJurisdiction(jurisdictions, code)) return;
  throw forbidden(
    what === 'district' ? `district ${code} is not wholly inside your jurisdiction` : `${what} ${code} is outside your jurisdiction`,
  );
}

/** Whether a region is inside a jurisdiction or an ancestor of one. */
export function overlaps(jurisdictions: readonly string[], code: string): boolean {
  return jurisdictions.some((j) => code.startsWith(j) || j.startsWith(code));
}

export function currentUser(c: Context<AppEnv>): SessionUser {
  const user = c.var.user;
  if (!user) throw unauthorized('login required');
  return user;
}

/**
 * The region a request asks for, checked against the caller's jurisdiction: a region
 * outside it is a 403 (not a 404 and not an empty answer). Without a code: the loaded
 * district when the caller may see it, else the district of their first jurisdiction.
 */
export async function resolveRegionFor(c: Context<AppEnv>, code: string | undefined): Promise<RegionScope> {
  const user = currentUser(c);
  if (user.jurisdictions.length === 0) throw forbidden('you have no jurisdiction: ask an administrator to assign one');
  if (code !== undefined) {
    if (!overlaps(user.jurisdictions, code)) throw forbidden(`region ${code} is outside your jurisdiction`);
    return resolveRegion(c.var.db, code);
  }
  const first = await resolveRegion(c.var.db, undefined);
  if (overlaps(user.jurisdictions, first.code)) return first;
  const j = user.jurisdictions[0]!;
  if (j.length >= 6) return resolveRegion(c.var.db, j.slice(0, 6));
  // A city's or province's jurisdiction: its first district in the database.
  const d = await c.var.db.query<{ code: string }>(
    `SELECT district_code::text AS code FROM districts WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS jur(jur_code) WHERE district_code LIKE jur.jur_code || '%') ORDER BY district_code LIMIT 1`,
    [user.jurisdictions],
  );
  if (!d.rows[0]) throw notSeeded();
  return resolveRegion(c.var.db, d.rows[0].code);
}
