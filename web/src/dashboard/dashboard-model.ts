/**
 * What the dashboard shows, as the view needs it: sections of figures, each with its value
 * for the period, the previous month and the same month a year before, a monthly series for
 * the sparkline, which way is better, and the map that explains it. The API's response is
 * turned into this in `dashboard-api.ts`; the view and the wall read only this.
 */
import type { AnalystLayer, ChoroplethMetric } from '../analyst/analyst-layers';
import type { Better } from './delta';

export const SECTION_KEYS = ['grids', 'staffing', 'incidents', 'patrols', 'special'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** How a value reads: a count, a share (0–1, shown in %), hours, a rate per 1,000 households. */
export type FigureUnit = 'count' | 'share' | 'hours' | 'perThousand';

/** Where a figure is explained: the analyst view in a state, or the district map on the region. */
export type MapLink =
  | {
      view: 'analyst';
      layer: AnalystLayer;
      metric?: ChoroplethMetric;
      categories?: readonly string[];
      deadDays?: number;
      specialCategory?: string;
      grid?: string;
    }
  | { view: 'map'; grid?: string };

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
  /** Extra words under the label, already in the user's language (e.g. "N = 30 days"). */
  params?: Record<string, string | number>;
  link: MapLink | null;
}

/** One small multiple: an incident category's count this month and its monthly series. */
export interface CategoryFigure {
  category: string;
  value: number;
  previous: number | null;
  lastYear: number | null;
  series: readonly (number | null)[];
}

export interface HeavyGrid {
  code: string;
  name: string;
  count: number;
  perThousand: number | null;
}

export interface DashboardSection {
  key: SectionKey;
  figures: readonly Figure[];
}

export interface DashboardModel {
  region: { code: string; name: string };
  period: string;
  /** The date the figures stand at (YYYY-MM-DD). */
  asOf: string;
  /** Months of the sparklines' series (oldest first), same length as each series. */
  months: readonly string[];
  /** Sections in display order; a section the user may not read is absent, not empty. */
  sections: readonly DashboardSection[];
  categories: readonly CategoryFigure[];
  heaviest: readonly HeavyGrid[];
}
