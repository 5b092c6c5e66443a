/** Query strings of the analytics routes from the view's filters. */
import { regionCodeStore } from '../state/view.store';
import type { AnalystFilters } from './analyst.store';

/**
 * `from`, `to` and `category` of `filters` plus `extra`, URL-encoded; empty values are left out.
 * The selected district goes along as `region` (a city-level user sees several districts).
 *
 * @example
 * analyticsQuery({ from: '2024-01-01', to: '2024-02-01', categories: ['噪音扰民'] }, { zoom: 14 })
 * // 'from=2024-01-01&to=2024-02-01&category=%E5%99%AA...&zoom=14'
 */
export function analyticsQuery(filters: AnalystFilters | null, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  if (filters) {
    params.set('from', filters.from);
    params.set('to', filters.to);
    if (filters.categories.length) params.set('category', filters.categories.join(','));
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') params.set(key, String(value));
  const district = regionCodeStore.get()?.slice(0, 6);
  if (district && !params.has('region')) params.set('region', district);
  return params.toString();
}

/** `[west, south, east, north]` degrees as the routes' `bbox=w,s,e,n`, rounded to ~1 m. */
export function bboxParam(bbox: readonly [number, number, number, number]): string {
  return bbox.map((v) => v.toFixed(5)).join(',');
}

/** ISO date (YYYY-MM-DD) `days` after `date` (negative = before), in UTC calendar arithmetic. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
