import { describe, expect, it } from 'vitest';
import { addDays, analyticsQuery, bboxParam } from './analytics-query';

describe('analyticsQuery', () => {
  it('carries the filters and extra parameters, leaving out empty ones', () => {
    const q = new URLSearchParams(
      analyticsQuery({ from: '2024-01-01', to: '2024-02-01', categories: ['噪音扰民', '环境卫生'] }, { zoom: 14, region: undefined }),
    );
    expect(q.get('from')).toBe('2024-01-01');
    expect(q.get('to')).toBe('2024-02-01');
    expect(q.get('category')).toBe('噪音扰民,环境卫生');
    expect(q.get('zoom')).toBe('14');
    expect(q.has('region')).toBe(false);
  });
  it('sends no category for "all"', () => {
    expect(analyticsQuery({ from: 'a', to: 'b', categories: [] })).toBe('from=a&to=b');
  });
});

describe('bboxParam and addDays', () => {
  it('rounds degrees and steps calendar days', () => {
    expect(bboxParam([108.1234567, 34.2, 108.3, 34.4])).toBe('108.12346,34.20000,108.30000,34.40000');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});
