/** How a due item reads: its category's name, how many units, and whether it is overdue. */
import { VISIT_CATEGORIES } from '@gridatlas/core';
import type { VisitDueItem } from '@gridatlas/api/contract';
import type { Locale } from '../i18n/translate';

export function visitCategoryName(key: string, locale: Locale): string {
  const c = VISIT_CATEGORIES.find((x) => x.key === key);
  return c ? c[locale] : key;
}

export type DueFilter = 'all' | 'overdue' | 'pending';

/** Items shown under a filter: overdue ones have overdue > 0; pending ones are due, none overdue. */
export function filterDue(items: readonly VisitDueItem[], filter: DueFilter): VisitDueItem[] {
  if (filter === 'all') return [...items];
  return items.filter((i) => (filter === 'overdue' ? i.overdue > 0 : i.overdue === 0));
}
