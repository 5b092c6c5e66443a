/**
 * The monthly report of a region: the dashboard's figures (`dashboardFigures`, so the report
 * and the dashboard never disagree) for the month, the month before and the same month a year
 * before, laid out as sections — overview, grids, staffing, incidents, patrols and, only for
 * users with `special_groups.aggregate`, special groups (aggregates, suppressed as the
 * dashboard gives them). Maps: households per grid and incidents per 1,000 households per grid.
 */
import type { Db } from '../db/db.types.js';
import { dashboardFigures, dashboardRegion, type DashboardRequest } from '../dashboard/dashboard-figures.js';
import type { Dashboard, Figure, RecordsSince, SpecialGroupsSection } from '../dashboard/dashboard.schemas.js';
import { barChartSvg } from './charts/bar-chart.svg.js';
import { lineChartSvg } from './charts/line-chart.svg.js';
import { choroplethMap, incidentRatesByGrid } from './report-maps.js';
import {
  partialSince,
  type FigureFormat,
  type FigureSense,
  type KeyFigure,
  type ReportDocument,
  type ReportLang,
  type ReportSection,
} from './report-document.js';
import { formatNumber } from './report-format.js';
import { monthlyText, type MonthlyText } from './monthly-report.messages.js';

export interface MonthlyReportRequest {
  user: DashboardRequest['user'];
  region?: string | undefined;
  /** `YYYY-MM`; default the last month ended by the district's reference date. */
  period?: string | undefined;
  lang: ReportLang;
  /** Called between the slow steps (0 … 1). */
  progress?: (fraction: number, phase: string) => Promise<void>;
}

const FORMAT: Record<Figure['unit'], FigureFormat> = {
  count: 'count',
  share: 'share',
  per_1000_households: 'rate',
  hours: 'hours',
  households: 'count',
};

function figure(
  label: string,
  f: Figure,
  unit: string,
  sense: FigureSense,
  series?: readonly (number | null)[] | null,
  records?: RecordsSince,
): KeyFigure {
  const partial = records ? partialSince(records) : undefined;
  return {
    label,
    value: f.value,
    format: FORMAT[f.unit],
    unit,
    sense,
    previous: f.previous,
    yearBefore: f.yearAgo,
    ...(series ? { series } : {}),
    ...(partial ? { partialSince: partial } : {}),
  };
}

type Cell = SpecialGroupsSection['total']['due'];
const cellText = (c: Cell, lang: ReportLang): string => ('count' in c ? formatNumber(c.count, 'count', lang) : c.display);

function gridsSection(d: Dashboard, t: MonthlyText): ReportSection {
  const g = d.grids;
  return {
    key: 'grids',
    title: t.grids.title,
    summary: t.grids.summary(g, d),
    figures: [
      figure(t.grids.count, g.count, t.units.grids, 'neutral'),
      figure(t.grids.withinShare, g.withinShare, '', 'higher-better'),
      figure(t.grids.over, g.over, t.units.grids, 'lower-better'),
      figure(t.grids.under, g.under, t.units.grids, 'lower-better'),
      figure(t.grids.dedicated, g.exceptions.dedicated, t.units.grids, 'neutral'),
      figure(t.grids.singleUnit, g.exceptions.singleUnitOverRule, t.units.grids, 'neutral'),
      figure(t.grids.plansWaiting, g.plansWaiting, t.units.plans, 'lower-better'),
    ],
    charts: [],
    tables: [],
    notes: [t.grids.rule(g.rule)],
  };
}

function staffingSection(d: Dashboard, t: MonthlyText, lang: ReportLang): ReportSection {
  const s = d.staffing;
  const roleName = (key: string): string => {
    const r = s.roles.find((x) => x.key === key);
    return r ? (lang === 'zh' ? r.zh : r.en) : key;
  };
  return {
    key: 'staffing',
    title: t.staffing.title,
    figures: [
      figure(t.staffing.fully, s.fullyStaffed, t.units.grids, 'higher-better'),
      figure(t.staffing.fullyShare, s.fullyStaffedShare, '', 'higher-better'),
    ],
    charts: [],
    tables: [
      {
        title: t.staffing.vacancies,
        columns: [
          { label: t.staffing.role },
          { label: t.col.now, align: 'right' },
          { label: t.col.previous, align: 'right' },
          { label: t.col.yearAgo, align: 'right' },
        ],
        rows: s.vacancies.map((v) => [
          roleName(v.role),
          formatNumber(v.grids.value, 'count', lang),
          formatNumber(v.grids.previous, 'count', lang),
          formatNumber(v.grids.yearAgo, 'count', lang),
        ]),
        note: t.staffing.note,
      },
    ],
    notes: [],
  };
}

