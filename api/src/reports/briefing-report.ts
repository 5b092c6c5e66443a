/**
 * A briefing as a report: one section (one PDF page, one slide) per briefing slide, with the
 * slide's title and note, its key figure and a map. The map is a print rendering of the
 * slide's view — its region and period drawn by the print engine's SVG map as a choropleth of
 * the layer's per-grid figure — not a screenshot of the web map: a screenshot needs a WebGL
 * browser session, the basemap tiles and the deck.gl layers to settle in a headless page, and
 * would print at screen resolution; the vector map prints sharp and needs only the database.
 *
 * Incident layers (heat, hexbin, points, choropleth of counts or rates) print incidents per
 * 1,000 households per grid for the slide's period and categories. Other layers (tracks,
 * coverage, special groups, workload) print households per grid, and say so on the page: their
 * live form stays in the presentation. A district-map slide showing grids prints them coloured by
 * the size rule with the live map's legend (classes, colours, the rule), as the district map does. The key figure is the slide's
 * (`slideFigure()`, read off `dashboardFigures()`), so the page says what the presenter and the
 * dashboard say, with the dashboard's period before and year before.
 */
import type { Db } from '../db/db.types.js';
import { loadBriefing } from '../briefings/briefing.store.js';
import type { BriefingSlide } from '../briefings/briefings.schemas.js';
import type { SessionUser } from '../auth/session-user.js';
import { requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { resolveRegion } from '../regions/region-scope.js';
import { referenceDay, shanghaiDate } from '../analytics/patrols-period.js';
import { activeRuleProfile } from '../regions/active-rule-profile.js';
import { choroplethMap, incidentRatesByGrid, loadClassMap } from './report-maps.js';
import { partialSince, type KeyFigure, type ReportDocument, type ReportLang, type ReportSection } from './report-document.js';
import { briefingText, type BriefingText } from './briefing-report.messages.js';
import { slideFigure } from '../briefings/slide-figure.js';
import type { SlideFigureKind } from '../briefings/slide-figure.schemas.js';

export interface BriefingReportRequest {
  user: Pick<SessionUser, 'username' | 'permissions' | 'jurisdictions'>;
  briefingId: number;
  lang: ReportLang;
  progress?: (fraction: number, phase: string) => Promise<void>;
}

const INCIDENT_LAYERS = new Set(['heat', 'hexbin', 'points', 'choropleth']);
const INCIDENT_METRICS = new Set(['count', 'perThousand']);

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The slide's window cut at the as-of day (a pinned briefing shows nothing after its date). */
function windowOf(period: { from: string; to: string }, asOf: string): { from: string; to: string } {
  const end = addDays(asOf, 1);
  return { from: period.from, to: period.to < end ? period.to : end > period.from ? end : period.to };
}

async function slideSection(
  db: Db,
  slide: BriefingSlide,
  k: number,
  asOf: string,
  req: BriefingReportRequest,
  t: BriefingText,
  pinnedAsOf: string | null,
): Promise<ReportSection> {
  const view = slide.view;
  requireInsideJurisdiction(req.user.jurisdictions, view.regionCode, 'region');
  const region = await resolveRegion(db, view.regionCode);
  const base = { key: `slide-${k + 1}`, title: slide.title, charts: [], tables: [] };
  const summary = slide.note.trim() ? { summary: slide.note.trim() } : {};
  const figures = await keyFigures(db, slide, req, t, pinnedAsOf);
  if (view.map === 'analyst' && INCIDENT_LAYERS.has(view.layer) && (view.layer !== 'choropleth' || INCIDENT_METRICS.has(view.metric))) {
    const window = windowOf(view.period, asOf);
    const categories = view.categories.length ? [...view.categories] : null;
    const now = await incidentRatesByGrid(db, region, req.user.jurisdictions, window, categories);
    const map = await choroplethMap(db, view.regionCode, now.values, {
      title: t.incidentMap(region.name),
      legend: t.incidentLegend,
      caption: t.periodCaption(window),
    });
    return { ...base, ...summary, figures, map, notes: [t.asOfNote(asOf), t.layerNote(view.layer, true)] };
  }
  if (view.map === 'district' && view.layers.includes('grids')) {
    // The district map colours its grids by the size rule: its print does too, with the same legend.
    const profile = await activeRuleProfile(db, region.districtCode);
    const under = Math.round(profile.underFillRatio * 100);
    const map = await loadClassMap(db, region, profile, {
      title: t.loadMap(region.name),
      legend: t.loadLegend,
      classes: t.loadClasses(under),
      note: t.loadFormula(profile.maxHouseholds, profile.maxPersons, profile.combine === 'all'),
    });
    return { ...base, ...summary, figures, map, notes: [t.asOfNote(asOf), t.loadNote] };
  }
  const lastDay = { from: asOf, to: addDays(asOf, 1) };
  const grids = await incidentRatesByGrid(db, region, req.user.jurisdictions, lastDay);
  const map = await choroplethMap(db, view.regionCode, new Map([...grids.households].map(([c, h]) => [c, h])), {
    title: t.householdsMap(region.name),
    legend: t.householdsLegend,
  });
  return {
    ...base,
    ...summary,
    figures,
    map,
    notes: [t.asOfNote(asOf), t.layerNote(view.map === 'analyst' ? view.layer : 'district', false)],
  };
}

const FORMAT: Record<SlideFigureKind, KeyFigure['format']> = {
  incidents: 'count',
  incidentsPer1000: 'rate',
  coverageShare: 'share',
  notPatrolled: 'count',
  specialVisitsDone: 'count',
  gridsOver: 'count',
  households: 'count',
  gridsWithinShare: 'share',
};
const SENSE: Record<SlideFigureKind, KeyFigure['sense']> = {
  incidents: 'lower-better',
  incidentsPer1000: 'lower-better',
  coverageShare: 'higher-better',
  notPatrolled: 'lower-better',
  specialVisitsDone: 'higher-better',
  gridsOver: 'lower-better',
  households: 'neutral',
  gridsWithinShare: 'higher-better',
};

/** The slide's key figure as the presenter shows it; none when patrol days are still being worked out or the user may not see it. */
async function keyFigures(
  db: Db,
  slide: BriefingSlide,
  req: BriefingReportRequest,
  t: BriefingText,
  pinnedAsOf: string | null,
): Promise<KeyFigure[]> {
  const { figure } = await slideFigure(db, req.user, slide.view, pinnedAsOf);
  if (figure.status !== 'ready') return [];
  const label = t.figure(figure.kind, figure.categories, figure.exact ? null : figure.window, figure.asOfNow);
  const partial = figure.records ? partialSince(figure.records) : undefined;
  return [
    {
      label,
      value: figure.value,
      format: FORMAT[figure.kind],
      unit: t.figureUnit(figure.kind),
      sense: SENSE[figure.kind],
      previous: figure.previous,
      yearBefore: figure.yearAgo,
      ...(partial ? { partialSince: partial } : {}),
      ...(figure.display !== null ? { display: figure.display } : {}),
    },
  ];
}

/** Builds the briefing's report; 404/403 from `loadBriefing` when it is missing or outside the user's jurisdiction. */
export async function buildBriefingReport(db: Db, req: BriefingReportRequest): Promise<ReportDocument> {
  const t = briefingText(req.lang);
  const briefing = await loadBriefing(db, req.briefingId, req.user);
  // A live briefing stands as of the district's reference day, as the dashboard does.
  const asOf = briefing.pinnedAsOf ?? shanghaiDate(await referenceDay(db, briefing.districtCode));
  const sections: ReportSection[] = [];
  for (const [k, slide] of briefing.slides.entries()) {
    sections.push(await slideSection(db, slide, k, asOf, req, t, briefing.pinnedAsOf));
    await req.progress?.(0.05 + (0.5 * (k + 1)) / briefing.slides.length, 'slides');
  }
  return {
    lang: req.lang,
    kind: 'briefing',
    title: briefing.title,
    subtitle: t.subtitle(briefing.slides.length),
    region: { code: briefing.regionCode, name: briefing.regionName },
    period: briefing.pinnedAsOf ? t.pinned(briefing.pinnedAsOf) : t.live,
    asOf,
    generatedAt: new Date().toISOString(),
    issuer: briefing.regionName,
    sections,
  };
}
