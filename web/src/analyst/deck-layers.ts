/**
 * The deck.gl layers of the analyst view. Each builder takes data whose reference only
 * changes when the data does (memoised by the caller), so deck.gl re-uploads buffers only
 * then; colour changes go through `updateTriggers`.
 */
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { TripsLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { IncidentHexbins } from '@gridatlas/api/contract';
import type { IncidentPoints } from './decode.protocol';
import { classOf, HEAT_RAMP, rampFor, type Rgb } from './colour-scale';
import { staffColour } from './category-colours';
import type { DisplayTrack } from './decode-points';

/** deck.gl binary data: positions straight from the decoded Float32Array, no per-point objects. */
export interface BinaryPoints {
  length: number;
  attributes: { getPosition: { value: Float32Array; size: 2 } };
}

export const binaryPoints = (points: IncidentPoints): BinaryPoints => ({
  length: points.count,
  attributes: { getPosition: { value: points.positions, size: 2 } },
});

export const HEAT_COLOURS: Rgb[] = [...HEAT_RAMP];

export function heatLayer(data: BinaryPoints) {
  return new HeatmapLayer({
    id: 'incident-heat',
    data,
    radiusPixels: 28,
    // A quarter of the default: the weights pass dominates a frame when panning, and 512² is ample for a 28 px kernel.
    weightsTextureSize: 512,
    intensity: 1,
    threshold: 0.04,
    colorRange: HEAT_COLOURS,
    aggregation: 'SUM',
    // Weight 1 per incident; the position comes from the binary attribute.
    getWeight: 1,
  });
}

export function hexbinLayer(data: IncidentHexbins, breaks: readonly number[]) {
  const colours = rampFor(breaks, HEAT_RAMP);
  return new GeoJsonLayer<{ count: number }>({
    id: 'incident-hexbins',
    data: data as never,
    pickable: true,
    stroked: true,
    filled: true,
    getFillColor: (f: { properties: { count: number } }) =>
      [...colours[classOf(f.properties.count, breaks)]!, 190] as [number, number, number, number],
    getLineColor: [255, 255, 255, 160],
    lineWidthMinPixels: 0.5,
    updateTriggers: { getFillColor: breaks.join(',') },
  });
}

/** Tracks with trails ending at `time` (seconds since midnight). */
export function tripsLayer(data: readonly DisplayTrack[], time: number, trailSeconds: number) {
  return new TripsLayer<DisplayTrack>({
    id: 'patrol-trips',
    data,
    getPath: (d) => d.path,
    getTimestamps: (d) => d.timestamps,
    getColor: (d) => staffColour(d.staffId),
    currentTime: time,
    trailLength: trailSeconds,
    fadeTrail: true,
    widthMinPixels: 3,
    capRounded: true,
    jointRounded: true,
    pickable: true,
  });
}
