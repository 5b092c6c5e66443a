/**
 * `GET /api/dashboard` and the one place its response becomes the view's model: figures in
 * display order with which way is better, the series for sparklines, the map links as analyst
 * states, special-group cells (possibly suppressed) as shares with their counts as text.
 */
import type { Dashboard, DashboardFigure, DashboardMapLink, DashboardRecordsSince, SuppressedCellValue } from '@gridatlas/api/contract';
import { getJson } from '../api/api-client';
import { ANALYST_LAYERS, CHOROPLETH_METRICS, type AnalystLayer, type ChoroplethMetric } from '../analyst/analyst-layers';
import type { DashboardQuery } from './dashboard.controller';
import type { CategoryFigure, DashboardModel, DashboardSection, Figure, FigureUnit, MapLink } from './dashboard-model';
import type { Better } from './delta';

export async function fetchDashboard(query: DashboardQuery, signal: AbortSignal): Promise<DashboardModel> {
  const params = new URLSearchParams({ region: query.region });
  if (query.period) params.set('period', query.period);
  if (query.asOf) params.set('asOf', query.asOf);
  return toModel(await getJson<Dashboard>(`/api/dashboard?${params.toString()}`, signal));
}

const UNITS: Record<DashboardFigure['unit'], FigureUnit> = {
  count: 'count',
  households: 'count',
  share: 'share',
  per_1000_households: 'perThousand',
  hours: 'hours',
};

const isLayer = (v: unknown): v is AnalystLayer => (ANALYST_LAYERS as readonly unknown[]).includes(v);
const isMetric = (v: unknown): v is ChoroplethMetric => (CHOROPLETH_METRICS as readonly unknown[]).includes(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? v.split(',') : []);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : undefined);

/** The API's deep link as an analyst state (or the district map on the region). */
export function mapLink(link: DashboardMapLink): MapLink {
  if (link.view !== 'analyst' || !isLayer(link.layer)) return { view: 'map', region: link.region };
  const f = link.filter;
  // Dead corners are drawn by the coverage layer (streets not patrolled in N days), not by the tracks.
  const layer: AnalystLayer = link.layer === 'tracks' && f.deadCornerDays !== undefined ? 'coverage' : link.layer;
  const metric = f.metric;
  const days = num(f.deadCornerDays ?? f.idleDays ?? f.days);
  const grid = typeof f.grid === 'string' ? f.grid : undefined;
  const categories = strings(f.categories ?? f.category);
  return {
    view: 'analyst',
    state: {
      layer,
      from: link.period.from,
      to: link.period.to,
      region: link.region,
      ...(isMetric(metric) ? { metric } : {}),
      // The special-group layer's category is a group, not an incident category.
      ...(layer === 'special' ? { specialCategory: categories[0] ?? '' } : { categories }),
      ...(layer === 'coverage' && days !== undefined && Number.isFinite(days) ? { deadDays: days } : {}),
      ...(grid ? { grid } : {}),
    },
  };
}

/**
 * A section's `records` as the comparisons that reach before its first record; none when both
 * are whole. An answer without `records` (an older API) compares as before.
 */
export function partialSince(records: DashboardRecordsSince | undefined): Figure['partialSince'] | undefined {
  if (!records || records.since === null || (!records.previousPartial && !records.yearAgoPartial)) return undefined;
  return {
    ...(records.previousPartial ? { previous: records.since } : {}),
    ...(records.yearAgoPartial ? { lastYear: records.since } : {}),
  };
}

/** `partialSince` of a section as a spread into a figure (nothing when whole). */
const partial = (records: DashboardRecordsSince | undefined): Pick<Figure, 'partialSince'> => {
  const p = partialSince(records);
  return p ? { partialSince: p } : {};
};

function figure(
  key: string,
  f: DashboardFigure,
  better: Better,
  extra: Partial<Figure> & { series?: readonly (number | null)[] } = {},
): Figure {
  return {
    key,
    value: f.value,
    previous: f.previous,
    lastYear: f.yearAgo,
    unit: UNITS[f.unit],
    better,
    series: [],
    link: mapLink(f.link),
    ...extra,
  };
}

const cellCount = (c: SuppressedCellValue): number | null => ('count' in c ? c.count : null);
const cellText = (c: SuppressedCellValue): string => ('count' in c ? String(c.count) : c.display);
function visitShare(cells: { due: SuppressedCellValue; done: SuppressedCellValue }): number | null {
  const due = cellCount(cells.due);
  const done = cellCount(cells.done);
  return due !== null && done !== null && due > 0 ? done / due : null;
}

