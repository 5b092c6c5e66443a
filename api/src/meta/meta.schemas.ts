/** `GET /api/meta` (a district's metadata and rule profile) and `GET /api/health`. */
import { z } from '@hono/zod-openapi';
import { RULE_FIELDS } from '../rule-profiles/rule-profiles.schemas.js';

export const MetaSchema = z
  .object({
    district: z.object({ code: z.string(), name: z.string() }),
    synthetic: z.boolean(),
    scale: z.string().nullable(),
    referenceDate: z.string().nullable().openapi({ example: '2025-06-30' }),
    ruleProfile: z.object(RULE_FIELDS),
    counts: z.object({
      subdistricts: z.number(),
      communities: z.number(),
      compounds: z.number(),
      buildings: z.number(),
      households: z.number(),
      persons: z.number(),
      grids: z.number(),
    }),
  })
  .openapi('Meta');
export type Meta = z.infer<typeof MetaSchema>;

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['embedded', 'postgresql']),
    postgis: z.string().openapi({ example: '3.6.2' }),
    seeded: z.boolean(),
  })
  .openapi('Health');
export type Health = z.infer<typeof HealthSchema>;
