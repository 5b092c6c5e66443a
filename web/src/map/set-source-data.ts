import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/** Replaces a GeoJSON source's data; resolves when the worker has taken it. */
export function setSourceData(map: MapLibreMap, sourceId: string, data: unknown): Promise<void> {
  const source = map.getSource(sourceId) as GeoJSONSource | undefined;
  if (!source) throw new Error(`map has no source "${sourceId}"`);
  return source.setData(data as Parameters<GeoJSONSource['setData']>[0]).then(() => undefined);
}
