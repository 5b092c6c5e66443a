/**
 * Response shapes of `/api/analytics/*` (incidents, patrols, workload, settings), named so
 * /api/openapi.json and the web's types (`@gridatlas/api/contract`) come from one place.
 * Coordinates are `[lng, lat]` degrees WGS84; lengths metres; times ISO 8601 or epoch seconds
 * where named so. Special-group shapes live in special-groups/special-groups.schemas.ts.
 */
import { z } from '@hono/zod-openapi';
import { MIN_SUPPRESSION_THRESHOLD, SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';

/** `GET /api/analytics/incidents/grids`: incident counts per grid of the plan in force when each happened. */
export const IncidentGridCountsSchema = z
  .object({
    rows: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        communityCode: z.string(),
        count: z.number(),
        households: z.number(),
        perThousandHouseholds: z
          .number()
          .nullable()
          .openapi({ description: 'incidents per 1,000 households; null for a grid without households' }),
      }),
    ),
    total: z.number().openapi({ description: 'incidents matching the filters' }),
    outside: z.number().openapi({ description: 'of them, incidents in no grid of the plan in force' }),
  })
  .openapi('IncidentGridCounts');
export type IncidentGridCounts = z.infer<typeof IncidentGridCountsSchema>;

/** `GET /api/analytics/incidents/hexbins`: hexagons holding incidents. */
export const IncidentHexbinsSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    sizeM: z.number().openapi({ description: 'hexagon edge length (= circumradius) on the ground at the viewport centre, metres' }),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number(),
        geometry: z
          .object({ type: z.literal('Polygon'), coordinates: z.array(z.unknown()) })
          .openapi({ description: 'GeoJSON, [lng, lat] WGS84' }),
        properties: z
          .object({ count: z.number(), i: z.number(), j: z.number() })
          .openapi({ description: 'i, j: the cell of the hexagon grid' }),
      }),
    ),
  })
  .openapi('IncidentHexbins');
export type IncidentHexbins = z.infer<typeof IncidentHexbinsSchema>;

/** `GET /api/analytics/incidents/points`: flat arrays, one entry (or pair) per incident. */
export const IncidentPointsSchema = z
  .object({
    count: z.number(),
    truncated: z.boolean().openapi({ description: 'more incidents matched than `limit`' }),
    positions: z.array(z.number()).openapi({ description: 'flat [lng, lat, lng, lat, …], degrees WGS84, 6 decimals' }),
    categories: z.array(z.number()).openapi({ description: 'per point, an index into categoryKeys' }),
    times: z.array(z.number()).openapi({ description: 'per point, reported time in epoch seconds' }),
    categoryKeys: z.array(z.string()),
  })
  .openapi('IncidentPoints');
export type IncidentPointsResponse = z.infer<typeof IncidentPointsSchema>;

/** `GET /api/analytics/patrols/tracks`: one day's tracks; timestamps parallel to `path`. */
export const PatrolTracksSchema = z
  .object({
    date: z.string(),
    tracks: z.array(
      z.object({
        id: z.number(),
        staffId: z.number(),
        gridCode: z.string(),
        startedAt: z.string(),
        endedAt: z.string(),
        path: z.array(z.tuple([z.number(), z.number()])).openapi({ description: '[lng, lat] degrees WGS84' }),
        timestamps: z.array(z.number()).openapi({ description: 'epoch seconds, one per path position' }),
      }),
    ),
  })
  .openapi('PatrolTracks');
export type PatrolTracks = z.infer<typeof PatrolTracksSchema>;

export const CoverageRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  communityCode: z.string(),
  streetLengthM: z.number().openapi({ description: 'metres of street inside the grid' }),
  coveredLengthM: z.number().openapi({ description: 'metres of it within 30 m of a track of the period' }),
  coveredShare: z.number().openapi({ description: '0–1; 0 for a grid without streets' }),
  daysSinceLastPatrol: z
    .number()
    .nullable()
    .openapi({ description: 'whole days from the last track touching the grid to the end of the period; null: never' }),
  patrolMinutes: z.number(),
});
export type CoverageRow = z.infer<typeof CoverageRowSchema>;

/** `GET /api/analytics/patrols/coverage` (200; a long period answers 202 with a job instead). */
export const PatrolCoverageSchema = z
  .object({ from: z.string(), to: z.string(), reachM: z.number(), rows: z.array(CoverageRowSchema) })
  .openapi('PatrolCoverage');
export type PatrolCoverage = z.infer<typeof PatrolCoverageSchema>;

