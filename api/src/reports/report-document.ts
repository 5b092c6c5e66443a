/**
 * The neutral report document: what a monthly report of a region or a briefing's export says,
 * independent of the file it ends up in. Builders (`monthly-report.ts`, `briefing-report.ts`)
 * fill it from the database; renderers (`report-html.ts` for the PDF, `report-pptx.ts`) lay it
 * out. Every string in it is already in the report's language: renderers translate nothing
 * but their own furniture (page numbers, "previous month").
 *
 * Units: sizes of images in CSS pixels at 96 dpi (the PDF prints them at their millimetre
 * size; the PPTX places them by aspect ratio); figures carry their own unit string.
 */
export type ReportLang = 'zh' | 'en';

/** How a figure's number is written: counts as integers, shares as percentages of 0…1, rates and hours with one decimal. */
export type FigureFormat = 'count' | 'share' | 'rate' | 'hours';

/** Which way is good for a figure, so a renderer can colour its change: incidents up is bad, coverage up is good. */
export type FigureSense = 'higher-better' | 'lower-better' | 'neutral';

export interface KeyFigure {
  label: string;
  /** The period's value; null when there is nothing to count (shown as "—"). */
  value: number | null;
  format: FigureFormat;
  /** e.g. "件", "per 1,000 households"; empty for shares. */
  unit: string;
  sense: FigureSense;
  /** The previous period and the same period a year before, for the deltas; null when unknown. */
  previous?: number | null;
  yearBefore?: number | null;
  /**
   * The first record's day (`YYYY-MM-DD`) when a comparison reaches before it: that period is
   * incomplete, and its change is replaced by a note saying so.
   */
  partialSince?: { previous?: string; yearBefore?: string };
  /** Shown instead of the number when the value is withheld (small-cell suppression: "<5", "—"). */
  display?: string;
  /** A twelve- or thirteen-month series, oldest first, for a sparkline. */
  series?: readonly (number | null)[];
}

export interface ReportTable {
  title: string;
  columns: readonly { label: string; align?: 'left' | 'right' }[];
  /** Cells already formatted (suppressed cells as "<5"/"—"). */
  rows: readonly (readonly string[])[];
  note?: string;
}

/** A chart or a map as an SVG document; `png` is its raster (print resolution) where a format needs one (PPTX). */
export interface ReportImage {
  kind: 'chart' | 'map';
  title: string;
  svg: string;
  /** Size in CSS px (96 dpi); the aspect ratio every renderer keeps. */
  width: number;
  height: number;
  png?: Uint8Array;
  caption?: string;
}

export interface ReportSection {
  /** Stable key (`incidents`, `slide-3`) for tests and anchors. */
  key: string;
  title: string;
  /** One or two sentences a leader reads first. */
  summary?: string;
  figures: KeyFigure[];
  map?: ReportImage;
  charts: ReportImage[];
  tables: ReportTable[];
  notes: string[];
}

export interface ReportDocument {
  lang: ReportLang;
  kind: 'monthly' | 'briefing';
  title: string;
  subtitle?: string;
  region: { code: string; name: string };
  /** `YYYY-MM` of a monthly report; the briefing's period label otherwise. */
  period: string;
  /** Figures as they stood at the end of this day (ISO date `YYYY-MM-DD`). */
  asOf: string;
  /** When the file was made (ISO timestamp). */
  generatedAt: string;
  /** Who issues the report (e.g. the district's name), on the title page. */
  issuer?: string;
  sections: ReportSection[];
}

/** Change of a figure against a reference, null when either side is unknown. `relative` is null when the reference is 0. */
export function figureDelta(
  value: number | null,
  reference: number | null | undefined,
): { absolute: number; relative: number | null } | null {
  if (value === null || reference === null || reference === undefined) return null;
  return { absolute: value - reference, relative: reference === 0 ? null : (value - reference) / reference };
}

/** A section's `records` (dashboard) as a figure's `partialSince`: the comparisons that reach before its first record. */
export function partialSince(records: {
  since: string | null;
  previousPartial: boolean;
  yearAgoPartial: boolean;
}): KeyFigure['partialSince'] | undefined {
  const { since } = records;
  if (since === null || (!records.previousPartial && !records.yearAgoPartial)) return undefined;
  return { ...(records.previousPartial ? { previous: since } : {}), ...(records.yearAgoPartial ? { yearBefore: since } : {}) };
}

/** Every image of a document in reading order (for rasterising the ones a format needs as PNG). */
export function reportImages(doc: ReportDocument): ReportImage[] {
  return doc.sections.flatMap((s) => [...(s.map ? [s.map] : []), ...s.charts]);
}
