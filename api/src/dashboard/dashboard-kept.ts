/**
 * Whole dashboards kept under the versions of every piece of data they read, in memory and in
 * the database (`dashboard_responses`, migration 0037), so that the same dashboard asked again —
 * by the next leader, the wall screen's refresh, a report, or the first request of a fresh
 * process — is read instead of computed while nothing it depends on has moved.
 *
 * The version is read before the data (`dashboardVersion`), as the analytics cache's: new data
 * may be kept under an old version (a harmless miss later), old data never under a new one.
 * What it is made of, and which writes move each part:
 * - region version (0033): regions and boundaries, buildings, compounds, the district row,
 *   grids in force (plans approved, their grids);
 * - analytics version (0019): buildings, plan approvals, TRUNCATE of incidents or transitions;
 * - the newest incident month version (0027, 0037): incidents and their transitions;
 * - dashboard version (0037): roster (staff, assignments, roles), visits, special-group records
 *   and cadences, patrol tracks, streets and stretches, rule profiles, analytics settings, plans
 *   submitted or decided (kept patrol days follow from tracks and streets: working them out
 *   changes no answer, so it moves nothing).
 * A dashboard whose patrol section is pending (jobs working out days) is never kept. The
 * answer's shape (`SHAPE`) is part of the version, so rows kept before a field was added (the
 * sections' `records`, where their first records move with the writes above) are not served.
 */
import type { Db } from '../db/db.types.js';
import { responseCacheOf } from '../analytics/response-cache.js';
import type { RegionScope } from '../regions/region-scope.js';
import type { Dashboard } from './dashboard.schemas.js';

/** Raised whenever the answer gains or changes a field. */
const SHAPE = 2;

/** The composite version of a district's dashboards, read before their data. */
export async function dashboardVersion(db: Db, region: RegionScope): Promise<string> {
  const r = await db.query<{ region: string | null; dashboard: string | null }>(
    `SELECT (SELECT version FROM region_versions WHERE district_code = $1)::text AS region,
       (SELECT version FROM dashboard_versions WHERE district_code = $1)::text AS dashboard`,
    [region.districtCode],
  );
  const months = Math.max(0, ...Object.values(region.incidentMonths));
  return `s${SHAPE}.r${r.rows[0]?.region ?? 0}.a${region.analyticsVersion}.m${months}.d${r.rows[0]?.dashboard ?? 0}`;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Where a dashboard is kept: the district, what else it depends on (`key`), and its version. */
export interface KeptDashboardAt {
  districtCode: string;
  key: string;
  version: string;
}

/** The dashboard kept at exactly this version (memory first, then the database), or undefined. */
export async function keptDashboard(db: Db, at: KeptDashboardAt): Promise<Dashboard | undefined> {
  const memory = responseCacheOf(db);
  const cacheKey = `dashboard:${at.districtCode}:${at.key}`;
  const inMemory = memory.get(cacheKey, at.version);
  if (inMemory) return JSON.parse(decoder.decode(inMemory.bytes)) as Dashboard;
  const r = await db.query<{ body: string }>(
    `SELECT body FROM dashboard_responses WHERE district_code = $1 AND key = $2 AND version = $3`,
    [at.districtCode, at.key, at.version],
  );
  const body = r.rows[0]?.body;
  if (body === undefined) return undefined;
  memory.set(cacheKey, at.version, { bytes: encoder.encode(body), gzip: false });
  return JSON.parse(body) as Dashboard;
}

/**
 * Keeps a computed dashboard under its version, in memory and in the database; the district's
 * rows under other versions are dropped (versions only grow, so they can never be read again).
 */
export async function keepDashboard(db: Db, at: KeptDashboardAt, body: Dashboard): Promise<void> {
  const json = JSON.stringify(body);
  responseCacheOf(db).set(`dashboard:${at.districtCode}:${at.key}`, at.version, { bytes: encoder.encode(json), gzip: false });
  await db.query(`DELETE FROM dashboard_responses WHERE district_code = $1 AND version <> $2`, [at.districtCode, at.version]);
  await db.query(
    `INSERT INTO dashboard_responses (district_code, key, version, body) VALUES ($1, $2, $3, $4)
     ON CONFLICT (district_code, key) DO UPDATE SET version = excluded.version, body = excluded.body, computed_at = now()`,
    [at.districtCode, at.key, at.version, json],
  );
}
