import { describe, expect, it } from 'vitest';
import { loadColour, loadColourExpression, loadStops } from './load-colour';

describe('load colour scale', () => {
  it('is pale when empty, green at the cap and red past it', () => {
    expect(loadColour(0, 0.4)).toBe('#f3f1ea');
    expect(loadColour(1, 0.4)).toBe('#3f9b57');
    expect(loadColour(1.5, 0.4)).toBe('#d7301f');
    expect(loadColour(9, 0.4)).toBe('#99000d');
  });

  it('interpolates between stops', () => {
    const mid = loadColour(0.7, 0.4);
    expect(mid).not.toBe('#b5dca2');
    expect(mid).not.toBe('#3f9b57');
  });

  it('has strictly increasing breaks, as MapLibre requires', () => {
    const breaks = loadStops(0.4).map((s) => s.load);
    for (let i = 1; i < breaks.length; i++) expect(breaks[i]!).toBeGreaterThan(breaks[i - 1]!);
    expect(loadColourExpression(0.4).slice(0, 2)).toEqual(['interpolate', ['linear']]);
  });
});
