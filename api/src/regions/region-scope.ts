/**
 * Resolving the `region` a request is scoped to: the code must exist (404 otherwise); absent
 * means the whole (first) district. Queries then filter with `code LIKE region || '%'`,
 * which works because region codes nest by prefix.
 */
import { z } from '@hono/zod-openapi';
import type { Db } from '../db/db.types.js';
import { HttpError, notFound } from '../http/http-error.js';

export const REGION_CODE = /^\d{6}(\d{3}){0,2}$/;

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
}

export async function resolveRegion(db: Db, code: string | undefined): Promise<RegionScope> {
  const r = code
    ? await db.query<RegionScope>(
        `SELECT code, district_code AS "districtCode", level, name FROM regions
         WHERE district_code = left($1, 6) AND code = $1`,
        [code],
      )
    : await db.query<RegionScope>(
        `SELECT code, district_code AS "districtCode", level, name FROM regions
         WHERE level = 'district' ORDER BY code LIMIT 1`,
      );
  const region = r.rows[0];
  if (region) return region;
  if (code) throw notFound(`no region with code ${code}`);
  throw notSeeded();
}

export function notSeeded(): HttpError {
  return new HttpError(503, 'not_seeded', 'no district is loaded yet: run "pnpm gridatlas seed" or start with demo mode on');
}
