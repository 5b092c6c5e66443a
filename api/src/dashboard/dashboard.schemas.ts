/**
 * The dashboard (驾驶舱, issue 17): `GET /api/dashboard?region&period&asOf` — a region's figures
 * for a period, the period before it and the same period a year before, each with the map view
 * that explains it. Counts are whole numbers, shares 0–1, rates per 1,000 households, hours
 * decimal hours; dates `YYYY-MM-DD` Asia/Shanghai, `to` exclusive.
 */
import { z } from '@hono/zod-openapi';
import { JobAcceptedSchema } from '../jobs/jobs.schemas.js';
import { regionCodeSchema } from '../regions/region-scope.js';
import { isoDateSchema } from '../analytics/patrols-period.js';
import { SuppressedCellSchema } from '../special-groups/special-groups.schemas.js';

export const DashboardQuerySchema = z.object({
  region: regionCodeSchema.optional().openapi({
    description: 'district, subdistrict or community code inside your jurisdiction; default: your jurisdiction (or the district)',
  }),
  period: z
    .string()
    .regex(/^(\d{4}(-(0[1-9]|1[0-2]))?|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$/, {
      error: 'expected a month YYYY-MM, a year YYYY or a range of days YYYY-MM-DD..YYYY-MM-DD (to exclusive), e.g. 2026-10',
    })
    .optional()
    .openapi({
      description:
        'a month YYYY-MM, a year YYYY, or any days YYYY-MM-DD..YYYY-MM-DD (`to` exclusive, at most three years; compared with as many days just before and the same days a year before); default: the last month that has ended by `asOf`',
      example: '2026-10',
    }),
  asOf: isoDateSchema
    .optional()
    .openapi({ description: 'figures as they stood at the end of this day (briefings pin to it); default: the district reference date' }),
  top: z.coerce.number().int().min(1).max(50).default(5).openapi({ description: 'heaviest grids listed (default 5)' }),
  idleDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(7)
    .openapi({ description: 'a grid counts as not patrolled when no track touched it for this many days (default 7)' }),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

/** A window of days, `to` exclusive, as `YYYY-MM-DD` (Asia/Shanghai). */
export const DashboardWindowSchema = z
  .object({ from: z.string().openapi({ example: '2026-10-01' }), to: z.string().openapi({ example: '2026-11-01' }) })
  .openapi('DashboardWindow');
export type DashboardWindow = z.infer<typeof DashboardWindowSchema>;

/**
 * Where the web opens the map that explains a figure: the view (`analyst` map, `district`
 * planning map, `plans` list), its layer, the period, the region and the filter to apply.
 */
export const MapLinkSchema = z
  .object({
    view: z.enum(['analyst', 'district', 'plans']),
    layer: z
      .string()
      .openapi({ description: 'analyst: heat, hexbin, points, choropleth, tracks, coverage, special, workload; district: grids' }),
    period: DashboardWindowSchema,
    region: z.string(),
    filter: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
  })
  .openapi('DashboardMapLink');
export type MapLink = z.infer<typeof MapLinkSchema>;

/** One figure in the three periods; null where it cannot be known (e.g. no households to divide by). */
export const FigureSchema = z
  .object({
    value: z.number().nullable(),
    previous: z.number().nullable(),
    yearAgo: z.number().nullable(),
    unit: z.enum(['count', 'share', 'per_1000_households', 'hours', 'households']),
    link: MapLinkSchema,
  })
  .openapi('DashboardFigure');
export type Figure = z.infer<typeof FigureSchema>;

/**
 * Where a section's records begin in the region and whether a comparison reaches before that
 * (its window starts before `since`, so it counts part of its days or none): a reader shows a
 * note ("records from …") instead of a change in percent. Sections of states (grids, staffing)
 * have none: they are read at each window's end, whole.
 */
export const RecordsSinceSchema = z
  .object({
    since: z
      .string()
      .nullable()
      .openapi({ description: 'YYYY-MM-DD (Asia/Shanghai) of the region’s first record up to asOf; null: none', example: '2025-11-03' }),
    previousPartial: z.boolean().openapi({ description: 'the previous period starts before `since`: its figures are incomplete' }),
    yearAgoPartial: z.boolean().openapi({ description: 'the period a year before starts before `since`: its figures are incomplete' }),
  })
  .openapi('DashboardRecordsSince');
export type RecordsSince = z.infer<typeof RecordsSinceSchema>;

export const GridsSectionSchema = z
  .object({
    count: FigureSchema.openapi({ description: 'grids in force at the end of the period' }),
    withinShare: FigureSchema.openapi({ description: 'share of grids under the rule (all but exceptions) that meet it' }),
    within: FigureSchema,
    over: FigureSchema,
    under: FigureSchema,
    exceptions: z
      .object({
        dedicated: FigureSchema.openapi({ description: '专属网格: sized by their institution, outside the rule' }),
        singleUnitOverRule: FigureSchema.openapi({
          description: 'one building over the rule on its own: cannot be split, outside the rule',
        }),
      })
      .openapi({ description: 'grids outside the size rule: not counted in withinShare, over or under' }),
    plansWaiting: FigureSchema.openapi({ description: 'plans submitted and waiting for approval' }),
    rule: z.object({ maxHouseholds: z.number(), maxPersons: z.number(), combine: z.string(), underFillRatio: z.number() }),
  })
  .openapi('DashboardGrids');

export const StaffingSectionSchema = z
  .object({
    roles: z
      .array(z.object({ key: z.string(), zh: z.string(), en: z.string() }))
      .openapi({ description: 'the N+5 roles every grid needs' }),
    fullyStaffed: FigureSchema.openapi({ description: 'grids with every role filled (for the grid, its zone, community or subdistrict)' }),
    fullyStaffedShare: FigureSchema,
    vacancies: z.array(z.object({ role: z.string(), grids: FigureSchema.openapi({ description: 'grids lacking this role' }) })),
  })
  .openapi('DashboardStaffing');

export const HeavyGridSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    count: z.number(),
    households: z.number(),
    per1000: z.number().nullable(),
    link: MapLinkSchema,
  })
  .openapi('DashboardHeavyGrid');

export const IncidentsSectionSchema = z
  .object({
    records: RecordsSinceSchema.openapi({ description: 'the first incident reported in the region' }),
    count: FigureSchema,
    per1000Households: FigureSchema,
    byCategory: z.array(z.object({ category: z.string(), count: FigureSchema })),
    closedShare: FigureSchema.openapi({ description: 'of the period’s incidents not voided, the share closed by the end of the period' }),
    medianHoursToClose: FigureSchema,
    overdueOpen: FigureSchema.openapi({ description: 'incidents open past their deadline at the end of the period, whenever reported' }),
    closedOverdue: FigureSchema,
    returnedForRework: FigureSchema,
    heaviestGrids: z.array(HeavyGridSchema),
    series: z
      .object({
        months: z.array(z.string()).openapi({ description: '13 months YYYY-MM ending with the period’s last month' }),
        count: z.array(z.number()),
        per1000Households: z.array(z.number().nullable()),
        closedShare: z.array(z.number().nullable()),
        medianHoursToClose: z.array(z.number().nullable()),
        closedOverdue: z.array(z.number()),
        returnedForRework: z.array(z.number()),
      })
      .openapi({ description: 'per month, for sparklines (as of each month’s end, or asOf)' }),
  })
  .openapi('DashboardIncidents');

export const PatrolsReadySchema = z
  .object({
    status: z.literal('ready'),
    records: RecordsSinceSchema.openapi({ description: 'the first patrol track in the region' }),
    coverageShare: FigureSchema.openapi({ description: 'street length within 30 m of a track in the period ÷ street length' }),
    notPatrolled: FigureSchema.openapi({ description: 'grids no track touched in the last `idleDays` days of the period' }),
    idleDays: z.number(),
    deadCorners: FigureSchema.openapi({
      description: 'street segments (≤ 100 m) with no track within 30 m in the last `deadCornerDays` days',
    }),
    deadCornerDays: z.number(),
  })
  .openapi('DashboardPatrolsReady');

export const PatrolsPendingSchema = z
  .object({
    status: z.literal('pending'),
    idleDays: z.number().openapi({ description: 'the not-patrolled window the figures will have, in days' }),
    deadCornerDays: z.number().openapi({ description: 'the dead-corner window the figures will have, in days' }),
    jobs: z.array(JobAcceptedSchema).openapi({ description: 'the patrol days being worked out; ask again when they are done' }),
  })
  .openapi('DashboardPatrolsPending');

export const VisitCadenceSchema = z.enum(['monthly', 'quarterly', 'yearly']);

export const SpecialVisitsRowSchema = z.object({
  category: z.string(),
  zh: z.string(),
  en: z.string(),
  cadence: VisitCadenceSchema,
  window: DashboardWindowSchema.openapi({ description: 'the cadence window up to the end of the period (month, quarter or year to date)' }),
  due: SuppressedCellSchema.openapi({ description: 'people of the category who need a visit in the window' }),
  done: SuppressedCellSchema.openapi({ description: 'of them, visited in the window (a visit to their building)' }),
  previous: z.object({ due: SuppressedCellSchema, done: SuppressedCellSchema }),
  yearAgo: z.object({ due: SuppressedCellSchema, done: SuppressedCellSchema }),
  link: MapLinkSchema,
});

export const SpecialGroupsSectionSchema = z
  .object({
    threshold: z.number(),
    records: RecordsSinceSchema.openapi({
      description: 'the first visit in the region; a comparison is partial when the earliest cadence window it reads starts before it',
    }),
    rows: z.array(SpecialVisitsRowSchema),
    total: z.object({ due: SuppressedCellSchema, done: SuppressedCellSchema }),
  })
  .openapi('DashboardSpecialGroups');

export const DashboardSchema = z
  .object({
    region: z.object({ code: z.string(), name: z.string(), level: z.enum(['district', 'subdistrict', 'community']) }),
    period: z.object({
      key: z.string().openapi({ example: '2026-10' }),
      kind: z
        .enum(['month', 'year', 'range'])
        .openapi({ description: 'range: any days, compared with as many days before and the same days a year before' }),
      current: DashboardWindowSchema.openapi({ description: 'the period, cut at asOf when it ends later' }),
      previous: DashboardWindowSchema,
      yearAgo: DashboardWindowSchema,
    }),
    asOf: z.string().openapi({ description: 'YYYY-MM-DD: figures as they stood at the end of this day' }),
    households: z.number().openapi({ description: 'households of the region (buildings now)' }),
    grids: GridsSectionSchema,
    staffing: StaffingSectionSchema,
    incidents: IncidentsSectionSchema,
    patrols: z.union([PatrolsReadySchema, PatrolsPendingSchema]),
    specialGroups: SpecialGroupsSectionSchema.optional().openapi({
      description: 'absent (not zero) without the permission special_groups.aggregate; aggregates only, small counts suppressed',
    }),
  })
  .openapi('Dashboard');
export type Dashboard = z.infer<typeof DashboardSchema>;
export type GridsSection = z.infer<typeof GridsSectionSchema>;
export type StaffingSection = z.infer<typeof StaffingSectionSchema>;
export type IncidentsSection = z.infer<typeof IncidentsSectionSchema>;
export type PatrolsSection = Dashboard['patrols'];
export type SpecialGroupsSection = z.infer<typeof SpecialGroupsSectionSchema>;
export type VisitCadence = z.infer<typeof VisitCadenceSchema>;
