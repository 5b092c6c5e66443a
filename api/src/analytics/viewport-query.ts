/**
 * The viewport parameters of the map routes: `bbox=w,s,e,n` in degrees WGS84 (west < east,
 * south < north, latitudes within Web Mercator's ±85.0511°) and `zoom` (0–24, fractional).
 */
import { z } from '@hono/zod-openapi';
import { WEB_MERCATOR_MAX_LAT } from '@gridatlas/core';

export type Bbox = [west: number, south: number, east: number, north: number];

export const bboxSchema = z
  .string()
  .max(200)
  .transform((v, ctx): Bbox => {
    const parts = v.split(',');
    const nums = parts.map((s) => (/^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(s) ? Number(s) : NaN));
    const fail = (message: string): never => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (nums.length !== 4 || nums.some((n) => !Number.isFinite(n)))
      return fail('expected four numbers west,south,east,north in degrees, e.g. 108.90,34.20,108.94,34.22');
    const [w, s, e, n] = nums as Bbox;
    if (w < -180 || e > 180) return fail('longitudes must lie within -180..180');
    if (s < -WEB_MERCATOR_MAX_LAT || n > WEB_MERCATOR_MAX_LAT)
      return fail(`latitudes must lie within ±${WEB_MERCATOR_MAX_LAT.toFixed(4)} (Web Mercator)`);
    if (!(w < e) || !(s < n)) return fail('west must be less than east and south less than north');
    return [w, s, e, n];
  })
  .openapi({ type: 'string', description: 'viewport west,south,east,north in degrees WGS84', example: '108.90,34.20,108.94,34.22' });

export const zoomSchema = z
  .string()
  .regex(/^\d{1,2}(\.\d{1,6})?$/, { error: 'expected a zoom level between 0 and 24, e.g. 14 or 14.5' })
  .transform(Number)
  .refine((z) => z <= 24, { error: 'expected a zoom level between 0 and 24' })
  .openapi({ type: 'string', description: 'map zoom level (MapLibre, 512-px tiles)', example: '14' });
