/**
 * Request and response shapes of the plan routes, and the limits a save must stay within.
 * Geometry is GeoJSON, `[lng, lat]` degrees WGS84; core's normalising step repairs or refuses
 * it after zod (grid-geometry-in.ts). Each schema `FooSchema` (or `…Body`, `…Param`) has its
 * type beside it: `z.input` for what a client sends, `z.infer` for what the API answers.
 */
import { z } from '@hono/zod-openapi';
import { errorBodySchema } from '../http/error.schemas.js';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';
import { featureCollectionSchema } from '../layers/layer-schemas.js';
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
export type CreatePlanRequest = z.input<typeof CreatePlanBody>;

export const GridFeatureIn = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string().max(100), z.number()]).optional(),
  geometry: z.unknown().openapi({ description: 'GeoJSON Polygon, [lng, lat] WGS84 degrees' }),
  properties: z.object({
    code: z
      .string()
      .regex(/^\d{12}(\d{3}|N[0-9A-Z]{2})$/, {
        error: 'expected a grid code: 15 digits, or a provisional code (community code + "N" + 2 characters)',
      })
      .optional()
      .openapi({ description: "absent for a new grid: it gets a provisional code, made final on the plan's approval" }),
    name: nameSchema,
    type: z.enum(['comprehensive', 'dedicated']),
    communityCode: z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit community code' }),
    zoneCode: z
      .string()
      .regex(/^\d{14}$/, { error: 'expected a 14-digit zone code' })
      .nullable()
      .optional(),
  }),
});

export const SaveGridsBody = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .openapi({ description: 'the version the edit started from' }),
    grids: z.object({ type: z.literal('FeatureCollection'), features: z.array(GridFeatureIn) }),
  })
  .openapi('SaveGrids');
export type SaveGridsRequest = z.input<typeof SaveGridsBody>;

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
    statusNote: z
      .string()
      .nullable()
      .openapi({ description: 'why the plan was last sent back or archived, as its approver or author wrote it' }),
  })
  .openapi('Plan');
export type PlanRecord = z.infer<typeof PlanSchema>;
export type PlanStatus = PlanRecord['status'];

/** `POST /api/plans` (201): the new draft and how many grids it copied. */
export const CreatedPlanSchema = PlanSchema.extend({ grids: z.number().openapi({ description: 'grids copied into the draft' }) }).openapi(
  'CreatedPlan',
);
export type CreatedPlan = z.infer<typeof CreatedPlanSchema>;

export const PlansListSchema = z.object({ plans: z.array(PlanSchema) }).openapi('PlanList');
export type PlansList = z.infer<typeof PlansListSchema>;

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
    shape: z
      .object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) })
      .optional()
      .openapi({ description: 'the largest piece of a gap, overlap or overhang' }),
    figures: z.record(z.string(), z.number()).optional(),
    message: z.string(),
  })
  .openapi('PlanProblem');
export type PlanProblem = z.infer<typeof PlanProblemSchema>;

/** `{ version }`: the version the caller last saw (optimistic concurrency). */
export const VersionBody = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
    note: nameSchema.optional().openapi({ description: 'why (kept with the plan)' }),
  })
  .openapi('PlanTransition');
export type PlanTransitionRequest = z.input<typeof VersionBody>;

/** One problem a save was refused for: which grids, where, how large. */
export const GridProblemSchema = z
  .object({
    kind: z.enum([
      'invalid_geometry',
      'multipart',
      'outside_community',
      'overlap',
      'bad_community',
      'bad_zone',
      'bad_code',
      'duplicate_code',
      'retired_code',
    ]),
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

/** A stored grid of a plan, as `GET /api/plans/:id` sends it (a provisional code until approval). */
export const PlanGridPropertiesSchema = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(['comprehensive', 'dedicated']),
  communityCode: z.string(),
  zoneCode: z.string().nullable(),
});
export type PlanGridProperties = z.infer<typeof PlanGridPropertiesSchema>;
export const PlanGridCollectionSchema = featureCollectionSchema('PlanGrids', PlanGridPropertiesSchema);
export type PlanGridCollection = z.infer<typeof PlanGridCollectionSchema>;

/** `GET /api/plans/:id`: the plan, its grids inside the caller's jurisdiction and its stored warnings. */
export const PlanDetailSchema = z
  .object({ plan: PlanSchema, grids: PlanGridCollectionSchema, problems: z.array(PlanProblemSchema) })
  .openapi('PlanDetail');
