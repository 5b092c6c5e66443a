import type { Region } from '@gridatlas/api/contract';

/** Regions by code and by parent, built once per region list. */
export interface RegionIndex {
  byCode: ReadonlyMap<string, Region>;
  childrenOf(code: string): readonly Region[];
  /** Every district the user sees (a city-level user sees several), by code. */
  districts: readonly Region[];
  /** The first district. */
  district: Region | undefined;
}

export function indexRegions(regions: readonly Region[]): RegionIndex {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const children = new Map<string, Region[]>();
  for (const region of regions) {
    if (!region.parentCode) continue;
    const list = children.get(region.parentCode) ?? [];
    list.push(region);
    children.set(region.parentCode, list);
  }
  const none: readonly Region[] = [];
  const districts = regions.filter((r) => r.level === 'district');
  return {
    byCode,
    childrenOf: (code) => children.get(code) ?? none,
    districts,
    district: districts[0],
  };
}

/**
 * The district, subdistrict and community codes a region code lies in (6/9/12 digits).
 *
 * @example
 * regionPath('610199001002') // { district: '610199', subdistrict: '610199001', community: '610199001002' }
 */
export function regionPath(code: string): { district: string; subdistrict: string | null; community: string | null } {
  return {
    district: code.slice(0, 6),
    subdistrict: code.length >= 9 ? code.slice(0, 9) : null,
    community: code.length >= 12 ? code.slice(0, 12) : null,
  };
}
