import { describe, expect, it } from 'vitest';
import { createStore } from './create-store';

describe('createStore', () => {
  it('notifies on change only', () => {
    const store = createStore(1);
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.set(1);
    store.set((n) => n + 1);
    expect(store.get()).toBe(2);
    expect(calls).toBe(1);
    off();
    store.set(3);
    expect(calls).toBe(1);
  });
});
