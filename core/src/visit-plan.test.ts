import { describe, expect, it } from 'vitest';
import { VISIT_CATEGORIES, visitPeriodEnd, visitPeriodStart } from './visit-plan.js';

describe('visit periods', () => {
  it('month, quarter and year holding a day', () => {
    expect(visitPeriodStart('2025-05-17', 'monthly')).toBe('2025-05-01');
    expect(visitPeriodStart('2025-05-17', 'quarterly')).toBe('2025-04-01');
    expect(visitPeriodStart('2025-12-31', 'quarterly')).toBe('2025-10-01');
    expect(visitPeriodStart('2025-05-17', 'yearly')).toBe('2025-01-01');
    expect(visitPeriodEnd('2024-02-10', 'monthly')).toBe('2024-02-29');
    expect(visitPeriodEnd('2025-11-30', 'quarterly')).toBe('2025-12-31');
    expect(visitPeriodEnd('2025-01-01', 'yearly')).toBe('2025-12-31');
  });

  it('ordinary households first, then every special-group category', () => {
    expect(VISIT_CATEGORIES[0]!.key).toBe('household');
    expect(VISIT_CATEGORIES).toHaveLength(10);
  });
});
