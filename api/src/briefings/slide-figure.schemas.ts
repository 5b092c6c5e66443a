/**
 * A slide's key figure (issue 17): one figure of the dashboard (`dashboardFigures()`) for the
 * slide's region, period and filters — the same number `/api/dashboard` gives for the query
 * named in `dashboard`, never a second computation. The query counts exactly the slide's days
 * (a month, a year or a range of days, cut at the pin), so `window` is the slide's period and
 * `exact` is true; `exact: false` is kept in the contract for readers of older answers.
 */
import { z } from '@hono/zod-openapi';
import { DashboardWindowSchema, MapLinkSchema, RecordsSinceSchema } from '../dashboard/dashboard.schemas.js';
import { JobAcceptedSchema } from '../jobs/jobs.schemas.js';

/** Which dashboard figure a slide shows, by its layer (and metric). */
export const SLIDE_FIGURE_KINDS = [
  'incidents',
  'incidentsPer1000',
  'coverageShare',
  'notPatrolled',
  'specialVisitsDone',
  'gridsOver',
  'households',
  'gridsWithinShare',
] as const;
export type SlideFigureKind = (typeof SLIDE_FIGURE_KINDS)[number];

export const SlideFigureQuerySchema = z
  .object({
    region: z.string().openapi({ description: 'the region code of the dashboard query' }),
    period: z.string().openapi({ description: 'YYYY-MM or YYYY' }),
    asOf: z.string().openapi({ description: 'YYYY-MM-DD' }),
  })
  .openapi('SlideFigureDashboardQuery');

const ReadySchema = z.object({
  status: z.literal('ready'),
  kind: z.enum(SLIDE_FIGURE_KINDS),
  value: z.number().nullable().openapi({ description: 'null when there is nothing to divide by, or when suppressed (see display)' }),
  previous: z.number().nullable().openapi({ description: 'the period before (a month or a year)' }),
  yearAgo: z.number().nullable().openapi({ description: 'the same period a year before' }),
  records: RecordsSinceSchema.nullable().openapi({
    description:
      'where the figure’s records begin (its dashboard section’s `records`) and whether `previous` or `yearAgo` reach before that: show a note, not a change; null for states (grids, households)',
  }),
  display: z.string().nullable().openapi({ description: 'the suppressed text ("<5") of a special-group count withheld, else null' }),
  unit: z.enum(['count', 'share', 'per_1000_households', 'hours', 'households']),
  categories: z.array(z.string()).openapi({ description: 'incident categories summed (none: all)' }),
  dashboard: SlideFigureQuerySchema.openapi({ description: '`/api/dashboard?region&period&asOf` gives this figure' }),
  window: DashboardWindowSchema.openapi({ description: 'the days counted (`to` exclusive)' }),
  exact: z.boolean().openapi({
    description: "the window is the slide's own period (cut at its pin): always so now that the dashboard answers ranges of days",
  }),
  asOfNow: z.boolean().openapi({
    description:
      'the figure (or what it divides by) has no history — households, grid loads (buildings as they are now) — and the window ends before the data’s reference day: it stands as of now, not as of the window',
  }),
  link: MapLinkSchema.nullable(),
});

const PendingSchema = z.object({
  status: z.literal('pending'),
  jobs: z.array(JobAcceptedSchema).openapi({ description: 'patrol days being worked out: ask again when they are done' }),
});

const UnavailableSchema = z.object({
  status: z.literal('unavailable'),
  reason: z.enum(['special_groups_not_entitled']).openapi({ description: 'why the slide has no figure for this user' }),
});

export const SlideFigureSchema = z.discriminatedUnion('status', [ReadySchema, PendingSchema, UnavailableSchema]).openapi('SlideFigure');
export type SlideFigure = z.infer<typeof SlideFigureSchema>;
export type ReadySlideFigure = Extract<SlideFigure, { status: 'ready' }>;
