/**
 * The response of `GET /api/dashboard` as this view reads it. Temporary: replaced by
 * `import type { Dashboard } from '@gridatlas/api/contract'` once the route's schema is on main.
 */
export interface WireWindow {
  from: string;
  to: string;
}
export interface WireLink {
  view: 'analyst' | 'district' | 'plans';
  layer: string;
  period: WireWindow;
  region: string;
  filter: Record<string, string | number | boolean | string[]>;
}
export interface WireFigure {
  value: number | null;
  previous: number | null;
  yearAgo: number | null;
  unit: 'count' | 'share' | 'per_1000_households' | 'hours' | 'households';
  link: WireLink;
}
export type WireCell = { count: number } | { suppressed: true; display: string; reason: 'small' | 'complementary' };
export interface Dashboard {
  region: { code: string; name: string; level: 'district' | 'subdistrict' | 'community' };
  period: { key: string; kind: 'month' | 'year'; current: WireWindow; previous: WireWindow; yearAgo: WireWindow };
  asOf: string;
  households: number;
  grids: {
    count: WireFigure;
    withinShare: WireFigure;
    within: WireFigure;
    over: WireFigure;
    under: WireFigure;
    exceptions: { dedicated: WireFigure; singleUnitOverRule: WireFigure };
    plansWaiting: WireFigure;
    rule: { maxHouseholds: number; maxPersons: number; combine: string; underFillRatio: number };
  };
  staffing: {
    roles: { key: string; zh: string; en: string }[];
    fullyStaffed: WireFigure;
    fullyStaffedShare: WireFigure;
    vacancies: { role: string; grids: WireFigure }[];
  };
  incidents: {
    count: WireFigure;
    per1000Households: WireFigure;
    byCategory: { category: string; count: WireFigure }[];
    closedShare: WireFigure;
    medianHoursToClose: WireFigure;
    overdueOpen: WireFigure;
    closedOverdue: WireFigure;
    returnedForRework: WireFigure;
    heaviestGrids: { code: string; name: string; count: number; households: number; per1000: number | null; link: WireLink }[];
    series: {
      months: string[];
      count: number[];
      per1000Households: (number | null)[];
      closedShare: (number | null)[];
      medianHoursToClose: (number | null)[];
      closedOverdue: number[];
      returnedForRework: number[];
    };
  };
  patrols:
    | {
        status: 'ready';
        coverageShare: WireFigure;
        notPatrolled: WireFigure;
        idleDays: number;
        deadCorners: WireFigure;
        deadCornerDays: number;
      }
    | { status: 'pending'; jobs: unknown[] };
  specialGroups?: {
    threshold: number;
    rows: {
      category: string;
      zh: string;
      en: string;
      cadence: 'monthly' | 'quarterly' | 'yearly';
      window: WireWindow;
      due: WireCell;
      done: WireCell;
      previous: { due: WireCell; done: WireCell };
      yearAgo: { due: WireCell; done: WireCell };
      link: WireLink;
    }[];
    total: { due: WireCell; done: WireCell };
  };
}
