import type { BasemapSettings } from '@gridatlas/api/contract';
import { describe, expect, it } from 'vitest';
import { initialChoice } from './basemap.store';

const base: BasemapSettings = {
  districtCode: '610199',
  defaultBasemap: 'tianditu-vector',
  pmtiles: null,
  tianditu: { key: 'k', reviewNumber: 'GS(2024)1234号' },
  updatedAt: null,
  updatedBy: null,
};

describe('initialChoice', () => {
  it("keeps the user's pick while the district offers it, else takes the district's default", () => {
    expect(initialChoice(base, 'tianditu-imagery')).toBe('tianditu-imagery');
    expect(initialChoice(base, 'offline')).toBe('offline');
    expect(initialChoice(base, 'pmtiles')).toBe('tianditu-vector');
    expect(initialChoice(base, null)).toBe('tianditu-vector');
    expect(initialChoice({ ...base, tianditu: null }, 'tianditu-imagery')).toBe('offline');
  });
});
