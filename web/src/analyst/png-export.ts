/**
 * The map as a PNG: the MapLibre canvas (created with preserveDrawingBuffer, so it can be
 * read between frames) with deck.gl's canvas drawn over it, at device pixels.
 */
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Map as MapLibreMap } from 'maplibre-gl';

export function mapPng(map: MapLibreMap, overlay: MapboxOverlay | null): Promise<Blob> {
  const base = map.getCanvas();
  const out = document.createElement('canvas');
  out.width = base.width;
  out.height = base.height;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2D canvas'));
  ctx.drawImage(base, 0, 0);
  const deckCanvas = overlay?.getCanvas();
  if (deckCanvas && deckCanvas !== base) ctx.drawImage(deckCanvas, 0, 0, out.width, out.height);
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
