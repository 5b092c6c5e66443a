import { useI18n } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { draftStore, redo, undo } from './draft.store';
import { deleteGrids, mergeGrids } from './grid-edits';
import { selectionStore, toolStore, type PlannerTool } from './planner.store';
import { runEdit } from './run-edit';

const TOOLS: PlannerTool[] = ['select', 'draw', 'split', 'move'];

/** Tools (select/reshape, draw, split, move building), merge and delete, undo and redo. */
export function EditToolbar({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const tool = useStore(toolStore);
  const draft = useStore(draftStore);
  const selection = useStore(selectionStore);
  return (
    <div className="planner-tools" role="toolbar" aria-label={t('planner.tools')}>
      {TOOLS.map((k) => (
        <button
          key={k}
          type="button"
          data-testid={`tool-${k}`}
          aria-pressed={tool === k}
          disabled={!editable && k !== 'select'}
          onClick={() => toolStore.set(k)}
          title={t(`planner.tool.${k}.hint`)}
        >
          {t(`planner.tool.${k}`)}
        </button>
      ))}
      <button
        type="button"
        data-testid="merge"
        disabled={!editable || selection.length < 2}
        onClick={() => runEdit(mergeGrids(draft.grids, selection))}
      >
        {t('planner.merge')}
      </button>
      <button
        type="button"
        data-testid="delete"
        disabled={!editable || selection.length === 0}
        onClick={() => runEdit(deleteGrids(draft.grids, selection))}
      >
        {t('planner.delete')}
      </button>
      <button
        type="button"
        data-testid="undo"
        disabled={draft.past.length === 0}
        onClick={() => undo() && selectionStore.set([])}
        title="Ctrl+Z"
      >
        {t('planner.undo')}
      </button>
      <button
        type="button"
        data-testid="redo"
        disabled={draft.future.length === 0}
        onClick={() => redo() && selectionStore.set([])}
        title="Ctrl+Shift+Z / Ctrl+Y"
      >
        {t('planner.redo')}
      </button>
    </div>
  );
}
