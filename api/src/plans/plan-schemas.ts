/**
 * Request and response shapes of the plan routes, and the limits a save must stay within.
 * Geometry is GeoJSON, `[lng, lat]` degrees WGS84; core's normalising step repairs or refuses
 * it after zod (grid-geometry-in.ts).
 */
import { z } from '@hono/zod-openapi';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';
import { regionCodeSchema } from '../regions/region-scope.js';

/** Most grids in one save (more is a 413). */
export const MAX_GRIDS = 5000;
/** Most vertices in one grid (more is a 422 for that grid). */
export const MAX_VERTICES_PER_GRID = 2000;
/** Most vertices over all grids of one save (more is a 413). */
export const MAX_TOTAL_VERTICES = 200_000;

const nameSchema = z.string().trim().min(1).max(200).regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR });

export const PlanIdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, { error: 'expected a plan id (a positive whole number)' })
    .openapi({ param: { name: 'id', in: 'path' }, example: '2' }),
});

export const CreatePlanBody = z
  .object({
    regionCode: regionCodeSchema.openapi({ description: 'a community (12 digits) or district (6 digits) code' }),
    name: nameSchema,
    fromPlanId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().openapi({
      description: 'copy the grids of this plan (inside the region); default: the approved grids in force',
    }),
  })
  .openapi('CreatePlan');

export const GridFeatureIn = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string().max(100), z.number()]).optional(),
  geometry: z.unknown().openapi({ description: 'GeoJSON Polygon, [lng, lat] WGS84 degrees' }),
  properties: z.object({
    code: z
      .string()
      .regex(/^\d{12}(\d{3}|N[0-9A-Z]{2})$/, { error: 'expected a grid code: 15 digits, or a provisional code (community code + "N" + 2 characters)' })
      .optional()
      .openapi({ description: 'absent for a new grid: it gets a provisional code, made final on the plan\'s approval' }),
    name: nameSchema,
    type: z.enum(['comprehensive', 'dedicated']),
    communityCode: z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit community code' }),
    zoneCode: z.string().regex(/^\d{14}$/, { error: 'expected a 14-digit zone code' }).nullable().optional(),
  }),
});

export const SaveGridsBody = z
  .object({
    version: z.number().int().min(1).max(2 ** 31 - 1).openapi({ description: 'the version the edit started from' }),
    grids: z.object({ type: z.literal('FeatureCollection'), features: z.array(GridFeatureIn) }),
  })
  .openapi('SaveGrids');

export type GridFeature = z.infer<typeof GridFeatureIn>;

export const PlanSchema = z
  .object({
    id: z.number(),
    districtCode: z.string(),
    regionCode: z.string(),
    name: z.string(),
    status: z.enum(['draft', 'submitted', 'approved', 'archived']),
    author: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    approvedAt: z.string().nullable(),
    version: z.number(),
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    approvedBy: z.string().nullable(),
    archivedAt: z.string().nullable(),
    statusNote: z.string().nullable(),
  })
  .openapi('Plan');

/** A problem of a plan found by the core rules: stored with the plan when it is a warning. */
export const PlanProblemSchema = z
  .object({
    kind: z.string(),
    severity: z.enum(['error', 'warning']),
    grids: z.array(z.string()),
    units: z.array(z.string()).optional(),
    communityCode: z.string().optional(),
    zoneCode: z.string().optional(),
    location: z.tuple([z.number(), z.number()]).optional().openapi({ description: '[lng, lat] WGS84' }),
    areaM2: z.number().optional(),
    shape: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }).optional().openapi({ description: 'the largest piece of a gap, overlap or overhang' }),
    figures: z.record(z.string(), z.number()).optional(),
    message: z.string(),
  })
  .openapi('PlanProblem');

/** `{ version }`: the version the caller last saw (optimistic concurrency). */
export const VersionBody = z
  .object({ version: z.number().int().min(1).max(2 ** 31 - 1), note: nameSchema.optional().openapi({ description: 'why (kept with the plan)' }) })
  .openapi('PlanTransition');

/** One problem a save was refused for: which grids, where, how large. */
export const GridProblemSchema = z
  .object({
    kind: z.enum(['invalid_geometry', 'multipart', 'outside_community', 'overlap', 'bad_community', 'bad_zone', 'bad_code', 'duplicate_code', 'retired_code']),
    grids: z.array(z.string()).openapi({ description: 'grid codes, or "#n" (0-based feature index) for a grid without a code' }),
    message: z.string(),
    areaM2: z.number().optional(),
    location: z.tuple([z.number(), z.number()]).optional().openapi({ description: '[lng, lat] WGS84' }),
  })
  .openapi('GridProblem');

export type GridProblem = z.infer<typeof GridProblemSchema>;

/** A repair the normalising step made to a grid sent in a save (the grid was stored repaired). */
export const GridRepairSchema = z
  .object({
    grid: z.string().openapi({ description: 'grid code, or "#n" (0-based feature index) for a grid without a code' }),
    reason: z.string().openapi({ description: 'ring_closed, duplicate_vertices, spike_removed, self_intersection, collapsed_linework…' }),
    detail: z.string(),
    areaBeforeM2: z.number(),
    areaAfterM2: z.number(),
  })
  .openapi('GridRepair');

export type GridRepair = z.infer<typeof GridRepairSchema>;
