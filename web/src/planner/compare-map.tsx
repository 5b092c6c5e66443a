/** A small map of two plans' changed grids: before in dashed red, added grids in green, reshaped ones in blue. */
import { useEffect, useRef } from 'react';
import type { DiffGridCollection } from '@gridatlas/api/contract';
import { createBaseMap } from '../map/base-map';

export function CompareMap({
  before,
  after,
  bbox,
}: {
  before: DiffGridCollection;
  after: DiffGridCollection;
  bbox: [number, number, number, number];
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    // The factory's set-up without the district's basemap and controls: a small still picture of two plans.
    const base = createBaseMap({
      container: ref.current,
      bounds: bbox,
      padding: 20,
      controls: false,
      basemap: false,
      style: {
        version: 8,
        sources: { before: { type: 'geojson', data: before as never }, after: { type: 'geojson', data: after as never } },
        layers: [
          { id: 'bg', type: 'background', paint: { 'background-color': '#f4f2ec' } },
          {
            id: 'before-fill',
            type: 'fill',
            source: 'before',
            filter: ['==', ['get', 'change'], 'removed'],
            paint: { 'fill-color': '#c62828', 'fill-opacity': 0.12 },
          },
          {
            id: 'unchanged-line',
            type: 'line',
            source: 'after',
            filter: ['==', ['get', 'change'], 'unchanged'],
            paint: { 'line-color': '#9e9e9e', 'line-width': 1 },
          },
          {
            id: 'after-fill',
            type: 'fill',
            source: 'after',
            filter: ['!=', ['get', 'change'], 'unchanged'],
            paint: { 'fill-color': ['match', ['get', 'change'], 'added', '#2e7d32', '#1e88e5'], 'fill-opacity': 0.25 },
          },
          {
            id: 'after-line',
            type: 'line',
            source: 'after',
            filter: ['!=', ['get', 'change'], 'unchanged'],
            paint: { 'line-color': ['match', ['get', 'change'], 'added', '#1b5e20', '#0d47a1'], 'line-width': 2 },
          },
          {
            id: 'before-line',
            type: 'line',
            source: 'before',
            paint: { 'line-color': '#c62828', 'line-width': 2, 'line-dasharray': [2, 1.5] },
          },
        ],
      },
    });
    return () => base.destroy();
  }, [before, after, bbox]);
  return <div ref={ref} className="compare-map" data-testid="compare-map" />;
}