async function incidentsSection(db: Db, d: Dashboard, req: MonthlyReportRequest, t: MonthlyText): Promise<ReportSection> {
  const i = d.incidents;
  const lang = req.lang;
  const region = await dashboardRegion(db, req.user, d.region.code);
  const rates = await incidentRatesByGrid(db, region, req.user.jurisdictions, d.period.current);
  const map = await choroplethMap(db, d.region.code, rates.values, {
    title: t.incidents.mapTitle,
    legend: t.incidents.mapLegend,
    caption: t.incidents.mapCaption(d.period.key),
  });
  const categories = [...i.byCategory].sort((a, b) => (b.count.value ?? 0) - (a.count.value ?? 0));
  const bars = barChartSvg(
    categories.map((c) => ({ label: c.category, value: c.count.value ?? 0, compare: c.count.previous })),
    { width: 340, legend: [t.col.now, t.col.previous] },
  );
  const months = i.series.months.map((m) => (lang === 'zh' ? `${Number(m.slice(5))}月` : m.slice(2)));
  const line = lineChartSvg([{ label: t.incidents.count, values: i.series.count, color: '#b01c1c' }], {
    width: 340,
    height: 200,
    xLabels: months,
  });
  return {
    key: 'incidents',
    title: t.incidents.title,
    summary: t.incidents.summary(i, d),
    figures: [
      figure(t.incidents.count, i.count, t.units.incidents, 'lower-better', i.series.count, i.records),
      figure(t.incidents.per1000, i.per1000Households, t.units.per1000, 'lower-better', i.series.per1000Households, i.records),
      figure(t.incidents.closedShare, i.closedShare, '', 'higher-better', i.series.closedShare, i.records),
      figure(t.incidents.medianHours, i.medianHoursToClose, t.units.hours, 'lower-better', i.series.medianHoursToClose, i.records),
      figure(t.incidents.overdueOpen, i.overdueOpen, t.units.incidents, 'lower-better', null, i.records),
      figure(t.incidents.closedOverdue, i.closedOverdue, t.units.incidents, 'lower-better', i.series.closedOverdue, i.records),
      figure(t.incidents.rework, i.returnedForRework, t.units.incidents, 'lower-better', i.series.returnedForRework, i.records),
    ],
    map,
    charts: [
      { kind: 'chart', title: t.incidents.byCategory, svg: bars.svg, width: bars.width, height: bars.height },
      { kind: 'chart', title: t.incidents.series, svg: line.svg, width: line.width, height: line.height },
    ],
    tables: [
      {
        title: t.incidents.heaviest,
        columns: [
          { label: t.col.rank, align: 'right' },
          { label: t.col.gridCode },
          { label: t.col.gridName },
          { label: t.incidents.count, align: 'right' },
          { label: t.col.households, align: 'right' },
          { label: t.incidents.per1000, align: 'right' },
        ],
        rows: i.heaviestGrids.map((g, k) => [
          String(k + 1),
          g.code,
          g.name,
          formatNumber(g.count, 'count', lang),
          formatNumber(g.households, 'count', lang),
          formatNumber(g.per1000, 'rate', lang),
        ]),
      },
    ],
    notes: [t.incidents.note],
  };
}

function patrolsSection(d: Dashboard, t: MonthlyText): ReportSection {
  const p = d.patrols;
  if (p.status !== 'ready') {
    return { key: 'patrols', title: t.patrols.title, figures: [], charts: [], tables: [], notes: [t.patrols.pending] };
  }
  return {
    key: 'patrols',
    title: t.patrols.title,
    figures: [
      figure(t.patrols.coverage, p.coverageShare, '', 'higher-better', null, p.records),
      figure(t.patrols.notPatrolled(p.idleDays), p.notPatrolled, t.units.grids, 'lower-better', null, p.records),
      figure(t.patrols.deadCorners(p.deadCornerDays), p.deadCorners, t.units.segments, 'lower-better', null, p.records),
    ],
    charts: [],
    tables: [],
    notes: [t.patrols.note],
  };
}

