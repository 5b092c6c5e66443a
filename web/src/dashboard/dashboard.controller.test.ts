import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DashboardController, type DashboardQuery } from './dashboard.controller';
import type { DashboardModel } from './dashboard-model';

const model = (period: string, n = 0): DashboardModel => ({
  region: { code: '440303', name: '罗湖区' },
  period,
  windows: {
    current: { from: `${period}-01`, to: `${period}-28` },
    previous: { from: `${period}-01`, to: `${period}-28` },
    lastYear: { from: `${period}-01`, to: `${period}-28` },
  },
  asOf: `${period}-28`,
  months: [],
  sections: [{ key: 'grids', figures: [] }],
  categories: [],
  pending: false,
  heaviest: [{ code: 'g', name: 'G', count: n, households: 300, perThousand: null, link: null }],
});

/** A loader whose answers the test releases one by one, recording each query and its signal. */
function deferredLoader() {
  const calls: { query: DashboardQuery; signal: AbortSignal; resolve: (m: DashboardModel) => void; reject: (e: Error) => void }[] = [];
  const load = (query: DashboardQuery, signal: AbortSignal) =>
    new Promise<DashboardModel>((resolve, reject) => calls.push({ query, signal, resolve, reject }));
  return { calls, load };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('DashboardController', () => {
  it('loads a query, aborts it when another is asked for, and ignores its late answer', async () => {
    const { calls, load } = deferredLoader();
    const c = new DashboardController(load);
    c.show({ region: '440303', period: '2026-02' });
    expect(c.state.get().loading).toBe(true);
    c.show({ region: '440303', period: '2026-03' });
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.resolve(model('2026-02'));
    calls[1]!.resolve(model('2026-03'));
    await flush();
    expect(c.state.get().model?.period).toBe('2026-03');
    expect(c.state.get().loading).toBe(false);
    // The same query again is not reloaded.
    c.show({ region: '440303', period: '2026-03' });
    expect(calls).toHaveLength(2);
  });

  it('keeps the figures while a refresh runs and when it fails', async () => {
    const { calls, load } = deferredLoader();
    const c = new DashboardController(load);
    c.show({ region: '440303', period: '2026-03' });
    calls[0]!.resolve(model('2026-03', 1));
    await flush();
    c.refresh();
    expect(c.state.get().model?.heaviest[0]?.count).toBe(1);
    expect(c.state.get().loading).toBe(true);
    calls[1]!.reject(new Error('offline'));
    await flush();
    expect(c.state.get().model?.heaviest[0]?.count).toBe(1);
    expect(c.state.get().error?.message).toBe('offline');
  });

  it('drops the old figures when the region changes', async () => {
    const { calls, load } = deferredLoader();
    const c = new DashboardController(load);
    c.show({ region: '440303', period: '2026-03' });
    calls[0]!.resolve(model('2026-03'));
    await flush();
    c.show({ region: '440303001', period: '2026-03' });
    expect(c.state.get().model).toBeNull();
  });

  describe('wall mode', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('rotates panels every N seconds, reloads every M minutes and stops on exit', async () => {
      const load = vi.fn(async (q: DashboardQuery) => model(q.period ?? '2026-03'));
      const c = new DashboardController(load);
      c.show({ region: '440303', period: '2026-03' });
      await vi.advanceTimersByTimeAsync(0);
      expect(load).toHaveBeenCalledTimes(1);
      c.startWall({ panels: 3, rotateMs: 10_000, refreshMs: 60_000 });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(c.panel.get()).toBe(1);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(c.panel.get()).toBe(0);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(load).toHaveBeenCalledTimes(2);
      c.stopWall();
      await vi.advanceTimersByTimeAsync(120_000);
      expect(load).toHaveBeenCalledTimes(2);
      expect(c.panel.get()).toBe(0);
      c.destroy();
    });

    it('asks again while figures are pending, until they are not', async () => {
      let pending = 2;
      const load = vi.fn(async (q: DashboardQuery) => ({ ...model(q.period ?? '2026-03'), pending: pending-- > 0 }));
      const c = new DashboardController(load, 10_000);
      c.show({ region: '440303', period: '2026-03' });
      await vi.advanceTimersByTimeAsync(0);
      expect(c.state.get().model?.pending).toBe(true);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(load).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(load).toHaveBeenCalledTimes(3);
      expect(c.state.get().model?.pending).toBe(false);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(load).toHaveBeenCalledTimes(3);
      c.destroy();
    });
  });
});
