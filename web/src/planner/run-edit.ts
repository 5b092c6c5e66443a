/** Applies an edit's result to the draft and the selection, or shows its error. */
import { localeStore } from '../i18n/locale.store';
import { translate } from '../i18n/translate';
import { applyEdit } from './draft.store';
import type { EditResult } from './grid-edits';
import { messageStore, selectionStore } from './planner.store';

export function runEdit(result: EditResult): boolean {
  if ('error' in result) {
    messageStore.set({ kind: 'error', text: translate(localeStore.get(), 'planner.editRefused', { message: result.error }) });
    return false;
  }
  applyEdit(result.grids);
  selectionStore.set(result.select);
  messageStore.set(null);
  return true;
}
