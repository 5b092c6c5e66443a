import { describe, expect, it } from 'vitest';
import type { Region } from '@gridatlas/api/contract';
import { indexRegions, regionPath } from './region-index';

const region = (code: string, level: Region['level'], parentCode: string | null): Region => ({
  code,
  name: code,
  level,
  parentCode,
  bbox: [0, 0, 1, 1],
  households: 0,
  estimatedHouseholds: 0,
  persons: 0,
  buildings: 0,
  grids: 0,
});

describe('region index', () => {
  it('finds children in order and the district', () => {
    const index = indexRegions([
      region('610199', 'district', null),
      region('610199001', 'subdistrict', '610199'),
      region('610199001001', 'community', '610199001'),
      region('610199001002', 'community', '610199001'),
    ]);
    expect(index.district?.code).toBe('610199');
    expect(index.childrenOf('610199001').map((r) => r.code)).toEqual(['610199001001', '610199001002']);
    expect(index.childrenOf('610199001001')).toEqual([]);
  });

  it('splits a code into its levels', () => {
    expect(regionPath('610199')).toEqual({ district: '610199', subdistrict: null, community: null });
    expect(regionPath('610199001002')).toEqual({ district: '610199', subdistrict: '610199001', community: '610199001002' });
  });
});
