import { VectorTile } from '@mapbox/vector-tile';
import {
  createExpression,
  featureFilter,
  validateStyleMin,
  type FilterSpecification,
  type StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification } from 'maplibre-gl';
import { openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PbfReader } from 'pbf';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { beforeAll, describe, expect, it } from 'vitest';
import { LABEL_FONTS } from '../offline-style';
import { vectorArchiveLayers, type DeclaredVectorLayer } from './vector-archive-style';

const REAL = process.env.GRIDATLAS_REAL_DATA ?? join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/data/real');

/** The archive read from disk, as the browser reads it by HTTP ranges. */
class FileSource implements Source {
  private readonly fd: number;
  constructor(private readonly path: string) {
    this.fd = openSync(path, 'r');
  }
  getKey(): string {
    return this.path;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const bytes = new Uint8Array(length);
    readSync(this.fd, bytes, 0, length, offset);
    return { data: bytes.buffer };
  }
}

interface TileFeature {
  sourceLayer: string;
  type: 1 | 2 | 3;
  properties: Record<string, string | number | boolean>;
}

/** The features of one tile, every layer. */
function decode(data: ArrayBuffer): TileFeature[] {
  const tile = new VectorTile(new PbfReader(new Uint8Array(data)));
  return Object.entries(tile.layers).flatMap(([sourceLayer, layer]) =>
    Array.from({ length: layer.length }, (_, i) => {
      const f = layer.feature(i);
      return { sourceLayer, type: f.type as 1 | 2 | 3, properties: f.properties };
    }),
  );
}

/** The features a style layer draws (its source layer and filter; zoom 14). */
function drawnBy(layer: LayerSpecification, features: TileFeature[]): TileFeature[] {
  const sourceLayer = (layer as { 'source-layer'?: string })['source-layer'];
  const filter = featureFilter((layer as { filter?: FilterSpecification }).filter, 'filter');
  return features.filter((f) => f.sourceLayer === sourceLayer && filter.filter({ zoom: 14 }, { type: f.type, properties: f.properties }));
}

/** What the style layers of one role draw (ids `src-<key>-<source layer>`). */
const drawnByKey = (layers: LayerSpecification[], key: string, features: TileFeature[]) =>
  layers.filter((l) => new RegExp(`^src-${key}-[^-]+$`).test(l.id)).flatMap((l) => drawnBy(l, features));

function asStyle(layers: LayerSpecification[]): StyleSpecification {
  return { version: 8, sources: { src: { type: 'vector', tiles: ['http://localhost/{z}/{x}/{y}.pbf'] } }, layers };
}

