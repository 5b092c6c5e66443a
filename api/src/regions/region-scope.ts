/**
 * Resolving the `region` a request is scoped to: the code must exist (404 otherwise); absent
 * means the whole (first) district. Queries then filter with `code LIKE region || '%'`,
 * which works because region codes nest by prefix.
 */
import { z } from '@hono/zod-openapi';
import type { Db } from '../db/db.types.js';
import { HttpError, notFound } from '../http/http-error.js';

export const REGION_CODE = /^\d{6}(\d{3}){0,2}$/;

/**
 * A jurisdiction: a region code, or the prefix of the statistical code above district level —
 * a province's 2 digits or a city's 4 (4201: every district of Wuhan in the database).
 */
export const JURISDICTION_CODE = /^(\d{2}|\d{4}|\d{6}(\d{3}){0,2})$/;

export const regionCodeSchema = z
  .string()
  .regex(REGION_CODE, {
    error: 'expected a region code of 6 (district), 9 (subdistrict) or 12 (community) digits, e.g. 610198001',
  })
  .openapi({ example: '610198001' });

export interface RegionScope {
  code: string;
  districtCode: string;
  level: 'district' | 'subdistrict' | 'community';
  name: string;
  /**
   * The district's analytics version (migration 0019), read with the region and so before any
   * of the request's data: what an analytics response computed now is kept under
   * (`serveCached`). Read here to spare a cached response a query of its own.
   */
  analyticsVersion: number;
  /**
   * The district's incident versions by month (`YYYY-MM` → version, migration 0027), read
   * likewise: what incident responses are kept under besides `analyticsVersion`.
   */
  incidentMonths: Record<string, number>;
}

const REGION_COLUMNS = `r.code, r.district_code AS "districtCode", r.level, r.name,
  coalesce((SELECT v.version FROM analytics_versions v WHERE v.district_code = r.district_code), 0) AS "analyticsVersion",
  coalesce((SELECT jsonb_object_agg(to_char(m.month, 'YYYY-MM'), m.version) FROM analytics_incident_months m WHERE m.district_code = r.district_code), '{}') AS "incidentMonths"`;

export async function resolveRegion(db: Db, code: string | undefined): Promise<RegionScope> {
  const r = code
    ? await db.query<RegionScope>(
        `SELECT ${REGION_COLUMNS} FROM regions r
         WHERE r.district_code = left($1, 6) AND r.code = $1`,
        [code],
        { prepared: true }, // every request scoped to a region runs it
      )
    : await db.query<RegionScope>(
        `SELECT ${REGION_COLUMNS} FROM regions r
         WHERE r.level = 'district' ORDER BY r.code LIMIT 1`,
        [],
        { prepared: true },
      );
  const region = r.rows[0];
  if (region) return { ...region, analyticsVersion: Number(region.analyticsVersion) };
  if (code) throw notFound(`no region with code ${code}`);
  throw notSeeded();
}

/**
 * What a first administrator does on an empty database (GRIDATLAS_DEMO=0): carried by every
 * `not_seeded` answer, so the web app can show the way in.
 */
export const GETTING_STARTED = {
  steps: [
    {
      step: 'create_district',
      zh: '上传区县边界，创建区县',
      api: 'POST /api/uploads, then POST /api/districts { code, name, uploadId }',
      cli: 'pnpm gridatlas district create --code <6 digits> --name <名称> --boundary <file>',
    },
    {
      step: 'import_communities',
      zh: '导入街道、社区边界',
      api: 'POST /api/districts/{code}/imports { layer: "subdistricts" | "communities", uploadId }',
      cli: 'pnpm gridatlas district import communities <file> --district <code>',
    },
    {
      step: 'import_buildings',
      zh: '导入楼栋（可估算户数）',
      api: 'POST /api/districts/{code}/imports { layer: "buildings", uploadId, estimateHouseholds }',
      cli: 'pnpm gridatlas district import buildings <file> --district <code> [--estimate-households]',
    },
    {
      step: 'import_registry_streets_grids',
      zh: '导入实有人口、道路、现有网格、人员名册',
      api: 'POST /api/districts/{code}/imports { layer: "registry" | "streets" | "grids" | "staff" | "special-groups", uploadId }',
      cli: 'pnpm gridatlas district import <layer> <file> --district <code>',
    },
  ],
  docs: 'docs/district-import-contract.md',
} as const;

export function notSeeded(): HttpError {
  return new HttpError(
    503,
    'not_seeded',
    'no district is loaded yet: an administrator creates one from its boundary (POST /api/districts, or "pnpm gridatlas district create"), or starts with demo mode on',
    { gettingStarted: GETTING_STARTED },
  );
}
