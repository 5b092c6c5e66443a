/**
 * The grid-load colour scale (core/src/plan/load-colour.ts) as MapLibre draws it.
 */
import { loadStops } from '@gridatlas/core';

export { DEDICATED_GRID_COLOUR, loadColour, loadStops, type LoadStop } from '@gridatlas/core';

/** A MapLibre `interpolate` expression over the feature's `load` property. */
export function loadColourExpression(underFillRatio: number): unknown[] {
  const stops = loadStops(underFillRatio).flatMap((s) => [s.load, s.colour]);
  return ['interpolate', ['linear'], ['to-number', ['get', 'load'], 0], ...stops];
}
