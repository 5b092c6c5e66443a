import type { Briefing } from '@gridatlas/api/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { goToSlide, presentingStore } from './briefing.store';

const briefing = { id: 1, slides: [{ id: 10 }, { id: 11 }, { id: 12 }] } as unknown as Briefing;

describe('presenting', () => {
  afterEach(() => presentingStore.set(null));

  it('moves by one, jumps to first and last, and stays within the briefing', () => {
    presentingStore.set({ briefing, index: 0 });
    goToSlide({ delta: -1 });
    expect(presentingStore.get()?.index).toBe(0);
    goToSlide({ delta: 1 });
    goToSlide({ delta: 1 });
    goToSlide({ delta: 1 });
    expect(presentingStore.get()?.index).toBe(2);
    goToSlide({ index: 0 });
    expect(presentingStore.get()?.index).toBe(0);
    goToSlide({ index: Number.MAX_SAFE_INTEGER });
    expect(presentingStore.get()?.index).toBe(2);
  });

  it('does nothing when not presenting', () => {
    goToSlide({ delta: 1 });
    expect(presentingStore.get()).toBeNull();
  });
});
