/**
 * Request and response shapes of the visit routes (`/api/visits/*`, issue 18): the district's
 * visit plan, recorded visits, and what is due and overdue per grid.
 */
import { z } from '@hono/zod-openapi';
import { VISIT_CADENCES, VISIT_CATEGORY_KEYS } from '@gridatlas/core';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR, isStorableDateTime } from '../http/safe-text.js';
import { SuppressedCellSchema } from '../special-groups/special-groups.schemas.js';

export const VisitCategorySchema = z
  .enum(VISIT_CATEGORY_KEYS)
  .openapi({ description: "'household' (ordinary households) or a special-group category" });
export const VisitCadenceSchema = z.enum(VISIT_CADENCES);

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DaySchema = z
  .string()
  .regex(DAY, { error: 'a calendar date YYYY-MM-DD' })
  .refine((d) => isStorableDateTime(`${d}T00:00:00Z`), { error: 'no such calendar date' })
  .openapi({ example: '2025-06-30', description: 'Asia/Shanghai calendar day' });

export const GridCodeParam = z.object({ code: z.string().regex(/^\d{15}$/, { error: 'a 15-digit grid code' }) });
export const VisitIdParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const text = (max: number) => z.string().trim().max(max).regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR });

export const VisitPlanSchema = z
  .object({
    districtCode: z.string(),
    plans: z.array(
      z.object({
        category: VisitCategorySchema,
        cadence: VisitCadenceSchema,
        source: z.string(),
        planned: z.boolean().openapi({ description: 'false: the default cadence (the district has not set its own)' }),
        updatedAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('VisitPlan');
export type VisitPlan = z.infer<typeof VisitPlanSchema>;
export type VisitRecordRequest = z.infer<typeof VisitRecordBody>;

export const VisitPlanUpdateBody = z
  .object({
    districtCode: z.string().regex(/^\d{6}$/),
    plans: z
      .array(
        z.object({
          category: VisitCategorySchema,
          cadence: VisitCadenceSchema,
          source: text(200).min(2).optional().openapi({ description: 'the rule it follows (e.g. 区民政局2025年走访要求)' }),
        }),
      )
      .min(1),
  })
  .strict();

export const VisitRecordBody = z
  .object({
    gridCode: z.string().regex(/^\d{15}$/),
    buildingId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    category: VisitCategorySchema,
    visitedAt: z
      .string()
      .refine(isStorableDateTime, { error: 'an ISO 8601 date-time with offset' })
      .openapi({ example: '2025-06-28T10:30:00+08:00' }),
    household: text(40).min(1).optional().openapi({ description: 'door label ("3-201"), never a name' }),
    note: text(500).optional().openapi({ description: 'free text; stored, never logged or audited' }),
  })
  .strict();

export const VisitCorrectionBody = z
  .object({
    version: z.number().int().positive(),
    category: VisitCategorySchema.optional(),
    visitedAt: VisitRecordBody.shape.visitedAt.optional(),
    household: text(40).min(1).nullable().optional(),
    note: text(500).nullable().optional(),
  })
  .strict();

export const VisitWithdrawQuery = z.object({
  version: z.coerce.number().int().positive(),
  reason: text(200).min(2, { error: 'required: say why the visit is withdrawn' }),
});

export const VisitSchema = z
  .object({
    id: z.number(),
    staffId: z.number(),
    staffName: z.string(),
    buildingId: z.number(),
    buildingName: z.string(),
    gridCode: z.string().nullable(),
    category: z.string().nullable(),
    household: z.string().nullable(),
    note: z.string().nullable(),
    visitedAt: z.string(),
    recordedAt: z.string().nullable(),
    version: z.number(),
    withdrawn: z.object({ at: z.string(), reason: z.string() }).nullable(),
  })
  .openapi('Visit');
export type Visit = z.infer<typeof VisitSchema>;

export const GridVisitsSchema = z.object({ grid: z.string(), visits: z.array(VisitSchema), truncated: z.boolean() }).openapi('GridVisits');
export type GridVisits = z.infer<typeof GridVisitsSchema>;

const cell = SuppressedCellSchema;
export const VisitDueGridsSchema = z
  .object({
    day: z.string(),
    category: z.string().nullable().openapi({ description: 'null: all special-group categories together' }),
    threshold: z.number(),
    suppressed: z.boolean().openapi({ description: 'false for ordinary households (counts of households, not persons)' }),
    rows: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        due: cell,
        done: cell,
        pending: cell,
        overdue: cell,
        maxOverdueDays: z.number().nullable().openapi({ description: 'days; null when none is overdue or the overdue count is withheld' }),
      }),
    ),
    totals: z.object({ due: cell, done: cell, pending: cell, overdue: cell }),
  })
  .openapi('VisitDueGrids');
export type VisitDueGrids = z.infer<typeof VisitDueGridsSchema>;

export const VisitDueItemSchema = z
  .object({
    gridCode: z.string(),
    category: z.string(),
    cadence: VisitCadenceSchema,
    recordId: z.number().nullable().openapi({ description: 'the special-group record; null for ordinary households' }),
    buildingId: z.number(),
    buildingName: z.string(),
    units: z.number().openapi({ description: 'persons (1) or households of the building still to visit' }),
    overdue: z.number().openapi({ description: 'of units, how many missed the previous period too' }),
    overdueDays: z.number().nullable(),
    lastVisit: z.string().nullable(),
    dueBy: z.string().openapi({ description: 'the last day of the current period' }),
  })
  .openapi('VisitDueItem');
export type VisitDueItem = z.infer<typeof VisitDueItemSchema>;

export const VisitDueListSchema = z
  .object({ day: z.string(), grids: z.array(z.object({ code: z.string(), name: z.string() })), items: z.array(VisitDueItemSchema) })
  .openapi('VisitDueList');
export type VisitDueList = z.infer<typeof VisitDueListSchema>;
