import type { Layer } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { changedParts, summariseDeckLayers, type AnalystScene } from './analyst-map-state';

const scene = (): AnalystScene => ({
  layer: 'heat',
  grids: { type: 'FeatureCollection', features: [] },
  choroplethColour: ['step', ['get', 'value'], '#fff'],
  tilesUrl: '/api/tiles/{z}/{x}/{y}.pbf',
  pointColour: ['match', ['get', 'category'], '#000'],
  deadCorners: null,
  special: { hexagons: null, labels: null, colour: [] },
  deckLayers: [],
  tracks: null,
  trailSeconds: 1800,
});

describe('analyst map state', () => {
  it('applies every part of the first scene', () => {
    expect(changedParts(null, scene())).toEqual([
      'layer',
      'grids',
      'choroplethColour',
      'tiles',
      'pointColour',
      'deadCorners',
      'special',
      'deck',
    ]);
  });

  it('redoes only the parts whose reference changed', () => {
    const first = scene();
    expect(changedParts(first, { ...first })).toEqual([]);
    expect(changedParts(first, { ...first, layer: 'hexbin', tilesUrl: '/api/tiles/other' })).toEqual(['layer', 'tiles']);
    // A new but equal array is a new reference: the view memoises, so this means new data.
    expect(changedParts(first, { ...first, grids: { type: 'FeatureCollection', features: [] } })).toEqual(['grids']);
    expect(changedParts(first, { ...first, tracks: [] })).toEqual(['deck']);
    expect(changedParts(first, { ...first, deckLayers: [] })).toEqual(['deck']);
    expect(changedParts(first, { ...first, special: { ...first.special } })).toEqual(['special']);
  });

  it('summarises deck.gl layers by id, data size and a few props for browser tests', () => {
    const layers = [
      { id: 'incident-heat', props: { data: { length: 1200, attributes: {} }, radiusPixels: 28 } },
      { id: 'incident-hexbins', props: { data: { type: 'FeatureCollection', features: [1, 2, 3] } } },
      { id: 'patrol-trips', props: { data: [1, 2], currentTime: 600, trailLength: 1800 } },
      { id: 'empty', props: { data: null } },
    ] as unknown as Layer[];
    expect(summariseDeckLayers(layers)).toEqual([
      {
        id: 'incident-heat',
        length: 1200,
        props: { currentTime: undefined, trailLength: undefined, radiusPixels: 28, visible: undefined },
      },
      {
        id: 'incident-hexbins',
        length: 3,
        props: { currentTime: undefined, trailLength: undefined, radiusPixels: undefined, visible: undefined },
      },
      { id: 'patrol-trips', length: 2, props: { currentTime: 600, trailLength: 1800, radiusPixels: undefined, visible: undefined } },
      { id: 'empty', length: 0, props: { currentTime: undefined, trailLength: undefined, radiusPixels: undefined, visible: undefined } },
    ]);
  });
});
