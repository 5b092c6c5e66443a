/** Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (⌘ on macOS); typing in a field is left alone. */
import { useEffect } from 'react';
import { redo, undo } from './draft.store';
import { selectionStore } from './planner.store';

export function useEditShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName))) return;
      const key = e.key.toLowerCase();
      const done = key === 'z' && !e.shiftKey ? undo() : (key === 'z' && e.shiftKey) || key === 'y' ? redo() : null;
      if (done === null) return;
      e.preventDefault();
      if (done) selectionStore.set([]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
