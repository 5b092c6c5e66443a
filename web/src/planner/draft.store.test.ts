import { describe, expect, it } from 'vitest';
import { applyEdit, draftStore, loadDraft, redo, undo, type DraftGrid } from './draft.store';

const grid = (key: string): DraftGrid => ({
  key,
  code: key,
  name: key,
  type: 'comprehensive',
  communityCode: '610199001001',
  zoneCode: null,
  geometry: { type: 'Polygon', coordinates: [] },
});

describe('draft store', () => {
  it('undoes and redoes edits as whole snapshots', () => {
    const a = [grid('a')];
    loadDraft(a);
    const b = [grid('b'), grid('c')];
    applyEdit(b);
    expect(draftStore.get().grids).toBe(b);
    expect(undo()).toBe(true);
    expect(draftStore.get().grids).toBe(a);
    expect(undo()).toBe(false);
    expect(redo()).toBe(true);
    expect(draftStore.get().grids).toBe(b);
    expect(redo()).toBe(false);
  });

  it('drops the redo stack on a new edit', () => {
    loadDraft([grid('a')]);
    applyEdit([grid('b')]);
    undo();
    applyEdit([grid('c')]);
    expect(redo()).toBe(false);
    expect(draftStore.get().grids[0]!.key).toBe('c');
  });
});
