/**
 * A grid code's history (`GET /api/grid-codes/:code`): issued, retired, the codes it came from
 * and went to; named so clients take their types from here (see ../contract.ts).
 */
import { z } from '@hono/zod-openapi';

export const GridCodeLinkSchema = z.object({ code: z.string(), planId: z.number(), sharedM2: z.number() });
export const GridCodeHistorySchema = z
  .object({
    code: z.string(),
    firstPlanId: z.number(),
    issuedAt: z.string().nullable().openapi({ description: 'when its first plan was approved' }),
    retiredAt: z.string().nullable(),
    retiredPlanId: z.number().nullable(),
    parents: z.array(GridCodeLinkSchema).openapi({ description: 'grids in force it took area from when it was issued' }),
    children: z.array(GridCodeLinkSchema).openapi({ description: 'grids issued later that took area from it' }),
  })
  .openapi('GridCodeHistory');

export type GridCodeLink = z.infer<typeof GridCodeLinkSchema>;
export type GridCodeHistory = z.infer<typeof GridCodeHistorySchema>;
