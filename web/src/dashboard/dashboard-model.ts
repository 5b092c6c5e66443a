/**
 * What the dashboard shows, as the view needs it: sections of figures, each with its value
 * for the period, the previous month and the same month a year before, a monthly series for
 * the sparkline, which way is better, and the map that explains it. The API's response is
 * turned into this in `dashboard-api.ts`; the view and the wall read only this.
 */
import type { AnalystState } from '../analyst/analyst-open';
import type { Better } from './delta';

export const SECTION_KEYS = ['grids', 'staffing', 'incidents', 'patrols', 'special'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** How a value reads: a count, a share (0–1, shown in %), hours, a rate per 1,000 households. */
export type FigureUnit = 'count' | 'share' | 'hours' | 'perThousand';

/** Where a figure is explained: the analyst view in a state, or the district map on a region. */
export type MapLink = { view: 'analyst'; state: AnalystState } | { view: 'map'; region: string };

export interface Figure {
  /** Stable id within the section; the label is the message `dashboard.figure.<section>.<key>`. */
  key: string;
  /** Null when not available: suppressed (small counts), pending (being computed) or no data. */
  value: number | null;
  previous: number | null;
  lastYear: number | null;
  unit: FigureUnit;
  better: Better;
  /** Monthly values ending with the period (oldest first), for the sparkline; may hold gaps. */
  series: readonly (number | null)[];
  /** Why `value` is null, when the API said. */
  missing?: 'suppressed' | 'pending';
  /** Placeholders of the label (e.g. `{ days: 7 }`). */
  params?: Record<string, string | number>;
  /** A label given by the data (e.g. a staff role's name) instead of the message's. */
  label?: { zh: string; en: string };
  /** What the value stands for when it is a share of something counted (e.g. "12 / 15"). */
  detail?: string;
  /**
   * The first record's day (`YYYY-MM-DD`) of each comparison that starts before it (the API's
   * section `records`): that period is incomplete, so the view shows a note, not a change.
   */
  partialSince?: Partial<Record<'previous' | 'lastYear', string>>;
  /** Special-group visits: how often the category is due a visit. */
  cadence?: 'monthly' | 'quarterly' | 'yearly';
  link: MapLink | null;
}

/** One small multiple: an incident category's count in the period, the month before and a year before. */
export interface CategoryFigure {
  category: string;
  value: number | null;
  previous: number | null;
  lastYear: number | null;
  /** As `Figure.partialSince`: the incidents section's. */
  partialSince?: Partial<Record<'previous' | 'lastYear', string>>;
  link: MapLink | null;
}

export interface HeavyGrid {
  code: string;
  name: string;
  count: number;
  households: number;
  perThousand: number | null;
  link: MapLink | null;
}

export interface DashboardSection {
  key: SectionKey;
  figures: readonly Figure[];
}

export interface DayWindow {
  from: string;
  to: string;
}

export interface DashboardModel {
  region: { code: string; name: string };
  /** YYYY-MM (or YYYY for a year). */
  period: string;
  /** The windows compared (ISO dates, `to` exclusive). */
  windows: { current: DayWindow; previous: DayWindow; lastYear: DayWindow };
  /** The date the figures stand at (YYYY-MM-DD). */
  asOf: string;
  /** Months of the sparklines' series (oldest first), same length as each series. */
  months: readonly string[];
  /** Sections in display order; a section the user may not read is absent, not empty. */
  sections: readonly DashboardSection[];
  categories: readonly CategoryFigure[];
  heaviest: readonly HeavyGrid[];
  /** Some figures are still being worked out on the server (patrol days): ask again shortly. */
  pending: boolean;
}
