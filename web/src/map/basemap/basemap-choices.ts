import type { BasemapKind, BasemapSettings } from '@gridatlas/api/contract';

/** The basemaps a district offers, offline first (always there: the fallback of the others). */
export function availableBasemaps(settings: BasemapSettings | null): BasemapKind[] {
  const kinds: BasemapKind[] = ['offline'];
  if (settings?.pmtiles) kinds.push('pmtiles');
  if (settings?.tianditu) kinds.push('tianditu-vector', 'tianditu-imagery');
  return kinds;
}