export type PlanDetail = z.infer<typeof PlanDetailSchema>;

/** What every write of a draft's grids answers (a save, an engine run). */
const savedFields = {
  plan: PlanSchema,
  codes: z.array(z.string()).openapi({ description: 'the code of each feature sent, in order (new grids get provisional codes)' }),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  problems: z.array(PlanProblemSchema).openapi({ description: 'the warnings stored with the plan' }),
};

export const EngineBody = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .openapi({ description: 'the draft version the run starts from' }),
    communityCode: z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit community code' }),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1)
      .openapi({ description: 'same seed, same result' }),
  })
  .openapi('EngineRun');
export type EngineRunRequest = z.input<typeof EngineBody>;

export const DelineateBody = EngineBody.extend({
  targetFill: z
    .number()
    .gt(0, { error: 'targetFill must be above 0' })
    .max(1, { error: 'targetFill is a share of the caps, at most 1' })
    .default(1)
    .openapi({
      description:
        'plan grids to at most this share of the caps (e.g. 0.85), so they absorb growth without redrawing; compliance is still judged against the full caps',
    }),
  balance: z
    .enum(['none', 'households', 'persons'])
    .default('none')
    .openapi({ description: 'even out households or persons between the grids of the community' }),
}).openapi('DelineateRun');
export type DelineateRequest = z.input<typeof DelineateBody>;

const Spread = z.object({ by: z.enum(['households', 'persons']), min: z.number(), max: z.number(), mean: z.number(), cv: z.number() });
export const DelineateReportSchema = z
  .object({
    grids: z.number(),
    lowerBound: z.number().openapi({ description: 'simple lower bound at the planned caps (target fill × caps)' }),
    l2Bound: z.number().openapi({ description: 'Martello–Toth L2 bound at the planned caps' }),
    ratio: z.number(),
    ratioL2: z.number(),
    targetFill: z.number(),
    exceptions: z.number(),
    compliant: z.boolean().openapi({
      description: 'from the written grids: every grid within the rule or an exception, every building in exactly one grid, no overlap',
    }),
    contiguous: z.boolean(),
    coverage: z.number(),
    overlapM2: z.number(),
    unplaced: z.array(z.string()),
    doubled: z.array(z.string()),
    violations: z.array(z.number()),
    households: z.number(),
    persons: z.number(),
    balance: Spread,
    ms: z.number(),
  })
  .catchall(z.unknown())
  .openapi('DelineateReport');
export type DelineateReport = z.infer<typeof DelineateReportSchema>;

export const RebalanceReportSchema = z
  .record(z.string(), z.unknown())
  .openapi({ description: 'violating, changedGrids, addedGrids, actions, householdsMoved, buildingsMoved, remaining, ms…' });

/** A unit the engine could not place within the caps (kept whole: an indivisible exception). */
export const EngineExceptionSchema = z.object({
  unitId: z.string(),
  households: z.number(),
  persons: z.number(),
  buildings: z.array(z.string()).optional(),
  message: z.string(),
});
export type EngineException = z.infer<typeof EngineExceptionSchema>;

/** `POST /api/plans/:id/delineate|rebalance` (200): the save's reply, the engine's report and its exceptions. */
export const EngineRunResultSchema = <R extends z.ZodType>(report: R) =>
  z.object({ ...savedFields, exceptions: z.array(EngineExceptionSchema), report });
export type DelineateResult = z.infer<ReturnType<typeof EngineRunResultSchema<typeof DelineateReportSchema>>>;
export type RebalanceResult = z.infer<ReturnType<typeof EngineRunResultSchema<typeof RebalanceReportSchema>>>;

/** `PUT /api/plans/:id/grids` (200). */
export const SaveGridsResultSchema = z.object({ ...savedFields, repairs: z.array(GridRepairSchema) }).openapi('SaveGridsResult');
export type SaveGridsResult = z.infer<typeof SaveGridsResultSchema>;

/** `POST /api/plans/:id/submit|approve|return|archive` (200). */
export const PlanTransitionResultSchema = z
  .object({
    plan: PlanSchema,
    codes: z.record(z.string(), z.string()).optional().openapi({ description: 'on approval: provisional code → final code' }),
    problems: z.array(PlanProblemSchema).optional(),
  })
  .openapi('PlanTransitionResult');
export type PlanTransitionResult = z.infer<typeof PlanTransitionResultSchema>;

