/**
 * The wizard's map of an uploaded layer over the district's basemap: every feature, filled
 * or outlined by its worst problem (rejected red, repaired orange, merged blue, note amber,
 * none grey-green), problem places as dots; `focus` flies to a problem.
 */
import type * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/locale.store';
import { createBaseMap } from '../map/base-map';
import { setSourceData } from '../map/set-source-data';
import type { LayerReport, ReasonKind, UploadFeatures } from '@gridatlas/api/contract';

export const PROBLEM_COLOURS: Record<ReasonKind | 'none', string> = {
  rejected: '#c62828',
  repaired: '#ef6c00',
  merged: '#1565c0',
  warning: '#f9a825',
  proposed: '#6a1b9a',
  none: '#558b2f',
};
const SEVERITY: ReasonKind[] = ['rejected', 'repaired', 'merged', 'warning', 'proposed'];

const EMPTY = { type: 'FeatureCollection', features: [] };

/** Each feature tagged with its worst problem kind (`none` when it has none). */
export function tagFeatures(features: UploadFeatures, report: LayerReport | null) {
  const worst = new Map<number, ReasonKind>();
  for (const p of report?.problems ?? []) {
    const now = worst.get(p.index);
    if (!now || SEVERITY.indexOf(p.kind) < SEVERITY.indexOf(now)) worst.set(p.index, p.kind);
  }
  return {
    ...features,
    features: features.features.map((f) => ({ ...f, properties: { ...f.properties, kind: worst.get(f.properties.i) ?? 'none' } })),
  };
}

export function ImportPreviewMap({
  bbox,
  features,
  report,
  focus,
}: {
  bbox: [number, number, number, number];
  features: UploadFeatures | null;
  report: LayerReport | null;
  focus: [number, number] | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const { t } = useI18n();

  useEffect(() => {
    if (!ref.current) return;
    const base = createBaseMap({
      container: ref.current,
      bounds: bbox,
      padding: 20,
      underFillRatio: 0.4,
      householdUnit: t('label.households'),
      personUnit: t('label.persons'),
    });
    const m = base.map;
    void base.loaded.then(() => {
      const colour = ['match', ['get', 'kind'], ...Object.entries(PROBLEM_COLOURS).flat(), '#558b2f'];
      m.addSource('import-layer', { type: 'geojson', data: EMPTY as never });
      m.addSource('import-problems', { type: 'geojson', data: EMPTY as never });
      m.addLayer({
        id: 'import-fill',
        type: 'fill',
        source: 'import-layer',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': colour as never, 'fill-opacity': 0.35 },
      });
      m.addLayer({
        id: 'import-line',
        type: 'line',
        source: 'import-layer',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': colour as never, 'line-width': ['case', ['==', ['get', 'kind'], 'none'], 1, 2.5] },
      });
      m.addLayer({
        id: 'import-point',
        type: 'circle',
        source: 'import-layer',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-color': colour as never, 'circle-radius': 3 },
      });
      m.addLayer({
        id: 'import-problem-dots',
        type: 'circle',
        source: 'import-problems',
        paint: { 'circle-color': colour as never, 'circle-radius': 5, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
      });
      setMap(m);
    });
    return () => base.destroy();
    // One map per wizard; data and focus follow below.
  }, []);

  useEffect(() => {
    if (!map) return;
    const layer = features ? tagFeatures(features, report) : EMPTY;
    const dots = (report?.problems ?? []).flatMap((p) =>
      p.at ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: p.at }, properties: { kind: p.kind } }] : [],
    );
    const container = ref.current;
    // `data-drawn` counts the features on the map once it has drawn them (for tests and screenshots).
    container?.removeAttribute('data-drawn');
    void Promise.all([
      setSourceData(map, 'import-layer', layer),
      setSourceData(map, 'import-problems', { type: 'FeatureCollection', features: dots }),
    ]).then(() => map.once('idle', () => container?.setAttribute('data-drawn', String(layer.features.length))));
  }, [map, features, report]);

  useEffect(() => {
    if (map && focus) map.flyTo({ center: focus, zoom: Math.max(map.getZoom(), 16), duration: 600 });
  }, [map, focus]);

  return <div ref={ref} className="import-map" data-testid="import-map" />;
}
