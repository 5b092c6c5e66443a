/** How a grid's code reads in the planner: the serial of a coded grid, "新·xx" for a provisional or unsaved one. */
import { isProvisionalCode } from '@gridatlas/core';
import type { Translate } from '../i18n/locale.store';
import type { DraftGrid } from './draft.store';

export function gridTag(grid: Pick<DraftGrid, 'code' | 'key'>, t: Translate): string {
  if (grid.code && isProvisionalCode(grid.code)) return t('planner.newGrid', { n: grid.code.slice(-2) });
  if (grid.code) return grid.code.slice(-3);
  return t('planner.newGrid', { n: grid.key.replace(/^new-/, '#') });
}
