/**
 * What the analyst map must redo when its scene changes, worked out without a map: the view
 * memoises every part of the scene, so a part whose reference is unchanged is left alone
 * (deck.gl then sees the same `data` and uploads nothing). `AnalystMapController` applies the
 * parts this names; kept pure so it is tested without WebGL.
 */
import type { Layer } from '@deck.gl/core';
import type { AnalystLayer } from './analyst-layers';
import type { DisplayTrack } from './decode-points';
import type { DeckLayerSummary } from './analyst-test-hook';

/** Everything the analyst view shows on its map, each part memoised by the view. */
export interface AnalystScene {
  layer: AnalystLayer;
  /** The grids with the choropleth's `value` property (GeoJSON), or null while loading. */
  grids: unknown;
  /** MapLibre `step` expression colouring the choropleth by `value`. */
  choroplethColour: unknown[];
  /** The incident points' vector tiles for the current filters. */
  tilesUrl: string;
  pointColour: unknown[];
  deadCorners: unknown;
  special: { hexagons: unknown; labels: unknown; colour: unknown[] };
  /** The heatmap or hexbin layer (deck.gl), or none. */
  deckLayers: Layer[];
  /** Tracks for the playback (drawn at the playback store's time), or null. */
  tracks: readonly DisplayTrack[] | null;
  /** Seconds of trail behind each moving worker. */
  trailSeconds: number;
}

export type ScenePart = 'layer' | 'grids' | 'choroplethColour' | 'tiles' | 'pointColour' | 'deadCorners' | 'special' | 'deck';

/** The parts to apply: all of them for the first scene, else those whose reference changed. */
export function changedParts(prev: AnalystScene | null, next: AnalystScene): ScenePart[] {
  const changed = (a: unknown, b: unknown) => !prev || !Object.is(a, b);
  const parts: ScenePart[] = [];
  if (changed(prev?.layer, next.layer)) parts.push('layer');
  if (changed(prev?.grids, next.grids)) parts.push('grids');
  if (changed(prev?.choroplethColour, next.choroplethColour)) parts.push('choroplethColour');
  if (changed(prev?.tilesUrl, next.tilesUrl)) parts.push('tiles');
  if (changed(prev?.pointColour, next.pointColour)) parts.push('pointColour');
  if (changed(prev?.deadCorners, next.deadCorners)) parts.push('deadCorners');
  if (changed(prev?.special, next.special)) parts.push('special');
  if (changed(prev?.deckLayers, next.deckLayers) || changed(prev?.tracks, next.tracks) || changed(prev?.trailSeconds, next.trailSeconds))
    parts.push('deck');
  return parts;
}

/** The deck.gl layers for browser tests: ids, data sizes (plain arrays, binary rows or GeoJSON) and a few props. */
export function summariseDeckLayers(layers: readonly Pick<Layer, 'id' | 'props'>[]): DeckLayerSummary[] {
  return layers.map((l) => {
    const data = l.props.data as { length?: number; features?: unknown[] } | null;
    const length = Array.isArray(data) ? data.length : (data?.features?.length ?? data?.length ?? 0);
    const { currentTime, trailLength, radiusPixels, visible } = l.props as unknown as Record<string, unknown>;
    return { id: l.id, length, props: { currentTime, trailLength, radiusPixels, visible } };
  });
}
