/**
 * Household visits (入户走访): the categories a district plans visits for and how often.
 * Ordinary households (`household`) and every special-group category; cadences after the
 * Panzhihua "三必访" (ordinary families yearly, people in hardship quarterly, elderly people
 * living alone monthly). The cadences in force are data per district (the API's visit plan).
 */
import { SPECIAL_GROUP_CATEGORIES } from './special-groups.js';

export const VISIT_CADENCES = ['monthly', 'quarterly', 'yearly'] as const;
export type VisitCadence = (typeof VISIT_CADENCES)[number];

export interface VisitCategoryInfo {
  key: string;
  zh: string;
  en: string;
}

/** `household` first, then the special-group categories in their usual order. */
export const VISIT_CATEGORIES: readonly VisitCategoryInfo[] = [
  { key: 'household', zh: '普通家庭', en: 'Ordinary households' },
  ...SPECIAL_GROUP_CATEGORIES.map(({ key, zh, en }) => ({ key, zh, en })),
];

export const VISIT_CATEGORY_KEYS = VISIT_CATEGORIES.map((c) => c.key) as [string, ...string[]];

/**
 * The first day of the cadence period holding `day` (calendar dates `YYYY-MM-DD`, local
 * time of the district): its month, quarter or year.
 *
 * @example visitPeriodStart('2025-05-17', 'quarterly') // '2025-04-01'
 */
export function visitPeriodStart(day: string, cadence: VisitCadence): string {
  const [y, m] = [day.slice(0, 4), Number(day.slice(5, 7))];
  if (cadence === 'yearly') return `${y}-01-01`;
  const month = cadence === 'monthly' ? m : Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(month).padStart(2, '0')}-01`;
}

/** The last day of the cadence period holding `day`. */
export function visitPeriodEnd(day: string, cadence: VisitCadence): string {
  const start = visitPeriodStart(day, cadence);
  const months = cadence === 'monthly' ? 1 : cadence === 'quarterly' ? 3 : 12;
  const next = new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1 + months, 1));
  return new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
}
