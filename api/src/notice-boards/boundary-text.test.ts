import { describe, expect, it } from 'vitest';
import { boundaryTextEn, boundaryTextZh, type BoundaryDescription } from './boundary-description.sql.js';

describe('boundaryTextZh', () => {
  it('names a neighbouring grid once, adding 网格 only when its name lacks it', () => {
    const d: BoundaryDescription = {
      east: [{ kind: 'grid', name: '和平第2网格', code: '610199001001002' }],
      south: [{ kind: 'street', name: '和平一街' }],
      west: [{ kind: 'grid', name: '枣园片', code: '610199001001003' }, { kind: 'community_boundary' }],
      north: [],
    };
    expect(boundaryTextZh(d)).toBe('东至和平第2网格，南至和平一街，西至枣园片（网格）、社区边界，北至—');
    expect(boundaryTextEn(d)).toBe(
      'East: grid 和平第2网格; South: 和平一街; West: grid 枣园片 (610199001001003), the community boundary; North: —',
    );
  });
});