export function toModel(d: Dashboard): DashboardModel {
  const s = d.incidents.series;
  const incidentsPartial = partial(d.incidents.records);
  const sections: DashboardSection[] = [
    {
      key: 'grids',
      figures: [
        figure('count', d.grids.count, 'neutral'),
        figure('withinShare', d.grids.withinShare, 'up', { detail: `${d.grids.within.value ?? '—'} / ${d.grids.count.value ?? '—'}` }),
        figure('over', d.grids.over, 'down'),
        figure('under', d.grids.under, 'down'),
        figure('dedicated', d.grids.exceptions.dedicated, 'neutral'),
        figure('singleUnitOverRule', d.grids.exceptions.singleUnitOverRule, 'neutral'),
        figure('plansWaiting', d.grids.plansWaiting, 'down'),
      ],
    },
    {
      key: 'staffing',
      figures: [
        figure('fullyStaffedShare', d.staffing.fullyStaffedShare, 'up', {
          detail: `${d.staffing.fullyStaffed.value ?? '—'} / ${d.grids.count.value ?? '—'}`,
        }),
        ...d.staffing.vacancies.map((v) => {
          const role = d.staffing.roles.find((r) => r.key === v.role);
          return figure(`vacancy.${v.role}`, v.grids, 'down', { label: role ? { zh: role.zh, en: role.en } : { zh: v.role, en: v.role } });
        }),
      ],
    },
    {
      key: 'incidents',
      figures: [
        figure('count', d.incidents.count, 'down', { series: s.count, ...incidentsPartial }),
        figure('per1000Households', d.incidents.per1000Households, 'down', { series: s.per1000Households, ...incidentsPartial }),
        figure('closedShare', d.incidents.closedShare, 'up', { series: s.closedShare, ...incidentsPartial }),
        figure('medianHoursToClose', d.incidents.medianHoursToClose, 'down', { series: s.medianHoursToClose, ...incidentsPartial }),
        figure('overdueOpen', d.incidents.overdueOpen, 'down', incidentsPartial),
        figure('closedOverdue', d.incidents.closedOverdue, 'down', { series: s.closedOverdue, ...incidentsPartial }),
        figure('returnedForRework', d.incidents.returnedForRework, 'down', { series: s.returnedForRework, ...incidentsPartial }),
      ],
    },
  ];
  const p = d.patrols;
  if (p.status === 'ready') {
    sections.push({
      key: 'patrols',
      figures: [
        figure('coverageShare', p.coverageShare, 'up', partial(p.records)),
        figure('notPatrolled', p.notPatrolled, 'down', { params: { days: p.idleDays }, ...partial(p.records) }),
        figure('deadCorners', p.deadCorners, 'down', { params: { days: p.deadCornerDays }, ...partial(p.records) }),
      ],
    });
  } else {
    // Being computed: the section says so rather than showing zeros.
    const pending = (key: string, params?: Figure['params']): Figure => ({
      key,
      ...(params ? { params } : {}),
      value: null,
      previous: null,
      lastYear: null,
      unit: key === 'coverageShare' ? 'share' : 'count',
      better: key === 'coverageShare' ? 'up' : 'down',
      series: [],
      missing: 'pending',
      link: null,
    });
    sections.push({
      key: 'patrols',
      figures: [
        pending('coverageShare'),
        pending('notPatrolled', { days: p.idleDays }),
        pending('deadCorners', { days: p.deadCornerDays }),
      ],
    });
  }
  const sg = d.specialGroups;
  if (sg) {
    const visits = (
      key: string,
      cells: { due: SuppressedCellValue; done: SuppressedCellValue },
      previous: typeof cells,
      lastYear: typeof cells,
    ): Figure => {
      const value = visitShare(cells);
      return {
        key,
        value,
        previous: visitShare(previous),
        lastYear: visitShare(lastYear),
        unit: 'share',
        better: 'up',
        series: [],
        detail: `${cellText(cells.done)} / ${cellText(cells.due)}`,
        ...(value === null && ('suppressed' in cells.due || 'suppressed' in cells.done) ? { missing: 'suppressed' as const } : {}),
        link: null,
      };
    };
    sections.push({
      key: 'special',
      figures: [
        // The API totals the current period only: nothing to compare, so nothing partial.
        { ...visits('total', sg.total, sg.total, sg.total), previous: null, lastYear: null },
        ...sg.rows.map((r) => ({
          ...visits(`visits.${r.category}`, r, r.previous, r.yearAgo),
          label: { zh: r.zh, en: r.en },
          ...partial(sg.records),
          cadence: r.cadence,
          link: mapLink(r.link),
        })),
      ],
    });
  }
  const categories: CategoryFigure[] = d.incidents.byCategory.map((c) => ({
    category: c.category,
    value: c.count.value,
    previous: c.count.previous,
    lastYear: c.count.yearAgo,
    ...incidentsPartial,
    link: mapLink(c.count.link),
  }));
  return {
    region: { code: d.region.code, name: d.region.name },
    period: d.period.key,
    windows: { current: d.period.current, previous: d.period.previous, lastYear: d.period.yearAgo },
    asOf: d.asOf,
    months: s.months,
    sections,
    pending: p.status === 'pending',
    categories,
    heaviest: d.incidents.heaviestGrids.map((g) => ({
      code: g.code,
      name: g.name,
      count: g.count,
      households: g.households,
      perThousand: g.per1000,
      link: mapLink(g.link),
    })),
  };
}