describe('vector archive style', () => {
  let declared: DeclaredVectorLayer[];
  let florence: TileFeature[];

  beforeAll(async () => {
    const archive = new PMTiles(new FileSource(join(REAL, 'firenze.pmtiles')));
    declared = ((await archive.getMetadata()) as { vector_layers: DeclaredVectorLayer[] }).vector_layers;
    // Central Florence (the Duomo) at z14.
    const tile = await archive.getZxy(14, 8704, 5971);
    florence = decode(tile!.data);
  });

  it("draws the Firenze archive's older schema (pmap:kind): roads by class, buildings, water, parks, rail and labels", () => {
    const layers = vectorArchiveLayers('src', declared, 'zh');
    expect(validateStyleMin(asStyle(layers))).toEqual([]);
    const roads = florence.filter((f) => f.sourceLayer === 'roads');
    const major = roads.filter((f) => ['highway', 'major_road', 'medium_road', 'minor_road'].includes(String(f.properties['pmap:kind'])));
    expect(major.length).toBeGreaterThan(300);
    // Every street of a class is drawn, with its casing; footways too.
    expect(drawnByKey(layers, 'road', florence)).toHaveLength(roads.length);
    expect(drawnByKey(layers, 'road-casing', florence).length).toBe(roads.length);
    expect(drawnByKey(layers, 'buildings', florence)).toHaveLength(florence.filter((f) => f.sourceLayer === 'buildings').length);
    expect(drawnByKey(layers, 'water', florence).some((f) => f.properties['water'] === 'river')).toBe(true);
    // The metadata names `land`, the tiles carry `landuse`: parks are drawn all the same.
    expect(drawnByKey(layers, 'land', florence).filter((f) => f.properties['pmap:kind'] === 'park').length).toBeGreaterThan(5);
    expect(drawnByKey(layers, 'rail', florence).length).toBeGreaterThan(20);
    expect(drawnByKey(layers, 'places', florence).length).toBeGreaterThan(0);
    expect(drawnByKey(layers, 'road-names', florence).length).toBeGreaterThan(50);
  });

  it('classifies a road by its class: a primary road is wider than a footway at every zoom', () => {
    const layer = vectorArchiveLayers('src', declared, 'zh').find((l) => l.id === 'src-road-roads')!;
    const width = createExpression((layer.paint as Record<string, unknown>)['line-width'], 'line-width');
    if (width.result !== 'success') throw new Error(JSON.stringify(width.value));
    const at = (zoom: number, properties: Record<string, string>) => width.value.evaluate({ zoom }, { type: 2, properties }) as number;
    for (const zoom of [12, 14, 17]) {
      expect(at(zoom, { 'pmap:kind': 'major_road', highway: 'primary' })).toBeGreaterThan(at(zoom, { 'pmap:kind': 'minor_road' }));
      expect(at(zoom, { 'pmap:kind': 'minor_road' })).toBeGreaterThan(at(zoom, { 'pmap:kind': 'other', highway: 'footway' }));
    }
  });

  it('labels in the UI language, else the local name, with local fonts and no icons', () => {
    for (const [locale, want] of [
      ['zh', '佛罗伦萨'],
      ['en', 'Florence'],
    ] as const) {
      const places = vectorArchiveLayers('src', declared, locale).find((l) => l.id === 'src-places-places')!;
      const layout = places.layout as Record<string, unknown>;
      expect(layout['text-font']).toEqual(LABEL_FONTS);
      expect(Object.keys(layout).filter((k) => k.startsWith('icon-'))).toEqual([]);
      const text = createExpression(layout['text-field'], 'text-field');
      if (text.result !== 'success') throw new Error(JSON.stringify(text.value));
      const properties = { name: 'Firenze', 'name:zh': '佛罗伦萨', 'name:en': 'Florence' };
      expect(text.value.evaluate({ zoom: 10 }, { type: 1, properties })).toBe(want);
      expect(text.value.evaluate({ zoom: 10 }, { type: 1, properties: { name: 'Firenze' } })).toBe('Firenze');
    }
  });

  it("follows a current Protomaps archive's `kind` and an OpenMapTiles archive's `class` and layer names", () => {
    const protomaps = vectorArchiveLayers(
      'src',
      [
        { id: 'roads', fields: { kind: 'String', kind_detail: 'String' } },
        { id: 'buildings', fields: { kind: 'String' } },
      ],
      'en',
    );
    expect(validateStyleMin(asStyle(protomaps))).toEqual([]);
    const road = (props: Record<string, string>, layers: LayerSpecification[], sourceLayer: string) =>
      drawnByKey(layers, 'road', [{ sourceLayer, type: 2, properties: props }]).length;
    expect(road({ kind: 'major_road' }, protomaps, 'roads')).toBe(1);
    expect(road({ kind: 'rail' }, protomaps, 'roads')).toBe(0);
    expect(drawnByKey(protomaps, 'rail', [{ sourceLayer: 'roads', type: 2, properties: { kind: 'rail' } }])).toHaveLength(1);
    // Roles the archive does not declare are left out.
    expect(protomaps.some((l) => l.id.includes('-water-'))).toBe(false);

    const omt = vectorArchiveLayers(
      'src',
      [
        { id: 'transportation', fields: { class: 'String' } },
        { id: 'building', fields: {} },
        { id: 'water', fields: { class: 'String' } },
      ],
      'en',
    );
    expect(validateStyleMin(asStyle(omt))).toEqual([]);
    expect(road({ class: 'primary' }, omt, 'transportation')).toBe(1);
    expect(road({ class: 'minor' }, omt, 'transportation')).toBe(1);
    expect(drawnByKey(omt, 'buildings', [{ sourceLayer: 'building', type: 3, properties: {} }])).toHaveLength(1);
  });

  it('draws every role when the archive declares no layers', () => {
    const layers = vectorArchiveLayers('src', undefined, 'zh');
    const keys = new Set(layers.map((l) => l.id.split('-').slice(1, -1).join('-')));
    expect(keys).toEqual(
      new Set(['earth', 'land', 'water', 'waterway', 'buildings', 'rail', 'road-casing', 'road', 'boundaries', 'road-names', 'places']),
    );
  });
});
