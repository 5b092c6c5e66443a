/**
 * `slideFigure()`: a slide's key figure read off `dashboardFigures()` — the presenter's figure
 * (`GET /api/briefings/{id}/slides/{slideId}/figure`) and the briefing report's come from here,
 * so a slide says what the dashboard says for the same region, period and filters.
 *
 * Which figure: incident layers → incidents (the slide's categories summed from the
 * dashboard's per-category counts); the rate choropleth → incidents per 1,000 households;
 * patrol layers → street coverage share (days since patrol → grids not patrolled); special
 * groups → visits done (aggregate, suppressed as the dashboard suppresses them); workload →
 * grids over the rule; households → households; the district map → share of grids within the
 * rule.
 */
import type { Db } from '../db/db.types.js';
import type { DashboardRequest } from '../dashboard/dashboard-figures.js';
import { dashboardFigures, dashboardRegion } from '../dashboard/dashboard-figures.js';
import type { Dashboard, Figure, RecordsSince } from '../dashboard/dashboard.schemas.js';
import { referenceDay, shanghaiDate } from '../analytics/patrols-period.js';
import type { SuppressedCellValue } from '../special-groups/special-groups.schemas.js';
import type { Job } from '../jobs/job.store.js';
import type { BriefingView } from './briefings.schemas.js';
import type { ReadySlideFigure, SlideFigure, SlideFigureKind } from './slide-figure.schemas.js';
import { slideDashboardQuery, type SlideDashboardQuery } from './slide-period-query.js';

/** Figures resting on what the database keeps no history of (buildings' households, hence grid loads). */
const WITHOUT_HISTORY = new Set<SlideFigureKind>(['incidentsPer1000', 'gridsOver', 'households', 'gridsWithinShare']);
const INCIDENT_LAYERS = new Set(['heat', 'hexbin', 'points', 'choropleth']);

/** The figure a view shows. */
export function slideFigureKind(view: BriefingView): SlideFigureKind {
  if (view.map === 'district') return 'gridsWithinShare';
  const metric = view.layer === 'choropleth' ? view.metric : null;
  if (view.layer === 'special' || metric === 'special') return 'specialVisitsDone';
  if (metric === 'daysSincePatrol') return 'notPatrolled';
  if (view.layer === 'tracks' || view.layer === 'coverage' || metric === 'coverage' || metric === 'patrolMinutes') return 'coverageShare';
  if (metric === 'households') return 'households';
  if (view.layer === 'workload' || metric === 'workload') return 'gridsOver';
  if (metric === 'perThousand') return 'incidentsPer1000';
  if (INCIDENT_LAYERS.has(view.layer)) return 'incidents';
  return 'incidents';
}

const cellCount = (c: SuppressedCellValue | undefined): number | null => (c && 'count' in c ? c.count : null);
const cellDisplay = (c: SuppressedCellValue | undefined): string | null => (c && 'display' in c ? c.display : null);
const round2 = (n: number): number => Math.round(n * 100) / 100;

type Picked = Omit<ReadySlideFigure, 'status' | 'kind' | 'dashboard' | 'window' | 'exact' | 'asOfNow'>;

const fromFigure = (f: Figure, records: RecordsSince | null, categories: string[] = []): Picked => ({
  value: f.value,
  previous: f.previous,
  yearAgo: f.yearAgo,
  records,
  display: null,
  unit: f.unit,
  categories,
  link: f.link,
});

/** The slide's incidents: all of them, or the slide's categories summed (a category absent from the period counts 0). */
function incidents(body: Dashboard, categories: readonly string[]): Picked {
  if (categories.length === 0) return fromFigure(body.incidents.count, body.incidents.records);
  const byCategory = new Map(body.incidents.byCategory.map((b) => [b.category, b.count]));
  const of = (pick: (f: Figure) => number | null): number =>
    categories.reduce((s, c) => {
      const f = byCategory.get(c);
      return s + (f ? (pick(f) ?? 0) : 0);
    }, 0);
  return {
    value: of((f) => f.value),
    previous: of((f) => f.previous),
    yearAgo: of((f) => f.yearAgo),
    records: body.incidents.records,
    display: null,
    unit: 'count',
    categories: [...categories],
    link: { ...body.incidents.count.link, filter: { categories: [...categories] } },
  };
}

