import { describe, expect, it } from 'vitest';
import { compare, formatNumber, formatSigned } from './delta';

describe('compare', () => {
  it('judges a rise by which way is better for the figure', () => {
    expect(compare(120, 100, 'down')).toEqual({ direction: 'up', change: 20, percent: 20, tone: 'bad' });
    expect(compare(0.9, 0.8, 'up')?.tone).toBe('good');
    expect(compare(80, 100, 'down')).toEqual({ direction: 'down', change: -20, percent: -20, tone: 'good' });
    expect(compare(300, 280, 'neutral')?.tone).toBe('neutral');
  });

  it('calls equal values flat and neutral, and has no ratio against zero', () => {
    expect(compare(5, 5, 'down')).toEqual({ direction: 'flat', change: 0, percent: 0, tone: 'neutral' });
    expect(compare(7, 0, 'down')).toEqual({ direction: 'up', change: 7, percent: null, tone: 'bad' });
  });

  it('has nothing to say when a value is missing', () => {
    expect(compare(5, null, 'down')).toBeNull();
    expect(compare(null, 5, 'down')).toBeNull();
  });
});

describe('number formatting', () => {
  it('groups thousands and signs changes with a true minus', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12.345, 'zh', 1)).toBe('12.3');
    expect(formatSigned(12, 'en')).toBe('+12');
    expect(formatSigned(-3.46, 'en', 1)).toBe('−3.5');
    expect(formatSigned(0.01, 'en', 1)).toBe('0');
  });
});