function specialSection(s: SpecialGroupsSection, t: MonthlyText, lang: ReportLang): ReportSection {
  return {
    key: 'special-groups',
    title: t.special.title,
    figures: [],
    charts: [],
    tables: [
      {
        title: t.special.visits,
        columns: [
          { label: t.special.category },
          { label: t.special.cadence },
          { label: t.special.due, align: 'right' },
          { label: t.special.done, align: 'right' },
          { label: `${t.special.done}（${t.col.previous}）`, align: 'right' },
          { label: `${t.special.done}（${t.col.yearAgo}）`, align: 'right' },
        ],
        rows: [
          ...s.rows.map((r) => [
            lang === 'zh' ? r.zh : r.en,
            t.special.cadences[r.cadence],
            cellText(r.due, lang),
            cellText(r.done, lang),
            cellText(r.previous.done, lang),
            cellText(r.yearAgo.done, lang),
          ]),
          [t.special.total, '', cellText(s.total.due, lang), cellText(s.total.done, lang), '', ''],
        ],
        note: t.special.note(s.threshold),
      },
    ],
    notes: [],
  };
}

function overviewSection(d: Dashboard, t: MonthlyText): ReportSection {
  const figures = [
    figure(t.grids.count, d.grids.count, t.units.grids, 'neutral'),
    figure(t.grids.withinShare, d.grids.withinShare, '', 'higher-better'),
    figure(t.staffing.fullyShare, d.staffing.fullyStaffedShare, '', 'higher-better'),
    figure(t.incidents.count, d.incidents.count, t.units.incidents, 'lower-better', d.incidents.series.count, d.incidents.records),
    figure(t.incidents.per1000, d.incidents.per1000Households, t.units.per1000, 'lower-better', null, d.incidents.records),
    figure(t.incidents.closedShare, d.incidents.closedShare, '', 'higher-better', null, d.incidents.records),
  ];
  if (d.patrols.status === 'ready')
    figures.push(figure(t.patrols.coverage, d.patrols.coverageShare, '', 'higher-better', null, d.patrols.records));
  return { key: 'overview', title: t.overview.title, summary: t.overview.summary(d), figures, charts: [], tables: [], notes: [] };
}

/** Builds the monthly report of a region; checks the jurisdiction and the special-group entitlement through `dashboardFigures`. */
export async function buildMonthlyReport(db: Db, req: MonthlyReportRequest): Promise<ReportDocument> {
  const t = monthlyText(req.lang);
  await req.progress?.(0.05, 'figures');
  // Inside a job nothing else runs, so patrol days not yet worked out are worked out here rather than queued behind us.
  const { body: d } = await dashboardFigures(db, {
    user: req.user,
    region: req.region,
    period: req.period,
    inlinePatrolTracks: Number.MAX_SAFE_INTEGER,
  });
  await req.progress?.(0.35, 'maps');
  const region = await dashboardRegion(db, req.user, d.region.code);
  const households = await incidentRatesByGrid(db, region, req.user.jurisdictions, d.period.current);
  const gridsMap = await choroplethMap(db, d.region.code, new Map([...households.households].map(([k, v]) => [k, v])), {
    title: t.grids.mapTitle,
    legend: t.grids.mapLegend,
  });
  const grids = { ...gridsSection(d, t), map: gridsMap };
  const incidents = await incidentsSection(db, d, req, t);
  await req.progress?.(0.55, 'layout');
  const sections = [overviewSection(d, t), grids, staffingSection(d, t, req.lang), incidents, patrolsSection(d, t)];
  if (d.specialGroups) sections.push(specialSection(d.specialGroups, t, req.lang));
  return {
    lang: req.lang,
    kind: 'monthly',
    title: t.title(d.region.name),
    subtitle: t.subtitle(d.period.key),
    region: { code: d.region.code, name: d.region.name },
    period: d.period.key,
    asOf: d.asOf,
    generatedAt: new Date().toISOString(),
    issuer: d.region.name,
    sections,
  };
}