export const DeadCornerFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.number(),
  geometry: z
    .object({ type: z.string(), coordinates: z.array(z.unknown()) })
    .openapi({ description: 'GeoJSON LineString, [lng, lat] WGS84' }),
  properties: z.object({
    streetId: z.number(),
    name: z.string(),
    class: z.string(),
    lengthM: z.number(),
    lastPatrolled: z.string().nullable(),
  }),
});
export type DeadCornerFeature = z.infer<typeof DeadCornerFeatureSchema>;

/** `GET /api/analytics/patrols/dead-corners`: street segments not patrolled in N days. */
export const DeadCornersSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    asOf: z.string().openapi({ description: 'the reference date the N days end on (inclusive)' }),
    days: z.number(),
    truncated: z.boolean(),
    features: z.array(DeadCornerFeatureSchema),
  })
  .openapi('PatrolDeadCorners');
export type DeadCorners = z.infer<typeof DeadCornersSchema>;

export const WorkloadRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  communityCode: z.string(),
  households: z.number(),
  persons: z.number(),
  specialWeighted: z.number().nullable().openapi({ description: 'Σ people × category weight; null without special_groups.aggregate' }),
  incidents: z.number(),
  visitsRequired: z
    .number()
    .nullable()
    .openapi({ description: 'visits the period needs (see visitRule); null without special_groups.aggregate' }),
  index: z.number().openapi({ description: 'workload relative to the district mean (1.0)' }),
});
export type WorkloadRow = z.infer<typeof WorkloadRowSchema>;

/** `GET /api/analytics/workload`: one row per grid. */
export const WorkloadSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    weights: z.object({}).catchall(z.unknown()).openapi({ description: 'the weights used (see AnalyticsSettings)' }),
    visitRule: z.string(),
    rows: z.array(WorkloadRowSchema),
  })
  .openapi('WorkloadIndex');
export type Workload = z.infer<typeof WorkloadSchema>;

/** Bucket sizes of an incident series. */
export const INTERVALS = ['day', 'week', 'month'] as const;

/** `GET /api/analytics/incidents/series`: `counts[category][bucket]`. */
export const IncidentSeriesSchema = z
  .object({
    interval: z.enum(INTERVALS),
    buckets: z.array(z.string()).openapi({ description: 'first day of each bucket, YYYY-MM-DD (Asia/Shanghai)' }),
    categories: z.array(z.string()).openapi({ description: 'most incidents first' }),
    counts: z.array(z.array(z.number())).openapi({ description: 'counts[category][bucket]' }),
  })
  .openapi('IncidentSeries');
export type IncidentSeries = z.infer<typeof IncidentSeriesSchema>;

export type IncidentGridRow = IncidentGridCounts['rows'][number];
export type PatrolTrack = PatrolTracks['tracks'][number];

const weight = z.number().min(0).max(1000);

export const WorkloadWeightsSchema = z
  .object({
    households: weight,
    persons: weight,
    incidents: weight,
    visits: weight,
    special: z.object(Object.fromEntries(SPECIAL_GROUP_CATEGORIES.map(({ key }) => [key, weight]))),
  })
  .openapi('WorkloadWeights', {
    description: 'workload per unit: one household, person, incident, required visit, special-group person by category',
  });
export type WorkloadWeights = z.infer<typeof WorkloadWeightsSchema>;

export const AnalyticsSettingsSchema = z
  .object({
    districtCode: z.string(),
    suppressionThreshold: z
      .number()
      .int()
      .openapi({ description: `cells with fewer people show as "<N"; never below ${MIN_SUPPRESSION_THRESHOLD}` }),
    workloadWeights: WorkloadWeightsSchema,
  })
  .openapi('AnalyticsSettings');
export type AnalyticsSettings = z.infer<typeof AnalyticsSettingsSchema>;

/** `PUT /api/analytics/settings`: fields left out keep their values. */
export const AnalyticsSettingsUpdateBody = z
  .object({
    districtCode: z
      .string()
      .regex(/^\d{6}$/, { error: 'expected a 6-digit district code' })
      .optional()
      .openapi({ description: 'default: the loaded district' }),
    suppressionThreshold: z
      .number()
      .int()
      .min(MIN_SUPPRESSION_THRESHOLD, { error: `the suppression threshold is never below ${MIN_SUPPRESSION_THRESHOLD}` })
      .max(1000)
      .optional(),
    workloadWeights: z
      .object({
        households: weight.optional(),
        persons: weight.optional(),
        incidents: weight.optional(),
        visits: weight.optional(),
        special: z.strictObject(Object.fromEntries(SPECIAL_GROUP_CATEGORIES.map(({ key }) => [key, weight.optional()]))).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type AnalyticsSettingsUpdate = z.input<typeof AnalyticsSettingsUpdateBody>;
