import { describe, expect, it } from 'vitest';
import { staffingStatus } from './staffing.store';

describe('staffingStatus', () => {
  it('names a grid by its vacancies and overloads', () => {
    expect(staffingStatus({ missing: [], overloaded: false })).toBe('ok');
    expect(staffingStatus({ missing: ['zone_manager'], overloaded: false })).toBe('vacant');
    expect(staffingStatus({ missing: [], overloaded: true })).toBe('overloaded');
    expect(staffingStatus({ missing: ['assistant'], overloaded: true })).toBe('both');
  });
});
