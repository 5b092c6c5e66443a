import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.js';
import { bd09ToGcj02, gcj02ToBd09, gcj02ToWgs84, insideChina, wgs84ToGcj02 } from './china-offsets.js';
import { toWgs84 } from './crs.js';

describe('China map offsets', () => {
  it('matches the published GCJ-02 and BD-09 values for Tiananmen', () => {
    // The widely quoted pair for 天安门: WGS84 (116.391349, 39.907375).
    const gcj = wgs84ToGcj02([116.391349, 39.907375]);
    expect(gcj[0]).toBeCloseTo(116.39759, 5);
    expect(gcj[1]).toBeCloseTo(39.908775, 5);
    const bd = gcj02ToBd09(gcj);
    expect(bd[0]).toBeCloseTo(116.404, 2);
    expect(bd[1]).toBeCloseTo(39.915, 2);
  });

  it('shifts points in China by a few hundred metres and leaves the rest of the world alone', () => {
    const [lng, lat] = wgs84ToGcj02([108.94, 34.26]);
    expect(Math.hypot((lng - 108.94) * 92_000, (lat - 34.26) * 111_000)).toBeGreaterThan(100);
    expect(Math.hypot((lng - 108.94) * 92_000, (lat - 34.26) * 111_000)).toBeLessThan(1000);
    expect(insideChina(-122.42, 37.77)).toBe(false);
    expect(wgs84ToGcj02([-122.42, 37.77])).toEqual([-122.42, 37.77]);
    expect(gcj02ToWgs84([-122.42, 37.77])).toEqual([-122.42, 37.77]);
    expect(toWgs84([2.35, 48.85], 'gcj02')).toEqual([2.35, 48.85]);
  });

  it('round-trips GCJ-02 → WGS84 within 1e-6° over random points across China', () => {
    const rng = createRandom(7);
    let worst = 0;
    for (let i = 0; i < 2000; i++) {
      const p: [number, number] = [75 + rng.next() * 60, 18 + rng.next() * 35];
      const back = gcj02ToWgs84(wgs84ToGcj02(p));
      worst = Math.max(worst, Math.abs(back[0] - p[0]), Math.abs(back[1] - p[1]));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('round-trips BD-09 → WGS84 within 1e-6°', () => {
    const rng = createRandom(8);
    for (let i = 0; i < 500; i++) {
      const p: [number, number] = [100 + rng.next() * 20, 22 + rng.next() * 18];
      const bd = gcj02ToBd09(wgs84ToGcj02(p));
      const back = toWgs84(bd, 'bd09');
      expect(Math.abs(back[0] - p[0])).toBeLessThan(1e-6);
      expect(Math.abs(back[1] - p[1])).toBeLessThan(1e-6);
      const gcj = bd09ToGcj02(bd);
      expect(gcj02ToBd09(gcj)[0]).toBeCloseTo(bd[0], 8);
    }
  });

  it('treats CGCS2000 as WGS84', () => {
    expect(toWgs84([108.94, 34.26], 'cgcs2000')).toEqual([108.94, 34.26]);
  });
});