/** The dashboard's figure for the view, or why there is none. */
export function pickSlideFigure(
  view: BriefingView,
  body: Dashboard,
): Picked | { unavailable: 'special_groups_not_entitled' } | { pending: true } {
  const kind = slideFigureKind(view);
  const categories = view.map === 'analyst' ? view.categories : [];
  switch (kind) {
    case 'gridsWithinShare':
      return fromFigure(body.grids.withinShare, null);
    case 'gridsOver':
      return fromFigure(body.grids.over, null);
    case 'households':
      return {
        value: body.households,
        previous: null,
        yearAgo: null,
        records: null,
        display: null,
        unit: 'households',
        categories: [],
        link: null,
      };
    case 'incidents':
      return incidents(body, categories);
    case 'incidentsPer1000': {
      if (categories.length === 0) return fromFigure(body.incidents.per1000Households, body.incidents.records);
      // The dashboard's own rate (count × 1000 / the region's households, 2 decimals) of the categories' count.
      const count = incidents(body, categories);
      const rate = (n: number | null) => (n === null || body.households <= 0 ? null : round2((n * 1000) / body.households));
      return {
        ...count,
        value: rate(count.value),
        previous: rate(count.previous),
        yearAgo: rate(count.yearAgo),
        unit: 'per_1000_households',
      };
    }
    case 'coverageShare':
    case 'notPatrolled':
      if (body.patrols.status !== 'ready') return { pending: true };
      return fromFigure(kind === 'coverageShare' ? body.patrols.coverageShare : body.patrols.notPatrolled, body.patrols.records);
    case 'specialVisitsDone': {
      const special = body.specialGroups;
      if (!special) return { unavailable: 'special_groups_not_entitled' };
      const category = view.map === 'analyst' ? view.specialCategory : '';
      const row = category ? special.rows.find((r) => r.category === category) : undefined;
      if (row)
        return {
          value: cellCount(row.done),
          previous: cellCount(row.previous.done),
          yearAgo: cellCount(row.yearAgo.done),
          records: special.records,
          display: cellDisplay(row.done),
          unit: 'count',
          categories: [category],
          link: row.link,
        };
      // The dashboard totals the current period only.
      const link = special.rows[0]?.link ?? null;
      return {
        value: cellCount(special.total.done),
        previous: null,
        yearAgo: null,
        records: special.records,
        display: cellDisplay(special.total.done),
        unit: 'count',
        categories: [],
        link: link && { ...link, filter: {} },
      };
    }
  }
}

export interface SlideFigureResult {
  figure: SlideFigure;
  /** Patrol-day jobs created or reused (the caller wakes its runner). */
  jobs: Job[];
}

/**
 * The key figure of `view` in a briefing pinned to `pinnedAsOf` (null: live), as `user` may see
 * it; 403 when the view's region is outside the user's jurisdiction (from `dashboardFigures`).
 */
export async function slideFigure(
  db: Db,
  user: DashboardRequest['user'],
  view: BriefingView,
  pinnedAsOf: string | null,
  inlinePatrolTracks?: number,
): Promise<SlideFigureResult> {
  const region = await dashboardRegion(db, user, view.regionCode);
  const reference = shanghaiDate(await referenceDay(db, region.districtCode));
  const period = view.map === 'analyst' ? view.period : null;
  // A district-map slide has no period: the month that has ended by the pin (or the data), as the dashboard's default.
  const q: SlideDashboardQuery | null = period ? slideDashboardQuery(period, pinnedAsOf, reference) : null;
  const asOf = q?.asOf ?? pinnedAsOf ?? reference;
  const { body, jobs } = await dashboardFigures(db, {
    user,
    region: view.regionCode,
    period: q?.period,
    asOf,
    ...(inlinePatrolTracks !== undefined ? { inlinePatrolTracks } : {}),
  });
  const picked = pickSlideFigure(view, body);
  if ('pending' in picked) {
    const pending = body.patrols.status === 'pending' ? body.patrols.jobs : [];
    return { figure: { status: 'pending', jobs: pending }, jobs };
  }
  if ('unavailable' in picked) return { figure: { status: 'unavailable', reason: picked.unavailable }, jobs };
  const kind = slideFigureKind(view);
  const window = body.period.current;
  return {
    figure: {
      status: 'ready',
      kind,
      ...picked,
      dashboard: { region: body.region.code, period: body.period.key, asOf: body.asOf },
      window,
      exact: q === null || (window.from === q.window.from && window.to === q.window.to),
      asOfNow: WITHOUT_HISTORY.has(kind) && body.asOf < reference,
    },
    jobs,
  };
}
