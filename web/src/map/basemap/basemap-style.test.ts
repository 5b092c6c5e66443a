import type { BasemapSettings } from '@gridatlas/api/contract';
import { describe, expect, it } from 'vitest';
import { availableBasemaps } from './basemap-choices';
import { BASEMAP_PREFIX, basemapStyle, tiandituTiles } from './basemap-style';

const settings: BasemapSettings = {
  districtCode: '610199',
  defaultBasemap: 'pmtiles',
  pmtiles: { file: 'firenze.pmtiles', url: '/api/basemaps/files/firenze.pmtiles', attribution: '© OpenStreetMap contributors' },
  tianditu: { key: '0123456789abcdef0123456789abcdef', reviewNumber: 'GS(2024)1234号' },
  updatedAt: null,
  updatedBy: null,
};
const input = { settings, origin: 'http://localhost:8080', locale: 'zh', tiandituAttribution: '© 天地图' } as const;

describe('basemap styles', () => {
  it("builds Tianditu's Web Mercator WMTS URLs over its eight hosts with the key as tk", () => {
    const urls = tiandituTiles('img', 'abc');
    expect(urls).toHaveLength(8);
    expect(urls[3]).toBe(
      'https://t3.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc',
    );
  });

  it('draws Tianditu vector as vec + cva and imagery as img + cia, with the review number in the credit', () => {
    const vector = basemapStyle({ ...input, kind: 'tianditu-vector' });
    const sources = Object.values(vector.sources) as { tiles: string[] }[];
    expect(sources.map((s) => s.tiles[0]!.match(/\/(\w+)_w\//)![1])).toEqual(['vec', 'cva']);
    expect(vector.credit).toEqual({ attribution: '© 天地图', reviewNumber: 'GS(2024)1234号' });
    const imagery = basemapStyle({ ...input, kind: 'tianditu-imagery' });
    expect((Object.values(imagery.sources) as { tiles: string[] }[]).map((s) => s.tiles[0]!.match(/\/(\w+)_w\//)![1])).toEqual([
      'img',
      'cia',
    ]);
  });

  it('reads a vector archive through pmtiles:// with layers for what it declares, a raster one as one raster layer', () => {
    const vector = basemapStyle({
      ...input,
      kind: 'pmtiles',
      archive: { tileType: 'mvt', vectorLayers: [{ id: 'roads' }, { id: 'buildings' }] },
    });
    expect(vector.sources[`${BASEMAP_PREFIX}pmtiles`]).toMatchObject({
      type: 'vector',
      url: 'pmtiles://http://localhost:8080/api/basemaps/files/firenze.pmtiles',
    });
    expect(vector.layers.every((l) => l.id.startsWith(BASEMAP_PREFIX) && 'source' in l && l.source === `${BASEMAP_PREFIX}pmtiles`)).toBe(
      true,
    );
    expect(new Set(vector.layers.map((l) => (l as { 'source-layer': string })['source-layer']))).toEqual(
      new Set(['roads', 'transportation', 'transportation_name', 'transit', 'buildings', 'building']),
    );
    expect(vector.credit).toEqual({ attribution: '© OpenStreetMap contributors', reviewNumber: null });
    const raster = basemapStyle({ ...input, kind: 'pmtiles', archive: { tileType: 'png' } });
    expect(raster.layers).toEqual([{ id: `${BASEMAP_PREFIX}pmtiles`, type: 'raster', source: `${BASEMAP_PREFIX}pmtiles` }]);
    expect(() => basemapStyle({ ...input, kind: 'pmtiles', archive: { tileType: 'mlt' } })).toThrow(/cannot be drawn/);
  });

  it('offers what is configured, offline always first', () => {
    expect(availableBasemaps(null)).toEqual(['offline']);
    expect(availableBasemaps(settings)).toEqual(['offline', 'pmtiles', 'tianditu-vector', 'tianditu-imagery']);
    expect(availableBasemaps({ ...settings, pmtiles: null })).toEqual(['offline', 'tianditu-vector', 'tianditu-imagery']);
  });
});
