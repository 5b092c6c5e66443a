/** The regions of the districts a user sees (`GET /api/regions`), bbox in degrees WGS84. */
import { z } from '@hono/zod-openapi';

export const RegionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['district', 'subdistrict', 'community']),
    parentCode: z.string().nullable(),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).openapi({ description: '[west, south, east, north], degrees WGS84' }),
    households: z.number(),
    estimatedHouseholds: z
      .number()
      .openapi({ description: 'of households, those estimated from floor area (marked as estimated wherever shown)' }),
    persons: z.number(),
    buildings: z.number(),
    grids: z.number(),
  })
  .openapi('Region');
export type Region = z.infer<typeof RegionSchema>;
export type RegionLevel = Region['level'];

export const RegionListSchema = z.object({ regions: z.array(RegionSchema) }).openapi('RegionList');
export type RegionList = z.infer<typeof RegionListSchema>;