/** One save since the version a refused save started from. */
export const PlanRevisionSchema = z.object({
  version: z.number(),
  savedAt: z.string().openapi({ description: 'ISO 8601' }),
  savedBy: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
});
export type PlanRevision = z.infer<typeof PlanRevisionSchema>;

/** 409 details of a save that started from an old version: who saved since and the net change of codes. */
export const SaveDraftConflictDetailSchema = z
  .object({
    currentVersion: z.number(),
    updatedAt: z.string(),
    since: z.array(PlanRevisionSchema),
    added: z.array(z.string()).openapi({ description: 'grid codes added since, net' }),
    removed: z.array(z.string()).openapi({ description: 'grid codes removed since, net' }),
  })
  .openapi('SaveDraftConflictDetail');
export type SaveDraftConflictDetail = z.infer<typeof SaveDraftConflictDetailSchema>;

/** 409 details of a step the plan's status does not allow (e.g. a save to an approved plan). */
export const PlanStatusConflictDetailSchema = z.object({ status: PlanSchema.shape.status }).openapi('PlanStatusConflictDetail');
export type PlanStatusConflictDetail = z.infer<typeof PlanStatusConflictDetailSchema>;

/** 409 details of a transition or engine run that started from an old version. */
export const PlanVersionConflictDetailSchema = z.object({ currentVersion: z.number() }).openapi('PlanVersionConflictDetail');
export type PlanVersionConflictDetail = z.infer<typeof PlanVersionConflictDetailSchema>;

/** 409 details of an approval refused because grid codes were retired by another plan meanwhile. */
export const RetiredCodesConflictDetailSchema = z.object({ retired: z.array(z.string()) }).openapi('RetiredCodesConflictDetail');
export type RetiredCodesConflictDetail = z.infer<typeof RetiredCodesConflictDetailSchema>;

export const PlanConflictDetailSchema = z.union([
  SaveDraftConflictDetailSchema,
  PlanStatusConflictDetailSchema,
  PlanVersionConflictDetailSchema,
  RetiredCodesConflictDetailSchema,
]);
/** Any 409 of the plan routes; tell them apart by their fields. */
export type PlanConflictDetail = z.infer<typeof PlanConflictDetailSchema>;

/** 422 details of grids refused: every problem with the grids involved. */
export const GridProblemsDetailSchema = z.object({ problems: z.array(GridProblemSchema) }).openapi('GridProblemsDetail');
export type GridProblemsDetail = z.infer<typeof GridProblemsDetailSchema>;

const MovedUnitSchema = z.object({
  unit: z.string(),
  from: z.string().nullable().openapi({ description: 'grid code before; null: in no grid' }),
  to: z.string().nullable(),
  households: z.number(),
  persons: z.number(),
});

/** What a plan changes against another: codes by kind of change and the units that move grid. */
export const PlanDiffSchema = z
  .object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.string()).openapi({ description: 'same code, different shape' }),
    unchanged: z.array(z.string()),
    recoded: z.array(z.tuple([z.string(), z.string()])).openapi({ description: 'different code, same shape: [before, after]' }),
    moved: z.array(MovedUnitSchema),
    households: z.number().openapi({ description: 'households moved (total over `moved`)' }),
    persons: z.number(),
    buildings: z.number(),
  })
  .openapi('PlanDiff');
export type PlanDiff = z.infer<typeof PlanDiffSchema>;

/** A grid of either side of a comparison; `change` is added, removed, changed or unchanged. */
const DiffGridCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z
        .union([
          z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
          z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }),
        ])
        .openapi({ description: 'GeoJSON, [lng, lat] WGS84' }),
      properties: z.object({ code: z.string(), communityCode: z.string(), change: z.string() }),
    }),
  ),
});
export type DiffGridCollection = z.infer<typeof DiffGridCollectionSchema>;

/** `GET /api/plans/:id/diff`: the differences, and the grids of both sides for the map. */
export const PlanDiffResultSchema = z
  .object({
    base: z.string().openapi({ description: 'what the plan is compared with: "grids in force" or "plan N"' }),
    diff: PlanDiffSchema,
    before: DiffGridCollectionSchema,
    after: DiffGridCollectionSchema,
  })
  .openapi('PlanDiffResult');
export type PlanDiffResult = z.infer<typeof PlanDiffResultSchema>;

/** A 409 of the plan routes, its details by kind. */
export const planConflictResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema(PlanConflictDetailSchema) } },
});

/** A 422 listing the grids' problems (optional: some 422s explain in the message alone). */
export const gridProblemsResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema(GridProblemsDetailSchema) } },
});
