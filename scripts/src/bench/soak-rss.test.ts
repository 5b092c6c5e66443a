import { describe, expect, it } from 'vitest';
import { rssFigures, slope, worstDrift, type RssSample } from './soak-rss.js';

const mb = (n: number): number => n * 1024;

describe('slope', () => {
  it('is the least-squares slope of y over x', () => {
    expect(
      slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2);
    expect(
      slope([
        [0, 4],
        [1, 4],
      ]),
    ).toBe(0);
  });
  it('is 0 with fewer than two points or one x only', () => {
    expect(slope([[1, 5]])).toBe(0);
    expect(
      slope([
        [1, 5],
        [1, 9],
      ]),
    ).toBe(0);
  });
});

describe('rssFigures', () => {
  // Ten minutes of samples every 10 s (ms since start), RSS growing 1 MiB a minute from 200 MiB.
  const growing: RssSample[] = Array.from({ length: 61 }, (_, i) => ({ tMs: i * 10_000, rssKb: mb(200 + i / 6), half: 'before' as const }));

  it('keeps only the samples of the window and its half', () => {
    const after: RssSample[] = [{ tMs: 400_000, rssKb: mb(999), half: 'after' }];
    const [f] = rssFigures([...growing, ...after], [{ half: 'before', fromMs: 300_000, toMs: 600_000 }]);
    expect(f!.samples).toBe(30);
    expect(f!.minMb).toBeCloseTo(200 + 30 / 6);
    expect(f!.maxMb).toBeCloseTo(200 + 59 / 6);
  });

  it('measures drift between the medians of the first and last quarter, and the slope per hour', () => {
    const [f] = rssFigures(growing, [{ half: 'before', fromMs: 0, toMs: 600_001 }]);
    // 61 samples: quarters of 15; medians at samples 7 and 53.
    expect(f!.startMb).toBeCloseTo(200 + 7 / 6);
    expect(f!.endMb).toBeCloseTo(200 + 53 / 6);
    expect(f!.driftPct).toBeCloseTo(((53 - 7) / 6 / (200 + 7 / 6)) * 100);
    expect(f!.slopeMbPerHour).toBeCloseTo(60);
  });

  it('is not moved by one spike in a flat series', () => {
    const flat: RssSample[] = Array.from({ length: 40 }, (_, i) => ({
      tMs: i * 10_000,
      rssKb: mb(i === 39 ? 400 : 300),
      half: 'after' as const,
    }));
    const [f] = rssFigures(flat, [{ half: 'after', fromMs: 0, toMs: 1e9 }]);
    expect(f!.driftPct).toBe(0);
    expect(f!.maxMb).toBe(400);
  });

  it('leaves out a window without samples', () => {
    expect(rssFigures(growing, [{ half: 'after', fromMs: 0, toMs: 1e9 }])).toEqual([]);
  });
});

describe('worstDrift', () => {
  it('is the drift largest in magnitude, keeping its sign', () => {
    const base = { samples: 1, minMb: 0, maxMb: 0, startMb: 0, endMb: 0, slopeMbPerHour: 0 };
    expect(
      worstDrift([
        { ...base, half: 'before', driftPct: 4 },
        { ...base, half: 'after', driftPct: -12 },
      ]),
    ).toBe(-12);
    expect(worstDrift([])).toBe(0);
  });
});
