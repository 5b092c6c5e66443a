/**
 * What the briefings UI shows: the panel (list or one briefing's editor) and the briefing being
 * presented with its current slide. One store each, so the analyst view re-renders only for
 * what it reads.
 */
import type { Briefing } from '@gridatlas/api/contract';
import { createStore } from '../state/create-store';

/** The briefings panel: closed, the list, or the editor of one briefing (by id). */
export type BriefingsPanel = { kind: 'closed' } | { kind: 'list' } | { kind: 'editor'; id: number };
export const briefingsPanelStore = createStore<BriefingsPanel>({ kind: 'closed' });

/** The briefing being presented and the 0-based index of the slide shown; null when not presenting. */
export interface Presenting {
  briefing: Briefing;
  index: number;
}
export const presentingStore = createStore<Presenting | null>(null);

/** Moves the presented slide by `delta` (or to `index` when given), staying within the briefing. */
export function goToSlide(target: { delta: number } | { index: number }): void {
  presentingStore.set((p) => {
    if (!p) return p;
    const last = p.briefing.slides.length - 1;
    const next = 'index' in target ? target.index : p.index + target.delta;
    const index = Math.max(0, Math.min(last, next));
    return index === p.index ? p : { ...p, index };
  });
}
