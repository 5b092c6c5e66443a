/**
 * The `category` filter of the special-group analytics. Tables are always built and
 * suppressed over every category, and the filter only picks which cells are returned, so the
 * suppression pattern — and with it what a reader can subtract — never depends on the filter.
 */
import { z } from '@hono/zod-openapi';
import { SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';
import type { SuppressedCell } from './suppression.js';

export const CATEGORY_KEYS: readonly string[] = SPECIAL_GROUP_CATEGORIES.map((c) => c.key);

export const categoryQuerySchema = z
  .enum(CATEGORY_KEYS as [string, ...string[]], { error: `expected one of ${CATEGORY_KEYS.join(', ')}` })
  .optional()
  .openapi({ description: 'one category; default: all' });

/** Cells of a suppressed row keyed by category, limited to `only` when given. */
export function cellsByCategory(cells: readonly SuppressedCell[], only?: string): Record<string, SuppressedCell> {
  return Object.fromEntries(CATEGORY_KEYS.map((k, j) => [k, cells[j]!] as const).filter(([k]) => only === undefined || k === only));
}
